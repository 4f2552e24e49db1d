import path from 'node:path';
import { expect, test, type Page } from '../support/test.ts';
import { chinaDate, openCase, signIn } from '../support/cases.ts';
import { expectNoHorizontalOverflow, SCREENSHOTS } from '../support/journey.ts';

// Story (one household, one case): a department warning about a household is confirmed by the
// village and opens its identification case; days later a cadre's visit report about the same
// household is forwarded and joins that case. Then the county centre finds the warning's
// verification was wrong (the village checked another household of the same name) and corrects
// it from the case page: the dialog says only the warning's clue will leave the case; after the
// correction the case is still at its step with its clock, the timeline says the warning's clue
// was withdrawn, and the case's clue list marks it withdrawn while the visit still stands —
// at a desk, on a 360 px phone, and in English.
//
// Set up through the API as the county monitor (who may dispatch and verify warnings and file and
// forward visit reports): the journey is about the correction, which other journeys do not show.
// The e2e server is shared by every spec of a run: the household is one with a warning not yet
// verified and no identification case running.

type Warning = { id: string; householdId: string; regionCode: string; riskType: string; status: string };

async function post(page: Page, url: string, data: object): Promise<Record<string, unknown>> {
  const response = await page.request.post(url, { data });
  expect(response.status(), `${url}: ${await response.text()}`).toBeLessThan(300);
  return (await response.json()) as Record<string, unknown>;
}

/** The warnings not yet verified whose household has no identification case running. */
async function* unverifiedWarnings(page: Page): AsyncGenerator<Warning> {
  for (const status of ['new', 'dispatched']) {
    const found = (await (await page.request.get(`/api/warnings?status=${status}&pageSize=200`)).json()) as { items: Warning[] };
    for (const w of found.items) {
      const cases = (await (await page.request.get(`/api/cases?householdId=${w.householdId}`)).json()) as { total: number };
      if (cases.total === 0 && w.regionCode.length === 12) yield w;
    }
  }
}

type Outcome = { ok: boolean; reason?: string; caseId: string; caseNumber: string; clueId: string };

test('a warning corrected in a case a visit joined: only its clue leaves the case, which goes on', async ({ page }) => {
  test.setTimeout(180_000);
  await signIn(page, 'monitor');
  // Verified two days back: a warning raised since (other journeys of the run raise some today) refuses
  // that day (beforeWarning), so the first warning raised earlier is taken.
  let warning: Warning | undefined;
  let confirmed: Outcome | undefined;
  for await (const w of unverifiedWarnings(page)) {
    if (w.status === 'new') await post(page, '/api/warnings/transition', { ids: [w.id], to: 'dispatched' });
    const [result] = (await post(page, '/api/warnings/transition', { ids: [w.id], to: 'riskConfirmed', reason: '入户核实：情况属实', occurredOn: chinaDate(-2) })).results as Outcome[];
    if (result?.ok) {
      [warning, confirmed] = [w, result];
      break;
    }
    expect(result?.reason, 'only a warning raised after the verification day is passed over').toBe('beforeWarning');
  }
  if (!warning || !confirmed) throw new Error('no unverified warning of a household without a running case in the demo');
  const { caseId, caseNumber } = confirmed;
  const filed = await post(page, '/api/visit-reports', { householdId: warning.householdId, regionCode: warning.regionCode, visitedOn: chinaDate(-1), observed: '入户走访：家中主要劳动力务工中断，收入下降', riskTypes: ['07'] });
  const forwarded = await post(page, `/api/visit-reports/${filed.id as string}/forward`, { note: '情况属实，报县防贫中心' });
  expect(forwarded.caseId, 'the visit joins the warning’s case').toBe(caseId);

  await page.setViewportSize({ width: 1366, height: 900 });
  await openCase(page, caseId);
  await expect(page.getByTestId('case-page')).toHaveAttribute('data-step', 'clueRegistered');
  const clues = page.getByTestId('case-clues').getByTestId('case-clue');
  await expect(clues).toHaveCount(2);
  await expect(clues.nth(0)).toHaveAttribute('data-channel', 'warning');
  await expect(clues.nth(1)).toHaveAttribute('data-channel', 'visit');

  // The county centre corrects the verification: the dialog says only the warning's clue leaves the case.
  await page.getByTestId('case-warning-correct').click();
  const dialog = page.getByTestId('warning-correct-dialog');
  await expect(dialog.getByTestId('warning-correct-withdraws-clue')).toContainText(caseNumber);
  await expect(dialog.getByTestId('warning-correct-withdraws')).toHaveCount(0);
  const why = '村里核实的是同名的另一户，本户预警未经核实';
  await dialog.getByTestId('warning-correct-reason').fill(why);
  await dialog.getByTestId('warning-correct-submit').click();
  await expect(page.getByText(`已更正核实结果，预警线索已撤出案件 ${caseNumber}，案件继续办理`)).toBeVisible();

  // The case goes on at its step; the timeline and the clue list say what happened.
  await expect(page.getByTestId('case-page')).toHaveAttribute('data-step', 'clueRegistered');
  await expect(page.getByTestId('case-clock-panel')).toContainText(chinaDate(-2));
  const entry = page.locator('[data-testid="timeline-entry"][data-type="withdrawClue"]');
  await expect(entry).toContainText('撤出线索');
  await expect(entry).toContainText(why);
  await expect(entry.getByTestId('timeline-data')).toContainText('该预警线索撤出本案');
  await expect(clues.nth(0)).toHaveAttribute('data-withdrawn', 'true');
  await expect(clues.nth(0).getByTestId('case-clue-withdrawn')).toHaveText('已撤出');
  await expect(clues.nth(1)).toHaveAttribute('data-withdrawn', 'false');
  await page.mouse.move(1, 1);
  await page.screenshot({ path: path.join(SCREENSHOTS, 'case-clue-withdrawn-desktop.png'), fullPage: true, animations: 'disabled' });

  await page.setViewportSize({ width: 360, height: 780 });
  await page.getByTestId('case-clues').scrollIntoViewIfNeeded();
  await expectNoHorizontalOverflow(page);
  await page.screenshot({ path: path.join(SCREENSHOTS, 'case-clue-withdrawn-phone.png'), animations: 'disabled' });

  await page.evaluate(`localStorage.setItem('fangpin.language', 'en')`);
  await openCase(page, caseId);
  await expect(entry).toContainText('Clue withdrawn');
  await expect(entry.getByTestId('timeline-data')).toContainText("The warning's verification was corrected");
  await expect(page.getByTestId('case-clues').getByTestId('case-clue').nth(0)).toContainText('Withdrawn');
  await entry.scrollIntoViewIfNeeded();
  await expectNoHorizontalOverflow(page);
  await page.screenshot({ path: path.join(SCREENSHOTS, 'case-clue-withdrawn-phone-en.png'), animations: 'disabled' });
  await page.evaluate(`localStorage.setItem('fangpin.language', 'zh-CN')`);
});
