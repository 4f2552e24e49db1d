import { addCalendarDays } from '@fangpin/domain';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildCounty, buildUserAndLogin, type TestCounty } from '../../test/factories.ts';
import { COL, HEADER, registryRows } from '../../test/registry-files.ts';
import { createTestContext, type TestContext } from '../../test/test-app.ts';
import { localDate } from '../clock.ts';

/**
 * Issue 10, item 11: bad input is a 400 naming the field, never a 500: NUL bytes (and the other
 * characters XML cannot hold) in any text, on public routes too; multipart bodies that are not
 * well-formed; dates before 1900 or beyond their field's bound. Exports hold whatever older rows
 * hold: characters XML cannot hold are left out, formula-like texts neutralised.
 */
let ctx: TestContext;
let county: TestCounty;
let monitor: { cookie: string };
let base: string;
const today = () => localDate(new Date());

beforeAll(async () => {
  ctx = await createTestContext();
  county = await buildCounty(ctx.pool);
  monitor = await buildUserAndLogin(ctx, { role: 'county-monitor', regionCode: county.code });
  // Multipart bodies cut off mid-way need a real connection (the in-process injector never ends such a body).
  await ctx.app.listen({ port: 0, host: '127.0.0.1' });
  const address = ctx.app.server.address();
  base = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
});
afterAll(async () => {
  await ctx.app.close();
});

const call = (overrides: object = {}) => ({ callerName: '黄大明', callerPhone: '13800002222', regionCode: county.villages[0]!.code, content: '家里孩子生病住院，花了很多钱', result: 'answered', ...overrides });

describe('characters no text may hold', () => {
  it.each([
    ['login (no session)', 'POST', '/api/auth/login', () => ({ username: 'admin\u0000', password: 'x' }), 'username'],
    ['a public application (no session)', 'POST', '/api/public/applications', () => ({ villageCode: county.villages[0]!.code, phone: '13800003333', description: '家里房子塌了\u0000需要帮助', consent: true }), 'description'],
    ['a hotline call', 'POST', '/api/hotline-calls', () => call({ callerName: '黄\u0000大明' }), 'callerName'],
    ['a hotline call, U+FFFF', 'POST', '/api/hotline-calls', () => call({ callerName: '黄大明\uffff' }), 'callerName'],
    ['a hotline call, a lone surrogate', 'POST', '/api/hotline-calls', () => call({ content: '说明\ud800文字' }), 'content'],
  ])('%s: 400 naming the field', async (_name, method, url, payload, field) => {
    const cookie = url.includes('/public/') || url.includes('/auth/') ? {} : { cookie: monitor.cookie };
    const r = await ctx.app.inject({ method: method as 'POST', url, payload: payload(), headers: cookie });
    expect(r.statusCode, r.body).toBe(400);
    expect(r.json()).toMatchObject({ code: 'VALIDATION_FAILED', field });
  });

  it('a field deep in a body: 400 naming its path', async () => {
    const opened = await ctx.app.inject({ method: 'POST', url: '/api/hotline-calls', headers: { cookie: monitor.cookie }, payload: call({ result: 'dispatched', riskTypes: ['01'], callerPhone: '13800004444' }) });
    const caseId = opened.json().caseId as string;
    const { version } = (await ctx.app.inject({ url: `/api/cases/${caseId}`, headers: { cookie: monitor.cookie } })).json<{ version: number }>();
    const r = await ctx.app.inject({ method: 'POST', url: `/api/cases/${caseId}/events`, headers: { cookie: monitor.cookie }, payload: { type: 'withdraw', version, data: { reason: '申请人撤回\u0000' } } });
    expect(r.statusCode, r.body).toBe(400);
    expect(r.json()).toMatchObject({ code: 'VALIDATION_FAILED', field: 'data.reason' });
  });

  it('a query string or a route parameter: 400 naming it', async () => {
    const search = await ctx.app.inject({ url: '/api/households?q=%00abc', headers: { cookie: monitor.cookie } });
    expect(search.statusCode).toBe(400);
    expect(search.json()).toMatchObject({ code: 'VALIDATION_FAILED', field: 'q' });
    const village = await ctx.app.inject({ url: `/api/public/villages/${county.villages[0]!.code}%00` });
    expect(village.json()).toMatchObject({ code: 'VALIDATION_FAILED', field: 'code' });
  });

  it('a body nested 100,000 deep is checked like any other: 400, never a 500', async () => {
    const deep = (inner: string) => `{"callerName":"黄大明","content":${'['.repeat(100_000)}${inner}${']'.repeat(100_000)}}`;
    const post = (payload: string) => ctx.app.inject({ method: 'POST', url: '/api/hotline-calls', headers: { cookie: monitor.cookie, 'content-type': 'application/json' }, payload });
    // Nothing unstorable in it: the body's schema refuses it.
    const plain = await post(deep('"说明"'));
    expect([plain.statusCode, plain.json().code]).toEqual([400, 'VALIDATION_FAILED']);
    // A NUL at the bottom: found, its whole path named.
    const nul = await post(deep('"说明\\u0000"'));
    expect([nul.statusCode, nul.json().code]).toEqual([400, 'VALIDATION_FAILED']);
    expect(nul.json().field).toBe(['content', ...Array<string>(100_000).fill('0')].join('.'));
  });
});

describe('a NUL byte in an imported file', () => {
  it('refuses the file with the row and column where it is (every importer), and imports nothing of it', async () => {
    const admin = await buildUserAndLogin(ctx, { role: 'county-admin', regionCode: county.code });
    const clerk = await buildUserAndLogin(ctx, { role: 'department', regionCode: county.code });
    const registry = [HEADER, ...registryRows(county, 2, 11)];
    registry[2]![COL['姓名']] = `黄\u0000${registry[2]![COL['姓名']]}`;
    const nameColumn = COL['姓名'] + 1;
    const files = [
      { url: '/api/imports/registry', cookie: admin.cookie, csv: registry.map((r) => r.map((c) => (/[",\r\n]/.test(c) ? `"${c.replace(/"/g, '""')}"` : c)).join(',')).join('\r\n') + '\r\n', row: 3, column: nameColumn },
      { url: '/api/imports/monitoring', cookie: admin.cookie, csv: `户编号,监测对象类别,风险类型,人均纯收入\r\n${registry[1]![COL['户编号']]},边缘易致贫户,因病,8000\r\n${registry[2]![COL['户编号']]},边缘易\u0000致贫户,因病,8000\r\n`, row: 3, column: 2 },
      { url: '/api/imports/department/medical?dryRun=true', cookie: clerk.cookie, csv: '身份证号码,姓名,结算日期,医疗总费用,个人自付\r\n451028198805170011,黄大明,2026-10-05,30000,12000\r\n451028198805170011,黄\u0000大明,2026-10-06,100,50\r\n', row: 3, column: 2 },
    ];
    for (const file of files) {
      const form = new FormData();
      form.append('file', new Blob([file.csv]), '导出.csv');
      const r = await fetch(`${base}${file.url}`, { method: 'POST', headers: { cookie: file.cookie }, body: form });
      const problem = (await r.json()) as { code: string; row?: number; column?: number; detail?: string; reason?: string; params?: Record<string, string> };
      expect([file.url, r.status, problem]).toEqual([file.url, 422, expect.objectContaining({ code: 'IMPORT_FILE_INVALID', row: file.row, column: file.column })]);
      expect(problem).toMatchObject({ reason: 'nulCharacter', params: { row: String(file.row), column: String(file.column) } });
    }
    const { rows } = await ctx.pool.query(`SELECT 1 FROM households WHERE household_number = ANY($1)`, [[registry[1]![COL['户编号']], registry[2]![COL['户编号']]]]);
    expect(rows).toEqual([]);
  });
});

describe('multipart bodies that are not well-formed', () => {
  const post = (contentType: string, body: string, cookie = monitor.cookie) =>
    fetch(`${base}/api/imports/department/medical?dryRun=true`, { method: 'POST', headers: { cookie, 'content-type': contentType }, body });

  it('no boundary, cut off before its end, not multipart at all: 400 naming the file field', async () => {
    const clerk = await buildUserAndLogin(ctx, { role: 'department', regionCode: county.code });
    for (const [contentType, body] of [
      ['multipart/form-data', '--x\r\n'],
      ['multipart/form-data; boundary=abc', '--abc\r\nContent-Disposition: form-data; name="file"; filename="a.csv"\r\n\r\n身份证号码,姓名'],
      ['multipart/form-data; boundary=abc', 'not a multipart body at all'],
      ['application/json', '{"file":"x"}'],
    ] as const) {
      const r = await post(contentType, body, clerk.cookie);
      const problem = (await r.json()) as { code: string; field?: string };
      expect([contentType, body, r.status, problem]).toEqual([contentType, body, r.status < 500 ? r.status : 'a 500', expect.objectContaining({ code: 'VALIDATION_FAILED', field: 'file' })]);
      expect(r.status).toBe(400);
    }
    // A type the route does not read at all is 415, still a problem with a code.
    const other = await post('application/octet-stream', 'x', clerk.cookie);
    expect([other.status, ((await other.json()) as { code: string }).code]).toEqual([415, 'VALIDATION_FAILED']);
    // A file name with a NUL is kept without it; the import then runs as usual.
    const form = new FormData();
    form.append('file', new Blob(['身份证号码,姓名,结算日期,个人自付\r\n']), '医保\u0000.csv');
    const ok = await fetch(`${base}/api/imports/department/medical?dryRun=true`, { method: 'POST', headers: { cookie: clerk.cookie }, body: form });
    expect(ok.status).toBe(200);
  });
});

describe('dates at entry', () => {
  it('before 1900, after today where the field allows no future, or more than a year ahead: 400 with the field', async () => {
    const cadre = await buildUserAndLogin(ctx, { role: 'village-cadre', regionCode: county.villages[0]!.code });
    const visit = (visitedOn: string) => ctx.app.inject({ method: 'POST', url: '/api/visit-reports', headers: { cookie: cadre.cookie }, payload: { regionCode: county.villages[0]!.code, visitedOn, observed: '房屋漏雨', riskTypes: [] } });
    for (const visitedOn of ['1899-12-31', '0026-03-05', addCalendarDays(today(), 1), '2300-01-01']) {
      const r = await visit(visitedOn);
      expect([visitedOn, r.statusCode, r.json().field]).toEqual([visitedOn, 400, 'visitedOn']);
    }
    expect((await visit(today())).statusCode).toBe(201);

    const calledAt = (at: string) => ctx.app.inject({ method: 'POST', url: '/api/hotline-calls', headers: { cookie: monitor.cookie }, payload: call({ calledAt: at }) });
    for (const at of ['1800-01-01T08:00:00+08:00', new Date(Date.now() + 86_400_000).toISOString()]) expect((await calledAt(at)).json()).toMatchObject({ code: 'VALIDATION_FAILED', field: 'calledAt' });

    // A case opened by a dispatched call: a deliberation cannot be held tomorrow, a decision not take effect in two years.
    const opened = await ctx.app.inject({ method: 'POST', url: '/api/hotline-calls', headers: { cookie: monitor.cookie }, payload: call({ result: 'dispatched', riskTypes: ['01'] }) });
    expect(opened.statusCode, opened.body).toBe(201);
    const caseId = opened.json().caseId as string;
    const event = async (type: string, data: object, occurredOn?: string) => {
      const { version } = (await ctx.app.inject({ url: `/api/cases/${caseId}`, headers: { cookie: monitor.cookie } })).json<{ version: number }>();
      return ctx.app.inject({ method: 'POST', url: `/api/cases/${caseId}/events`, headers: { cookie: monitor.cookie }, payload: { type, version, data, ...(occurredOn ? { occurredOn } : {}) } });
    };
    expect((await event('recordDeliberation', { result: 'recommend', heldOn: addCalendarDays(today(), 1), attendees: 12 })).json()).toMatchObject({ code: 'VALIDATION_FAILED', field: 'data.heldOn' });
    expect((await event('recordDeliberation', { result: 'recommend', heldOn: '1899-06-01', attendees: 12 })).json()).toMatchObject({ code: 'VALIDATION_FAILED', field: 'data.heldOn' });
    expect((await event('countyDecide', { decision: 'approved', effectiveOn: addCalendarDays(today(), 800) })).json()).toMatchObject({ code: 'VALIDATION_FAILED', field: 'data.effectiveOn' });
    // The dates themselves were the problem: with good dates the procedure answers for the step instead.
    expect((await event('recordDeliberation', { result: 'recommend', heldOn: today(), attendees: 12 })).json()).toMatchObject({ code: 'WORKFLOW_REFUSED' });
    expect((await event('startVerification', {}, '1899-01-01')).json()).toMatchObject({ code: 'VALIDATION_FAILED', field: 'occurredOn' });

    const admin = await buildUserAndLogin(ctx, { role: 'county-admin', regionCode: county.code });
    const version = await ctx.app.inject({ method: 'POST', url: '/api/rule-sets/versions/preview', headers: { cookie: admin.cookie }, payload: { regionCode: county.countyCode, effectiveFrom: '1850-01-01', rules: { noticeDays: 7 } } });
    expect(version.json()).toMatchObject({ code: 'VALIDATION_FAILED', field: 'effectiveFrom' });
    const audit = await ctx.app.inject({ url: '/api/audit?from=0001-01-01', headers: { cookie: admin.cookie } });
    expect(audit.json()).toMatchObject({ code: 'VALIDATION_FAILED', field: 'from' });
  });
});

describe('XLSX exports', () => {
  it('hold any text an older row holds: characters XML cannot hold are left out, formula-like texts neutralised, numbers stay numbers', async () => {
    const recorded = await ctx.app.inject({ method: 'POST', url: '/api/hotline-calls', headers: { cookie: monitor.cookie }, payload: call({ callerName: '韦小宝', callerPhone: '13900007777', content: '=HYPERLINK("http://example.invalid","点此查看")', remarks: '-5' }) });
    expect(recorded.statusCode, recorded.body).toBe(201);
    // A name stored before entries were checked.
    await ctx.pool.query(`UPDATE hotline_calls SET caller_name = $2, policy_explained = $3 WHERE id = $1`, [recorded.json().call.id, '韦\uffff小宝\u0001', '@SUM(1+1)']);
    const xlsx = await ctx.app.inject({ url: '/api/hotline-calls/export.xlsx', headers: { cookie: monitor.cookie } });
    expect(xlsx.statusCode, xlsx.body.slice(0, 200)).toBe(200);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
    const sheet = workbook.worksheets[0]!;
    const header = (sheet.getRow(3).values as unknown[]).slice(1);
    const rows: unknown[][] = [];
    sheet.eachRow((r, n) => n > 3 && rows.push(r.values as unknown[]));
    const row = rows.find((r) => r[header.indexOf('联系电话') + 1] === recorded.json().call.callerPhoneMasked && String(r[header.indexOf('来电内容') + 1]).includes('HYPERLINK'))!;
    const cell = (name: string) => row[header.indexOf(name) + 1];
    expect(cell('来电人')).toBe('韦小宝');
    expect(cell('来电内容')).toBe(`'=HYPERLINK("http://example.invalid","点此查看")`);
    expect(cell('政策解答')).toBe(`'@SUM(1+1)`);
    expect(cell('备注')).toBe(`'-5`);
    expect(cell('序号')).toEqual(expect.any(Number)); // a number stays a number
    for (const value of row) if (typeof value === 'object' && value !== null) expect(value).not.toHaveProperty('formula');
  });
});
