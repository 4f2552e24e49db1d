import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import { maskIdNumber } from '@fangpin/domain';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { buildCounty, buildHousehold, buildUserAndLogin, buildWarning, makeIdNumber, type BuiltHousehold, type TestCounty } from '../../../test/factories.ts';
import { tempFile } from '../../../test/registry-files.ts';
import { createTestContext, TEST_SECRET_KEY, type TestContext } from '../../../test/test-app.ts';
import { SYSTEM_ACTOR } from '../audit/record-audit.ts';
import { importDepartmentFile } from './import-department.ts';
import { insertVersions } from '../rules/repo.ts';

let ctx: TestContext;
let county: TestCounty;
let awen: BuiltHousehold;
let ordinary: BuiltHousehold;
const TODAY = '2026-11-29';
const deps = () => ({ pool: ctx.pool, cipher: ctx.cipher, today: TODAY });

beforeAll(async () => {
  ctx = await createTestContext();
  county = await buildCounty(ctx.pool);
  // 阿文's household: formerly poor, in 百乐村; the child is the patient.
  awen = await buildHousehold(ctx, {
    villageCode: county.villages[3]!.code,
    type: 'formerlyPoor',
    members: [{ name: '阿文父亲', relation: 'head', birthDate: '1988-02-03' }, { name: '阿文', relation: 'son', birthDate: '2015-06-01' }],
  });
  ordinary = await buildHousehold(ctx, { villageCode: county.villages[0]!.code });
});

/** `unicode-text`: Excel's 另存为“Unicode 文本”, UTF-16 with BOM and tab-separated (the lines' quotes dropped). */
function medicalCsv(lines: string[][], encoding: 'gbk' | 'utf8-bom' | 'unicode-text' = 'gbk'): string {
  const file = tempFile(encoding === 'unicode-text' ? 'medical.txt' : 'medical.csv');
  const header = ['身份证号码', '姓名', '结算日期', '医疗总费用', '个人自付'];
  if (encoding === 'unicode-text') {
    const text = ['县医保局 2026 年结算明细', header.join('\t'), ...lines.map((l) => l.map((c) => c.replace(/^"(.*)"$/, '$1')).join('\t'))].join('\r\n');
    fs.writeFileSync(file, Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]));
    return file;
  }
  const text = ['县医保局 2026 年结算明细', header.join(','), ...lines.map((l) => l.join(','))].join('\r\n');
  fs.writeFileSync(file, encoding === 'gbk' ? iconv.encode(text, 'gbk') : '\ufeff' + text);
  return file;
}

describe('department data comparison: medical insurance', () => {
  it('accounts for every row of a file with every defect, exactly', async () => {
    const awenId = awen.members[1]!.idNumber;
    const outsider = makeIdNumber('450102', '1990-01-01'); // valid ID, not in the registry
    const lines = [
      [awenId, '阿文', '2026/3/5', '200000', '"12,345.60元"'], // matched
      [awenId, '阿文', '20260405', '80000', '9000'], // matched
      [awen.members[0]!.idNumber, '阿文父亲', '2026年5月6日', '100', '100'], // matched
      [ordinary.members[0]!.idNumber, '黄大明', '2026-06-01 10:31:07', '3000', '1200'], // matched (a settlement time), below threshold
      [outsider, '外县人员', '2026-06-01', '3000', '1200'], // unmatched
      ['4.51028E+17', '科学计数', '2026-06-01', '10', '10'], // Excel turned the ID into a number
      [awenId.slice(0, 17) + (awenId.endsWith('1') ? '2' : '1'), '校验错', '2026-06-01', '10', '10'],
      ['', '无证号', '2026-06-01', '10', '10'],
      [awenId, '阿文', '2026-02-30', '10', '10'], // impossible date
      [awenId, '阿文', '2026-06-01', '10', '十元'], // bad amount
      [awenId, '阿文', '2027-01-01', '10', '10'], // future date
      [ordinary.members[0]!.idNumber, '黄大明', '2026-06-02', '—', '80'], // matched: "—" in an optional amount is empty
      [outsider, '外县人员', '2026-06-01', '3000', '/'], // "/" in the required amount: blank
      ['合计', '', '', '283100', '22725.60'], // totals row
    ];
    const file = medicalCsv(lines);
    const result = await importDepartmentFile(deps(), SYSTEM_ACTOR, 'medical', file);
    expect(result).toMatchObject({ rows: 14, accepted: 6, matched: 5, unmatched: 1, rejected: 8, isRepeat: false });
    expect(result.rejectedByCode).toEqual({ ID_SCIENTIFIC_NOTATION: 1, ID_BAD_CHECKSUM: 1, ID_BLANK: 1, DATE_INVALID: 1, AMOUNT_INVALID: 1, DATE_IN_FUTURE: 1, VALUE_BLANK: 1, TOTALS_ROW: 1 });
    expect(result.accepted + result.rejected).toBe(result.rows);
    expect(result.errors.find((e) => e.code === 'ID_SCIENTIFIC_NOTATION')).toMatchObject({ row: 8, column: '身份证号码' });
    expect(result.errors.find((e) => e.code === 'AMOUNT_INVALID')).toMatchObject({ row: 12, column: '个人自付' });
    const { rows: stored } = await ctx.pool.query(`SELECT fate, count(*)::int AS n FROM department_rows WHERE batch_id = $1 GROUP BY fate ORDER BY fate`, [result.batchId]);
    expect(stored).toEqual([{ fate: 'matched', n: 5 }, { fate: 'rejected', n: 8 }, { fate: 'unmatched', n: 1 }]);
    expect(result.errors.find((e) => e.code === 'VALUE_BLANK')).toMatchObject({ row: 15, column: '个人自付', message: '合规自付为空' });
    // No full ID number is stored with the rows.
    const { rows: leak } = await ctx.pool.query(`SELECT count(*)::int AS n FROM department_rows WHERE batch_id = $1 AND ("values"::text LIKE '%' || $2 || '%' OR id_masked = $2)`, [result.batchId, awenId]);
    expect(leak[0].n).toBe(0);

    // 阿文's household: 12,345.60 + 9,000 + 100 = 21,445.60 > 5,000 (formerly poor) → one warning, risk 01 因病.
    const { rows: warnings } = await ctx.pool.query(`SELECT household_id, risk_type, numbers, status, sources, period FROM warnings WHERE county_code = $1`, [county.countyCode]);
    expect(warnings).toEqual([
      expect.objectContaining({ household_id: awen.id, risk_type: '01', status: 'new', sources: ['medical'], period: '2026-11', numbers: { outOfPocketLast12Months: 21445.6, threshold: 5000 } }),
    ]);
    expect(result).toMatchObject({ warnings: 1, newWarnings: 1 });

    // The same rows saved as Excel's "Unicode text" (UTF-16, tab-separated): the same fates, rows and columns.
    const unicode = await importDepartmentFile(deps(), SYSTEM_ACTOR, 'medical', medicalCsv(lines, 'unicode-text'), { dryRun: true });
    expect(unicode).toMatchObject({ rows: 14, accepted: 6, matched: 5, unmatched: 1, rejected: 8, warnings: 1, newWarnings: 0 });
    expect(unicode.rejectedByCode).toEqual(result.rejectedByCode);
    expect(unicode.errors).toEqual(result.errors);
  });

  it('a row with two problems reports both, and counts once', async () => {
    const awenId = awen.members[1]!.idNumber;
    const badId = awenId.slice(0, 17) + (awenId.endsWith('1') ? '2' : '1');
    const file = medicalCsv([
      [badId, '阿文', '2026-13-40', '10', '十元'], // wrong checksum, impossible date, bad amount
      [awenId, '阿文', '2026-06-01', '10', '10'],
    ]);
    const result = await importDepartmentFile(deps(), SYSTEM_ACTOR, 'medical', file, { dryRun: true });
    expect(result).toMatchObject({ rows: 2, accepted: 1, rejected: 1, rejectedByCode: { ID_BAD_CHECKSUM: 1 } });
    expect(result.errors).toEqual([
      { sheet: null, row: 3, code: 'ID_BAD_CHECKSUM', column: '身份证号码', message: expect.stringContaining('校验') },
      { sheet: null, row: 3, code: 'DATE_INVALID', column: '结算日期', message: '结算日期“2026-13-40”不是有效日期' },
      { sheet: null, row: 3, code: 'AMOUNT_INVALID', column: '个人自付', message: '合规自付“十元”不是有效金额' },
    ]);
    // The stored row (the rejected-rows file) holds every problem.
    const real = await importDepartmentFile(deps(), SYSTEM_ACTOR, 'medical', file);
    const { rows } = await ctx.pool.query(`SELECT error_code, error_column, error_message FROM department_rows WHERE batch_id = $1 AND fate = 'rejected'`, [real.batchId]);
    expect(rows).toEqual([
      { error_code: 'ID_BAD_CHECKSUM', error_column: '身份证号码、结算日期、个人自付', error_message: expect.stringMatching(/校验.*；结算日期“2026-13-40”不是有效日期；合规自付“十元”不是有效金额$/) },
    ]);
  });

  it('the same file twice changes nothing; an overlapping file counts a settlement once; a dry run commits nothing', async () => {
    const c = await buildCounty(ctx.pool);
    const h = await buildHousehold(ctx, { villageCode: c.villages[0]!.code, type: 'ordinary' });
    const id = h.members[0]!.idNumber;
    const first = medicalCsv([[id, '甲', '2026-01-10', '50000', '6000'], [id, '甲', '2026-02-10', '50000', '5000']]);
    const phases: string[] = [];
    const steps: string[] = [];
    const a = await importDepartmentFile(deps(), SYSTEM_ACTOR, 'medical', first, {
      onPhase: (name, ms) => phases.push(`${name}:${ms >= 0}`),
      onStep: (step) => steps.push(`${step}:${phases.length}`),
    });
    expect(a).toMatchObject({ matched: 2, warnings: 1, newWarnings: 1 });
    expect(phases).toEqual(['scan:true', 'stage:true', 'match:true', 'households:true', 'warnings:true']);
    // The steps a person sees begin where the phases say: reading after the scan, matching after the rows are in, then warnings.
    expect(steps).toEqual(['reading:1', 'matching:2', 'warnings:4']);
    const again = await importDepartmentFile(deps(), SYSTEM_ACTOR, 'medical', first);
    expect(again).toMatchObject({ isRepeat: true, batchId: a.batchId, newWarnings: 0 });
    // The department sends a cumulative file: the two old settlements again plus a new one.
    const cumulative = medicalCsv([[id, '甲', '2026-01-10', '50000', '6000'], [id, '甲', '2026-02-10', '50000', '5000'], [id, '甲', '2026-09-01', '9000', '1000']], 'utf8-bom');
    const preview = await importDepartmentFile(deps(), SYSTEM_ACTOR, 'medical', cumulative, { dryRun: true });
    expect(preview).toMatchObject({ isDryRun: true, matched: 3, warnings: 1, newWarnings: 0 });
    const { rows: none } = await ctx.pool.query(`SELECT count(*)::int AS n FROM department_batches WHERE id = $1`, [preview.batchId]);
    expect(none[0].n).toBe(0);
    const b = await importDepartmentFile(deps(), SYSTEM_ACTOR, 'medical', cumulative);
    expect(b).toMatchObject({ matched: 3, warnings: 1, newWarnings: 0 });
    const { rows } = await ctx.pool.query(`SELECT numbers, batch_ids FROM warnings WHERE household_id = $1`, [h.id]);
    expect(rows).toHaveLength(1);
    expect(rows[0].numbers.outOfPocketLast12Months).toBe(12000);
    expect(rows[0].batch_ids).toEqual([a.batchId, b.batchId]);

    // The warning's source rows: the three settlements it adds up, each once, from the file that sent it first.
    const monitor = await buildUserAndLogin(ctx, { role: 'county-monitor', regionCode: c.code });
    const { rows: warning } = await ctx.pool.query(`SELECT id FROM warnings WHERE household_id = $1`, [h.id]);
    const evidence = await ctx.app.inject({ url: `/api/warnings/${warning[0].id}/rows`, headers: { cookie: monitor.cookie } });
    expect(evidence.statusCode).toBe(200);
    const masked = maskIdNumber(id);
    const row = (batchId: string, line: number, eventDate: string, amount: number) => ({
      source: 'medical', batchId, fileName: 'medical.csv', comparedOn: TODAY, sheet: null, row: line, memberName: h.members[0]!.name, idMasked: masked, eventDate, amount, kind: null,
    });
    expect(evidence.json().items).toEqual([row(b.batchId, 5, '2026-09-01', 1000), row(a.batchId, 4, '2026-02-10', 5000), row(a.batchId, 3, '2026-01-10', 6000)]);
    const outsider = await buildUserAndLogin(ctx, { role: 'county-monitor', regionCode: county.code });
    expect((await ctx.app.inject({ url: `/api/warnings/${warning[0].id}/rows`, headers: { cookie: outsider.cookie } })).statusCode).toBe(404);
    const clerk = await buildUserAndLogin(ctx, { role: 'department', regionCode: c.code });
    expect((await ctx.app.inject({ url: `/api/warnings/${warning[0].id}/rows`, headers: { cookie: clerk.cookie } })).statusCode).toBe(403);
    // A leader reads the warning and its total, not one person's settlements.
    const leader = await buildUserAndLogin(ctx, { role: 'leader', regionCode: c.code });
    expect((await ctx.app.inject({ url: `/api/warnings?householdId=${h.id}`, headers: { cookie: leader.cookie } })).json().items).toHaveLength(1);
    expect((await ctx.app.inject({ url: `/api/warnings/${warning[0].id}/rows`, headers: { cookie: leader.cookie } })).statusCode).toBe(403);
  });

  it('reads XLSX with title rows, several sheets, Excel dates and numbers, and a totals row', async () => {
    const c = await buildCounty(ctx.pool);
    const h = await buildHousehold(ctx, { villageCode: c.villages[1]!.code, type: 'formerlyPoor' });
    const id = h.members[0]!.idNumber;
    const workbook = new ExcelJS.Workbook();
    for (const [name, rows] of [
      ['一季度', [[id, '甲', new Date(Date.UTC(2026, 2, 5)), 1000, 3000]]],
      ['二季度', [[id, '甲', '2026-05-06', 1000, 2500], [Number(id.slice(0, 17) + '0'), '数字证号', '2026-05-06', 1, 1]]],
    ] as const) {
      const sheet = workbook.addWorksheet(name);
      sheet.addRow(['乐业县医保结算明细']);
      sheet.mergeCells(1, 1, 1, 5);
      sheet.addRow(['身份证号码', '姓名', '结算日期', '医疗总费用', '个人自付']);
      for (const r of rows) sheet.addRow([...r]);
      sheet.addRow(['合计', '', '', '', '']);
    }
    const file = tempFile('medical.xlsx');
    await workbook.xlsx.writeFile(file);
    const result = await importDepartmentFile(deps(), SYSTEM_ACTOR, 'medical', file);
    expect(result).toMatchObject({ rows: 5, matched: 2, rejected: 3, rejectedByCode: { TOTALS_ROW: 2, ID_SCIENTIFIC_NOTATION: 1 } });
    expect(result.errors.find((e) => e.code === 'ID_SCIENTIFIC_NOTATION')).toMatchObject({ sheet: '二季度', row: 4 });
    const { rows } = await ctx.pool.query(`SELECT numbers FROM warnings WHERE household_id = $1`, [h.id]);
    expect(rows[0].numbers.outOfPocketLast12Months).toBe(5500);
  });
});

describe('warnings over HTTP', () => {
  it('lists warnings in scope; dispatch and verification go per id, with a reason for no risk', async () => {
    const monitor = await buildUserAndLogin(ctx, { role: 'county-monitor', regionCode: county.code });
    const list = await ctx.app.inject({ url: '/api/warnings?source=medical&status=new', headers: { cookie: monitor.cookie } });
    expect(list.statusCode).toBe(200);
    const items = list.json().items;
    expect(items).toEqual([expect.objectContaining({ householdId: awen.id, riskType: '01', householdNumber: awen.householdNumber, villageName: '百乐村' })]);
    // The words as data (issue 11 item 9): the signal's code and numbers, from which the web writes either language; the stored zh-CN message stays.
    expect(items[0]).toMatchObject({ signal: 'medicalOutOfPocket', detailWithheld: false, numbers: { threshold: 5000, outOfPocketLast12Months: expect.any(Number) }, message: expect.stringMatching(/^医保：近12个月合规自付 [\d.]+ 元，预警线 5000 元$/) });
    // A reader without health detail gets neither the code nor the numbers, only that it is withheld.
    const leader = await buildUserAndLogin(ctx, { role: 'leader', regionCode: county.code });
    const read = await ctx.app.inject({ url: '/api/warnings?source=medical&status=new', headers: { cookie: leader.cookie } });
    expect(read.statusCode).toBe(200);
    expect(read.json().items[0]).toMatchObject({ signal: null, numbers: {}, detailWithheld: true, message: expect.stringContaining('涉及健康信息') });
    // One household's warnings, for its page.
    const ofHousehold = (id: string) => ctx.app.inject({ url: `/api/warnings?householdId=${id}`, headers: { cookie: monitor.cookie } }).then((r) => r.json().items.map((w: { householdId: string }) => w.householdId));
    expect(await ofHousehold(awen.id)).toEqual([awen.id]);
    expect(await ofHousehold(ordinary.id)).toEqual([]);
    expect((await ctx.app.inject({ url: '/api/warnings?householdId=x', headers: { cookie: monitor.cookie } })).statusCode).toBe(400);
    const other = await buildCounty(ctx.pool);
    const otherMonitor = await buildUserAndLogin(ctx, { role: 'county-monitor', regionCode: other.code });
    expect((await ctx.app.inject({ url: '/api/warnings?source=medical', headers: { cookie: otherMonitor.cookie } })).json().items).toEqual([]);
    const dept = await buildUserAndLogin(ctx, { role: 'department', regionCode: county.code });
    expect((await ctx.app.inject({ url: '/api/warnings', headers: { cookie: dept.cookie } })).statusCode).toBe(403);

    const move = (cookie: string, payload: object) => ctx.app.inject({ method: 'POST', url: '/api/warnings/transition', headers: { cookie }, payload });
    const foreign = '00000000-0000-4000-8000-000000000000';
    const dispatched = await move(monitor.cookie, { ids: [items[0].id, foreign], to: 'dispatched' });
    expect(dispatched.json().results).toEqual([{ id: items[0].id, ok: true }, { id: foreign, ok: false, reason: 'notFound' }]);
    expect((await move(monitor.cookie, { ids: [items[0].id], to: 'noRisk' })).json()).toMatchObject({ code: 'VALIDATION_FAILED', field: 'reason' });
    const cadre = await buildUserAndLogin(ctx, { role: 'village-cadre', regionCode: county.villages[3]!.code });
    // Confirming a risk needs a note on what the verification found.
    expect((await move(cadre.cookie, { ids: [items[0].id], to: 'riskConfirmed' })).json()).toMatchObject({ code: 'VALIDATION_FAILED', field: 'reason' });
    const confirmed = (await move(cadre.cookie, { ids: [items[0].id], to: 'riskConfirmed', reason: '入户核实：孩子住院，自付费用高' })).json().results;
    expect(confirmed).toEqual([{ id: items[0].id, ok: true, clueId: expect.any(String), caseId: expect.any(String), caseNumber: expect.stringMatching(/^\d{6}-\d{4}-\d{4}$/) }]);
    // 阿文's confirmed warning is now a clue the county acts on.
    const clues = (await ctx.app.inject({ url: '/api/clues?channel=warning', headers: { cookie: monitor.cookie } })).json().items;
    expect(clues).toEqual([expect.objectContaining({ id: confirmed[0].clueId, householdId: awen.id, householdNumber: awen.householdNumber, riskTypes: ['01'], status: 'case', warningId: items[0].id })]);
    // …and the county can act on it: its identification case is open at the clue-registered step.
    const { rows: cases } = await ctx.pool.query(`SELECT step FROM cases WHERE clue_id = $1`, [confirmed[0].clueId]);
    expect(cases).toEqual([{ step: 'clueRegistered' }]);
    expect((await ctx.app.inject({ url: '/api/clues', headers: { cookie: otherMonitor.cookie } })).json().items).toEqual([]);
    expect((await move(cadre.cookie, { ids: [items[0].id], to: 'noRisk', reason: 'x' })).json().results).toEqual([{ id: items[0].id, ok: false, reason: 'wrongStatus' }]);
  });

  it('a role that may never make the move is refused as a whole (403), not per warning', async () => {
    const ids = [(await buildWarning(ctx.pool, { household: awen })).id, (await buildWarning(ctx.pool, { household: ordinary, status: 'dispatched' })).id];
    const move = (cookie: string, payload: object) => ctx.app.inject({ method: 'POST', url: '/api/warnings/transition', headers: { cookie }, payload });
    const leader = await buildUserAndLogin(ctx, { role: 'leader', regionCode: county.code });
    const helper = await buildUserAndLogin(ctx, { role: 'helping-cadre', regionCode: county.villages[3]!.code });
    const cadre = await buildUserAndLogin(ctx, { role: 'village-cadre', regionCode: county.villages[3]!.code });
    for (const [who, payload] of [
      [leader, { ids, to: 'noRisk', reason: '领导不核实' }],
      [leader, { ids, to: 'dispatched' }],
      [helper, { ids, to: 'riskConfirmed', reason: '帮扶干部不核实预警' }],
      // A village cadre verifies but never dispatches.
      [cadre, { ids, to: 'dispatched' }],
    ] as const) {
      const r = await move(who.cookie, payload);
      expect(r.statusCode, JSON.stringify(payload)).toBe(403);
      expect(r.json()).toMatchObject({ code: 'FORBIDDEN' });
    }
    // A role that may act still gets a result per id: unknown or out of its region is notFound.
    const foreign = '00000000-0000-4000-8000-000000000000';
    const r = await move(cadre.cookie, { ids: [foreign], to: 'noRisk', reason: '无风险' });
    expect(r.statusCode).toBe(200);
    expect(r.json().results).toEqual([{ id: foreign, ok: false, reason: 'notFound' }]);
  });
});

describe('a provincial file', () => {
  it('judges each household by the rule set of its own county', async () => {
    const strict = await buildCounty(ctx.pool);
    const plain = await buildCounty(ctx.pool);
    await insertVersions(ctx.pool, [
      { version: `${strict.countyCode}-test`, regionCode: strict.countyCode, effectiveFrom: '2026-01-01', rules: { departmentSignals: { medicalOutOfPocket: { general: 20000, formerlyPoor: 8000 } } }, createdBy: 'test' },
    ]);
    const a = await buildHousehold(ctx, { villageCode: strict.villages[0]!.code });
    const b = await buildHousehold(ctx, { villageCode: plain.villages[0]!.code });
    const file = medicalCsv([[a.members[0]!.idNumber, '甲', '2026-05-01', '0', '15000'], [b.members[0]!.idNumber, '乙', '2026-05-01', '0', '15000']]);
    const result = await importDepartmentFile(deps(), SYSTEM_ACTOR, 'medical', file);
    expect(result).toMatchObject({ matched: 2, warnings: 1 });
    const { rows } = await ctx.pool.query(`SELECT household_id, rule_set_version, numbers FROM warnings WHERE household_id = ANY($1::uuid[])`, [[a.id, b.id]]);
    expect(rows).toEqual([expect.objectContaining({ household_id: b.id, rule_set_version: 'gx-2026.1', numbers: { outOfPocketLast12Months: 15000, threshold: 10000 } })]);
  });
});

describe('batch history and the rejected-rows file', () => {
  it('a department clerk uploads over HTTP, sees the batch with its counts, and downloads the rejected rows', async () => {
    const clerk = await buildUserAndLogin(ctx, { role: 'department', regionCode: county.code });
    const boundary = '----fangpin';
    const csv = fs.readFileSync(medicalCsv([[ordinary.members[1]!.idNumber, '乙', '2026-08-08', '100', '50'], ['45102819', '短号', '2026-08-08', '1', '1']], 'utf8-bom'));
    const payload = Buffer.concat([Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="医保.csv"\r\nContent-Type: text/csv\r\n\r\n`), csv, Buffer.from(`\r\n--${boundary}--\r\n`)]);
    const upload = await ctx.app.inject({ method: 'POST', url: '/api/imports/department/medical', headers: { cookie: clerk.cookie, 'content-type': `multipart/form-data; boundary=${boundary}` }, payload });
    expect(upload.json()).toMatchObject({ rows: 2, matched: 1, rejected: 1, rejectedByCode: { ID_BAD_LENGTH: 1 } });
    const batches = (await ctx.app.inject({ url: '/api/department-batches?source=medical', headers: { cookie: clerk.cookie } })).json().items;
    expect(batches[0]).toMatchObject({ id: upload.json().batchId, fileName: '医保.csv', rows: 2, rejected: 1 });
    const other = await buildCounty(ctx.pool);
    const otherClerk = await buildUserAndLogin(ctx, { role: 'department', regionCode: other.code });
    const otherList = (await ctx.app.inject({ url: '/api/department-batches', headers: { cookie: otherClerk.cookie } })).json().items;
    expect(otherList.some((b: { id: string }) => b.id === upload.json().batchId)).toBe(false);
    const xlsx = await ctx.app.inject({ url: `/api/department-batches/${upload.json().batchId}/errors.xlsx`, headers: { cookie: clerk.cookie } });
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
    expect(workbook.worksheets[0]!.getRow(2).values).toEqual([undefined, undefined, 4, '身份证号码', 'ID_BAD_LENGTH', expect.stringContaining('位')]);
  });
});

describe('safety', () => {
  it('killing the import midway leaves nothing behind, and a re-run completes with no duplicate warnings', async () => {
    const c = await buildCounty(ctx.pool);
    const households: BuiltHousehold[] = [];
    for (let i = 0; i < 3; i++) households.push(await buildHousehold(ctx, { villageCode: c.villages[i]!.code }));
    const lines: string[][] = [];
    for (let i = 0; i < 60_000; i++) {
      const h = households[i % 3]!;
      lines.push([h.members[0]!.idNumber, '甲', `2026-${String((i % 9) + 1).padStart(2, '0')}-1${i % 10}`, '100', (1 + i / 100).toFixed(2)]);
    }
    const file = medicalCsv(lines);
    const env = { ...process.env, DATABASE_URL: inject('databaseUrl'), FANGPIN_SECRET_KEY: TEST_SECRET_KEY };
    const bin = path.resolve(import.meta.dirname, '../../../bin/fangpin.mjs');
    const child = spawn(process.execPath, [bin, 'import', 'department', '--source', 'medical', file, '--json', '--county', c.countyCode], { env, stdio: 'ignore' });
    const exited = new Promise((resolve) => child.on('exit', resolve));
    // Wait until the child's import is writing rows (its INSERT is visible in pg_stat_activity), then kill it hard.
    const importing = async () =>
      (await ctx.pool.query<{ pid: number }>(`SELECT pid FROM pg_stat_activity WHERE query LIKE 'INSERT INTO department_rows%' AND pid <> pg_backend_pid()`)).rows;
    let backends: { pid: number }[] = [];
    for (let i = 0; i < 600 && backends.length === 0; i++) {
      backends = await importing();
      if (backends.length === 0) await new Promise((r) => setTimeout(r, 20));
    }
    expect(backends.length).toBeGreaterThan(0);
    expect(child.exitCode).toBeNull(); // still importing when killed
    child.kill('SIGKILL');
    await exited;
    const leftovers = async () =>
      (await ctx.pool.query(`SELECT (SELECT count(*) FROM warnings WHERE county_code = $1)::int AS w, (SELECT count(*) FROM department_rows WHERE county_code = $1)::int AS r`, [c.countyCode])).rows[0];
    // PostgreSQL rolls the dead client's transaction back once it notices the connection is gone.
    for (let i = 0; i < 200; i++) {
      const { rows } = await ctx.pool.query(`SELECT count(*)::int AS n FROM pg_stat_activity WHERE pid = ANY($1::int[])`, [backends.map((b) => b.pid)]);
      if (rows[0].n === 0) break;
      await new Promise((r) => setTimeout(r, 50));
    }
    expect(await leftovers()).toEqual({ w: 0, r: 0 });

    const rerun = await importDepartmentFile(deps(), { ...SYSTEM_ACTOR, regionCode: c.code }, 'medical', file);
    expect(rerun).toMatchObject({ rows: 60_000, matched: 60_000, isRepeat: false, warnings: 3, newWarnings: 3 });
    expect(await leftovers()).toEqual({ w: 3, r: 60_000 });
  }, 120_000);
});

describe('a per-record source (emergency management)', () => {
  it('reads the labels the bureau writes for a disaster; a text that names no kind is rejected with the kinds', async () => {
    const c = await buildCounty(ctx.pool);
    const flooded = await buildHousehold(ctx, { villageCode: c.villages[0]!.code });
    const other = await buildHousehold(ctx, { villageCode: c.villages[1]!.code });
    const file = tempFile('emergency.csv');
    fs.writeFileSync(
      file,
      ['身份证号码,姓名,受灾日期,灾害类型', `${flooded.members[0]!.idNumber},甲,2026-07-01,洪涝灾害`, `${other.members[0]!.idNumber},乙,2026-07-02,constructor`].join('\r\n'),
    );
    const result = await importDepartmentFile(deps(), SYSTEM_ACTOR, 'emergency', file);
    expect(result).toMatchObject({ rows: 2, matched: 1, rejected: 1, rejectedByCode: { VALUE_UNKNOWN: 1 }, warnings: 1 });
    expect(result.errors).toEqual([
      { sheet: null, row: 3, column: '灾害类型', code: 'VALUE_UNKNOWN', message: '灾害类型“constructor”无法识别（可选：其他、洪涝、地质灾害、干旱、生物灾害、气象灾害、地震）' },
    ]);
    const { rows } = await ctx.pool.query(`SELECT household_id, risk_type FROM warnings WHERE household_id = ANY($1::uuid[])`, [[flooded.id, other.id]]);
    expect(rows).toEqual([{ household_id: flooded.id, risk_type: '0201' }]);
    // A per-record warning rests on its own row.
    const monitor = await buildUserAndLogin(ctx, { role: 'county-monitor', regionCode: c.code });
    const { rows: warning } = await ctx.pool.query(`SELECT id FROM warnings WHERE household_id = $1`, [flooded.id]);
    const evidence = await ctx.app.inject({ url: `/api/warnings/${warning[0].id}/rows`, headers: { cookie: monitor.cookie } });
    expect(evidence.json().items).toEqual([expect.objectContaining({ source: 'emergency', fileName: 'emergency.csv', row: 2, eventDate: '2026-07-01', amount: null, kind: 'flood' })]);
  });
});

describe('headers with their unit', () => {
  it('个人自付（元） is the 个人自付 column', async () => {
    const c = await buildCounty(ctx.pool);
    const h = await buildHousehold(ctx, { villageCode: c.villages[0]!.code });
    const file = tempFile('units.csv');
    fs.writeFileSync(file, ['身份证号码,姓名,结算日期,医疗总费用(元),个人自付（元）', `${h.members[0]!.idNumber},甲,2026-07-01,300,120.5`].join('\r\n'));
    const result = await importDepartmentFile(deps(), SYSTEM_ACTOR, 'medical', file, { dryRun: true });
    expect(result).toMatchObject({ rows: 1, matched: 1, rejected: 0 });
  });
});
