import path from 'node:path';
import { expect, test } from '../support/test.ts';
import { attachSignedConsent, chinaDate, chooseAction, confirmWarningFromTodo, countyApproves, deliberateAndApproveInTownship, fillVerification, openCase, showVerifyStep, signIn, smallPng, submitAction } from '../support/cases.ts';
import { chooseEliminationAction, expectStep, householdIdOf, submitEliminationAction } from '../support/elimination.ts';
import { expectNoHorizontalOverflow, MASKED_ID, SCREENSHOTS } from '../support/journey.ts';
import { addMeasure, assignDemoHelper, expectCoveredAndShoot, openAsHelperOnPhone, recordVisit } from '../support/monitoring.ts';

// Story (issue 13, "Done when", founding story): 阿文 of 甘田镇百乐村, a small boy, has thalassaemia;
// his family (脱贫户) falls behind on the treatment. The county's medical-insurance bureau sends its
// settlements; the warning 因病 lands on the household; the village checks it at home; the case runs
// its steps; the county approves 脱贫不稳定户 / 因病; a helping cadre is assigned within 5 working days
// counted across the Spring Festival (and its make-up Saturday); the centre gives medical
// reimbursement raised by 8 points, a job for the father and B-class dibao; every risk is covered; the
// helping cadre visits every month on a phone; the household file is printed on A4 with no ID
// number in clear. Later, the income stably above the line, the risk is eliminated.
//
// Two tests, two households, honestly:
// 1. The first half, on 黄启明's household (百乐村, the boy is 黄文, 阿文 at home; seeded not monitored).
//    The story spans months, but the clock cannot move and a warning cannot be verified before the day
//    the import raised it: so the demo imports the medical bureau's January 2026 file on its day
//    through the real import (seed-demo.ts, story-households.ts `storyMedicalFile`), and this journey
//    plays everything after it in the browser, each step dated the day it happened (paper work entered
//    late): dispatch, the home check of 2026-01-28, the case to the county's approval of 2026-02-12,
//    the helper on 2026-02-25 (due 02-26: 02-13, make-up Saturday 02-14, then 02-24…26 after the
//    holiday), the three measures, three monthly visits from March, and the A4 file. The clerk's own
//    upload of a file on the import page is played by department-warnings.spec.ts (today's file: its
//    warnings cannot be dated back).
// 2. The second half (elimination) stays on the seeded 韦志强 household (阿文 = 韦阿文 there),
//    monitored ten months back with the same three measures: chaining it on 黄启明's household
//    would need its income above the line for the elimination conditions and the seeded helper's
//    account on the household, and this test keeps playing what it played before.

test.use({ actionTimeout: 20_000 });

/** The first half's household: the number the demo gives it (story-households.ts). */
const HUANG_QIMING = '451028101201900002';

test('阿文 (first half): the January medical file’s warning → home check → case → 脱贫不稳定户 / 因病 → helper across the Spring Festival → three measures → monthly visits → the A4 file', async ({ page }) => {
  test.setTimeout(600_000);
  await signIn(page, 'monitor');
  const found = (await (await page.request.get(`/api/households?q=${HUANG_QIMING}`)).json()) as { items: { id: string; householdNumber: string }[] };
  const householdId = found.items.find((h) => h.householdNumber === HUANG_QIMING)?.id ?? '';
  expect(householdId, '黄启明’s household is in the demo').not.toBe('');

  // The county centre: the medical bureau's January file raised a warning 因病 on the household; it goes to the village.
  await page.setViewportSize({ width: 1366, height: 900 });
  await page.goto(`/warnings?source=medical&householdId=${householdId}`);
  const row = page.locator(`[data-testid="warning-row"][data-household-id="${householdId}"]`);
  await expect(row).toHaveCount(1, { timeout: 30_000 });
  await expect(row.getByTestId('warning-risk')).toHaveText('因病');
  await expect(row.getByTestId('warning-status')).toHaveText('新预警');
  await row.getByTestId('warning-evidence').click();
  const evidence = page.getByTestId('warning-evidence-modal');
  await expect(evidence.getByTestId('warning-evidence-row')).toHaveCount(3);
  await expect(evidence.getByTestId('warning-evidence-total')).toHaveText('合计 13,600.00 元');
  await page.keyboard.press('Escape');
  await expect(evidence).toHaveCount(0);
  await row.locator('input[type="checkbox"]').check();
  const dispatched = page.waitForResponse((r) => r.url().endsWith('/api/warnings/transition'));
  await page.getByTestId('warning-dispatch').click();
  expect((await dispatched).status()).toBe(200);

  // The 百乐村 cadre, on a phone: the warning in 待办; the home check of 2026-01-28, entered now.
  const verify = await confirmWarningFromTodo(page, 'village-baile', householdId, '入户核实：黄文（阿文）患地中海贫血，每月输血，报销后自付一万三千六百元，家庭收入难以承担', '2026-01-28');
  await expect(verify.getByTestId('warning-case-opened')).toContainText('已生成识别认定案件');
  await verify.getByTestId('warning-opened-case-link').click();
  await expect(page.getByTestId('case-page')).toBeVisible();
  const caseId = (await page.getByTestId('case-page').getAttribute('data-case-id')) ?? '';
  await expect(page.getByTestId('case-clock-panel')).toContainText('2026-01-28');

  // The home check of 2026-01-29 (the form's 12 months: 2025); the boy's treatment eats the income.
  await chooseAction(page, 'startVerification', '2026-01-28');
  await submitAction(page, 'startVerification', 'homeVerification');
  await chooseAction(page, 'recordVerification', '2026-01-29');
  await fillVerification(page, {
    labourers: 2,
    incomes: [{ amount: '16000', note: '父亲在县城打零工' }, { amount: '4000', note: '母亲务农' }],
    medical: [{ amount: '13600', note: '地中海贫血输血治疗，报销后自付' }],
  });
  await showVerifyStep(page, 'sign'); // the home check is in steps: the notes are on the last
  await page.getByTestId('verify-notes').fill('入户核实：黄文（阿文）患地中海贫血，每月输血；父亲零工收入不稳定');
  await attachSignedConsent(page, '承诺授权书-黄启明.png');
  await submitAction(page, 'recordVerification', 'propertyCheck');

  // The county: property check and the system assessment (脱贫户 within the line: 脱贫不稳定户).
  await signIn(page, 'monitor');
  await page.setViewportSize({ width: 1366, height: 900 });
  await openCase(page, caseId);
  await chooseAction(page, 'recordPropertyCheck', '2026-01-30');
  await submitAction(page, 'recordPropertyCheck', 'systemAssessment');
  await page.getByTestId('assessment-run').click();
  await expect(page.getByTestId('assessment-preview').getByTestId('assessment-category')).toHaveAttribute('data-category', 'unstable');
  await chooseAction(page, 'recordAssessment', '2026-01-30');
  await submitAction(page, 'recordAssessment', 'villageDeliberation');

  // The village deliberates on 2026-02-02; the township's notice runs five days, it approves on 02-09.
  await deliberateAndApproveInTownship(page, caseId, { village: 'village-baile', township: 'township-gantian' }, {
    on: '2026-02-02',
    attendees: '11',
    minutes: '村民代表评议：黄文患地中海贫血，医疗支出大，同意纳入脱贫不稳定户',
    scanName: '评议记录-黄启明.png',
    noticeEnds: '2026-02-07',
    approvedOn: '2026-02-09',
  });

  // The county approves on 2026-02-12 (the Thursday before the Spring Festival): 脱贫不稳定户, 因病.
  await countyApproves(page, caseId, '2026-02-12', { id: 'unstable', zh: '脱贫不稳定户' }, '因病');

  // Helpers are due 5 working days on: 02-13, the make-up Saturday 02-14, then 02-24, 25, 26 after
  // the holiday (02-15…23). The helping cadre is assigned on 02-25: in time.
  await page.goto(`/households/${householdId}`);
  const record = page.getByTestId('household-monitoring');
  await expect(record).toBeVisible({ timeout: 30_000 });
  await expect(record.getByTestId('monitoring-status')).toHaveText('监测中');
  // Entered late: until the assignment is recorded, the record says the deadline has passed.
  await expect(record.getByTestId('record-helper-overdue')).toContainText('2026-02-26');
  expect(await assignDemoHelper(page, '2026-02-25', '2026-02-26')).toMatchObject({ assignedOn: '2026-02-25', dueOn: '2026-02-26', isLate: false });
  await expect(record.getByTestId('helper-name')).toHaveText(['帮扶干部（演示）']);
  await expect(record.getByTestId('record-helper-overdue')).toHaveCount(0);

  // The three measures against 因病, started after the holiday, two delivered on their real days; every risk is covered.
  await addMeasure(page, '健康帮扶', '医疗报销比例提高 8 个百分点', '县医保局', '2026-02-27');
  await addMeasure(page, '就业帮扶', '帮助父亲到南宁务工', '县人社局', '2026-03-02');
  await addMeasure(page, '综合保障', '纳入低保（B 类）', '县民政局', '2026-03-01', '2026-03-10');
  await expect(page.getByTestId('measure-item').filter({ hasText: '纳入低保' })).toContainText('已落实 2026-03-10');
  // The reimbursement was settled on 03-25; the monitor types it in today and says the real day.
  const health = page.getByTestId('measure-item').filter({ hasText: '医疗报销比例提高' });
  await health.getByTestId('measure-advance').click();
  await page.getByTestId('measure-deliver-on').fill('2026-03-25');
  const delivered = page.waitForResponse((r) => /\/status$/.test(r.url()) && r.request().method() === 'POST');
  await page.getByTestId('measure-deliver-ok').click();
  expect((await delivered).status()).toBe(200);
  await expect(health).toContainText('已落实 2026-03-25');
  await expectCoveredAndShoot(page, path.join(SCREENSHOTS, 'a-wen-helper-measures.png'));

  // The helping cadre visits every month and records it on a phone.
  await openAsHelperOnPhone(page, householdId);
  await recordVisit(page, '2026-03-20', '入户走访：阿文按时输血，医疗报销已按提高后的比例结算');
  await recordVisit(page, '2026-04-18', '入户走访：父亲已到南宁务工，每月寄回工资');
  await recordVisit(page, '2026-05-22', '入户走访：低保金按月发放，阿文病情稳定');
  await expect(page.getByTestId('helper-visit')).toHaveCount(3);
  await expect(page.getByTestId('helper-visit').first()).toContainText('2026-05-22');
  await expectNoHorizontalOverflow(page);
  await page.getByTestId('helper-visits').scrollIntoViewIfNeeded();
  await expect(page.locator('.ant-message-notice')).toHaveCount(0, { timeout: 15_000 });
  await page.screenshot({ path: path.join(SCREENSHOTS, 'a-wen-visits-phone.png'), animations: 'disabled' });

  // 一户一档 printed on A4: the whole story, no ID number in clear.
  await page.setViewportSize({ width: 1366, height: 900 });
  await page.goto(`/households/${householdId}/file`);
  const sheet = page.getByTestId('household-file-sheet');
  await expect(sheet).toBeVisible({ timeout: 30_000 });
  for (const text of ['脱贫不稳定户', '因病', '帮扶干部（演示）', '医疗报销比例提高 8 个百分点', '帮助父亲到南宁务工', '纳入低保（B 类）', '父亲已到南宁务工', '2026-02-12'])
    await expect(sheet).toContainText(text);
  const ids = await page.getByTestId('household-file-id').allInnerTexts();
  expect(ids).toHaveLength(4);
  for (const id of ids) expect(id).toMatch(MASKED_ID);
  // None of the four full numbers anywhere in the page (the 18-digit household number is not one).
  const pageText = await page.locator('body').innerText();
  for (const full of ['451028198605109512', '45102819890821942', '45102820190314953', '45102819581202944'])
    expect(pageText).not.toContain(full.slice(0, 17));
  await page.emulateMedia({ media: 'print' });
  await expect(page.getByTestId('household-file-print')).toBeHidden();
  await expect(page.locator('.fp-sider')).toBeHidden();
  const pdf = await page.pdf({ format: 'A4', printBackground: true });
  expect(pdf.subarray(0, 4).toString('latin1')).toBe('%PDF');
  await page.setViewportSize({ width: 1000, height: 1300 });
  await sheet.screenshot({ path: path.join(SCREENSHOTS, 'a-wen-file-print.png') });
  await page.emulateMedia({ media: 'screen' });
});

test('阿文 (second half, on 韦志强’s household): the system suggests elimination, the procedure runs with dated steps, the county decides 风险已消除', async ({ page, request }) => {
  test.setTimeout(240_000);
  const householdId = await householdIdOf(request, '韦志强');

  // The county monitor sees the monitoring record: helper, the three measures, risks covered, the suggestion.
  await signIn(page, 'monitor');
  await page.setViewportSize({ width: 1366, height: 900 });
  await page.goto(`/households/${householdId}`);
  const record = page.getByTestId('household-monitoring');
  await expect(record).toBeVisible({ timeout: 30_000 });
  await expect(record.getByTestId('monitoring-status')).toHaveText('监测中');
  await expect(record.getByTestId('helper-name')).toHaveText(['帮扶干部（演示）']);
  await expect(record.getByTestId('record-helper-overdue')).toHaveCount(0);
  await expect(record).toContainText('医疗报销比例提高 8 个百分点');
  await expect(record).toContainText('帮助父亲到南宁务工');
  await expect(record).toContainText('纳入低保（B 类）');
  await expect(record.getByTestId('risk-type-uncovered')).toHaveCount(0);
  await expect(page.getByTestId('elimination-suggested')).toBeVisible();
  await page.screenshot({ path: path.join(SCREENSHOTS, 'elimination-suggested.png'), fullPage: true, animations: 'disabled' });

  // The helping cadre proposes it (the day he filled in the form: 20 days ago).
  await signIn(page, 'helper');
  await page.goto(`/households/${householdId}`);
  await page.getByTestId('elimination-propose').click();
  const form = page.getByRole('dialog');
  await expect(form.getByTestId('elimination-reason')).toBeVisible();
  await form.getByTestId('elimination-reason').fill('人均纯收入稳定高于监测线，三项帮扶措施均已落实，阿文病情稳定');
  await form.getByTestId('elimination-date').fill(chinaDate(-20));
  await page.locator('.fp-elimination-dialog .ant-modal-footer .ant-btn-primary').click();
  await expect(page).toHaveURL(/\/eliminations\//);
  await expectStep(page, '提出风险消除');
  const eliminationUrl = page.url();

  // The village cadre, on a phone: dispatches and records the home check, then the deliberation.
  await signIn(page, 'village-baile');
  await page.setViewportSize({ width: 360, height: 780 });
  await page.goto(eliminationUrl);
  await chooseEliminationAction(page, null, chinaDate(-19));
  await submitEliminationAction(page);
  await expectStep(page, '入户核实');
  await chooseEliminationAction(page, '完成入户核实', chinaDate(-18));
  await page.getByTestId('elimination-income').fill('11600');
  await page.getByTestId('elimination-notes').fill('父亲在南宁务工收入稳定，阿文移植后恢复良好，住房饮水安全');
  // Each step's evidence goes with its form: the signed home-check record, then the minutes.
  await page.getByTestId('upload-evidence').setInputFiles({ name: '入户核实表.png', mimeType: 'image/png', buffer: smallPng() });
  await expect(page.getByTestId('attach-evidence').getByTestId('attachment-uploaded')).toHaveCount(1);
  await submitEliminationAction(page);
  await expectStep(page, '村级评议');
  await chooseEliminationAction(page, null, chinaDate(-16));
  await page.getByTestId('elimination-attendees').fill('12');
  await page.getByTestId('elimination-minutes').fill('村民代表评议：同意提出风险消除');
  await page.getByTestId('upload-minutes').setInputFiles({ name: '评议记录.png', mimeType: 'image/png', buffer: smallPng() });
  await expect(page.getByTestId('attach-minutes').getByTestId('attachment-uploaded')).toHaveCount(1);
  await submitEliminationAction(page);
  await expectStep(page, '公示');
  const files = page.getByTestId('elimination-attachments').getByTestId('case-attachment');
  await expect(files).toHaveCount(2);
  await expect(files.first()).toContainText('证明材料');
  await expect(files.first()).toContainText('入户核实表.png');
  await expect(files.last()).toContainText('评议会议记录');
  await expectNoHorizontalOverflow(page);
  await page.screenshot({ path: path.join(SCREENSHOTS, 'elimination-phone.png'), fullPage: true, animations: 'disabled' });

  // The township (Leye posts notices at the township): the notice cannot close before 5 days.
  await signIn(page, 'township-gantian');
  await page.setViewportSize({ width: 1366, height: 900 });
  await page.goto(eliminationUrl);
  // The notice to post (公示), printed from the case: names, size, category, mode — nothing personal.
  await page.getByTestId('elimination-notice-link').click();
  const notice = page.getByTestId('notice-sheet');
  await expect(notice.getByTestId('notice-title')).toHaveText('防止返贫监测对象风险消除公示');
  await expect(notice.getByTestId('notice-mode')).toHaveText('帮扶消除');
  await expect(notice.getByTestId('notice-period')).toContainText('5 天');
  const noticeText = await notice.innerText();
  expect(noticeText).not.toMatch(/\d{17}[\dX]/);
  expect(noticeText).not.toMatch(/1[3-9]\d{9}/);
  expect(noticeText).not.toMatch(/病|移植|医疗|银行/);
  await page.setViewportSize({ width: 1000, height: 1300 });
  await notice.screenshot({ path: path.join(SCREENSHOTS, 'elimination-notice-print.png') });
  await page.setViewportSize({ width: 1366, height: 900 });
  await page.getByRole('link', { name: /返回风险消除案件/ }).click();
  await expectStep(page, '公示');
  await chooseEliminationAction(page, '结束公示', chinaDate(-13));
  await submitEliminationAction(page, 422);
  await expect(page.getByTestId('elimination-action-error')).toContainText('公示期不少于 5 天');
  await page.getByTestId('elimination-action-date').fill(chinaDate(-10));
  await submitEliminationAction(page);
  await expectStep(page, '乡镇审核');
  await chooseEliminationAction(page, '乡镇审核通过', chinaDate(-8));
  await submitEliminationAction(page);
  await expectStep(page, '县级审定');

  // The county re-checks the conditions on its day and decides 稳定消除.
  await signIn(page, 'monitor');
  await page.goto(eliminationUrl);
  await chooseEliminationAction(page, null, chinaDate(-5));
  await page.getByTestId('elimination-outcome').getByText('稳定消除').click();
  await submitEliminationAction(page);
  await expectStep(page, '风险已消除');
  await expect(page.getByTestId('elimination-decision-fact')).toContainText('稳定消除');
  await expect(page.getByTestId('elimination-timeline-entry')).toHaveCount(7);
  await expect(page.getByTestId('elimination-timeline-entry').first()).toContainText(chinaDate(-20));
  // The county reads the files of the decided case and downloads the minutes (the server audits it).
  const minutes = page.getByTestId('elimination-attachments').getByTestId('case-attachment').last().getByRole('link');
  const download = await page.request.get((await minutes.getAttribute('href'))!);
  expect(download.status()).toBe(200);
  expect(download.headers()['content-disposition']).toContain('attachment');
  await page.screenshot({ path: path.join(SCREENSHOTS, 'elimination-case.png'), fullPage: true, animations: 'disabled' });

  await page.getByTestId('elimination-household').click();
  await expect(page.getByTestId('household-monitoring').getByTestId('monitoring-status')).toHaveText('风险已消除（稳定）');

  // The same page in English: no Chinese in the labels (names and the rule's words are data).
  await page.evaluate(`localStorage.setItem('fangpin.language', 'en')`);
  await page.goto(eliminationUrl);
  await expect(page.getByTestId('elimination-step')).toHaveText('Risk eliminated');
  await page.screenshot({ path: path.join(SCREENSHOTS, 'elimination-case-en.png'), fullPage: true, animations: 'disabled' });
  await page.evaluate(`localStorage.setItem('fangpin.language', 'zh-CN')`);
});
