import { expect, test } from '../support/test.ts';
import { firstHouseholdIdOf, loginAs } from '../support/journey.ts';

// Browser hardening (issue 10, item 12): the server's Content-Security-Policy holds in Chromium.
// Every journey fails on a CSP violation (support/test.ts); this one proves that the guard sees one,
// and tours the pages no other journey opens, in both languages and on a phone.

test('the policy is sent and enforced: an injected inline script does not run, and the guard reports it', async ({ page, cspViolations }) => {
  const response = await page.goto('/login');
  expect(response?.headers()['content-security-policy']).toContain("script-src 'self'");
  expect(response?.headers()['x-content-type-options']).toBe('nosniff');
  expect(response?.headers()['referrer-policy']).toBe('same-origin');
  await expect(page.getByTestId('login-username')).toBeVisible();
  const ran = await page.evaluate(`(() => {
    const s = document.createElement('script');
    s.textContent = 'window.__injected = true';
    document.head.appendChild(s);
    return window.__injected === true;
  })()`);
  expect(ran, 'an inline script ran despite the policy').toBe(false);
  await expect.poll(() => cspViolations.length).toBeGreaterThan(0);
  expect(cspViolations.join('\n')).toMatch(/script-src/);
  // Provoked on purpose: not a defect of the app.
  cspViolations.length = 0;
});

test('a tour of every page as the county admin, in Chinese and English and on a phone, reports no violation', async ({ page, baseURL }) => {
  test.setTimeout(150_000);
  const householdId = await firstHouseholdIdOf(baseURL ?? '', 'county-admin');
  await loginAs(page, 'county-admin');
  const cases = await page.request.get('/api/cases?status=all&pageSize=1');
  const caseId = ((await cases.json()) as { items: { id: string }[] }).items[0]?.id;
  const pages = [
    '/households',
    `/households/${householdId}`,
    '/rules',
    '/department/import',
    '/department/batches',
    '/department/sources',
    '/warnings',
    '/hotline',
    '/hotline/records',
    '/visits',
    '/apply/posters',
    '/todo',
    '/cases',
    ...(caseId ? [`/cases/${caseId}`] : []),
    '/no-such-page',
  ];
  // Every page at 1366 px in Chinese, then the same pages at 360 px in English (other layouts, other strings).
  for (const [width, language] of [[1366, 'zh-CN'], [360, 'en']] as const) {
    await page.setViewportSize({ width, height: 800 });
    await page.evaluate(`localStorage.setItem('fangpin.language', '${language}')`);
    for (const path of pages) {
      await page.goto(path);
      await expect(page.locator('#root > *').first()).toBeVisible();
      await expect(page.locator('.ant-spin-spinning')).toHaveCount(0);
    }
  }
  // The API's own documentation (Swagger UI) is served under the same policy.
  await page.goto('/api/docs/');
  await expect(page.locator('.swagger-ui .information-container')).toBeVisible();
});
