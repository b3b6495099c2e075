import { beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { loginAs, openPage, screenshot, scrollWidth, viewports } from './browser.ts';
import { apiLogin, makeGuide, publishItem } from './catalog-fixtures.ts';
import { makeIdNumber } from '../../src/server/platform/identifiers.ts';
import { usePlatformAndBrowser } from './setup.ts';

const env = usePlatformAndBrowser();

/** A small valid PDF: the server checks uploads by content, and this starts with %PDF-1.4. */
function pdf(text: string): Buffer {
  return Buffer.from(
    `%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\n% ${text}\ntrailer<</Root 1 0 R>>\n%%EOF\n`,
  );
}

/** Uploads an in-memory file into a material slot and waits until the slot shows it. */
async function upload(page: Page, key: string, name: string, bytes: Buffer): Promise<void> {
  await page.getByTestId(`upload-${key}`).setInputFiles({ name, mimeType: 'application/pdf', buffer: bytes });
  await page.getByTestId(`chosen-${key}`).filter({ hasText: name }).waitFor();
}

let code: string;
let caseId: string;
let caseNumber: string;

beforeAll(async () => {
  // A 石泉县 item of the market department with one situation, a short form and two PDF materials.
  const admin = await apiLogin(env.platform.baseUrl, 'admin1');
  const item = await publishItem(
    admin,
    'market',
    makeGuide({
      name: '办件旅程测试事项',
      questionnaire: [],
      situations: [{ key: 'limitedCompany', name: '有限责任公司设立', materialKeys: ['application', 'idCard'] }],
      materials: [
        {
          key: 'application',
          name: '企业设立登记申请书',
          source: '申请人',
          originals: 1,
          copies: 0,
          required: true,
          deferrable: false,
          fileTypes: ['pdf'],
          maxSizeMb: 10,
        },
        {
          key: 'idCard',
          name: '法定代表人身份证明',
          source: '公安机关',
          originals: 0,
          copies: 1,
          required: true,
          deferrable: false,
          fileTypes: ['pdf', 'jpg', 'png'],
          maxSizeMb: 5,
        },
      ],
      promisedLimit: { value: 5, unit: 'workday' },
      legalLimit: { value: 20, unit: 'workday' },
    }),
  );
  code = item.implementationCode;
});

describe('a case from application to acceptance', () => {
  it('citizen1 applies online with uploads and sees the case page', async () => {
    const { context, page } = await openPage(env.browser, env.platform.baseUrl);
    await loginAs(page, 'citizen1', `/items/${code}`);
    await page.getByTestId('apply-online').click();
    await page.waitForURL((url) => url.pathname === `/apply/${code}`);

    // One situation: the page starts at the form. An empty form is stopped at the fields.
    await page.getByLabel('企业名称').waitFor();
    await page.getByTestId('next-step').click();
    await page.getByText('请填写企业名称').waitFor();
    await page.getByLabel('企业名称').fill('石泉县旅程商贸有限公司');
    await page.getByLabel('法定代表人').fill('王小明');
    await page.getByLabel('注册资本（万元）').fill('50');
    await page.keyboard.press('Enter'); // Enter in a field goes to the next step

    await page.getByTestId('slot-application').waitFor();
    await page.getByTestId('next-step').click();
    await page.getByTestId('slot-error-application').filter({ hasText: '请上传此材料' }).waitFor();
    await upload(page, 'application', '申请书.pdf', pdf('application'));
    await upload(page, 'idCard', '身份证.pdf', pdf('id card'));
    await page.getByTestId('next-step').click();

    const review = page.getByTestId('apply-review');
    await review.waitFor();
    expect(await review.textContent()).toContain('石泉县旅程商贸有限公司');
    await page.getByTestId('submit-application').click();
    await page.waitForURL((url) => /^\/me\/cases\/[0-9a-f-]{36}$/.test(url.pathname));
    caseId = new URL(page.url()).pathname.split('/').pop()!;

    await page.getByTestId('submitted-banner').waitFor();
    // One status vocabulary (issue 28): a submitted case waits for acceptance, as its stage bar shows.
    expect(await page.getByTestId('case-status').first().textContent()).toBe('待受理');
    expect(await page.getByTestId('stage-accept').getAttribute('data-state')).toBe('current');
    caseNumber = (await page.getByTestId('case-number').textContent()) ?? '';
    expect(caseNumber).toMatch(/^610922\d{13}$/);
    expect(await page.getByTestId('timeline-event').count()).toBe(1);
    await screenshot(page, 'case-submitted-desktop');
    await context.close();
  });

  it('clerk1 finds it under 待受理 and issues a one-time notice for one material', async () => {
    const { context, page } = await openPage(env.browser, env.platform.baseUrl);
    await loginAs(page, 'clerk1', '/staff');
    await page.getByTestId('queue-toAccept').waitFor();
    await page.getByRole('link', { name: caseNumber }).click();
    await page.waitForURL((url) => url.pathname === `/staff/cases/${caseId}`);
    await screenshot(page, 'staff-case-desktop');

    await page.getByTestId('action-notifyDeficiency').click();
    const dialog = page.getByRole('dialog');
    await dialog.getByRole('checkbox', { name: /法定代表人身份证明/ }).check();
    await dialog.getByLabel('具体说明').fill('照片不清晰，请重新扫描');
    await dialog.getByLabel('告知说明').fill('请一次性补正以下材料');
    await page.getByTestId('dialog-submit').click();
    await dialog.waitFor({ state: 'detached' });
    await page.getByTestId('case-status').filter({ hasText: '待补正' }).waitFor();
    expect(await page.getByTestId('case-timeline').textContent()).toContain('照片不清晰');
    await context.close();
  });

  it('citizen1 supplements the listed material on a phone', async () => {
    const { context, page } = await openPage(env.browser, env.platform.baseUrl, viewports.phone);
    await loginAs(page, 'citizen1', `/me/cases/${caseId}`);
    const card = page.getByTestId('supplement-card');
    await card.waitFor();
    expect(await card.textContent()).toContain('照片不清晰');
    expect(await scrollWidth(page)).toBeLessThanOrEqual(viewports.phone.width);
    await screenshot(page, 'case-correction-phone');
    await upload(page, 'idCard', '身份证-清晰.pdf', pdf('id card, readable'));
    await page.getByTestId('submit-supplement').click();
    await card.waitFor({ state: 'detached' });
    await page.getByTestId('case-status').filter({ hasText: '待受理' }).waitFor();
    await context.close();
  });

  it('clerk1 accepts it and the case shows its promised due date', async () => {
    const { context, page } = await openPage(env.browser, env.platform.baseUrl);
    await loginAs(page, 'clerk1', `/staff/cases/${caseId}`);
    await page.getByTestId('action-accept').click();
    await page.getByTestId('dialog-submit').click();
    await page.getByRole('dialog').waitFor({ state: 'detached' });
    // Accepted, the case moves to its review step: the status says so, beside 当前环节：审查.
    await page.getByTestId('case-status').filter({ hasText: '审查中' }).waitFor();
    const due = await page.getByTestId('promised-due-on').textContent();
    expect(due).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    await screenshot(page, 'staff-case-accepted-desktop');
    await context.close();

    const citizen = await openPage(env.browser, env.platform.baseUrl);
    await loginAs(citizen.page, 'citizen1', `/me/cases/${caseId}`);
    expect(await citizen.page.getByTestId('promised-due-on').textContent()).toBe(due);
    expect(await citizen.page.getByTestId('case-documents').textContent()).toContain('受理通知书');
    await citizen.context.close();
  });
});

describe('window mode: a clerk files for a walk-in applicant and completes a 即办件 on the spot', () => {
  let immediate: string;
  beforeAll(async () => {
    const admin = await apiLogin(env.platform.baseUrl, 'admin1');
    const item = await publishItem(
      admin,
      'market',
      makeGuide({
        name: '窗口即办测试事项',
        handlingType: 'immediate',
        // A written result, no license: the clerk completes it (a license is sealed by an approver).
        result: { name: '准予备案通知书', type: 'document' },
        questionnaire: [],
        situations: [{ key: 'limitedCompany', name: '有限责任公司', materialKeys: ['application'] }],
        materials: [
          {
            key: 'application',
            name: '申请书',
            source: '申请人',
            originals: 1,
            copies: 0,
            required: true,
            deferrable: false,
            fileTypes: ['pdf'],
            maxSizeMb: 10,
          },
        ],
        promisedLimit: { value: 0, unit: 'workday' },
        legalLimit: { value: 20, unit: 'workday' },
      }),
    );
    immediate = item.implementationCode;
  });

  it('clerk1 finds the item at 窗口收件, enters the applicant, scans the material, submits and completes it', async () => {
    const { context, page } = await openPage(env.browser, env.platform.baseUrl);
    await loginAs(page, 'clerk1', '/staff');
    const intake = page.getByTestId('window-intake');
    await intake.getByLabel('查找事项').fill('窗口即办测试事项');
    await intake.getByLabel('查找事项').press('Enter');
    await intake.getByTestId('intake-apply').first().click();
    await page.waitForURL((url) => url.pathname === `/apply/${immediate}`);

    await page.getByLabel('申请人姓名').fill('赵老汉');
    await page.getByLabel('申请人身份证号码').fill(makeIdNumber({ regionCode: '610922', birthDate: '19480506', sequence: 317 }));
    await page.getByLabel('申请人手机号码').fill('13800009999');
    await page.getByLabel('企业名称').fill('石泉县窗口即办商贸有限公司');
    await page.getByLabel('法定代表人').fill('赵老汉');
    await page.getByLabel('注册资本（万元）').fill('10');
    await page.getByTestId('next-step').click();
    await upload(page, 'application', '扫描件.pdf', pdf('scanned at the window'));
    await page.getByTestId('next-step').click();
    await page.getByTestId('apply-review').waitFor();
    await page.getByTestId('submit-application').click();
    await page.waitForURL((url) => /^\/staff\/cases\/[0-9a-f-]{36}$/.test(url.pathname));

    // The case is the walk-in applicant's (masked), filed at the window; 即办 completes it now.
    await page.getByTestId('case-status').filter({ hasText: '待受理' }).waitFor();
    expect(await page.locator('main').textContent()).toContain('赵*');
    await page.getByTestId('action-handleImmediately').click();
    await page.getByTestId('dialog-submit').click();
    await page.getByRole('dialog').waitFor({ state: 'detached' });
    await page
      .getByTestId('case-status')
      .filter({ hasText: /已办结|已出证/ })
      .waitFor();
    await screenshot(page, 'window-immediate-completed');
    await context.close();
  });
});
