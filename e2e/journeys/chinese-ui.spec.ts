import { expect, test, type Page } from '../support/test.ts';
import { loginAs } from '../support/journey.ts';

// A Chinese UI for Chinese users (issue 11 item 9): the main pages of each role, in zh-CN, show no
// English words and no raw codes (UNCERTAIN, [S27], SCREAMING_CODES, login names such as "system").
// What may be Latin: proper names and units people write that way, and identifiers (case numbers,
// region codes, file names, the demo accounts' login names where a page lists accounts).

/** Latin words people read as Chinese text: units, formats, brands. */
const ALLOWED = new Set(['QR', 'CSV', 'XLSX', 'Excel', 'UTF', 'GBK', 'txt', 'csv', 'xlsx', 'Unicode', 'PDF', 'A4', 'ID', 'WeChat', 'JPG', 'PNG', 'KB', 'MB', 'GB', 'http', 'https', 'apply', 'village', 'kg', 'km']);

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
  test.slow();
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
