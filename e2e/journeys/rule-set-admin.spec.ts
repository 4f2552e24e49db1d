import path from 'node:path';
import { expect, test, type APIRequestContext, type Page } from '../support/test.ts';
import { XIAO_HUANG } from '../../packages/domain/src/assessment/fixtures/founding-story.ts';
import { expectNoHorizontalOverflow, loginAs, SCREENSHOTS } from '../support/journey.ts';

// Story (issue: rule-set administration): the county admin of 乐业县 raises next year's monitoring
// line by 600 yuan in the web app. The preview shows the diff, the version is published and listed
// in the history; the page shows the new amount for next year and the old one for today; an
// assessment dated next year uses the new line and names the new version, one dated this year does
// not. A village cadre may read the rules but not change them.
//
// The e2e server is shared by every spec of a run, so amounts are read first, not assumed.

const COUNTY = '451028000000';

function todayInChina(): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date());
}

interface InForce {
  ruleSet: { version: string; monitoringLine: { yuanPerPersonYear: number } };
}

async function lineOn(api: APIRequestContext, date: string): Promise<InForce['ruleSet']> {
  const response = await api.get(`/api/rule-sets/in-force?regionCode=${COUNTY}&date=${date}`);
  expect(response.status()).toBe(200);
  return ((await response.json()) as InForce).ruleSet;
}

async function showDate(page: Page, date: string): Promise<void> {
  await page.getByTestId('rule-date').fill(date);
  await expect(page.getByTestId('rule-set-resolved-for')).toHaveText(date);
}

test('county admin raises next year’s monitoring line; assessments dated next year use it', async ({ page }) => {
  const today = todayInChina();
  const thisYear = Number(today.slice(0, 4));
  const nextJan = `${thisYear + 1}-01-01`;

  await loginAs(page, 'county-admin');
  await page.getByTestId('nav-rules').click();
  await expect(page).toHaveURL(/\/rules/);
  await expect(page.getByTestId('rule-set-page')).toBeVisible();

  // Today's line of 乐业县, as the server has it now (another spec may have run before).
  const todayRules = await lineOn(page.request, today);
  const nextRulesBefore = await lineOn(page.request, nextJan);
  const newAmount = nextRulesBefore.monitoringLine.yuanPerPersonYear + 600;
  await expect(page.getByTestId('rule-set-resolved-for')).toHaveText(today);
  await expect(page.getByTestId('monitoring-line-amount')).toHaveAttribute(
    'data-value',
    String(todayRules.monitoringLine.yuanPerPersonYear),
  );
  await expect(page.getByTestId('rule-set-version')).toHaveText(todayRules.version);
  await expect(page.getByTestId('rule-set-source').first()).toBeVisible();
  await expect(page.getByTestId('rule-card-deadlines')).toContainText('识别认定时限');
  await expect(page.getByTestId('rule-card-red-flags')).toContainText('面包车');
  await page.screenshot({ path: path.join(SCREENSHOTS, 'rule-set.png'), fullPage: true });

  // New version: effective next 1 January by default, prefilled from the rules in force then.
  await page.getByTestId('rule-new-version').click();
  const drawer = page.getByTestId('rule-version-drawer');
  await expect(drawer.getByTestId('rule-effective-from')).toHaveValue(nextJan);
  const amount = drawer.getByTestId('rule-amount');
  await expect(amount).toHaveValue(String(nextRulesBefore.monitoringLine.yuanPerPersonYear));

  // An invalid value comes back from the server on its field.
  await drawer.getByTestId('rule-notice-days-input').fill('3');
  await drawer.getByTestId('rule-preview').click();
  await expect(drawer.locator('.ant-form-item-has-error')).toContainText('不能小于 5');
  await drawer.getByTestId('rule-notice-days-input').fill('5');

  await amount.fill(String(newAmount));
  await drawer.getByTestId('rule-note').fill(`e2e：${thisYear + 1} 年监测线上调 600 元`);
  await drawer.getByTestId('rule-preview').click();

  const diff = drawer.getByTestId('rule-diff');
  await expect(diff).toBeVisible();
  const lineRow = diff
    .getByTestId('rule-diff-row')
    .filter({ has: page.getByTestId('rule-diff-label').getByText('监测线', { exact: true }) });
  await expect(lineRow).toHaveCount(1);
  const fmt = (n: number) => new Intl.NumberFormat('zh-CN').format(n);
  await expect(lineRow.getByTestId('rule-diff-before')).toHaveText(
    `${fmt(nextRulesBefore.monitoringLine.yuanPerPersonYear)} 元`,
  );
  await expect(lineRow.getByTestId('rule-diff-after')).toHaveText(`${fmt(newAmount)} 元`);
  const version = (await diff.getByTestId('rule-diff-version').innerText()).trim();
  expect(version).toMatch(/^451028-\d{4}-01-01\.\d+$/);
  await page.screenshot({ path: path.join(SCREENSHOTS, 'rule-set-diff.png') });

  await drawer.getByTestId('rule-publish').click();
  await page.getByTestId('rule-publish-confirm').click();
  await expect(drawer.getByTestId('rule-published')).toContainText(version);

  // History lists the new version, marked upcoming.
  await drawer.getByTestId('rule-show-history').click();
  const row = page.locator(`[data-testid="rule-version-row"][data-version="${version}"]`);
  await expect(row).toBeVisible();
  await expect(row).toContainText(nextJan);
  await expect(row).toContainText('待生效');
  await expect(row.getByTestId('rule-version-keys')).toContainText('监测线');

  // Next year shows the new amount; today still the old one.
  await page.getByTestId('rule-tab-in-force').click();
  await showDate(page, nextJan);
  await expect(page.getByTestId('monitoring-line-amount')).toHaveAttribute('data-value', String(newAmount));
  await expect(page.getByTestId('rule-set-version')).toContainText(version);
  await showDate(page, today);
  await expect(page.getByTestId('monitoring-line-amount')).toHaveAttribute(
    'data-value',
    String(todayRules.monitoringLine.yuanPerPersonYear),
  );
  await expect(page.getByTestId('rule-set-version')).not.toContainText(version);

  // 试算 in the page: a household dated next year is measured against the new line.
  await page.getByTestId('rule-tab-trial').click();
  await page.getByTestId('rule-trial-date').fill(`${thisYear + 1}-03-15`);
  await page.getByTestId('rule-trial-run').click();
  await expect(page.getByTestId('rule-trial-line')).toHaveText(`${fmt(newAmount)} 元`);
  await expect(page.getByTestId('rule-trial-version')).toContainText(version);

  // Assessments: the same household, dated this year and next year.
  const assess = async (applicationDate: string) => {
    const response = await page.request.post('/api/assessments', {
      data: { household: { ...XIAO_HUANG, regionCode: '451028201201', applicationDate } },
    });
    expect(response.status(), await response.text()).toBe(200);
    return ((await response.json()) as { assessment: { monitoringLine: number; ruleSetVersion: string } }).assessment;
  };
  const now = await assess(today);
  const next = await assess(`${thisYear + 1}-03-15`);
  expect(now.monitoringLine).toBe(todayRules.monitoringLine.yuanPerPersonYear);
  expect(next.monitoringLine).toBe(newAmount);
  expect(next.monitoringLine).not.toBe(now.monitoringLine);
  expect(next.ruleSetVersion).toContain(version);
  expect(now.ruleSetVersion).not.toContain(version);
});

test('a village cadre has no 规则管理 page, reads the rules in force through the API, and cannot publish', async ({
  page,
}) => {
  await loginAs(page, 'village-mazhuang');
  // The rule-set pages are for those who set or answer for the numbers (ruleset.review).
  await expect(page.getByTestId('side-menu')).toBeVisible();
  await expect(page.getByTestId('nav-rules')).toHaveCount(0);
  await page.goto('/rules');
  await expect(page.getByTestId('rule-set-forbidden')).toBeVisible();
  // The numbers the field work uses are still there for everyone.
  const inForce = await page.request.get('/api/rule-sets/in-force');
  expect(inForce.status()).toBe(200);
  expect(((await inForce.json()) as { ruleSet: { monitoringLine: unknown } }).ruleSet.monitoringLine).toBeTruthy();

  // The server refuses a version from a read-only role too.
  const refused = await page.request.post('/api/rule-sets/versions/preview', {
    data: { regionCode: COUNTY, effectiveFrom: '2030-01-01', rules: { noticeDays: 7 } },
  });
  expect(refused.status()).toBe(403);
});

test.describe('on a 360-px phone', () => {
  test.use({ viewport: { width: 360, height: 740 }, isMobile: true, hasTouch: true, deviceScaleFactor: 1 });

  test('the rule set and the new-version form fit the screen', async ({ page }) => {
    await loginAs(page, 'county-admin');
    await page.goto('/rules');
    await expect(page.getByTestId('monitoring-line-amount')).toBeVisible();
    await expectNoHorizontalOverflow(page);
    await page.screenshot({ path: path.join(SCREENSHOTS, 'rule-set-mobile.png') });
    await page.getByTestId('rule-tab-history').click();
    await expect(page.getByTestId('rule-version-row').first()).toBeVisible();
    await expectNoHorizontalOverflow(page);
    await page.getByTestId('rule-new-version').click();
    await expect(page.getByTestId('rule-amount')).not.toHaveValue('');
    await expectNoHorizontalOverflow(page);
  });
});
