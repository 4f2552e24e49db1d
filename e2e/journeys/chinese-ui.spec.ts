import { expect, test, type Page } from '../support/test.ts';
import { loginAs } from '../support/journey.ts';

// A Chinese UI for Chinese users (issue 11 item 9): the main pages of each role, in zh-CN, show no
// English words and no raw codes (UNCERTAIN, [S27], SCREAMING_CODES, login names such as "system").
// What may be Latin: proper names and units people write that way, and identifiers (case numbers,
// region codes, file names, the demo accounts' login names where a page lists accounts).

/** Latin words people read as Chinese text: units, formats, brands. */
const ALLOWED = new Set(['QR', 'CSV', 'XLSX', 'Excel', 'UTF', 'GBK', 'txt', 'csv', 'xlsx', 'Unicode', 'PDF', 'A4', 'JPEG', 'WebP', 'ID', 'WeChat', 'JPG', 'PNG', 'KB', 'MB', 'GB', 'http', 'https', 'apply', 'village', 'kg', 'km']);

/** Latin-only words in the visible text of the page, with identifiers (anything with a digit or a dot/hyphen inside a token) left out. */
async function latinWords(page: Page): Promise<string[]> {
  const text = await page.locator('body').innerText();
  const found = new Set<string>();
  for (const token of text.split(/[\s，。、：；（）()【】“”"'·:;,!?！？|/]+/)) {
    if (!token || /\d/.test(token) || /[-_.@]/.test(token.replace(/^[-_.]+|[-_.]+$/g, '')) && !/^[A-Z_]{4,}$/.test(token)) continue;
    for (const word of token.match(/[A-Za-z][A-Za-z_]+/g) ?? []) if (!ALLOWED.has(word)) found.add(word);
  }
  return [...found].sort();
}

async function expectChinese(page: Page, path: string, ready: string): Promise<void> {
  await page.goto(path);
  await expect(page.getByTestId(ready)).toBeVisible({ timeout: 30_000 });
  await page.waitForLoadState('networkidle');
  const text = await page.locator('body').innerText();
  expect(text, `${path}: raw citation or mark`).not.toMatch(/\[S\d+|UNCERTAIN|Failed to fetch/);
  // A catalog its route did not load (packages/web/src/i18n/resources.ts) shows its keys: "monitoring.status.monitored".
  expect(text, `${path}: a text key shown raw`).not.toMatch(/\b(?:cases|monitoring|elimination|stats|department|visits|hotline|reasons|apply|users)\.[a-z][A-Za-z]*\b/);
  expect(await latinWords(page), `${path}: English words in the Chinese UI`).toEqual([]);
}

test('the main pages of each role, in Chinese, show no English and no raw codes', async ({ page }) => {
  // 2 shared cores: a walk of a dozen pages can take minutes.
  test.setTimeout(600_000);
  await loginAs(page, 'monitor');
  for (const [path, ready] of [
    ['/todo', 'todo-page'],
    ['/cases', 'cases-page'],
    ['/households', 'household-search-page'],
    ['/warnings', 'warnings-page'],
    ['/department/sources', 'department-sources-page'],
    ['/department/batches', 'department-batches-page'],
    ['/rules', 'rule-set-page'],
    ['/visits', 'visits-page'],
    ['/monitoring', 'monitoring-page'],
  ] as const) {
    await expectChinese(page, path, ready);
  }
  // A case with its timeline, and a household with its history.
  const cases = (await (await page.request.get('/api/cases?pageSize=1')).json()) as { items: { id: string }[] };
  if (cases.items[0]) await expectChinese(page, `/cases/${cases.items[0].id}`, 'case-page');
  const households = (await (await page.request.get('/api/households?pageSize=1')).json()) as { items: { id: string }[] };
  await expectChinese(page, `/households/${households.items[0]!.id}`, 'household-detail-page');
});

/**
 * The pages a role's side menu offers, in menu order, as paths: each entry clicked in turn (the menu
 * is built from the role's abilities, so this is exactly what the role can reach).
 */
async function menuPaths(page: Page): Promise<string[]> {
  const items = page.locator('[data-testid="side-menu"] li.ant-menu-item:not(.ant-menu-item-disabled)');
  const count = await items.count();
  const paths: string[] = [];
  for (let i = 0; i < count; i++) {
    await items.nth(i).click();
    await page.waitForLoadState('networkidle');
    const path = new URL(page.url()).pathname;
    if (!paths.includes(path)) paths.push(path);
  }
  return paths;
}

/** Waits for the page's own content (its `…-page` test id, or the app's main area) and no spinner. */
async function expectChineseAt(page: Page, path: string): Promise<void> {
  await page.goto(path);
  await expect(page.locator('[data-testid$="-page"]').first()).toBeVisible({ timeout: 30_000 });
  await page.waitForLoadState('networkidle');
  await expect(page.locator('.ant-spin-spinning')).toHaveCount(0, { timeout: 30_000 });
  const text = await page.locator('body').innerText();
  expect(text, `${path}: raw citation or mark`).not.toMatch(/\[S\d+|UNCERTAIN|Failed to fetch/);
  expect(text, `${path}: a text key shown raw`).not.toMatch(/\b(?:cases|monitoring|elimination|stats|department|visits|hotline|reasons|apply|users)\.[a-z][A-Za-z]*\b/);
  expect(await latinWords(page), `${path}: English words in the Chinese UI`).toEqual([]);
}

// The other roles (issue 11 item 9): the landing page and every page the menu offers; the two field
// roles also on a 360-px phone.
for (const [username, phone] of [
  ['village-baile', true],
  ['township-gantian', false],
  ['helper', true],
  ['leader', false],
  ['dept-medical', false],
] as const) {
  test(`${username}: the landing page and every page of the menu, in Chinese${phone ? ', also at 360 px' : ''}`, async ({ page }) => {
    // 2 shared cores: a walk of a dozen pages can take minutes.
  test.setTimeout(600_000);
    await loginAs(page, username);
    const landing = new URL(page.url()).pathname;
    const paths = [landing, ...(await menuPaths(page)).filter((p) => p !== landing)];
    expect(paths.length).toBeGreaterThan(1);
    for (const path of paths) await expectChineseAt(page, path);
    if (phone) {
      await page.setViewportSize({ width: 360, height: 780 });
      for (const path of paths) await expectChineseAt(page, path);
    }
  });
}

const HAN = /\p{Script=Han}/u;

/** The texts of every element with this test id. */
async function textsOf(page: Page, testId: string): Promise<string[]> {
  return page.getByTestId(testId).allInnerTexts();
}

// In English, what the server writes is English too (issue 11 item 9): the assessment's reasons and
// red flags, department warnings, the monitoring history's actions and who did them.
test('in English, the assessment, the warnings and the monitoring record are English', async ({ page }) => {
  // 2 shared cores: a walk of a dozen pages can take minutes.
  test.setTimeout(600_000);
  await loginAs(page, 'monitor');
  await page.evaluate(`localStorage.setItem('fangpin.language', 'en')`);
  try {
    // The warnings list: every message written from its signal code.
    await page.goto('/warnings');
    await expect(page.getByTestId('warnings-page')).toBeVisible({ timeout: 30_000 });
    await page.waitForLoadState('networkidle');
    const messages = await textsOf(page, 'warning-message');
    expect(messages.length).toBeGreaterThan(0);
    for (const m of messages) expect(m, 'a warning in English').not.toMatch(HAN);

    // The system assessment's reasons (the rule page's trial runs the same engine and shows them as the case page does).
    await page.goto('/rules');
    await page.getByTestId('rule-tab-trial').click();
    await page.getByTestId('rule-trial-run').click();
    await expect(page.getByTestId('rule-trial-result')).toBeVisible({ timeout: 30_000 });
    const reasons = await textsOf(page, 'rule-trial-reason');
    expect(reasons.length).toBeGreaterThan(0);
    for (const r of reasons) expect(r, 'an assessment reason in English').not.toMatch(HAN);

    // A monitored household's record: the history's actions in English, and people by name, never by login name.
    const objects = (await (await page.request.get('/api/monitoring-objects?pageSize=1')).json()) as { items: { householdId: string }[] };
    await page.goto(`/households/${objects.items[0]!.householdId}`);
    await expect(page.getByTestId('household-detail-page')).toBeVisible({ timeout: 30_000 });
    await page.waitForLoadState('networkidle');
    await expect(page.getByTestId('monitoring-history-entry').first()).toBeVisible({ timeout: 30_000 });
    const history = await textsOf(page, 'monitoring-history-entry');
    for (const entry of history) {
      expect(entry, 'no login names').not.toMatch(/· (monitor|county-admin|system|township-[a-z]+|village-[a-z]+)\b/);
      const [action] = entry.split(' · ');
      expect(action, 'the action in English').not.toMatch(HAN);
    }
  } finally {
    await page.evaluate(`localStorage.setItem('fangpin.language', 'zh-CN')`);
  }
});
