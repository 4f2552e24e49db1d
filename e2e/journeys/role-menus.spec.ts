import { expect, test } from '../support/test.ts';
import { expectTouchTargets, fillLogin, LANDING } from '../support/journey.ts';

// Story (issue 11, items 5 and 7): every demo account signs in and finds the menu of what its role
// does — decided by the abilities /api/me sends, which come from the domain's role table — and lands
// where its work is: those whom work reaches on 待办 (with its count), the department clerk on 数据导入,
// the leader on the statistics dashboard (issue 14), the helping cadre on the visit reports. A village cadre sees no
// department imports, no data sources and no rule pages; statistics (统计分析) are for leaders, the county
// centre and township officers.

const ALL = [
  'nav-todo',
  'nav-cases',
  'nav-households',
  'nav-hotline',
  'nav-visits',
  'nav-department-import',
  'nav-department-batches',
  'nav-warnings',
  'nav-department-sources',
  'nav-rules',
  'nav-statistics',
  'nav-deadlines',
] as const;
type Entry = (typeof ALL)[number];

const MENUS: Record<string, readonly Entry[]> = {
  'county-admin': ALL,
  monitor: ALL,
  'township-luoxi': ['nav-todo', 'nav-cases', 'nav-households', 'nav-visits', 'nav-warnings', 'nav-statistics', 'nav-deadlines'],
  'village-mazhuang': ['nav-todo', 'nav-cases', 'nav-households', 'nav-visits', 'nav-warnings'],
  helper: ['nav-households', 'nav-visits'],
  'dept-medical': ['nav-department-import', 'nav-department-batches', 'nav-department-sources'],
  leader: ['nav-cases', 'nav-households', 'nav-warnings', 'nav-rules', 'nav-statistics', 'nav-deadlines'],
};

for (const [username, visible] of Object.entries(MENUS)) {
  test(`${username}: lands where its work is and sees the menu of its role`, async ({ page }) => {
    await fillLogin(page, username);
    await expect(page).toHaveURL(LANDING[username]!);
    const menu = page.getByTestId('side-menu');
    await expect(menu).toBeVisible();
    for (const entry of ALL) {
      if (visible.includes(entry)) await expect(menu.getByTestId(entry), entry).toBeVisible();
      else await expect(menu.getByTestId(entry), entry).toHaveCount(0);
    }
    // The to-do's count on the menu is what the server counts for this user.
    if (visible.includes('nav-todo')) {
      const todo = (await (await page.request.get('/api/cases/todo')).json()) as { count: number };
      const badge = menu.getByTestId('nav-todo-count').locator('.ant-badge-count');
      if (todo.count > 0) await expect(badge).toHaveAttribute('title', String(todo.count));
      else await expect(badge).toHaveCount(0);
    }
  });
}

// Issue 11 item 13: one thumb on a 360-px phone. The village cadre and the county monitor walk the
// pages they work in — 待办, the case list, cases at several steps (with the step's action form
// open), households and a household's page, visit reports, warnings — and every visible action
// (button, link button, role=button/tab, Segmented/Radio button) is at least 44 px high (icon
// buttons also 44 px wide).
test.describe('touch targets on a phone', () => {
  test.use({ viewport: { width: 360, height: 740 }, isMobile: true, hasTouch: true, deviceScaleFactor: 1 });
  for (const username of ['village-mazhuang', 'monitor']) {
    test(`${username}: every action on the main pages is a 44-px touch target`, async ({ page }) => {
      test.setTimeout(120_000);
      await fillLogin(page, username);
      await expect(page).toHaveURL(LANDING[username]!);
      const households = (await (await page.request.get('/api/households?pageSize=1')).json()) as { items: { id: string }[] };
      const cases = (await (await page.request.get('/api/cases?pageSize=100&status=all')).json()) as { items: { id: string; step: string }[] };
      const byStep = new Map<string, string>();
      for (const c of cases.items) if (!byStep.has(c.step)) byStep.set(c.step, c.id);
      // The demo's village 马庄 has no case; the county's open cases are at the home check (the journeys take cases further).
      if (username === 'monitor') expect(byStep.size, 'cases in the demo').toBeGreaterThanOrEqual(1);
      const paths = ['/todo', '/cases', '/households', `/households/${households.items[0]!.id}`, '/visits', '/warnings', ...[...byStep.values()].slice(0, 4).map((id) => `/cases/${id}`)];
      for (const path of paths) {
        await page.goto(path);
        await expect(page.getByTestId('user-menu')).toBeVisible();
        await expect(page.locator('.ant-spin-spinning, .ant-skeleton-active')).toHaveCount(0);
        await page.waitForLoadState('networkidle');
        await test.step(path, async () => expectTouchTargets(page));
      }
    });
  }
});
