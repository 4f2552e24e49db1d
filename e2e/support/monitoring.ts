import { expect, type Page } from '@playwright/test';
import { chooseOption } from './cases.ts';

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
