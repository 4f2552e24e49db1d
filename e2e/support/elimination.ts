import { expect, type APIRequestContext, type Page } from '@playwright/test';
import { apiLogin } from './cases.ts';

/** Risk elimination (风险消除) pages: helpers shared by the 阿文 and 龙学 journeys. */

/** The id of the demo household whose head is `headName` (the story households are unique by name). */
export async function householdIdOf(api: APIRequestContext, headName: string): Promise<string> {
  await apiLogin(api, 'monitor');
  const r = await api.get(`/api/households?q=${encodeURIComponent(headName)}`);
  expect(r.status()).toBe(200);
  const found = ((await r.json()) as { items: { id: string; headName: string }[] }).items.find((h) => h.headName === headName);
  if (!found) throw new Error(`${headName}'s household is not in the demo`);
  return found.id;
}

/** Chooses an action on the elimination page (when there is a choice) and sets its day. */
export async function chooseEliminationAction(page: Page, labelZh: string | null, occurredOn: string): Promise<void> {
  await expect(page.getByTestId('elimination-action')).toBeVisible({ timeout: 30_000 });
  if (labelZh) await page.getByTestId('elimination-action-type').getByText(labelZh, { exact: true }).click();
  await page.getByTestId('elimination-action-date').fill(occurredOn);
}

/** Submits the action form and waits for the answer (200, or the refusal's status). */
export async function submitEliminationAction(page: Page, expected = 200): Promise<void> {
  const done = page.waitForResponse((r) => /\/api\/eliminations\/[^/]+\/events$/.test(r.url()) && r.request().method() === 'POST');
  await page.getByTestId('elimination-action-submit').click();
  const response = await done;
  expect(response.status(), await response.text()).toBe(expected);
}

/** The elimination page shows this step. */
export async function expectStep(page: Page, stepZh: string): Promise<void> {
  await expect(page.getByTestId('elimination-step')).toHaveText(stepZh);
}
