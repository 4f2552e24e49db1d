import { expect, type Page } from '@playwright/test';
import { chooseOption, signIn } from './cases.ts';

/** Monitoring-object pages (measures, helper visits): helpers shared by the 阿文 and 龙学 journeys. */

/** Records a measure against the household's one risk, started on `startOn`: in progress, or delivered on `deliveredOn` (paper work entered later). */
export async function addMeasure(page: Page, category: string, text: string, department: string, startOn: string, deliveredOn?: string): Promise<void> {
  await page.getByTestId('measure-add').click();
  // The modal's root carries the test id but has no box: wait for a field.
  await expect(page.getByTestId('measure-start')).toBeVisible();
  await chooseOption(page, 'measure-category', category);
  await page.getByTestId('measure-text-input').locator('xpath=descendant-or-self::input').first().fill(text);
  await page.getByTestId('measure-department').fill(department);
  await page.getByTestId('measure-start').fill(startOn);
  await chooseOption(page, 'measure-status-input', deliveredOn ? '已落实' : '实施中');
  if (deliveredOn) await page.getByTestId('measure-delivered-on').fill(deliveredOn);
  const saved = page.waitForResponse((r) => /\/measures$/.test(r.url()) && r.request().method() === 'POST');
  await page.locator('.ant-modal').filter({ has: page.getByTestId('measure-start') }).locator('.ant-modal-footer .ant-btn-primary').click();
  expect((await saved).status()).toBe(201);
  await expect(page.getByTestId('measure-item').filter({ hasText: text })).toBeVisible();
}

/** The helping cadre records a visit on `on` (a phone: the form opens in a drawer). */
export async function recordVisit(page: Page, on: string, observed: string): Promise<void> {
  await page.getByTestId('helper-visit-add').click();
  await expect(page.getByTestId('visit-observed')).toBeVisible();
  await page.getByTestId('visit-date').fill(on);
  await page.getByTestId('visit-observed').fill(observed);
  const saved = page.waitForResponse((r) => /\/helper-visits$/.test(r.url()) && r.request().method() === 'POST');
  await page.getByTestId('visit-submit').click();
  expect((await saved).status(), on).toBe(201);
  await expect(page.getByTestId('visit-observed')).toBeHidden();
}

/**
 * Assigns the demo's helping cadre (帮扶干部（演示）) on `assignedOn` from the household page's
 * record; `dueOn`, when given, is the limit the dialog must announce. Returns the assignment.
 */
export async function assignDemoHelper(page: Page, assignedOn: string, dueOn?: string): Promise<unknown> {
  await page.getByTestId('helper-assign').click();
  await chooseOption(page, 'helper-account', '帮扶干部（演示）');
  const dialog = page.locator('.ant-modal').filter({ has: page.getByTestId('helper-assigned-on') });
  if (dueOn) await expect(dialog).toContainText(`时限为 ${dueOn}`);
  await page.getByTestId('helper-assigned-on').fill(assignedOn);
  const assigned = page.waitForResponse((r) => /\/helpers$/.test(r.url()) && r.request().method() === 'POST');
  await dialog.locator('.ant-modal-footer .ant-btn-primary').click();
  const assignment = await assigned;
  expect(assignment.status(), await assignment.text()).toBe(201);
  return assignment.json();
}

/** Every risk is covered; then, from the top once the toasts are gone (a full-page shot taken scrolled down paints the sticky header mid-page), a full-page screenshot at `file`. */
export async function expectCoveredAndShoot(page: Page, file: string): Promise<void> {
  await expect(page.getByTestId('coverage-ok')).toBeVisible();
  await expect(page.getByTestId('coverage-problem')).toHaveCount(0);
  await expect(page.locator('.ant-message-notice')).toHaveCount(0, { timeout: 10_000 });
  await page.evaluate('window.scrollTo(0, 0)');
  await page.screenshot({ path: file, fullPage: true, animations: 'disabled' });
}

/** The helping cadre opens the household on a 360-px phone, where visits are recorded. */
export async function openAsHelperOnPhone(page: Page, householdId: string): Promise<void> {
  await signIn(page, 'helper');
  await page.setViewportSize({ width: 360, height: 780 });
  await page.goto(`/households/${householdId}`);
  await expect(page.getByTestId('helper-visits')).toBeVisible({ timeout: 30_000 });
}
