import { fileURLToPath } from 'node:url';
import { expect, request, type Locator, type Page } from '@playwright/test';

/** Every demo account has this password (seeded by `fangpin serve --demo` on first start). */
export const DEMO_PASSWORD = 'Fangpin#2026';

/** Screenshots for the README and the user guide. */
export const SCREENSHOTS = fileURLToPath(new URL('../../docs/screenshots/', import.meta.url));

/** A masked ID number as the server presents it: 6 digits, 8 stars, 3 digits and a check character. */
/** The policy's mask: the first 6 and the check character (docs/personal-data.md). */
export const MASKED_ID = /^\d{6}\*{11}[\dX]$/;
export const FULL_ID = /^\d{17}[\dX]$/;

export async function fillLogin(page: Page, username: string, password = DEMO_PASSWORD): Promise<void> {
  await page.goto('/login');
  await page.getByTestId('login-username').fill(username);
  await page.getByTestId('login-password').fill(password);
  await page.getByTestId('login-submit').click();
}

/**
 * Where each demo account lands after signing in (the app decides from /api/me's abilities): those
 * whom work reaches on 待办, department clerks on 数据导入, leaders on the case list, helping cadres
 * on their visit reports.
 */
export const LANDING: Record<string, RegExp> = {
  'county-admin': /\/todo$/,
  monitor: /\/todo$/,
  'township-luoxi': /\/todo$/,
  'township-tongle': /\/todo$/,
  'township-gantian': /\/todo$/,
  'township-huaping': /\/todo$/,
  'village-mazhuang': /\/todo$/,
  'village-baile': /\/todo$/,
  'village-shuaba': /\/todo$/,
  'village-nangan': /\/todo$/,
  helper: /\/visits$/,
  'dept-medical': /\/department\/import$/,
  'dept-hr': /\/department\/import$/,
  leader: /\/stats$/,
};

export async function loginAs(page: Page, username: string): Promise<void> {
  await fillLogin(page, username);
  await expect(page).toHaveURL(LANDING[username] ?? /\/(todo|households|cases|visits)/);
  await expect(page.getByTestId('user-menu')).toBeVisible();
}

/** Asks the API directly (no browser) for one household of an account's region. */
export async function firstHouseholdIdOf(baseURL: string, username: string): Promise<string> {
  const api = await request.newContext({ baseURL });
  try {
    const login = await api.post('/api/auth/login', { data: { username, password: DEMO_PASSWORD } });
    expect(login.status()).toBe(200);
    const list = await api.get('/api/households?pageSize=1');
    expect(list.status()).toBe(200);
    const body = (await list.json()) as { items: { id: string }[] };
    const id = body.items[0]?.id;
    if (!id) throw new Error(`${username} sees no households`);
    return id;
  } finally {
    await api.dispose();
  }
}

/**
 * Fails when the page is wider than the viewport (a horizontal scroll bar on a phone). Measured until
 * it holds for up to 5 s: right after a resize (desktop → 360 px) the header is still laid out for
 * the old width until React re-renders at the new breakpoint.
 */
/**
 * Resizes the window and waits until the app's layout has followed: the pages read the breakpoint
 * from a media-query listener, so right after the resize the old layout is still on screen and a
 * section that moves between columns (the case page's facts) is about to be re-mounted. An action
 * on it in that moment fails with "element is not attached" (CI, stop 22).
 */
export async function resizeTo(page: Page, size: { width: number; height: number }): Promise<void> {
  await page.setViewportSize(size);
  // The shell switches at antd's lg breakpoint (992 px): the side menu or the phone's menu button.
  if (size.width < 992) await expect(page.getByTestId('menu-toggle')).toBeVisible();
  else await expect(page.getByTestId('side-menu')).toBeVisible();
  // The case page swaps its two columns for one stack at the same breakpoint.
  if ((await page.getByTestId('case-page').count()) > 0) {
    await expect(page.locator(size.width < 992 ? '.fp-case-stack' : '.fp-case-columns')).toHaveCount(1);
  }
}

export async function expectNoHorizontalOverflow(page: Page): Promise<void> {
  await expect(async () => {
    // A string, because this package is type-checked without the DOM library.
    const { scrollWidth, innerWidth, widest } = await page.evaluate<{ scrollWidth: number; innerWidth: number; widest: string[] }>(
      `({ scrollWidth: document.documentElement.scrollWidth, innerWidth: window.innerWidth,
          widest: [...document.querySelectorAll('body *')].filter((e) => e.getBoundingClientRect().right > window.innerWidth + 1)
            .slice(0, 5).map((e) => e.tagName + (e.getAttribute('data-testid') ? '[' + e.getAttribute('data-testid') + ']' : '') + '.' + String(e.className).slice(0, 60)) })`,
    );
    // Names the first elements that stick out, so the failure says where to look.
    expect(scrollWidth, `page wider than the screen: ${widest.join(' | ')}`).toBeLessThanOrEqual(innerWidth);
  }).toPass({ timeout: 5_000 });
}

/**
 * Fails on any visible action a thumb cannot hit on a phone (issue 11 item 13): a button, a link
 * styled as a button, an element with role=button or role=tab, a Segmented or Radio button less
 * than 44 px high, or an icon-only button less than 44 px wide. Names each one (test id, class,
 * text, size) so the failure says where to look. `within` narrows it to part of the page.
 */
export async function expectTouchTargets(page: Page, within?: Locator): Promise<void> {
  const root = within ?? page.locator('body');
  // Runs in the page; typed by hand, because this package is type-checked without the DOM library.
  type Box = { width: number; height: number };
  type El = {
    getBoundingClientRect(): Box;
    closest(selector: string): El | null;
    getAttribute(name: string): string | null;
    classList: { contains(name: string): boolean };
    className: unknown;
    textContent: string | null;
    querySelectorAll(selector: string): Iterable<El>;
  };
  const collect = (rootElement: El): string[] => {
    const view = globalThis as unknown as { getComputedStyle(e: El): { visibility: string } };
    const selector = 'button, a.ant-btn, [role=button], [role=tab], .ant-segmented-item, .ant-radio-button-wrapper, .ant-pagination-item';
    return [...rootElement.querySelectorAll(selector)].flatMap((e) => {
      const r = e.getBoundingClientRect();
      if (r.width === 0 || r.height === 0 || view.getComputedStyle(e).visibility === 'hidden' || e.closest('[hidden], [aria-hidden=true]')) return [];
      const iconOnly = e.classList.contains('ant-btn-icon-only');
      if (r.height >= 43.5 && (!iconOnly || r.width >= 43.5)) return [];
      const id = e.getAttribute('data-testid') ?? e.closest('[data-testid]')?.getAttribute('data-testid') ?? '';
      const text = (e.textContent || e.getAttribute('aria-label') || '').trim().slice(0, 20);
      return [`${id} ${String(e.className).slice(0, 50)} "${text}" ${Math.round(r.width)}x${Math.round(r.height)}`];
    });
  };
  // `collect` itself goes to the page (a closure would not: it is sent as text).
  const small = await root.evaluate(collect as unknown as Parameters<Locator['evaluate']>[0] & ((e: unknown) => string[]));
  expect(small, `touch targets under 44 px: ${small.join(' | ')}`).toEqual([]);
}
