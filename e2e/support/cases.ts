import { expect, type APIRequestContext, type Locator, type Page } from '@playwright/test';
import { DEMO_PASSWORD } from './journey.ts';

/** Case pages (待办, 案件, 案件详情): helpers shared by the identification journeys. */

/** A date in China `days` days from now (negative: in the past), YYYY-MM-DD. */
export function chinaDate(days = 0): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(
    new Date(Date.now() + days * 86_400_000),
  );
}

/** The month `n` months from `month` (YYYY-MM). */
export function addMonth(month: string, n: number): string {
  const [y = 0, m = 1] = month.split('-').map(Number);
  const total = y * 12 + (m - 1) + n;
  return `${Math.floor(total / 12)}-${String((total % 12) + 1).padStart(2, '0')}`;
}

/** The last month whose income counts for a clue of `clueDate`: the month before the clue's month. */
export function incomeWindowEnd(clueDate: string): string {
  return addMonth(clueDate.slice(0, 7), -1);
}

/** A valid 18-digit ID number (GB 11643 check character) for a county, birth date and 3-digit sequence. */
export function idNumberOf(countyCode: string, birthDate: string, sequence: string): string {
  const first17 = `${countyCode}${birthDate.replace(/-/g, '')}${sequence}`;
  const weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  const sum = [...first17].reduce((total, digit, i) => total + Number(digit) * (weights[i] ?? 0), 0);
  return first17 + '10X98765432'.charAt(sum % 11);
}

/** `YYYY-MM-DDTHH:mm` in China, for a datetime-local input. */
export function chinaDateTime(days = 0, hour = 9, minute = 30): string {
  return `${chinaDate(days)}T${String(hour).padStart(2, '0')}:${String(minute).padStart(2, '0')}`;
}

/** Picks an option of an antd (single) Select by its visible label, and waits for the list to close. */
export async function chooseOption(
  page: Page,
  testId: string,
  label: string,
  scope: Page | Locator = page,
): Promise<void> {
  const open = page.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden)');
  // A list closed a moment ago may still be fading out: wait until it is gone.
  await expect(open).toHaveCount(0);
  await scope.getByTestId(testId).click();
  const option = open.locator('.ant-select-item-option').filter({ hasText: label }).first();
  // The list slides in; a click that lands while it is still moving can leave it open with nothing
  // chosen (seen about once in ten runs on a phone-width page): click again until it closes.
  await expect(async () => {
    if ((await open.count()) > 0) await option.click({ timeout: 2_000 });
    await expect(open).toHaveCount(0, { timeout: 1_000 });
  }).toPass({ timeout: 10_000 });
}

/** Finds a household in the household search select `testId` by typing its number, and picks it. */
export async function searchHousehold(page: Page, testId: string, householdNumber: string): Promise<void> {
  await page.getByTestId(testId).click();
  await page.keyboard.type(householdNumber);
  await page
    .locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-item-option')
    .filter({ hasText: householdNumber })
    .first()
    .click();
}

/** Signs out through the user menu (works on every page width). */
export async function logout(page: Page): Promise<void> {
  await page.context().clearCookies();
  await page.goto('/login');
}

/** Signs in (after dropping any session of the browser context) and lands anywhere behind login. */
export async function signIn(page: Page, username: string): Promise<void> {
  await page.context().clearCookies();
  await page.goto('/login');
  await page.getByTestId('login-username').fill(username);
  await page.getByTestId('login-password').fill(DEMO_PASSWORD);
  await page.getByTestId('login-submit').click();
  await expect(page.getByTestId('user-menu')).toBeVisible();
}

export async function apiLogin(api: APIRequestContext, username: string): Promise<void> {
  const login = await api.post('/api/auth/login', { data: { username, password: DEMO_PASSWORD } });
  expect(login.status()).toBe(200);
}

/** Opens a case page and waits for it. */
export async function openCase(page: Page, caseId: string): Promise<void> {
  await page.goto(`/cases/${caseId}`);
  // A loaded machine (several runs at once) can take more than the default 10 s for the first page.
  await expect(page.getByTestId('case-page')).toBeVisible({ timeout: 30_000 });
}

/** Picks an action of the action panel (when several are offered) and sets the day it happened. */
export async function chooseAction(page: Page, type: string, occurredOn?: string): Promise<void> {
  const tab = page.getByTestId(`case-action-${type}`);
  await expect(tab).toBeVisible();
  if ((await tab.getAttribute('role')) === 'tab') await tab.click();
  await expect(page.getByTestId(`form-${type}`)).toBeVisible();
  if (occurredOn) await page.getByTestId('case-occurred-on').fill(occurredOn);
}

/**
 * Opens a step of the stepped home-check form (入户核实: members, income, spending, assets, problems,
 * sign) by its step button, unless it is already shown.
 */
export async function showVerifyStep(page: Page, key: 'members' | 'income' | 'spending' | 'assets' | 'problems' | 'sign'): Promise<void> {
  const part = page.getByTestId(`verify-part-${key}`);
  if (await part.isVisible()) return;
  await page.getByTestId(`verify-step-${key}`).click();
  await expect(part).toBeVisible();
}

/** Submits the open action form and waits until the case shows the next step. */
export async function submitAction(page: Page, type: string, nextStep: string): Promise<void> {
  // The home check is submitted from its last step.
  if (type === 'recordVerification') await showVerifyStep(page, 'sign');
  const done = page.waitForResponse((r) => r.url().includes('/events') && r.request().method() === 'POST');
  await page.getByTestId(`form-${type}`).getByTestId('case-submit').click();
  const response = await done;
  expect(response.status(), `${type}: ${await response.text()}`).toBe(200);
  await expect(page.getByTestId('case-page')).toHaveAttribute('data-step', nextStep);
}

/** A tiny valid PNG (1×1, grey): the "scan" of a signed paper. */
export function smallPng(): Buffer {
  return Buffer.from(
    'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAAAAAA6fptVAAAACklEQVR4nGNoAAAAggCBd81ytgAAAABJRU5ErkJggg==',
    'base64',
  );
}

export interface StoryHousehold {
  id: string;
  householdNumber: string;
  headName: string;
}

/**
 * The story's own household in its village (the demo registry holds it), or, when it already has a
 * case (a re-run on the same data), another household of the village without one.
 */
export async function pickStoryHousehold(
  api: APIRequestContext,
  villageCode: string,
  headName: string,
): Promise<StoryHousehold> {
  const households = (await (await api.get(`/api/households?regionCode=${villageCode}&pageSize=100`)).json()) as {
    items: StoryHousehold[];
  };
  const cases = (await (await api.get('/api/cases?status=all&pageSize=500')).json()) as {
    items: { householdId: string | null }[];
  };
  const taken = new Set(cases.items.map((c) => c.householdId));
  const household =
    households.items.find((h) => h.headName === headName && !taken.has(h.id)) ??
    households.items.find((h) => !taken.has(h.id));
  if (!household) throw new Error(`no household of village ${villageCode} without a case`);
  return household;
}

/** An amount row of the home-verification form (收入, 经营成本, 医疗自付): amount in yuan, optional kind label and note. */
export type AmountRow = { amount: string; kind?: string; note?: string };

/**
 * Fills the home-verification form as a village cadre would: members as the registry has them
 * (prefilled) unless `members` says otherwise by name (labour, health labels) — when the registry
 * does not give `labourers` labourers, the first `labourers` members are made ordinary labourers and
 * the rest not of working age — then the amount rows (the form starts with one income row; every
 * other row is added, in the month the form proposes), then vehicles (kind label and description),
 * business licences and sudden events.
 */
export async function fillVerification(
  page: Page,
  facts: {
    labourers: number;
    members?: Record<string, { labour?: string; health?: string }>;
    incomes: AmountRow[];
    costs?: AmountRow[];
    medical?: AmountRow[];
    vehicles?: { kind: string; text: string }[];
    licences?: string[];
    sudden?: { kind: string; on: string; loss: string; note: string }[];
  },
): Promise<void> {
  await showVerifyStep(page, 'members');
  const count = await page.getByTestId('verify-member').count();
  expect(count).toBeGreaterThanOrEqual(facts.labourers);
  for (let i = 0; i < count; i += 1) {
    const name = (await page.getByTestId('verify-member-name').nth(i).textContent())?.trim() ?? '';
    const found = facts.members?.[name];
    if (found?.labour) await chooseOption(page, `verify-member-${i}-labour`, found.labour);
    if (found?.health) await chooseOption(page, `verify-member-${i}-health`, found.health);
  }
  const labourers = async () => Number((await page.getByTestId('verify-labourers').textContent())?.match(/\d+/)?.[0] ?? -1);
  if ((await labourers()) !== facts.labourers)
    for (let i = 0; i < count; i += 1)
      await chooseOption(page, `verify-member-${i}-labour`, i < facts.labourers ? '普通劳动力' : '不是劳动力');
  const rows = async (list: string, items: AmountRow[] = [], hasFirstRow = false) => {
    for (const [i, row] of items.entries()) {
      if (i > 0 || !hasFirstRow) await page.getByTestId(`${list}-add`).click();
      if (row.kind) await chooseOption(page, `${list}-${i}-kind`, row.kind);
      await page.getByTestId(`${list}-${i}-amount`).fill(row.amount);
      if (row.note) await page.getByTestId(`${list}-${i}-note`).fill(row.note);
    }
  };
  await showVerifyStep(page, 'income');
  await rows('verify-incomes', facts.incomes, true);
  await rows('verify-costs', facts.costs);
  await showVerifyStep(page, 'spending');
  await rows('verify-medical', facts.medical);
  await showVerifyStep(page, 'assets');
  for (const [i, v] of (facts.vehicles ?? []).entries()) {
    await page.getByTestId('verify-vehicles-add').click();
    await chooseOption(page, `verify-vehicles-${i}-kind`, v.kind);
    await page.getByTestId(`verify-vehicles-${i}-text`).fill(v.text);
  }
  for (const [i, text] of (facts.licences ?? []).entries()) {
    await page.getByTestId('verify-licences-add').click();
    await page.getByTestId(`verify-licences-${i}-text`).fill(text);
  }
  for (const [i, s] of (facts.sudden ?? []).entries()) {
    await page.getByTestId('verify-sudden-add').click();
    await chooseOption(page, `verify-sudden-${i}-kind`, s.kind);
    await page.getByTestId(`verify-sudden-${i}-date`).fill(s.on);
    await page.getByTestId(`verify-sudden-${i}-loss`).fill(s.loss);
    await page.getByTestId(`verify-sudden-${i}-note`).fill(s.note);
  }
}

/** Uploads the scan of the signed consent (承诺授权书) and ticks that it is signed. */
export async function attachSignedConsent(page: Page, fileName: string): Promise<void> {
  await showVerifyStep(page, 'sign');
  await page.getByTestId('upload-consent').setInputFiles({ name: fileName, mimeType: 'image/png', buffer: smallPng() });
  await expect(page.getByTestId('attach-consent').getByTestId('attachment-uploaded')).toHaveCount(1);
  await page.getByTestId('verify-consent-signed').click();
}

/**
 * The village deliberates on `on` (minutes and their scan) and recommends; the township ends the
 * notice on `noticeEnds` (the day the page announces) and approves on `approvedOn`.
 */
export async function deliberateAndApproveInTownship(
  page: Page,
  caseId: string,
  who: { village: string; township: string },
  d: { on: string; attendees: string; minutes: string; scanName: string; noticeEnds: string; approvedOn: string },
): Promise<void> {
  await signIn(page, who.village);
  await openCase(page, caseId);
  await chooseAction(page, 'recordDeliberation', d.on);
  await page.getByTestId('deliberation-date').fill(d.on);
  await page.getByTestId('deliberation-attendees').fill(d.attendees);
  await page.getByTestId('deliberation-minutes').fill(d.minutes);
  await page.getByTestId('upload-minutes').setInputFiles({ name: d.scanName, mimeType: 'image/png', buffer: smallPng() });
  await expect(page.getByTestId('attach-minutes').getByTestId('attachment-uploaded').first()).toBeVisible();
  await page.getByTestId('deliberation-recommend').click();
  await submitAction(page, 'recordDeliberation', 'publicNotice');
  await signIn(page, who.township);
  await openCase(page, caseId);
  await expect(page.getByTestId('notice-end')).toHaveText(d.noticeEnds);
  await chooseAction(page, 'endNotice', d.noticeEnds);
  await submitAction(page, 'endNotice', 'townshipReview');
  await chooseAction(page, 'townshipApprove', d.approvedOn);
  await submitAction(page, 'townshipApprove', 'countyApproval');
}

/** The county monitor approves the case on `on` in `category` (its test id and its label), the risk the form proposes (`riskZh`) included. */
export async function countyApproves(page: Page, caseId: string, on: string, category: { id: string; zh: string }, riskZh: string): Promise<void> {
  await signIn(page, 'monitor');
  await openCase(page, caseId);
  await chooseAction(page, 'countyDecide', on);
  await page.getByTestId('decision-approved').click();
  await page.getByTestId(`decision-category-${category.id}`).click();
  await expect(page.getByTestId('decision-risk-types')).toContainText(riskZh);
  await submitAction(page, 'countyDecide', 'callback');
  await expect(page.getByTestId('case-decision')).toContainText(category.zh);
}

/** The village cadre, on a 360-px phone, confirms the household's warning from 待办 (checked on `verifiedOn`); returns the verify dialog. */
export async function confirmWarningFromTodo(page: Page, village: string, householdId: string, reason: string, verifiedOn: string): Promise<Locator> {
  await signIn(page, village);
  await page.setViewportSize({ width: 360, height: 780 });
  await page.goto('/todo');
  const card = page.locator(`[data-testid="todo-warning"][data-household-id="${householdId}"]`);
  await expect(card).toBeVisible({ timeout: 30_000 });
  await card.getByTestId('todo-warning-verify').click();
  const verify = page.getByTestId('warning-verify-dialog');
  await verify.getByTestId('warning-outcome-riskConfirmed').click();
  await verify.getByTestId('warning-reason').fill(reason);
  await verify.getByTestId('warning-verified-on').fill(verifiedOn);
  await verify.getByTestId('warning-verify-submit').click();
  return verify;
}
