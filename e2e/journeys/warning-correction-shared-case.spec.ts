import path from 'node:path';
import { expect, test, type Page } from '../support/test.ts';
import { chinaDate, openCase, signIn } from '../support/cases.ts';
import { expectNoHorizontalOverflow, resizeTo, SCREENSHOTS } from '../support/journey.ts';

// Story (one household, one case): a department warning about a household is confirmed by the
// village and opens its identification case; a cadre's visit report about the same household is
// forwarded and joins that case. Then the county centre finds the warning's
// verification was wrong (the village checked another household of the same name) and corrects
// it from the case page: the dialog says only the warning's clue will leave the case; after the
// correction the case is still at its step with its clock, the timeline says the warning's clue
// was withdrawn, and the case's clue list marks it withdrawn while the visit still stands —
// at a desk, on a 360 px phone, and in English.
//
// Set up through the API as the county monitor (who may dispatch and verify warnings and file and
// forward visit reports): the journey is about the correction, which other journeys do not show.
// The e2e server is shared by every spec of a run: the warning is raised by the journey's own medical
// file about a household without any case.

type Warning = { id: string; householdId: string; regionCode: string; riskType: string; status: string };

async function post(page: Page, url: string, data: object): Promise<Record<string, unknown>> {
  const response = await page.request.post(url, { data });
  expect(response.status(), `${url}: ${await response.text()}`).toBeLessThan(300);
  return (await response.json()) as Record<string, unknown>;
}

/**
 * A warning of its own: the county imports a medical settlement over the threshold for a 百乐村
 * household without any case, and the import raises the warning (a full run leaves no demo warning
 * of a household without a case that the other journeys did not take).
 */
async function raiseWarning(page: Page): Promise<Warning> {
  const village = ((await (await page.request.get(`/api/regions?q=${encodeURIComponent('百乐村')}`)).json()) as { items: { code: string }[] }).items[0]!.code;
  // Not monitored, no case and no warning: the other journeys of a full run take some of the village's households.
  const households = ((await (await page.request.get(`/api/households?regionCode=${village}&pageSize=100`)).json()) as { items: { id: string; monitoringStatus: string | null }[] }).items;
  let household: { id: string } | undefined;
  for (const h of households.filter((x) => x.monitoringStatus === null)) {
    const cases = ((await (await page.request.get(`/api/cases?householdId=${h.id}&status=all`)).json()) as { total: number }).total;
    const warnings = ((await (await page.request.get(`/api/warnings?householdId=${h.id}`)).json()) as { total: number }).total;
    if (cases === 0 && warnings === 0) {
      household = h;
      break;
    }
  }
  if (!household) throw new Error('no household of 百乐村 without monitoring, case or warning in the demo');
  const member = ((await (await page.request.get(`/api/households/${household.id}`)).json()) as { members: { id: string; name: string }[] }).members[0]!;
  const revealed = await post(page, `/api/members/${member.id}/reveal`, { field: 'idNumber', reason: '准备医保结算测试文件' });
  const csv = `身份证号码,姓名,结算日期,医疗总费用,个人自付\n${revealed.value as string},${member.name},${chinaDate(-20)},60000,32000\n`;
  const imported = await page.request.post('/api/imports/department/medical', { multipart: { file: { name: 'medical.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) } } });
  expect(imported.status(), await imported.text()).toBe(200);
  const raised = ((await (await page.request.get(`/api/warnings?householdId=${household.id}&status=new&pageSize=100`)).json()) as { items: Warning[] }).items[0];
  expect(raised, 'the medical file raised a warning').toBeTruthy();
  return raised!;
}

type Outcome = { ok: boolean; reason?: string; caseId: string; caseNumber: string; clueId: string };

test('a warning corrected in a case a visit joined: only its clue leaves the case, which goes on', async ({ page }) => {
  test.setTimeout(180_000);
  await signIn(page, 'monitor');
  // Raised today by the county's import, dispatched and confirmed today; the cadre's visit of the same day joins the case.
  const warning = await raiseWarning(page);
  await post(page, '/api/warnings/transition', { ids: [warning.id], to: 'dispatched' });
  const [confirmed] = (await post(page, '/api/warnings/transition', { ids: [warning.id], to: 'riskConfirmed', reason: '入户核实：情况属实', occurredOn: chinaDate(0) })).results as Outcome[];
  expect(confirmed, 'the verification is recorded').toMatchObject({ ok: true });
  const { caseId, caseNumber } = confirmed!;
  const filed = await post(page, '/api/visit-reports', { householdId: warning.householdId, regionCode: warning.regionCode, visitedOn: chinaDate(0), observed: '入户走访：家中主要劳动力务工中断，收入下降', riskTypes: ['07'] });
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
  await expect(page.getByTestId('case-clock-panel')).toContainText(chinaDate(0));
  const entry = page.locator('[data-testid="timeline-entry"][data-type="withdrawClue"]');
  await expect(entry).toContainText('撤出线索');
  await expect(entry).toContainText(why);
  await expect(entry.getByTestId('timeline-data')).toContainText('该预警线索撤出本案');
  await expect(clues.nth(0)).toHaveAttribute('data-withdrawn', 'true');
  await expect(clues.nth(0).getByTestId('case-clue-withdrawn')).toHaveText('已撤出');
  await expect(clues.nth(1)).toHaveAttribute('data-withdrawn', 'false');
  await page.mouse.move(1, 1);
  await page.screenshot({ path: path.join(SCREENSHOTS, 'case-clue-withdrawn-desktop.png'), fullPage: true, animations: 'disabled' });

  await resizeTo(page, { width: 360, height: 780 });
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
