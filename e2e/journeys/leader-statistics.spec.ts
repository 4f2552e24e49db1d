import path from 'node:path';
import ExcelJS from 'exceljs';
import { expect, test, type Page } from '../support/test.ts';
import { expectNoHorizontalOverflow, loginAs, SCREENSHOTS } from '../support/journey.ts';

// Story (issue 14, "Done when"): the county's leader opens 统计分析 on a desktop and on a phone, sees
// the county's figures (the same the API gives), taps 因病 among the risk types and lands on the list of
// those households — as of the same date, in the same region — whose count equals the figure.

type Overview = {
  asOf: string;
  regionCode: string;
  monitoring: { households: number; persons: number; byRiskType: Record<string, { households: number; persons: number }> };
  visits: { overdue: number; dueSoon: number; scheduled: number; today: string };
};

async function overviewOf(page: Page): Promise<Overview> {
  const r = await page.request.get('/api/stats/overview');
  expect(r.status()).toBe(200);
  return (await r.json()) as Overview;
}

async function tapIllnessAndCount(page: Page, o: Overview): Promise<void> {
  const illness = o.monitoring.byRiskType['01'];
  expect(illness, 'the demo county has households at risk through illness').toBeDefined();
  const figure = page.getByTestId('stats-risk-figure-01');
  await expect(figure).toContainText('因病');
  await expect(figure).toContainText(`${illness!.households} 户`);
  await figure.click();
  await expect(page).toHaveURL(new RegExp(`/monitoring\\?asOf=${o.asOf}&regionCode=${o.regionCode}&riskType=01`));
  await expect(page.getByTestId('monitoring-stats-filter')).toContainText(`截至 ${o.asOf}`);
  await expect(page.getByTestId('monitoring-total')).toHaveText(`共 ${illness!.households} 户`);
}

test('the leader reads the dashboard on a desktop and drills down from 因病', async ({ page }) => {
  test.setTimeout(180_000); // two dashboards, a workbook, a list and the English page
  await page.setViewportSize({ width: 1366, height: 900 });
  await loginAs(page, 'leader');
  await page.getByTestId('nav-statistics').click();
  await expect(page).toHaveURL(/\/stats$/);
  const o = await overviewOf(page);
  await expect(page.getByTestId('stats-total-households')).toContainText(o.monitoring.households.toLocaleString('zh-CN'));
  await expect(page.getByTestId('stats-total-persons')).toContainText(o.monitoring.persons.toLocaleString('zh-CN'));
  await expect(page.getByTestId('stats-risk-chart').locator('canvas')).toBeVisible();
  await expect(page.getByTestId('stats-trend-chart').locator('canvas')).toBeVisible();
  // 走访逾期: counted today (said on the card), the deadline board's helper visits.
  expect(o.visits.overdue, 'the demo county has helper visits overdue').toBeGreaterThan(0);
  await expect(page.getByTestId('stats-visits')).toContainText(`按今天（${o.visits.today}）统计`);
  await expect(page.getByTestId('stats-visits-figure-overdue').locator('.fp-stats-figure-value')).toHaveText(String(o.visits.overdue));
  await expect(page.getByTestId('stats-visits-figure-scheduled').locator('.fp-stats-figure-value')).toHaveText(String(o.visits.scheduled));
  await page.screenshot({ path: path.join(SCREENSHOTS, 'statistics.png'), fullPage: true });

  // The county's 监测对象情况统计表 for the same date: its total row is the dashboard's.
  const download = page.waitForEvent('download');
  await page.getByTestId('stats-report-monitoring-objects').click();
  const file = await (await download).path();
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.readFile(file);
  const sheet = workbook.worksheets[0]!;
  expect(sheet.getCell(1, 1).text).toBe('乐业县监测对象情况统计表');
  const total = (sheet.getRow(sheet.rowCount).values as unknown[]).slice(1);
  expect(total.slice(0, 3)).toEqual(['合计', o.monitoring.households, o.monitoring.persons]);

  await tapIllnessAndCount(page, o);

  // 走访逾期 opens the deadline board filtered to helper visits, overdue: the same count.
  await page.goto('/stats');
  await page.getByTestId('stats-visits-figure-overdue').click();
  await expect(page).toHaveURL(new RegExp(`/stats/deadlines\\?regionCode=${o.regionCode}&kind=helperVisit&status=overdue`));
  await expect(page.getByTestId('deadlines-total')).toContainText(`共 ${o.visits.overdue} 项`);

  // A past date: the address carries it, the figures follow it, the list follows them.
  await page.goto('/stats?asOf=2026-06-30');
  await expect(page.getByTestId('stats-page')).toContainText('截至 2026-06-30', { timeout: 30_000 });
  const r = await page.request.get('/api/stats/overview?asOf=2026-06-30');
  const past = (await r.json()) as Overview;
  await expect(page.getByTestId('stats-total-households')).toContainText(past.monitoring.households.toLocaleString('zh-CN'));

  // In English, the same page.
  await page.goto('/stats');
  await page.getByTestId('language-switch').click();
  await page.getByTestId('language-en').click();
  await expect(page.getByTestId('stats-page')).toContainText('Monitoring objects');
  await expect(page.getByTestId('stats-risk-figure-01')).toContainText('Illness');
  await page.screenshot({ path: path.join(SCREENSHOTS, 'statistics-en.png'), fullPage: true });
});

test.describe('on a phone', () => {
  test.use({ viewport: { width: 360, height: 740 }, isMobile: true, hasTouch: true, deviceScaleFactor: 1 });
  test('the leader reads the dashboard on a phone and drills down from 因病', async ({ page }) => {
    await loginAs(page, 'leader');
    await page.goto('/stats');
    const o = await overviewOf(page);
    await expect(page.getByTestId('stats-total-households')).toContainText(o.monitoring.households.toLocaleString('zh-CN'));
    await expect(page.getByTestId('stats-risk-chart').locator('canvas')).toBeVisible();
    await expectNoHorizontalOverflow(page);
    // Every figure is a touch target of at least 44 px.
    const box = await page.getByTestId('stats-risk-figure-01').boundingBox();
    expect(box?.height ?? 0).toBeGreaterThanOrEqual(44);
    await page.screenshot({ path: path.join(SCREENSHOTS, 'statistics-phone.png'), fullPage: true });
    await tapIllnessAndCount(page, o);
  });
});
