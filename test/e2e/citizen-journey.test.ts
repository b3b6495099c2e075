import * as OTPAuth from 'otpauth';
import { describe, expect, it } from 'vitest';
import { makeIdNumber } from '../../src/shared/identifiers.ts';
import { fillLogin, openPage, screenshot, waitForApp } from './browser.ts';
import { usePlatformAndBrowser } from './setup.ts';

const env = usePlatformAndBrowser();

describe('a citizen', () => {
  it('logs in, sees the masked name, uses care mode and English, and logs out', async () => {
    const { context, page } = await openPage(env.browser, env.platform.baseUrl);
    await page.goto('/me');
    await page.waitForURL((url) => url.pathname === '/login' && url.searchParams.get('next') === '/me');
    await fillLogin(page, 'citizen1');
    await page.waitForURL((url) => url.pathname === '/me');

    const name = page.getByTestId('person-name');
    await name.waitFor();
    expect(await name.textContent()).toContain('*');
    await screenshot(page, 'me-desktop-zh');

    const fontSize = () => name.evaluate((element) => parseFloat(getComputedStyle(element).fontSize));
    const before = await fontSize();
    await page.getByRole('switch', { name: '关怀模式' }).click();
    await expect.poll(fontSize, { timeout: 10_000 }).toBeGreaterThanOrEqual(18);
    expect(await fontSize()).toBeGreaterThan(before);
    await screenshot(page, 'me-care-mode');

    await page.getByText('English', { exact: true }).click();
    await page.getByRole('button', { name: 'English', pressed: true }).waitFor();
    await page.getByRole('heading', { level: 1, name: 'My account' }).waitFor();
    await page.getByText('Verified identity').waitFor();
    await page.getByRole('switch', { name: 'Care mode' }).click();
    await expect.poll(fontSize, { timeout: 10_000 }).toBe(before);
    await page.waitForTimeout(400); // let antd's transitions settle before the picture
    await screenshot(page, 'me-desktop-en');

    await page.getByRole('button', { name: 'Log out' }).click();
    await page.waitForURL((url) => url.pathname === '/');
    await page.getByRole('link', { name: 'Log in', exact: true }).waitFor();
    expect(await page.getByText('Log out').count()).toBe(0);
    await context.close();
  });

  it('is told in Chinese that the password is wrong and stays on /login', async () => {
    const { context, page } = await openPage(env.browser, env.platform.baseUrl);
    await page.goto('/login');
    await fillLogin(page, 'citizen1', 'wrong-password-1');
    await page.getByTestId('login-error').filter({ hasText: '用户名或密码错误' }).waitFor();
    expect(new URL(page.url()).pathname).toBe('/login');
    await screenshot(page, 'login-wrong-password');

    await page.getByText('English', { exact: true }).click();
    await page.getByRole('button', { name: 'Log in' }).click();
    await page.getByTestId('login-error').filter({ hasText: 'Wrong username or password' }).waitFor();
    await context.close();
  });

  it('logs in with the keyboard only and sees where the focus is', async () => {
    const { context, page } = await openPage(env.browser, env.platform.baseUrl);
    await page.goto('/');
    await waitForApp(page);
    const skipLink = page.getByRole('link', { name: '跳到主要内容' });
    await skipLink.waitFor({ state: 'attached' });
    await page.keyboard.press('Tab');
    expect(await skipLink.evaluate((element) => element === document.activeElement)).toBe(true);
    const outline = await skipLink.evaluate((element) => getComputedStyle(element).outlineStyle);
    expect(outline).not.toBe('none');

    await page.goto('/login?next=%2Fme');
    await page.getByLabel('用户名').waitFor();
    expect(await page.getByLabel('用户名').evaluate((element) => element === document.activeElement)).toBe(true);
    await page.keyboard.type('citizen1');
    await page.keyboard.press('Tab');
    await page.keyboard.type('Tongban@2026');
    await page.keyboard.press('Enter');
    await page.waitForURL((url) => url.pathname === '/me');
    await page.getByTestId('person-name').waitFor();
    await context.close();
  });

  it('asks a staff member created through the API for the one-time code, and logs in with the real TOTP', async () => {
    const api = async (path: string, init: { method?: string; token?: string; body?: unknown } = {}) => {
      const res = await fetch(`${env.platform.baseUrl}${path}`, {
        method: init.method ?? 'GET',
        headers: { 'content-type': 'application/json', ...(init.token ? { authorization: `Bearer ${init.token}` } : {}) },
        body: init.body === undefined ? undefined : JSON.stringify(init.body),
      });
      return { status: res.status, json: await res.json() };
    };
    const sec = (await api('/api/v1/auth/login', { method: 'POST', body: { username: 'secadmin1', password: 'Tongban@2026' } })).json
      .token as string;
    const departments = (await api('/api/v1/departments?regionCode=610922&pageSize=100')).json.items as { id: string; key: string }[];
    const created = await api('/api/v1/staff', {
      method: 'POST',
      token: sec,
      body: {
        username: 'clerk_totp',
        displayName: '动态码受理员',
        departmentId: departments.find((d) => d.key === 'market')!.id,
        roles: ['clerk'],
      },
    });
    expect(created.status).toBe(201);
    // The holder activates it with the one-time code: their TOTP secret and password.
    const code = created.json.activation.code as string;
    const started = await api('/api/v1/auth/activation', { method: 'POST', body: { username: 'clerk_totp', code } });
    const totp = OTPAuth.URI.parse(started.json.otpauthUri) as OTPAuth.TOTP;
    const done = await api('/api/v1/auth/activation/complete', {
      method: 'POST',
      body: { username: 'clerk_totp', code, password: 'Clerk#2026x', totp: totp.generate() },
    });
    expect(done.status).toBe(200);

    const { context, page } = await openPage(env.browser, env.platform.baseUrl);
    await page.goto('/login?next=%2Fstaff');
    await fillLogin(page, 'clerk_totp', 'Clerk#2026x');
    const field = page.getByLabel('动态验证码');
    await field.waitFor();
    // Each code works once and activation used this period's: the next period's code (±1 period of drift is accepted).
    await field.fill(totp.generate({ timestamp: Date.now() + 30_000 }));
    await page.getByRole('button', { name: /登\s*录/ }).click();
    await page.waitForURL((url) => url.pathname === '/staff');
    await page.getByText('石泉县市场监督管理局').first().waitFor();
    await context.close();
  });

  it('registers with real name and SMS code, then logs in', async () => {
    const { context, page } = await openPage(env.browser, env.platform.baseUrl);
    await page.goto('/register');
    const phone = '13900139017';
    await page.getByLabel('用户名').fill('e2e_wang');
    await page.getByLabel('密码').fill('Tongban@2026');
    await page.getByLabel('姓名').fill('王小明');
    // The web checks GB 11643 with the server's own function (src/shared): a lower-case x is refused there too.
    const idNumber = makeIdNumber({ regionCode: '610922', birthDate: '19900110', sequence: 9 });
    expect(idNumber.endsWith('X')).toBe(true);
    await page.getByLabel('居民身份证号码').fill(idNumber.toLowerCase());
    await page.getByLabel('手机号码').focus();
    await page.locator('.ant-form-item-explain-error', { hasText: '身份证号码格式或校验位不正确' }).waitFor();
    await page.getByLabel('居民身份证号码').fill(idNumber);
    await page.locator('.ant-form-item-explain-error', { hasText: '身份证号码格式或校验位不正确' }).waitFor({ state: 'detached' });
    await page.getByLabel('手机号码').fill(phone);
    await page.getByRole('button', { name: '获取验证码' }).click();
    await page.getByRole('button', { name: /秒后重发/ }).waitFor();
    const code = await waitForSmsCode(env.platform.baseUrl, phone);
    await page.getByLabel('短信验证码').fill(code);
    await page.getByRole('button', { name: /注\s*册/ }).click();
    await page.waitForURL((url) => url.pathname === '/login' && url.searchParams.get('registered') === '1');
    expect(await page.getByLabel('用户名').inputValue()).toBe('e2e_wang');
    await screenshot(page, 'register-done');
    await page.getByLabel('密码', { exact: true }).fill('Tongban@2026');
    await page.getByRole('button', { name: /登\s*录/ }).click();
    await page.waitForURL((url) => url.pathname === '/me');
    expect(await page.getByTestId('person-name').textContent()).toMatch(/^王\*+$/);
    await context.close();
  });
});

/** Reads the newest 6-digit code from the SMS sink's log line (JSON, field `sms`) in the platform output. */
/** The demo's SMS outbox (it has no gateway, and codes never go to the log): the newest code sent to the phone. */
async function waitForSmsCode(baseUrl: string, phone: string): Promise<string> {
  for (let attempt = 0; attempt < 60; attempt += 1) {
    const res = await fetch(`${baseUrl}/api/v1/demo/sms?phone=${phone}`);
    const items = ((await res.json()) as { items?: { body: string }[] }).items ?? [];
    const code = items[0]?.body.match(/验证码为(\d{6})/)?.[1];
    if (code) return code;
    await new Promise((done) => setTimeout(done, 250));
  }
  throw new Error('no SMS code reached the demo outbox');
}
