import { randomUUID } from 'node:crypto';
import path from 'node:path';
import { expect, test, type APIRequestContext } from '../support/test.ts';
import { chooseOption } from '../support/cases.ts';
import { expectNoHorizontalOverflow, fillLogin, FULL_ID, loginAs, SCREENSHOTS } from '../support/journey.ts';

// Story (issue: department data comparison): 阿文, a child of a 百乐村 household, had high medical
// costs; so had a member of a second 百乐村 household. The county medical-insurance bureau sends its
// settlements; the county monitor uploads the file, previews it (five rows matched; an ID number
// Excel turned into 4.51028E+17 and a totals row are rejected), confirms, finds the batch in the
// history and downloads its rejected rows. Two warnings 因病 appear in the queue; the monitor sends
// both to the village. The village cadre of 百乐村 signs in on a phone and finds them in 待办, with a
// count on the menu; the first household's risk is confirmed with a note, which opens a case the
// warning and the case link to; the second's costs were covered by critical-illness insurance, so no
// risk, with that reason (refused without one). The county centre then corrects the first outcome
// (the village had the wrong household): the case is withdrawn with the reason and the warning goes
// back to the village. The bureau's clerk can import but sees no warnings.
//
// The e2e server is shared by every spec of a run and the test may run again on the same server:
// the households are ones without a medical warning yet, and the file is unique per run (a time
// stamp in the title row), since an identical file is reported as a repeat.

interface Household {
  id: string;
  householdNumber: string;
  headName: string;
}
interface Member {
  id: string;
  name: string;
  birthYear: number | null;
}

function dateInChina(daysAgo: number): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(
    new Date(Date.now() - daysAgo * 86_400_000),
  );
}

async function json<T>(api: APIRequestContext, url: string): Promise<T> {
  const response = await api.get(url);
  expect(response.status(), url).toBe(200);
  return (await response.json()) as T;
}

type Pick = { household: Household; member: Member; idNumber: string };

/** Two 百乐村 households without a medical warning, each with the full ID number of its youngest member. */
async function pickHouseholds(api: APIRequestContext): Promise<[Pick, Pick]> {
  const regions = await json<{ items: { code: string; name: string }[] }>(
    api,
    `/api/regions?q=${encodeURIComponent('百乐村')}`,
  );
  const baile = regions.items.find((r) => r.name === '百乐村');
  if (!baile) throw new Error('百乐村 not found');
  const households = await json<{ items: Household[] }>(api, `/api/households?regionCode=${baile.code}&pageSize=100`);
  const warned = await json<{ items: { householdId: string }[] }>(api, '/api/warnings?source=medical&pageSize=500');
  const taken = new Set(warned.items.map((w) => w.householdId));
  const picks: Pick[] = [];
  for (const household of households.items) {
    if (taken.has(household.id)) continue;
    const detail = await json<{ members: Member[] }>(api, `/api/households/${household.id}`);
    const member = [...detail.members].sort((a, b) => (b.birthYear ?? 0) - (a.birthYear ?? 0))[0];
    if (!member) continue;
    const reveal = await api.post(`/api/members/${member.id}/reveal`, { data: { field: 'idNumber', reason: '准备医保结算测试文件' } });
    expect(reveal.status()).toBe(200);
    const { value } = (await reveal.json()) as { value: string };
    if (FULL_ID.test(value)) picks.push({ household, member, idNumber: value });
    if (picks.length === 2) return [picks[0]!, picks[1]!];
  }
  throw new Error('fewer than two 百乐村 households left without a medical warning');
}

/** The settlements file as the bureau exports it: a title row, UTF-8 with BOM, Excel's mistakes included. */
function medicalCsv(stamp: string, [a, b]: [Pick, Pick]): Buffer {
  const lines = [
    `乐业县医疗保障局 医保结算明细（导出 ${stamp}）,,,`,
    '身份证号码,姓名,结算日期,个人自付',
    `${a.idNumber},${a.member.name},${dateInChina(20)},4200.50`,
    `${a.idNumber},${a.member.name},${dateInChina(95)},3860`,
    `${a.idNumber},${a.member.name},${dateInChina(200)},"2,950.00"`,
    `${b.idNumber},${b.member.name},${dateInChina(40)},6000`,
    `${b.idNumber},${b.member.name},${dateInChina(130)},5200`,
    `4.51028E+17,韦某某,${dateInChina(30)},860`,
    '合计,,,23070.50',
  ];
  return Buffer.from('\uFEFF' + lines.join('\r\n') + '\r\n', 'utf8');
}

test('county monitor imports medical settlements; the warning goes to the village and is confirmed', async ({
  page,
}) => {
  test.slow(); // a long story: import, dispatch, verify on a phone, correct, and English
  await loginAs(page, 'monitor');
  const picks = await pickHouseholds(page.request);
  const [{ household }, { household: second }] = picks;
  const stamp = new Date().toISOString();
  const fileName = `医保结算-${stamp.replace(/[:.]/g, '')}.csv`;

  // Upload with preview: counts, the reasons for rejection, the first rejected rows.
  await page.getByTestId('nav-department-import').click();
  await expect(page).toHaveURL(/\/department\/import$/);
  await chooseOption(page, 'import-source', '医疗保障局（医保结算）');
  await expect(page.getByTestId('import-headers')).toContainText('个人自付');
  await page
    .getByTestId('import-file-input')
    .setInputFiles({ name: fileName, mimeType: 'text/csv', buffer: medicalCsv(stamp, picks) });
  await expect(page.getByTestId('import-file-name')).toHaveText(fileName);
  await page.getByTestId('import-preview').click();
  const result = page.getByTestId('import-result');
  await expect(result).toHaveAttribute('data-state', 'preview');
  await expect(page.getByTestId('import-preview-notice')).toContainText('尚未保存');
  await expect(result.getByTestId('count-rows').locator('.fp-count-value')).toHaveText('7');
  await expect(result.getByTestId('count-matched').locator('.fp-count-value')).toHaveText('5');
  await expect(result.getByTestId('count-rejected').locator('.fp-count-value')).toHaveText('2');
  const notation = result.locator('[data-testid="rejected-code"][data-code="ID_SCIENTIFIC_NOTATION"]');
  await expect(notation).toContainText('科学计数法');
  await expect(result.locator('[data-testid="rejected-code"][data-code="TOTALS_ROW"]')).toContainText('合计行');
  await expect(page.getByTestId('import-errors')).toContainText('身份证号码');
  await page.screenshot({ path: path.join(SCREENSHOTS, 'department-import.png'), fullPage: true });

  // Confirm: the same file is posted again as a background job; the page polls it until done.
  const imported = page.waitForResponse((r) => r.url().includes('/api/import-jobs/department/medical'));
  await page.getByTestId('import-confirm').click();
  expect((await imported).status()).toBe(202);
  await expect(result).toHaveAttribute('data-state', 'done');
  await expect(page.getByTestId('import-done')).toContainText('导入完成');
  await expect(result.getByTestId('count-newWarnings').locator('.fp-count-value')).not.toHaveText('0');

  // The new warnings wait in the county's 待办, to be sent to their villages.
  await page.getByTestId('nav-todo').click();
  const toDispatch = page.getByTestId('todo-warnings-to-dispatch');
  await expect(toDispatch).toBeVisible();
  // Polled: the page may first show the counts it had before the import, then its refetch.
  await expect.poll(async () => Number(await toDispatch.locator('.fp-todo-counter-value').innerText())).toBeGreaterThanOrEqual(2);

  // Batch history lists it with its counts; the rejected rows download as XLSX.
  await page.getByTestId('nav-department-batches').click();
  const batch = page.getByTestId('batch-row').filter({ hasText: fileName });
  await expect(batch).toHaveCount(1);
  await expect(batch.getByTestId('count-matched').locator('.fp-count-value')).toHaveText('5');
  await expect(batch.getByTestId('count-rejected').locator('.fp-count-value')).toHaveText('2');
  await page.mouse.move(1, 1);
  await page.screenshot({ path: path.join(SCREENSHOTS, 'department-batches.png'), fullPage: true });
  const href = await batch.getByTestId('batch-errors-download').getAttribute('href');
  expect(href).toMatch(/\/api\/department-batches\/[0-9a-f-]+\/errors\.xlsx$/);
  const download = await page.request.get(href ?? '');
  expect(download.status()).toBe(200);
  expect(download.headers()['content-type']).toContain('spreadsheetml');
  expect((await download.body()).subarray(0, 2).toString('latin1')).toBe('PK');

  // The queue, filtered by source 医保 and status 新预警, shows both households with risk 因病.
  await page.getByTestId('nav-warnings').click();
  await expect(page).toHaveURL(/\/warnings$/);
  await chooseOption(page, 'warning-source-filter', '医保结算');
  await expect(page).toHaveURL(/source=medical/);
  await chooseOption(page, 'warning-status-filter', '新预警');
  await expect(page).toHaveURL(/status=new/);
  const rowOf = (id: string) => page.locator(`[data-testid="warning-row"][data-household-id="${id}"]`);
  const row = rowOf(household.id);
  await expect(row).toHaveCount(1);
  await expect(rowOf(second.id)).toHaveCount(1);
  await expect(row.getByTestId('warning-risk')).toHaveText('因病');
  await expect(row.getByTestId('warning-household-link')).toHaveText(household.householdNumber);
  await expect(row.getByTestId('warning-status')).toHaveText('新预警');
  // Its 依据: the three settlements of the file, each with its file and row, adding up to the warning's total.
  await row.getByTestId('warning-evidence').click();
  const evidence = page.getByTestId('warning-evidence-modal');
  await expect(evidence.getByTestId('warning-evidence-row')).toHaveCount(3);
  await expect(evidence.getByTestId('warning-evidence-row').first()).toContainText('4,200.50 元');
  await expect(evidence.getByTestId('warning-evidence-origin').first()).toContainText(`${fileName} · 第 3 行`);
  await expect(evidence.getByTestId('warning-evidence-total')).toHaveText('合计 11,010.50 元');
  // The picture once the dialog has finished zooming in.
  await expect(page.locator('.ant-modal[class*="ant-zoom"]')).toHaveCount(0);
  await page.screenshot({ path: path.join(SCREENSHOTS, 'warning-evidence.png') });
  await page.keyboard.press('Escape');
  await expect(evidence).toHaveCount(0);

  await row.locator('input[type="checkbox"]').check();
  await rowOf(second.id).locator('input[type="checkbox"]').check();
  await expect(page.getByTestId('warning-selected')).toHaveText('已选 2 条');
  await page.mouse.move(1, 1);
  await page.screenshot({ path: path.join(SCREENSHOTS, 'warnings.png'), fullPage: true });

  const dispatched = page.waitForResponse((r) => r.url().endsWith('/api/warnings/transition'));
  await page.getByTestId('warning-dispatch').click();
  const answer = (await (await dispatched).json()) as { results: { ok: boolean }[] };
  expect(answer.results).toEqual([expect.objectContaining({ ok: true }), expect.objectContaining({ ok: true })]);
  await expect(page.getByText('已处理 2 条预警')).toBeVisible();
  await expect(row).toHaveCount(0);
  await expect(rowOf(second.id)).toHaveCount(0);

  // The village cadre of 百乐村 signs in on a phone and lands on 待办: the badge on the menu button
  // counts what waits, and both warnings are there to verify.
  await page.getByTestId('logout').click();
  await expect(page).toHaveURL(/\/login/);
  await page.setViewportSize({ width: 360, height: 740 });
  await loginAs(page, 'village-baile');
  await expect(page.getByTestId('todo-page')).toBeVisible();
  const todoCard = (id: string) => page.locator(`[data-testid="todo-warning"][data-household-id="${id}"]`);
  await expect(todoCard(household.id)).toBeVisible();
  await expect(todoCard(second.id)).toBeVisible();
  const toggleCount = page.getByTestId('menu-toggle-count').locator('.ant-badge-count');
  await expect(toggleCount).toBeVisible();
  const badge = Number((await toggleCount.getAttribute('title')) ?? '0');
  expect(badge).toBeGreaterThanOrEqual(2);
  await page.getByTestId('menu-toggle').click();
  await expect(page.getByTestId('nav-todo-count').locator('.ant-badge-count')).toHaveAttribute('title', String(badge));
  // A village cadre's menu: no department imports, sources or rule pages.
  const drawerMenu = page.getByTestId('side-menu');
  await expect(drawerMenu.getByTestId('nav-warnings')).toBeVisible();
  for (const hidden of ['nav-department-batches', 'nav-department-sources', 'nav-rules', 'nav-department-import'])
    await expect(drawerMenu.getByTestId(hidden)).toHaveCount(0);
  await page.screenshot({ path: path.join(SCREENSHOTS, 'nav-drawer-badge-mobile.png') });
  await page.keyboard.press('Escape');
  await expect(page.locator('.ant-drawer-open')).toHaveCount(0);
  await expectNoHorizontalOverflow(page);
  await page.screenshot({ path: path.join(SCREENSHOTS, 'todo-warnings-mobile.png') });

  // The first household: a confirmed risk is no longer one tap — the dialog asks for the outcome,
  // a note and a confirmation, then names the case it opened.
  await todoCard(household.id).getByTestId('todo-warning-verify').click();
  const verify = page.getByTestId('warning-verify-dialog');
  await expect(verify).toBeVisible();
  await expect(verify.getByTestId('warning-verify-submit')).toBeDisabled();
  await verify.getByTestId('warning-outcome-riskConfirmed').click();
  await verify.getByTestId('warning-verify-submit').click();
  await expect(verify.getByTestId('warning-note-required')).toHaveText('请填写核实情况');
  const note = '入户核实：阿文今年住院两次，报销后自付一万一千元，父亲务工收入不稳定';
  await verify.getByTestId('warning-reason').fill(note);
  // The day of the home check (default today; the clue date and the identification clock start there).
  await expect(verify.getByTestId('warning-verified-on')).toHaveValue(/^\d{4}-\d{2}-\d{2}$/);
  await expect(verify.getByTestId('warning-verify-submit')).toHaveText(/确认：核实有风险/);
  await page.screenshot({ path: path.join(SCREENSHOTS, 'warning-verify-mobile.png') });
  await verify.getByTestId('warning-verify-submit').click();
  const opened = verify.getByTestId('warning-case-opened');
  await expect(opened).toContainText('已生成识别认定案件');
  const caseNumber = ((await opened.getByTestId('warning-opened-case-link').innerText()).match(/\d{6}-\d{4}-\d{4}/) ?? [
    '',
  ])[0];
  expect(caseNumber).not.toBe('');
  await page.screenshot({ path: path.join(SCREENSHOTS, 'warning-case-opened-mobile.png') });
  await opened.getByTestId('warning-opened-case-link').click();
  // The case says which warning it came from, and what the village found (case → warning).
  await expect(page.getByTestId('case-number')).toHaveText(caseNumber);
  const caseId = (await page.getByTestId('case-page').getAttribute('data-case-id')) ?? '';
  const source = page.getByTestId('case-source-warning');
  await expect(source).toBeVisible();
  await expect(source.getByTestId('case-warning-note')).toContainText(note);
  await expect(source.getByTestId('warning-status')).toHaveText('核实有风险');
  // Only the county withdraws a case; the village is not offered it.
  await expect(page.getByTestId('case-action-withdraw')).toHaveCount(0);
  await expect(source.getByTestId('case-warning-correct')).toHaveCount(0);
  // …and the warning names the case (warning → case).
  await source.getByTestId('case-warning-link').click();
  await expect(page).toHaveURL(new RegExp(`householdId=${household.id}`));
  await expect(row.getByTestId('warning-case-link')).toContainText(caseNumber);
  await expect(row.getByTestId('warning-status-reason')).toContainText(note);

  // The second household: no risk, which needs a reason (the dialog, then the server, refuse without one).
  await page.goto('/warnings?status=dispatched');
  const other = rowOf(second.id);
  await other.getByTestId('warning-no-risk').click();
  await expect(verify.getByTestId('warning-outcome-noRisk')).toBeChecked();
  await verify.getByTestId('warning-verify-submit').click();
  await expect(verify).toContainText('请填写核实无风险的原因');
  const reason = '入户核实：住院费用已由大病保险二次报销，家庭务工收入稳定';
  await verify.getByTestId('warning-reason').fill(reason);
  await verify.getByTestId('warning-verify-submit').click();
  await expect(verify).toHaveCount(0);
  await chooseOption(page, 'warning-status-filter', '全部状态');
  await expect(other.getByTestId('warning-status')).toHaveText('核实无风险');
  await expect(other.getByTestId('warning-status-reason')).toHaveText(`核实情况说明：${reason}`);
  await expectNoHorizontalOverflow(page);
  // The picture without the two notices over the header.
  await expect(page.locator('.ant-message-notice')).toHaveCount(0, { timeout: 10_000 });
  await other.scrollIntoViewIfNeeded();
  await page.screenshot({ path: path.join(SCREENSHOTS, 'warnings-verified-mobile.png') });
  const refused = await page.request.post('/api/warnings/transition', { data: { ids: [randomUUID()], to: 'noRisk' } });
  expect(refused.status()).toBe(400);
  // Both are done: nothing of them waits in the to-do any more.
  await page.goto('/todo');
  await expect(page.getByTestId('todo-page')).toBeVisible();
  await expect(todoCard(household.id)).toHaveCount(0);
  await expect(todoCard(second.id)).toHaveCount(0);

  // The household's page shows its warnings: the confirmed one, its case, and what it rests on.
  await page.goto(`/households/${household.id}`);
  await page.getByTestId('warnings-tab').click();
  const onPage = page.getByTestId('household-warning');
  await expect(onPage).toHaveCount(1);
  await expect(onPage).toHaveAttribute('data-status', 'riskConfirmed');
  await expect(onPage.getByTestId('warning-status')).toHaveText('核实有风险');
  await expect(onPage.getByTestId('warning-case-link')).toContainText(caseNumber);
  await onPage.getByTestId('warning-evidence').click();
  await expect(page.getByTestId('warning-evidence-row')).toHaveCount(3);
  await expectNoHorizontalOverflow(page);
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('warning-evidence-modal')).toHaveCount(0);
  await page.locator(':focus').blur(); // the focus ring the dialog hands back
  await page.screenshot({ path: path.join(SCREENSHOTS, 'household-warnings-mobile.png') });

  // The county centre sees the village tapped the wrong household: it corrects the outcome from the
  // case while nothing has been done on it. The case is withdrawn with the reason; the warning goes
  // back to the village.
  await page.context().clearCookies();
  await page.setViewportSize({ width: 1366, height: 800 });
  await loginAs(page, 'monitor');
  await page.goto(`/cases/${caseId}`);
  await expect(page.getByTestId('case-page')).toHaveAttribute('data-step', 'clueRegistered');
  await expect(page.getByTestId('case-source-warning')).toBeVisible();
  await page.screenshot({ path: path.join(SCREENSHOTS, 'case-from-warning.png'), fullPage: true });
  await page.getByTestId('case-warning-correct').click();
  const correct = page.getByTestId('warning-correct-dialog');
  await expect(correct.getByTestId('warning-correct-withdraws')).toContainText(caseNumber);
  await correct.getByTestId('warning-correct-submit').click();
  await expect(correct).toContainText('请填写更正原因');
  const why = '村干部核实时弄错了户：阿文家的医疗费用已由民政救助';
  await correct.getByTestId('warning-correct-reason').fill(why);
  await expect(correct.getByTestId('warning-correct-reopen')).toBeChecked();
  await expect(page.locator('.ant-modal[class*="ant-zoom"]')).toHaveCount(0);
  await page.screenshot({ path: path.join(SCREENSHOTS, 'warning-correct.png') });
  await correct.getByTestId('warning-correct-submit').click();
  await expect(page.getByText(`已更正核实结果，案件 ${caseNumber} 已撤回`)).toBeVisible();
  await expect(page.getByTestId('case-page')).toHaveAttribute('data-step', 'withdrawn');
  await expect(page.locator('[data-testid="timeline-entry"][data-type="withdraw"]')).toContainText(why);
  await page.goto(`/warnings?householdId=${household.id}`);
  await expect(row.getByTestId('warning-status')).toHaveText('已下发核实');
  await expect(row.getByTestId('warning-case-link')).toContainText(caseNumber);
  await expect(row).toContainText('已撤回');
  await page.mouse.move(1, 1);
  await page.screenshot({ path: path.join(SCREENSHOTS, 'warnings-corrected.png') });

  // Back with the village, who finds it in 待办 again — here in English, at a desk.
  await page.context().clearCookies();
  await loginAs(page, 'village-baile');
  await page.getByTestId('language-switch').click();
  await page.getByTestId('language-en').click();
  await expect(page.getByTestId('todo-page')).toContainText('Warnings to verify');
  await expect(todoCard(household.id)).toBeVisible();
  await expect(page.getByTestId('nav-todo-count').locator('.ant-badge-count')).toBeVisible();
  await page.mouse.move(1, 1);
  await page.screenshot({ path: path.join(SCREENSHOTS, 'todo-en.png') });
  await todoCard(household.id).getByTestId('todo-warning-verify').click();
  await verify.getByTestId('warning-outcome-noRisk').click();
  await verify.getByTestId('warning-reason').fill('Visited: the costs were covered by civil-affairs assistance');
  await expect(verify.getByTestId('warning-verify-submit')).toHaveText('Confirm: no risk');
  await expect(page.locator('.ant-modal[class*="ant-zoom"]')).toHaveCount(0);
  await page.screenshot({ path: path.join(SCREENSHOTS, 'warning-verify-en.png') });
});

test('the medical bureau clerk may import but sees no warnings', async ({ page }) => {
  await fillLogin(page, 'dept-medical');
  await expect(page).toHaveURL(/\/department\/import$/);
  await expect(page.getByTestId('department-import-page')).toBeVisible();
  await expect(page.getByTestId('nav-department-import')).toBeVisible();
  await expect(page.getByTestId('nav-department-sources')).toBeVisible();
  await expect(page.getByTestId('nav-warnings')).toHaveCount(0);
  await expect(page.getByTestId('side-menu')).not.toContainText('农户查询');

  await page.getByTestId('nav-department-sources').click();
  await expect(page.getByTestId('source-item')).toHaveCount(15);
  await expect(page.getByTestId('source-aliases').first()).toContainText('公民身份号码');
  await expect(page.locator('.ant-menu-item-selected')).toHaveText(/数据来源/);
  await page.mouse.move(1, 1);
  await page.screenshot({ path: path.join(SCREENSHOTS, 'department-sources.png') });

  await page.goto('/warnings');
  await expect(page.getByTestId('warnings-forbidden')).toBeVisible();
});

test.describe('on a 360-px phone', () => {
  test.use({ viewport: { width: 360, height: 740 }, isMobile: true, hasTouch: true, deviceScaleFactor: 1 });

  test('import, history and warnings fit the screen', async ({ page }) => {
    await loginAs(page, 'monitor');
    for (const url of ['/department/import', '/department/batches', '/department/sources', '/warnings']) {
      await page.goto(url);
      await expect(page.locator('.fp-page')).toBeVisible();
      await expectNoHorizontalOverflow(page);
    }
    // On a phone the queue is a list of cards: status and verification buttons without scrolling.
    await page.goto('/warnings?source=medical');
    const card = page.getByTestId('warning-row').first();
    await expect(card).toBeVisible();
    await expect(card.getByTestId('warning-status')).toBeInViewport();
    await expectNoHorizontalOverflow(page);
    await page.screenshot({ path: path.join(SCREENSHOTS, 'warnings-mobile.png') });
  });
});
