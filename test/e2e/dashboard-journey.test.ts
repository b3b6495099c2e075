import { beforeAll, describe, expect, it } from 'vitest';
import { loginAs, openPage, screenshot, scrollWidth, viewports } from './browser.ts';
import { apiLogin, makeGuide, publishItem, type ApiClient } from './catalog-fixtures.ts';
import { usePlatformAndBrowser } from './setup.ts';

/**
 * 好差评 → 监督看板: citizen1's 即办件 is completed at the window, citizen1 rates it badly on the case
 * page, and supervisor1 finds the rating on the dashboard's bad-rating board, next to the
 * indicators (with their definitions as tooltips) and the demo history the start-up generated.
 */
const env = usePlatformAndBrowser();

const COMMENT = `看板旅程：窗口让我等了一个多小时 ${Date.now() % 100000}`;
let caseId: string;

async function act(client: ApiClient, id: string, action: string, body: Record<string, unknown> = {}) {
  const current = await client.call<{ version: number }>('GET', `/api/v1/cases/${id}`);
  const res = await client.call<{ status: string }>('POST', `/api/v1/cases/${id}/${action}`, { version: current.json.version, ...body });
  if (res.status !== 200) throw new Error(`${action}: ${res.status} ${JSON.stringify(res.json)}`);
  return res.json;
}

beforeAll(async () => {
  const base = env.platform.baseUrl;
  const admin = await apiLogin(base, 'admin1');
  // A 即办件 with no materials: applied for online, done on the spot by the clerk.
  const item = await publishItem(
    admin,
    'market',
    makeGuide({
      name: '看板旅程测试证明开具',
      itemType: '07',
      handlingType: 'immediate',
      promisedLimit: { value: 0, unit: 'workday' },
      legalLimit: { value: 5, unit: 'workday' },
      serviceObjects: ['person'],
      result: { name: '证明', type: 'document' },
      questionnaire: [],
      situations: [{ key: 'apply', name: '申请开具', materialKeys: [] }],
      materials: [],
      form: [{ key: 'remarks', label: '申请事项说明', type: 'text', required: false, maxLength: 200 }],
    }),
  );
  const citizen = await apiLogin(base, 'citizen1');
  const applied = await citizen.call<{ id: string }>('POST', '/api/v1/cases', {
    itemCode: item.implementationCode,
    situationKey: 'apply',
    formData: { remarks: '开具证明' },
    materials: [],
    conditionCommitments: [],
    submit: true,
  });
  if (applied.status !== 201) throw new Error(`apply: ${applied.status} ${JSON.stringify(applied.json)}`);
  caseId = applied.json.id;
  const clerk = await apiLogin(base, 'clerk1');
  await act(clerk, caseId, 'claim');
  const done = await act(clerk, caseId, 'handle-immediately', { text: '当场办结' });
  expect(done.status).toBe('completed');
});

describe('a bad rating reaches the supervision dashboard', () => {
  it('citizen1 rates the completed case 非常不满意 with a reason', async () => {
    const { context, page } = await openPage(env.browser, env.platform.baseUrl);
    await loginAs(page, 'citizen1', `/me/cases/${caseId}`);
    await page.getByTestId('rate-case').click();
    await page.getByTestId('rating-form').waitFor();
    await page.getByTestId('score-1').click();
    await page.getByTestId('tag-slow').click();
    await page.getByTestId('rating-comment').fill(COMMENT);
    await page.getByTestId('rating-submit').click();
    await page.getByTestId('my-rating').filter({ hasText: COMMENT }).waitFor();
    await context.close();
  });

  it('supervisor1 opens /dashboard and finds it on the bad-rating board, with indicators, targets and history', async () => {
    const { context, page } = await openPage(env.browser, env.platform.baseUrl);
    await loginAs(page, 'supervisor1', '/dashboard');
    await page.getByRole('heading', { name: '效能监督看板' }).waitFor();
    expect(await page.getByTestId('dashboard-region').textContent()).toBe('石泉县');

    const board = page.getByTestId('bad-rating-board');
    const mine = board.getByTestId('bad-rating').filter({ hasText: COMMENT });
    await mine.waitFor();
    expect(await mine.textContent()).toContain('非常不满意');
    expect(await mine.textContent()).toContain('看板旅程测试证明开具');

    // A catalog figure (the seed's 473 of 726, plus the 零跑动 item published above) with its definition as a tooltip.
    const oneVisit = page.getByTestId('indicator-atMostOneVisitShare');
    await oneVisit.filter({ hasText: '474 / 727' }).waitFor();
    expect(await oneVisit.textContent()).toContain(`${((474 / 727) * 100).toFixed(2)}%`);
    await oneVisit.locator('.tb-indicator-name').hover();
    await page.getByRole('tooltip').filter({ hasText: '到现场次数不超过 1 次' }).waitFor();

    // The history generated at start-up: cases this year, a trend, townships, rankings.
    const received = await page.getByTestId('indicator-received').textContent();
    expect(Number((received ?? '').replace(/[^0-9]/g, ''))).toBeGreaterThan(1000);
    await page.getByRole('img', { name: '趋势' }).waitFor();
    await page.getByText('工作人员排行').waitFor();
    await screenshot(page, 'dashboard-desktop');
    await context.close();
  });

  it('admin1 sets a 满意率 target and the dashboard judges it; the demo targets show met or missed', async () => {
    const { context, page } = await openPage(env.browser, env.platform.baseUrl);
    await loginAs(page, 'admin1', '/dashboard');
    // The demo history sets this year's targets as 德昌县 set them in 2021.
    await page.getByTestId('indicator-atMostOneVisitShare').filter({ hasText: '≥ 95%' }).filter({ hasText: '未达标' }).waitFor();
    await page.getByTestId('set-target').click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('指标').fill('满意率');
    await page.keyboard.press('Enter');
    await dialog.getByLabel('目标值（%）').fill('90');
    await dialog.getByRole('button', { name: /保\s*存/ }).click();
    await page.getByText('考核目标已保存').waitFor();
    const satisfaction = page.getByTestId('indicator-satisfactionRate');
    await satisfaction.filter({ hasText: '≥ 90%' }).filter({ hasText: '达标' }).waitFor();
    await context.close();
  });

  it('fits a 375 px phone and is closed to citizens', async () => {
    const { context, page } = await openPage(env.browser, env.platform.baseUrl, viewports.phone);
    await loginAs(page, 'supervisor1', '/dashboard');
    await page.getByTestId('bad-rating-board').getByTestId('bad-rating').filter({ hasText: COMMENT }).waitFor();
    expect(await scrollWidth(page)).toBeLessThanOrEqual(viewports.phone.width);
    await screenshot(page, 'dashboard-phone');
    await context.close();

    const other = await openPage(env.browser, env.platform.baseUrl);
    await loginAs(other.page, 'citizen1', '/dashboard');
    await other.page.getByText('监督看板仅向本地区的监督人员和系统管理员开放。').waitFor();
    await other.context.close();
  });
});
