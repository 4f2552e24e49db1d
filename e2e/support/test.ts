import { test as base, expect, type BrowserContext } from '@playwright/test';

export { expect };
export type { APIRequestContext, Locator, Page } from '@playwright/test';

/**
 * The `test` every journey uses: Playwright's, plus a guard that fails the test when the browser
 * reports a Content-Security-Policy violation on any page of the test — the default page, and pages
 * of contexts the test opens itself (`browser.newContext()`, e.g. a villager's phone). The server
 * sends the policy (packages/server/src/http/security.ts); a violation means part of the app is
 * blocked in real browsers (an inline script, a style, an image or a request the policy refuses).
 *
 * Two witnesses: the `securitypolicyviolation` DOM event (through an exposed binding, added before
 * any page script runs) and Chromium's console error ("Refused to … Content Security Policy").
 * `cspViolations` is the list; a test that provokes a violation on purpose empties it.
 */
export const test = base.extend<{ cspViolations: string[] }>({
  cspViolations: [
    async ({ context, browser }, use, testInfo) => {
      const violations: string[] = [];
      const watch = async (c: BrowserContext) => {
        c.on('console', (message) => {
          if (message.type() === 'error' && /Content Security Policy/i.test(message.text())) violations.push(`console: ${message.text()}`);
        });
        await c.exposeBinding('__fangpinCspViolation', ({ page }, text: string) => {
          violations.push(`${page.url()}: ${text}`);
        });
        // A string: this package is type-checked without the DOM library.
        await c.addInitScript(`document.addEventListener('securitypolicyviolation', (e) => {
          window.__fangpinCspViolation?.(e.effectiveDirective + ' blocked ' + (e.blockedURI || 'inline') + ' (' + e.sourceFile + ':' + e.lineNumber + ')');
        });`);
      };
      await watch(context);
      const newContext = browser.newContext.bind(browser);
      browser.newContext = async (...args: Parameters<typeof browser.newContext>) => {
        const c = await newContext(...args);
        await watch(c);
        return c;
      };
      try {
        await use(violations);
      } finally {
        browser.newContext = newContext;
      }
      if (testInfo.status === testInfo.expectedStatus) expect(violations, 'Content-Security-Policy violations in the browser').toEqual([]);
    },
    { auto: true },
  ],
});
