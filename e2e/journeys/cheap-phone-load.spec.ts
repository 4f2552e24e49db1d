import { expect, test, type Page } from '../support/test.ts';

// Cheap phones (issue 11, item 12): the two pages people open first — the login page and the public
// self-application opened from a village QR code — load on a 3G link with a slow CPU. The server
// sends the build's precompressed files (brotli, `npm run build` writes them) with long cache
// headers for hashed assets; the page's JavaScript stays inside its budget. The load time under
// throttling is measured and reported (annotations in the report), not asserted: speed is judged
// by benchmarks, and this machine is shared.

/** Chrome DevTools' "Fast 3G" profile and the 4× CPU slowdown of its mobile audits. */
const FAST_3G = { offline: false, latency: 562.5, downloadThroughput: (1.44 * 1024 * 1024) / 8, uploadThroughput: (0.675 * 1024 * 1024) / 8 };
const CPU_SLOWDOWN = 4;

/**
 * Compressed JavaScript per page (bytes of the response bodies, as sent), both held to the issue's
 * 200 KB. Both pages use plain form elements (ui/PlainField.tsx, ui/Notice.tsx) instead of antd's
 * Form, Select, Checkbox and Alert, and load the reasons' texts only when an error carries a reason.
 */
const BUDGET = { login: 200_000, apply: 200_000 } as const;

async function loadThrottled(page: Page, path: string, ready: string) {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Network.enable');
  await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
  await cdp.send('Network.emulateNetworkConditions', FAST_3G);
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: CPU_SLOWDOWN });
  const started = Date.now();
  await page.goto(path);
  await page.locator(ready).first().waitFor({ timeout: 60_000 });
  const usableAfterMs = Date.now() - started;
  await page.waitForLoadState('networkidle');
  const resources: [string, number, string][] = await page.evaluate(`performance.getEntriesByType('resource').map((e) => [e.name, e.encodedBodySize, e.initiatorType])`);
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: 1 });
  const scripts = resources.filter(([name]) => /\.m?js(\?|$)/.test(name));
  const javaScriptBytes = scripts.reduce((sum, [, size]) => sum + size, 0);
  return { usableAfterMs, javaScriptBytes, scriptCount: scripts.length };
}

test('assets are sent precompressed, hashed files cached for a year, the app page revalidated', async ({ request }) => {
  const html = await request.get('/login', { headers: { 'accept-encoding': 'br, gzip' } });
  expect(html.headers()['cache-control']).toBe('no-cache');
  const script = /src="(\/assets\/[^"]+\.js)"/.exec(await html.text())?.[1];
  expect(script, 'index.html names its entry script').toBeTruthy();
  for (const [accept, encoding] of [
    ['br, gzip', 'br'],
    ['gzip', 'gzip'],
  ] as const) {
    const response = await request.get(script!, { headers: { 'accept-encoding': accept } });
    expect(response.status()).toBe(200);
    expect(response.headers()['content-encoding']).toBe(encoding);
    expect(response.headers()['content-type']).toMatch(/javascript/);
    expect(response.headers()['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(response.headers()['vary']).toMatch(/accept-encoding/i);
  }
  // A client that takes no compression still gets the plain file.
  const plain = await request.get(script!, { headers: { 'accept-encoding': 'identity' } });
  expect(plain.headers()['content-encoding']).toBeUndefined();
  expect((await plain.body()).length).toBeGreaterThan(1000);
});

test('on Fast 3G with a 4× slower CPU, the login page and the public application page load within their JavaScript budgets', async ({ browser }, testInfo) => {
  test.setTimeout(180_000);
  for (const [name, path, ready] of [
    ['login', '/login', '[data-testid="login-password"]'],
    ['apply', '/apply', '[data-testid="apply-description"]'],
  ] as const) {
    const context = await browser.newContext({ viewport: { width: 360, height: 740 }, isMobile: true, hasTouch: true, locale: 'zh-CN' });
    const page = await context.newPage();
    const figures = await loadThrottled(page, path, ready);
    testInfo.annotations.push({
      type: `${name} page on Fast 3G, CPU ÷${CPU_SLOWDOWN}`,
      description: `usable after ${(figures.usableAfterMs / 1000).toFixed(1)} s; ${figures.scriptCount} scripts, ${(figures.javaScriptBytes / 1000).toFixed(1)} KB compressed JavaScript (budget ${BUDGET[name] / 1000} KB)`,
    });
    console.log(`${name}: usable after ${figures.usableAfterMs} ms, ${figures.javaScriptBytes} bytes of compressed JavaScript in ${figures.scriptCount} files`);
    expect(figures.javaScriptBytes, `${name} page JavaScript (compressed bytes)`).toBeLessThanOrEqual(BUDGET[name]);
    expect(figures.javaScriptBytes, 'scripts were counted').toBeGreaterThan(50_000);
    await context.close();
  }
});
