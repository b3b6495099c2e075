import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { BrowserContext, Page } from 'playwright-core';
import { DEMO_PASSWORD, loginAs, openPage, scrollWidth, viewports, waitForApp } from './browser.ts';
import { apiLogin, makeGuide, publishItem } from './catalog-fixtures.ts';
import { repoRoot } from './server.ts';
import { usePlatformAndBrowser } from './setup.ts';

const env = usePlatformAndBrowser();

/** This journey's screenshots (gitignored): 我的证照, the 亮证 dialog, the verify page valid and revoked. */
const screensDir = join(repoRoot, '.tmp', 'screens');

async function screenshot(page: Page, name: string, fullPage = true): Promise<void> {
  mkdirSync(screensDir, { recursive: true });
  // Let a dialog finish its opening animation (antd zooms it in).
  await page.waitForFunction(() => !document.querySelector('.ant-zoom-appear, .ant-zoom-enter, .ant-fade-appear, .ant-fade-enter'));
  await page.screenshot({ path: join(screensDir, `${name}.png`), fullPage });
}

/** A small valid PDF (the server judges uploads by content). */
function pdf(text: string): Buffer {
  return Buffer.from(
    `%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\n% ${text}\ntrailer<</Root 1 0 R>>\n%%EOF\n`,
  );
}

type Json = Record<string, any>;

/** A bearer-token API session that can also upload a material (multipart). */
async function session(username: string) {
  const baseUrl = env.platform.baseUrl;
  const login = await fetch(`${baseUrl}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password: DEMO_PASSWORD }),
  });
  expect(login.status, `login ${username}`).toBe(200);
  const token = ((await login.json()) as { token: string }).token;
  const send = async (method: string, path: string, body?: BodyInit, headers: Record<string, string> = {}) => {
    const res = await fetch(`${baseUrl}${path}`, { method, headers: { authorization: `Bearer ${token}`, ...headers }, body });
    const text = await res.text();
    return { status: res.status, json: (text ? JSON.parse(text) : {}) as Json };
  };
  return {
    token,
    call: (method: string, path: string, body?: unknown) =>
      send(
        method,
        path,
        body === undefined ? undefined : JSON.stringify(body),
        body === undefined ? {} : { 'content-type': 'application/json' },
      ),
    upload: async (name: string, bytes: Buffer): Promise<string> => {
      const form = new FormData();
      form.append('file', new Blob([new Uint8Array(bytes)], { type: 'application/pdf' }), name);
      const res = await send('POST', '/api/v1/materials', form);
      expect(res.status, JSON.stringify(res.json)).toBe(201);
      return res.json.id as string;
    },
  };
}
type Session = Awaited<ReturnType<typeof session>>;

/** Posts a case action with the case's version and returns the updated case. */
async function act(who: Session, c: Json, action: string, body: Json = {}): Promise<Json> {
  const res = await who.call('POST', `/api/v1/cases/${c.id}/${action}`, { version: c.version, ...body });
  expect(res.status, `${action}: ${JSON.stringify(res.json)}`).toBe(200);
  return res.json;
}

const material = (key: string, name: string, extra: Json = {}) => ({
  key,
  name,
  source: '申请人',
  originals: 1,
  copies: 0,
  required: true,
  deferrable: false,
  fileTypes: ['pdf'],
  maxSizeMb: 10,
  ...extra,
});

let citizen: Session;
let identifier: string;
let licenseCaseId: string;

/** Opens a page as nobody (no login), optionally on a phone and in care mode. */
async function anonymous(
  viewport: { width: number; height: number } = viewports.desktop,
  care = false,
): Promise<{ context: BrowserContext; page: Page }> {
  const opened = await openPage(env.browser, env.platform.baseUrl, viewport);
  if (care) await opened.context.addInitScript(() => localStorage.setItem('tongban.careMode', '1'));
  return opened;
}

beforeAll(async () => {
  // An item of 石泉县市场监督管理局 whose result is the 营业执照; citizen1 applies and the three staff decide it.
  const admin = await apiLogin(env.platform.baseUrl, 'admin1');
  const item = await publishItem(
    admin,
    'market',
    makeGuide({
      name: '证照旅程测试事项',
      questionnaire: [],
      situations: [{ key: 'limitedCompany', name: '有限责任公司设立', materialKeys: ['application', 'articles'] }],
      materials: [material('application', '企业设立登记申请书'), material('articles', '公司章程')],
      result: { name: '营业执照', type: 'license', licenseType: '营业执照' },
    }),
  );
  citizen = await session('citizen1');
  const materials = [
    { requirementKey: 'application', materialId: await citizen.upload('申请书.pdf', pdf('application')) },
    { requirementKey: 'articles', materialId: await citizen.upload('章程.pdf', pdf('articles')) },
  ];
  const created = await citizen.call('POST', '/api/v1/cases', {
    itemCode: item.implementationCode,
    situationKey: 'limitedCompany',
    submit: true,
    materials,
    formData: {
      companyName: '石泉县证照旅程商贸有限公司',
      legalRep: '王小明',
      capital: 50,
      domicile: '石泉县城关镇江南路8号',
      businessScope: '日用百货零售',
    },
  });
  expect(created.status, JSON.stringify(created.json)).toBe(201);
  let c = created.json;
  c = await act(await session('clerk1'), c, 'accept');
  c = await act(await session('reviewer1'), c, 'review', { opinion: 'approve', comment: '材料齐全，同意' });
  const approver = await session('approver1');
  c = await act(approver, c, 'decide', { decision: 'approved' });
  c = await act(approver, c, 'complete');
  expect(c.status).toBe('issued');
  identifier = c.timeline.at(-1).data.license;
  expect(identifier).toMatch(/^1\.2\.156\.3005\.2\./);
  licenseCaseId = c.id;
});

describe('an electronic license from issue to revocation', () => {
  it('citizen1 sees 营业执照 有效 under 我的证照 and shows it with a QR code (亮证)', async () => {
    const { context, page } = await openPage(env.browser, env.platform.baseUrl);
    await loginAs(page, 'citizen1', '/me/licenses');
    const card = page.locator(`[data-testid="license-card"][data-identifier="${identifier}"]`);
    await card.waitFor();
    expect(await card.getByRole('heading').textContent()).toBe('营业执照');
    expect(await card.getByTestId('license-status').textContent()).toBe('有效');
    expect(await card.textContent()).toContain('石泉县市场监督管理局');
    // The 核验码 the holder gives a verifier (also printed on the license).
    expect(await card.getByTestId('license-verify-code').textContent()).toMatch(/^[0-9A-HJKMNP-TV-Z]{5}-[0-9A-HJKMNP-TV-Z]{5}$/);
    await screenshot(page, 'licenses-desktop');

    await card.getByTestId('license-present').click();
    const dialog = page.getByTestId('present-dialog');
    await dialog.getByTestId('qr-code').waitFor();
    expect(await dialog.getByTestId('present-countdown').textContent()).toMatch(/二维码 0[45]:\d\d 后失效/);
    const firstLink = await dialog.getByTestId('present-open').getAttribute('href');
    expect(firstLink).toMatch(/^\/verify\/present\/[\w-]{20,}$/);
    await screenshot(page, 'license-present-dialog-desktop', false);

    // 刷新 makes a new code; the verifier who scans it sees the license valid, without logging in.
    await page.getByTestId('present-refresh').click();
    await page.waitForFunction((old) => document.querySelector('[data-testid="present-open"]')?.getAttribute('href') !== old, firstLink);
    const link = (await dialog.getByTestId('present-open').getAttribute('href'))!;
    const verifier = await anonymous(viewports.phone);
    await verifier.page.goto(link);
    expect(await verifier.page.getByTestId('verify-verdict').textContent()).toBe('有效');
    expect(await verifier.page.getByTestId('verify-result').textContent()).toContain('亮证码有效至');
    await verifier.context.close();

    // The applicant's case links its license to the verification page.
    await page.keyboard.press('Escape');
    await page.goto(`/me/cases/${licenseCaseId}`);
    await page.getByTestId('timeline-license').getByRole('link', { name: '核验这份证照' }).waitFor();
    expect(await page.getByTestId('next-step-note').textContent()).toContain('电子证照已签发');
    await screenshot(page, 'license-case-issued-desktop');
    await context.close();
  });

  it('on a phone in care mode, 我的证照 and the 亮证 dialog fit 375 px', async () => {
    const { context, page } = await openPage(env.browser, env.platform.baseUrl, viewports.phone);
    await context.addInitScript(() => localStorage.setItem('tongban.careMode', '1'));
    await loginAs(page, 'citizen1', '/me/licenses');
    const card = page.locator(`[data-testid="license-card"][data-identifier="${identifier}"]`);
    await card.waitFor();
    expect(await scrollWidth(page)).toBeLessThanOrEqual(viewports.phone.width);
    await screenshot(page, 'licenses-phone-care');
    await card.getByTestId('license-present').click();
    await page.getByTestId('present-dialog').getByTestId('qr-code').waitFor();
    await screenshot(page, 'license-present-dialog-phone-care', false);
    await context.close();
  });

  it('staff open a license that stood in for a material (用证), and the holder sees the use', async () => {
    // A second item needs a 营业执照: citizen1's valid license stands in for it (免提交).
    const admin = await apiLogin(env.platform.baseUrl, 'admin1');
    const item = await publishItem(
      admin,
      'market',
      makeGuide({
        name: '证照复用测试事项',
        questionnaire: [],
        situations: [{ key: 'general', name: '变更登记', materialKeys: ['application', 'businessLicense'] }],
        materials: [
          material('application', '变更登记申请书'),
          material('businessLicense', '营业执照', { source: '市场监管部门', replacedByLicenseType: '营业执照' }),
        ],
        result: { name: '准予变更登记通知书', type: 'document' },
      }),
    );
    const created = await citizen.call('POST', '/api/v1/cases', {
      itemCode: item.implementationCode,
      situationKey: 'general',
      submit: true,
      materials: [{ requirementKey: 'application', materialId: await citizen.upload('变更申请书.pdf', pdf('change')) }],
      formData: {
        companyName: '石泉县证照旅程商贸有限公司',
        legalRep: '王小明',
        capital: 80,
        domicile: '石泉县城关镇江南路8号',
        businessScope: '日用百货零售',
      },
    });
    expect(created.status, JSON.stringify(created.json)).toBe(201);
    const caseId = created.json.id as string;

    const applicant = await openPage(env.browser, env.platform.baseUrl);
    await loginAs(applicant.page, 'citizen1', `/me/cases/${caseId}`);
    expect(await applicant.page.getByTestId('material-license-businessLicense').textContent()).toContain('已由电子证照免提交');

    const { context, page } = await openPage(env.browser, env.platform.baseUrl);
    await loginAs(page, 'clerk1', `/staff/cases/${caseId}`);
    // The materials viewer shows one material at a time: pick the one met by the license.
    await page.getByTestId('viewer-item-businessLicense').click();
    const slot = page.getByTestId('material-license-businessLicense');
    expect(await slot.textContent()).toContain('免提交：电子营业执照');
    await slot.getByTestId('view-license').click();
    const dialog = page.getByTestId('case-license-dialog');
    await dialog.getByText('本次查看已记录', { exact: false }).waitFor();
    await dialog.getByText(identifier).waitFor();
    await screenshot(page, 'license-staff-use-desktop', false);
    await context.close();

    await applicant.page.goto('/me/licenses');
    await applicant.page.locator(`[data-testid="license-card"][data-identifier="${identifier}"]`).getByTestId('license-uses-open').click();
    const uses = applicant.page.getByTestId('license-uses');
    await uses.waitFor();
    expect(await uses.getByRole('listitem').count()).toBe(1);
    expect(await uses.textContent()).toContain(created.json.number as string);
    await applicant.context.close();
  });

  it('the verify home checks an uploaded PDF with its signature file, and names a tampered file', async () => {
    const download = async (kind: 'pdf' | 'signature') => {
      const res = await fetch(`${env.platform.baseUrl}/api/v1/licenses/${encodeURIComponent(identifier)}/${kind}`, {
        headers: { authorization: `Bearer ${citizen.token}` },
      });
      expect(res.status).toBe(200);
      return Buffer.from(await res.arrayBuffer());
    };
    const original = await download('pdf');
    const signature = await download('signature');
    const { context, page } = await anonymous(viewports.phone);
    await page.goto('/verify');
    await waitForApp(page);
    // The file check is for technical staff: folded away on the plain-words page (issue 28.4).
    await page.getByText('给技术人员：文件核验和离线核验').click();
    await page.getByTestId('verify-files-submit').click();
    await page.getByText('请选择电子证照 PDF').waitFor();
    await page.getByTestId('verify-pdf').setInputFiles({ name: 'license.pdf', mimeType: 'application/pdf', buffer: original });
    await page
      .getByTestId('verify-signature')
      .setInputFiles({ name: 'license.sig', mimeType: 'application/octet-stream', buffer: signature });
    await page.getByTestId('verify-files-submit').click();
    expect(await page.getByTestId('verify-verdict').textContent()).toBe('有效');

    const tampered = Buffer.from(original);
    tampered[tampered.length - 20] ^= 0x01;
    await page.getByTestId('verify-pdf').setInputFiles({ name: 'license-edited.pdf', mimeType: 'application/pdf', buffer: tampered });
    await page.getByTestId('verify-files-submit').click();
    await page.getByTestId('verify-verdict').filter({ hasText: '无效' }).waitFor();
    expect(await page.getByTestId('verify-reasons').textContent()).toContain('文件被篡改（哈希不符）');
    expect(await scrollWidth(page)).toBeLessThanOrEqual(viewports.phone.width);
    await screenshot(page, 'license-verify-upload-tampered-phone');
    await context.close();
  });

  it('anyone verifies it by its identifier: 有效, then 无效 once the approver revokes it', async () => {
    const desktop = await anonymous();
    // The address printed in the license's QR code; it ends in ".<check character>", which must not be taken for a file.
    const response = await desktop.page.goto(`/verify/${identifier}`);
    expect(response?.status(), 'the server serves the application for /verify/<identifier>').toBe(200);
    const verdict = desktop.page.getByTestId('verify-verdict');
    expect(await verdict.textContent()).toBe('有效');
    expect(await desktop.page.getByTestId('verify-result').getAttribute('data-valid')).toBe('true');
    expect(await desktop.page.getByTestId('verify-facts').textContent()).toContain('营业执照');
    expect(await desktop.page.locator('[data-testid="verify-checks"] [data-ok="false"]').count()).toBe(0);
    // Without the 核验码 the page names no holder; with it (as the printed QR code carries it), the masked name.
    const held = (await citizen.call('GET', '/api/v1/licenses')).json.items.find((x: Json) => x.identifier === identifier);
    expect(await desktop.page.getByTestId('verify-facts').textContent()).not.toContain(held.holderName);
    expect(await desktop.page.getByTestId('verify-facts').textContent()).toContain('输入证照上印制的核验码后显示');
    await desktop.page.goto(`/verify/${identifier}?code=${held.verifyCode}`);
    await desktop.page.getByTestId('verify-facts').filter({ hasText: held.holderName }).waitFor();
    await screenshot(desktop.page, 'license-verify-valid-desktop');

    const phone = await anonymous(viewports.phone);
    await phone.page.goto(`/verify/${identifier}`);
    expect(await phone.page.getByTestId('verify-verdict').textContent()).toBe('有效');
    expect(await scrollWidth(phone.page)).toBeLessThanOrEqual(viewports.phone.width);
    await screenshot(phone.page, 'license-verify-valid-phone');

    const approver = await session('approver1');
    const revoked = await approver.call('POST', `/api/v1/licenses/${encodeURIComponent(identifier)}/revoke`, {
      reason: '以欺骗手段取得登记',
    });
    expect(revoked.status, JSON.stringify(revoked.json)).toBe(200);

    await desktop.page.reload();
    await desktop.page.getByTestId('verify-result').and(desktop.page.locator('[data-valid="false"]')).waitFor();
    expect(await verdict.textContent()).toBe('无效');
    expect(await desktop.page.getByTestId('verify-reasons').textContent()).toContain('证照已被吊销');
    expect(await desktop.page.locator('[data-testid="verify-checks"] [data-check="status"]').getAttribute('data-ok')).toBe('false');
    await screenshot(desktop.page, 'license-verify-revoked-desktop');
    await desktop.context.close();

    const care = await anonymous(viewports.phone, true);
    await care.page.goto(`/verify/${identifier}`);
    expect(await care.page.getByTestId('verify-verdict').textContent()).toBe('无效');
    expect(await scrollWidth(care.page)).toBeLessThanOrEqual(viewports.phone.width);
    await screenshot(care.page, 'license-verify-revoked-phone-care');
    await care.context.close();
    await phone.context.close();
  });

  it('the verify home checks an identifier typed in and offers the seal maker certificate', async () => {
    const { context, page } = await anonymous(viewports.phone);
    await page.goto('/');
    await page.getByRole('contentinfo').getByRole('link', { name: '证照核验' }).click();
    await page.waitForURL((url) => url.pathname === '/verify');
    await waitForApp(page);
    expect(await page.getByTestId('seal-maker-certificate').getAttribute('href')).toBe('/api/v1/seal-maker/certificate');
    const wrong = identifier.slice(0, -1) + (identifier.endsWith('A') ? 'B' : 'A');
    await page.getByTestId('verify-id-input').fill(wrong);
    await page.keyboard.press('Enter');
    await page.getByTestId('verify-verdict').filter({ hasText: '无效' }).waitFor();
    expect(await page.getByTestId('verify-reasons').textContent()).toContain('标识校验位错误');
    expect(await scrollWidth(page)).toBeLessThanOrEqual(viewports.phone.width);
    await page.goto('/verify');
    await waitForApp(page);
    await page.getByTestId('verify-id-input').waitFor();
    await screenshot(page, 'license-verify-home-phone');
    await context.close();
  });
});
