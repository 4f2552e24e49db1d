import path from 'node:path';
import { request } from '@playwright/test';
import { expect, test, type Page } from '../support/test.ts';
import { chooseOption } from '../support/cases.ts';
import { expectNoHorizontalOverflow, fillLogin, loginAs, SCREENSHOTS } from '../support/journey.ts';

// Story (issue #10 item 4): the county admin of 乐业县 opens 用户管理 and creates an account for a
// new grid worker of 马庄村, who must choose their own password at the first login. The grid worker
// signs in with the initial password, can do nothing but change it, changes it, and works. When the
// worker leaves, the admin disables the account: the worker's open session ends at once.
// The demo banner (演示环境) is on every page, the login and the public application form included.

const USERNAME = 'grid-mazhuang-e2e';
const INITIAL = 'Mazhuang-start-2026';
const CHOSEN = 'Bridge by the river 9';

async function openUsers(page: Page) {
  await page.getByTestId('nav-users').click();
  await expect(page).toHaveURL(/\/admin\/users/);
  await expect(page.getByTestId('users-page')).toBeVisible();
  await expect(page.getByTestId('user-row').first()).toBeVisible();
}

const rowOf = (page: Page, username: string) => page.locator(`[data-testid="user-row"][data-username="${username}"]`);

/**
 * Opens an account's 更多 menu, picks `action` and confirms once the dialog asks the question
 * `title` (a click while the menu still slides in can land on its neighbour — 要求修改密码 under
 * 重置密码 — whose dialog has the same confirm button: then cancel and pick again).
 */
async function userAction(page: Page, username: string, action: string, title: RegExp): Promise<void> {
  const dialog = page.locator('.ant-modal-confirm');
  await expect(async () => {
    if ((await dialog.count()) > 0) await page.getByRole('button', { name: '取消' }).click();
    await expect(dialog).toHaveCount(0, { timeout: 2_000 });
    await rowOf(page, username).getByTestId('user-actions').click();
    await page.getByTestId(`user-action-${action}`).click({ timeout: 2_000 });
    await expect(dialog.locator('.ant-modal-confirm-title')).toHaveText(title, { timeout: 2_000 });
  }).toPass({ timeout: 20_000 });
  await page.getByTestId('user-action-confirm').click();
}

test('the demo banner is on the login page and on the public application form', async ({ page }) => {
  await page.goto('/login');
  await expect(page.getByTestId('demo-banner')).toContainText('演示环境');
  await expect(page.getByTestId('demo-banner')).toContainText('密码公开');
  await page.goto('/apply');
  await expect(page.getByTestId('demo-banner')).toContainText('演示环境');
});

test('the county admin creates a grid worker who must change the password; disabling ends the session', async ({ page, browser }) => {
  // Two people, two browsers, a dozen pages.
  test.setTimeout(120_000);
  await loginAs(page, 'county-admin');
  await expect(page.getByTestId('demo-banner')).toBeVisible();
  await openUsers(page);
  await expect(rowOf(page, 'village-mazhuang')).toContainText('演示账号');
  await expect(rowOf(page, 'county-admin')).toContainText('本人');

  // 新建账号: the form checks the password policy while typing.
  await page.getByTestId('user-create').click();
  await page.getByTestId('user-form-username').fill(USERNAME);
  await page.getByTestId('user-form-display-name').fill('马庄村网格员 黄小梅');
  // The shared chooser clicks again while the list is still sliding in (the click that lands during
  // the slide chose nothing: this test failed so once in a full run).
  await chooseOption(page, 'user-form-role', '村干部/网格员');
  await expect(page.getByTestId('user-form-role')).toContainText('村干部/网格员');
  await page.getByTestId('user-form-region').click();
  await page.keyboard.type('马庄');
  await expect(page.locator('.ant-select-item-option-active[title="逻西乡 / 马庄村"]')).toBeVisible();
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('user-form-region')).toContainText('逻西乡 / 马庄村');
  await page.getByTestId('user-form-password').fill('woaini1314');
  await page.getByTestId('user-form-submit').click();
  await expect(page.getByTestId('user-form')).toContainText('常见密码');
  await page.getByTestId('user-form-password').fill(INITIAL);
  await expect(page.getByTestId('user-form-must-change')).toBeChecked();
  await page.getByTestId('user-form-submit').click();
  await expect(page.getByText(`已创建账号 ${USERNAME}`)).toBeVisible();
  await expect(rowOf(page, USERNAME)).toContainText('待改密');
  await expect(rowOf(page, USERNAME)).toContainText('马庄村');
  await page.screenshot({ path: path.join(SCREENSHOTS, 'users.png'), fullPage: true });

  // The grid worker, on their own device: the first sign-in leads to the password change and nowhere else.
  const workerContext = await browser.newContext();
  const worker = await workerContext.newPage();
  await fillLogin(worker, USERNAME, INITIAL);
  await expect(worker).toHaveURL(/\/account\/password/);
  await expect(worker.getByTestId('forced-password-page')).toBeVisible();
  await expect(worker.getByTestId('side-menu')).toHaveCount(0);
  await worker.goto('/households');
  await expect(worker).toHaveURL(/\/account\/password/);
  const forbidden = await worker.request.get('/api/households');
  expect(forbidden.status()).toBe(403);
  await worker.getByTestId('password-current').fill(INITIAL);
  await worker.getByTestId('password-new').fill(USERNAME + '-1');
  await worker.getByTestId('password-confirm').fill(USERNAME + '-1');
  await worker.getByTestId('password-submit').click();
  await expect(worker.getByTestId('password-form')).toContainText('密码不能包含用户名');
  await worker.getByTestId('password-new').fill(CHOSEN);
  await worker.getByTestId('password-confirm').fill(CHOSEN);
  await worker.getByTestId('password-submit').click();
  // A village cadre lands on 待办 (issue 11 item 5), then finds the village's households.
  await expect(worker).toHaveURL(/\/todo/);
  await expect(worker.getByTestId('user-region')).toHaveText(/马庄村/);
  await worker.goto('/households');
  await expect(worker.getByTestId('household-row').first()).toBeVisible();

  // The admin sees the change, then disables the account: the worker's session ends at once.
  await page.reload();
  await expect(rowOf(page, USERNAME)).toContainText('正常');
  await userAction(page, USERNAME, 'disable', /^停用 .+？$/);
  await expect(rowOf(page, USERNAME)).toContainText('已停用');

  await worker.reload();
  await expect(worker).toHaveURL(/\/login/);
  await fillLogin(worker, USERNAME, CHOSEN);
  await expect(worker.getByTestId('login-error')).toContainText('用户名或密码错误');
  await workerContext.close();
});

test('the county admin resets a forgotten password: a one-time password, shown once', async ({ page, baseURL }, testInfo) => {
  // One account per repetition (`--repeat-each`), as the server keeps them.
  const username = `forgetful-e2e${testInfo.repeatEachIndex || ''}`;
  await loginAs(page, 'county-admin');
  const villages = (await (await page.request.get('/api/regions?q=百乐村')).json()) as { items: { code: string }[] };
  const created = await page.request.post('/api/users', {
    data: { username, displayName: '百乐村网格员', password: INITIAL, role: 'village-cadre', region: villages.items[0]!.code, mustChangePassword: false },
  });
  expect(created.status()).toBe(201);
  await openUsers(page);
  const reset = page.waitForResponse((r) => r.url().endsWith('/reset-password'));
  await userAction(page, username, 'reset-password', /^重置 .+ 的密码？$/);
  expect((await reset).status()).toBe(200);
  const temporary = (await page.getByTestId('temporary-password').innerText()).trim();
  expect(temporary).toMatch(/^[a-z2-9]{4}-[a-z2-9]{4}-[a-z2-9]{4}$/);
  await page.getByRole('button', { name: '我已记下' }).click();
  await expect(rowOf(page, username)).toContainText('待改密');
  // The old password no longer works; the one-time password does, and leads to the password change.
  const api = await request.newContext({ baseURL });
  expect((await api.post('/api/auth/login', { data: { username, password: INITIAL } })).status()).toBe(401);
  const login = await api.post('/api/auth/login', { data: { username, password: temporary } });
  expect(login.status()).toBe(200);
  expect(((await login.json()) as { user: { mustChangePassword: boolean } }).user.mustChangePassword).toBe(true);
  await api.dispose();
});

test('every user changes their own password from the user menu', async ({ page }) => {
  await loginAs(page, 'township-tongle');
  await page.getByTestId('user-menu').click();
  await page.getByTestId('nav-change-password').click();
  await expect(page.getByTestId('change-password-page')).toBeVisible();
  await page.getByTestId('password-current').fill('not-my-password');
  await page.getByTestId('password-new').fill('Tongle town office 2026');
  await page.getByTestId('password-confirm').fill('Tongle town office 2026');
  await page.getByTestId('password-submit').click();
  await expect(page.getByTestId('password-error')).toContainText('当前密码不正确');
});

test.describe('on a 360-px phone', () => {
  test.use({ viewport: { width: 360, height: 740 }, isMobile: true, hasTouch: true, deviceScaleFactor: 1 });

  test('the account list and the forced password change fit the screen', async ({ page }) => {
    await loginAs(page, 'county-admin');
    await page.goto('/admin/users');
    await expect(page.getByTestId('user-row').first()).toBeVisible();
    await expect(page.getByTestId('demo-banner')).toBeVisible();
    await expectNoHorizontalOverflow(page);
    const actions = page.getByTestId('user-actions').first();
    expect((await actions.boundingBox())?.height ?? 0).toBeGreaterThanOrEqual(44);
    await page.screenshot({ path: path.join(SCREENSHOTS, 'users-mobile.png') });

    // A new account on a phone: the forced password change fits too.
    const villages = (await (await page.request.get('/api/regions?q=百乐村')).json()) as { items: { code: string }[] };
    const created = await page.request.post('/api/users', {
      data: { username: 'phone-cadre-e2e', password: INITIAL, role: 'village-cadre', region: villages.items[0]!.code },
    });
    expect(created.status()).toBe(201);
    // Once in the full run (not alone) the click on 退出登录 left the menu open and the page in place:
    // the header re-rendering under the open menu is the likely cause. Open the menu again and retry.
    const signOut = page.getByRole('menuitem', { name: '退出登录' });
    await expect(async () => {
      if (!(await signOut.isVisible())) await page.getByTestId('user-menu').click();
      await signOut.click({ timeout: 3_000 });
      await expect(page).toHaveURL(/\/login/, { timeout: 3_000 });
    }).toPass({ timeout: 20_000 });
    await fillLogin(page, 'phone-cadre-e2e', INITIAL);
    await expect(page.getByTestId('forced-password-page')).toBeVisible();
    await expectNoHorizontalOverflow(page);
    await page.screenshot({ path: path.join(SCREENSHOTS, 'password-change-mobile.png') });
  });
});
