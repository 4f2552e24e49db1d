import path from 'node:path';
import { expect, test, type Page } from '../support/test.ts';
import { expectNoHorizontalOverflow, loginAs, SCREENSHOTS } from '../support/journey.ts';

// Story (issue 14, item 4): the county's leader signs in and lands on 统计分析; on a phone they open
// the deadline board (期限看板) from the dashboard's overdue figure, see the overdue identification
// cases the figure counts, widen the board to every kind of overdue deadline, and follow a row to the
// page where it is done. At a desktop the board is a table, reachable from the menu, in zh-CN and English.

type Board = {
  today: string;
  regionCode: string;
  total: number;
  counts: { overdue: number; dueSoon: number; all: number; byKind: Record<string, { overdue: number; dueSoon: number; all: number }> };
  items: { kind: string; link: string; status: string; headName: string | null }[];
};

async function boardOf(page: Page, query: string): Promise<Board> {
  const r = await page.request.get(`/api/stats/deadlines?${query}`);
  expect(r.status()).toBe(200);
  return (await r.json()) as Board;
}

async function toEnglish(page: Page): Promise<void> {
  await page.getByTestId('language-switch').click();
  await page.getByTestId('language-en').click();
}

test.describe('on a phone', () => {
  test.use({ viewport: { width: 360, height: 740 }, isMobile: true, hasTouch: true, deviceScaleFactor: 1 });

  test('the leader opens the board from the overdue figure, filters overdue and follows a row', async ({ page }) => {
    test.setTimeout(120_000);
    await loginAs(page, 'leader'); // lands on /stats: the leader reads statistics and has no to-do
    const overview = (await (await page.request.get('/api/stats/overview')).json()) as { regionCode: string; openCases: { overdue: number } };

    // The dashboard's 已超期 figure opens the board with the same filters in the address.
    await page.getByTestId('stats-overdue').click();
    await expect(page).toHaveURL(new RegExp(`/stats/deadlines\\?regionCode=${overview.regionCode}&kind=identification&status=overdue$`));
    const cases = await boardOf(page, `regionCode=${overview.regionCode}&kind=identification&status=overdue`);
    expect(cases.total, 'the board lists the cases the figure counts').toBe(overview.openCases.overdue);
    await expect(page.getByTestId('deadlines-total')).toHaveText(`共 ${cases.total} 项`);

    // Every kind of overdue deadline.
    await page.getByTestId('deadlines-kind').click();
    await page.locator('.ant-select-item-option').filter({ hasText: '全部类型' }).click();
    await expect(page).toHaveURL(new RegExp(`/stats/deadlines\\?regionCode=${overview.regionCode}&status=overdue$`));
    const overdue = await boardOf(page, `regionCode=${overview.regionCode}&status=overdue`);
    expect(overdue.total, 'the demo county has overdue deadlines').toBeGreaterThan(0);
    await expect(page.getByTestId('deadlines-total')).toHaveText(`共 ${overdue.total} 项`);
    await expect(page.getByTestId('deadlines-status-overdue')).toContainText(String(overdue.counts.overdue));
    const rows = page.getByTestId('deadline-row');
    await expect(rows).toHaveCount(Math.min(overdue.total, 50));
    await expect(rows.first()).toContainText('逾期');
    await expectNoHorizontalOverflow(page);
    const statusItem = page.locator('.ant-segmented-item').filter({ has: page.getByTestId('deadlines-status-overdue') });
    for (const [name, target] of [['row', rows.first()], ['kind filter', page.getByTestId('deadlines-kind')], ['region filter', page.getByTestId('deadlines-region')], ['status filter', statusItem]] as const) {
      const box = await target.boundingBox();
      expect(box?.height ?? 0, `${name} is a touch target of 44 px`).toBeGreaterThanOrEqual(44);
    }
    await page.screenshot({ path: path.join(SCREENSHOTS, 'deadlines-phone.png') });

    // The first row leads to the page where it is done.
    const first = overdue.items[0]!;
    await rows.first().click();
    await expect(page).toHaveURL(new RegExp(first.link.replace(/[?]/g, '\\?')));
    await expect(page.getByTestId('user-menu')).toBeVisible();

    // In English, the same board.
    await page.goto(`/stats/deadlines?status=overdue`);
    await toEnglish(page);
    await expect(page.getByTestId('deadlines-page')).toContainText('Deadline board');
    await expect(page.getByTestId('deadlines-total')).toHaveText(`${overdue.total} items`);
    await expectNoHorizontalOverflow(page);
    await page.screenshot({ path: path.join(SCREENSHOTS, 'deadlines-phone-en.png') });
  });
});

test('at a desktop the board is a table, from the menu, in zh-CN and English', async ({ page }) => {
  test.setTimeout(120_000);
  await page.setViewportSize({ width: 1366, height: 900 });
  await loginAs(page, 'leader');
  await page.getByTestId('nav-deadlines').click();
  await expect(page).toHaveURL(/\/stats\/deadlines$/);
  const all = await boardOf(page, '');
  await expect(page.getByTestId('deadlines-table')).toBeVisible();
  await expect(page.getByTestId('deadlines-total')).toHaveText(`共 ${all.total} 项`);
  await expect(page.getByTestId('deadlines-status-all')).toContainText(String(all.counts.all));
  // Soonest first: the first row is the one the API puts first.
  if (all.items[0]?.headName) await expect(page.getByTestId('deadline-row').first()).toContainText(all.items[0].headName);
  await page.screenshot({ path: path.join(SCREENSHOTS, 'deadlines.png') });

  // Due soon, as the address says.
  await page.getByTestId('deadlines-status-dueSoon').click();
  await expect(page).toHaveURL(/status=dueSoon/);
  await expect(page.getByTestId('deadlines-total')).toHaveText(`共 ${all.counts.dueSoon} 项`);

  await page.goto('/stats/deadlines');
  await toEnglish(page);
  await expect(page.getByTestId('deadlines-page')).toContainText('Deadline board');
  await expect(page.getByTestId('deadlines-table')).toContainText('Who acts');
  await page.screenshot({ path: path.join(SCREENSHOTS, 'deadlines-en.png') });
});
