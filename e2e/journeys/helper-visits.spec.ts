import path from 'node:path';
import { expect, test } from '../support/test.ts';
import { expectNoHorizontalOverflow, loginAs, MASKED_ID, SCREENSHOTS } from '../support/journey.ts';

// Story (issue 13 item 4): the demo helping cadre opens 我的帮扶户, sees which households wait for a
// visit past their due day (quarterly, monthly for 突发严重困难户: rule-set data), opens one, records
// a visit with the income of the last 12 months and reads the reassessment with its rule-set
// version; the due day moves on. Then the same on a 360-px phone, and in English.

test('a helping cadre records a helper visit with an income update', async ({ page }) => {
  test.setTimeout(300_000);
  await page.setViewportSize({ width: 1366, height: 800 });
  await loginAs(page, 'helper');
  await page.goto('/monitoring?flag=visitOverdue');
  await expect(page.getByTestId('monitoring-page')).toBeVisible({ timeout: 30_000 });
  const overdue = page.getByTestId('monitoring-visit-overdue');
  await expect(overdue.first()).toBeVisible();
  await page.screenshot({ path: path.join(SCREENSHOTS, 'monitoring-visits.png'), fullPage: true, animations: 'disabled' });

  await page.getByTestId('monitoring-link').first().click();
  await expect(page.getByTestId('helper-visits')).toBeVisible({ timeout: 30_000 });
  await expect(page.getByTestId('helper-visit-overdue')).toBeVisible();
  await page.getByTestId('helper-visit-add').click();
  const form = page.locator('.ant-modal').filter({ has: page.getByTestId('visit-observed') });
  await expect(form.getByTestId('visit-observed')).toBeVisible();
  await form.getByTestId('visit-observed').fill('入户走访：户主已出院，在县城务工；孩子按时上学');
  await form.getByTestId('visit-problems').fill('母亲腿伤未愈，仍需复查');
  await form.getByTestId('visit-has-income').click();
  await form.getByTestId('visit-income-wage').locator('xpath=descendant-or-self::input').first().fill('42000');
  await form.getByTestId('visit-income-transfer').locator('xpath=descendant-or-self::input').first().fill('3600');
  await form.getByTestId('visit-income-compliantOutOfPocket').locator('xpath=descendant-or-self::input').first().fill('4000');
  await page.screenshot({ path: path.join(SCREENSHOTS, 'helper-visit-form.png'), animations: 'disabled' });
  const saved = page.waitForResponse((r) => /\/helper-visits$/.test(r.url()) && r.request().method() === 'POST');
  await page.getByTestId('visit-submit').click();
  expect((await saved).status()).toBe(201);
  await expect(page.getByTestId('visit-observed')).toBeHidden();
  const visit = page.getByTestId('helper-visit').first();
  await expect(visit.getByTestId('helper-visit-observed')).toHaveText(/户主已出院/);
  await expect(visit.getByTestId('helper-visit-assessment')).toContainText('人均纯收入');
  await expect(visit.getByTestId('helper-visit-ruleset')).toHaveText(/规则版本 gx-20\d\d\.\d/);
  await expect(page.getByTestId('helper-visit-next')).toBeVisible();
  await expect(page.getByTestId('household-monitoring')).toContainText('登记帮扶走访');
  await page.getByTestId('helper-visits').scrollIntoViewIfNeeded();
  await page.screenshot({ path: path.join(SCREENSHOTS, 'helper-visits.png'), fullPage: true, animations: 'disabled' });
  const householdUrl = page.url();

  // 一户一档 on A4: the whole file, no ID number in clear, printable; the XLSX downloads.
  await page.getByTestId('household-file-link').click();
  const sheet = page.getByTestId('household-file-sheet');
  await expect(sheet).toBeVisible({ timeout: 30_000 });
  await expect(sheet).toContainText('防止返贫监测对象“一户一档”');
  await expect(sheet).toContainText('帮扶走访记录');
  await expect(sheet).toContainText('户主已出院');
  for (const id of await page.getByTestId('household-file-id').allInnerTexts()) expect(id).toMatch(MASKED_ID);
  // No ID number in clear (the 18-digit household number is not one).
  expect((await sheet.innerText()).replace(/户编号\s*\d+/, '')).not.toMatch(/\d{17}[\dX]/);
  const download = page.waitForEvent('download');
  await page.getByTestId('household-file-xlsx').click();
  expect((await download).suggestedFilename()).toMatch(/^household-file-\d+\.xlsx$/);
  await page.screenshot({ path: path.join(SCREENSHOTS, 'household-file.png'), fullPage: true, animations: 'disabled' });
  await page.emulateMedia({ media: 'print' });
  await expect(page.getByTestId('household-file-print')).toBeHidden();
  await sheet.screenshot({ path: path.join(SCREENSHOTS, 'household-file-print.png') });
  await page.emulateMedia({ media: 'screen' });
  await page.goto(householdUrl);
  await expect(page.getByTestId('helper-visits')).toBeVisible({ timeout: 30_000 });

  // On a phone: the same household page fits 360 px; the form's controls are touch-sized.
  await page.setViewportSize({ width: 360, height: 740 });
  await expectNoHorizontalOverflow(page);
  await page.getByTestId('helper-visits').scrollIntoViewIfNeeded();
  await page.screenshot({ path: path.join(SCREENSHOTS, 'helper-visits-mobile.png'), animations: 'disabled' });
  await page.getByTestId('helper-visit-add').click();
  await expect(page.getByTestId('visit-observed')).toBeVisible();
  // Measured once the drawer has finished opening (mid-animation the box is scaled down).
  await expect.poll(async () => (await page.getByTestId('visit-date').boundingBox())?.height ?? 0).toBeGreaterThanOrEqual(44);
  await page.screenshot({ path: path.join(SCREENSHOTS, 'helper-visit-form-mobile.png'), animations: 'disabled' });
  await page.getByTestId('visit-cancel').click();
  await page.goto('/monitoring');
  await expect(page.getByTestId('monitoring-row').first()).toBeVisible({ timeout: 30_000 });
  await expectNoHorizontalOverflow(page);
  await page.screenshot({ path: path.join(SCREENSHOTS, 'monitoring-visits-mobile.png'), animations: 'disabled' });
  // One thumb (issue 11 item 13): the bottom navigation, 帮扶户 where they are, visits and the offline
  // app a tap away, every entry touch-sized; 更多 opens the whole menu.
  const bottomNav = page.getByTestId('bottom-nav');
  await expect(bottomNav).toBeVisible();
  await expect(page.getByTestId('bottom-nav-monitoring')).toHaveAttribute('aria-current', 'page');
  await expect(page.getByTestId('bottom-nav-field')).toHaveAttribute('href', '/field');
  for (const entry of await bottomNav.locator('.fp-bottom-nav-item').all()) expect((await entry.boundingBox())!.height).toBeGreaterThanOrEqual(44);
  await page.getByTestId('bottom-nav-more').click();
  await expect(page.getByTestId('side-menu')).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('side-menu')).toBeHidden();
  await page.goto(`${householdUrl}/file`);
  await expect(page.getByTestId('household-file-sheet')).toBeVisible();
  await page.screenshot({ path: path.join(SCREENSHOTS, 'household-file-mobile.png'), animations: 'disabled' });

  // In English.
  await page.setViewportSize({ width: 1366, height: 800 });
  await page.getByTestId('language-switch').click();
  await page.getByTestId('language-en').click();
  await page.goto(householdUrl);
  await expect(page.getByTestId('helper-visits')).toContainText('Helper visits', { timeout: 30_000 });
  await expect(page.getByTestId('bottom-nav')).toHaveCount(0); // a desktop has the side menu
  await page.getByTestId('helper-visits').scrollIntoViewIfNeeded();
  await page.screenshot({ path: path.join(SCREENSHOTS, 'helper-visits-en.png'), fullPage: true, animations: 'disabled' });
});
