import fs from 'node:fs';
import { ROLES, type Role } from '@fangpin/domain';
import { COL, registryRows, tempFile, writeCsv } from './registry-files.ts';
import { buildCounty, buildHousehold, buildUser, login, type BuiltHousehold, type TestCounty } from './factories.ts';
import type { TestContext } from './test-app.ts';

/**
 * One county's worth of records for the authorization matrix and the fuzz test: a household, a case
 * (with a scan), a warning, a visit report (with a photo), a hotline call, registry and department
 * import batches, a background import job and a self-application, plus an account of every role.
 * Built through the API where the API creates them, so the records are what users produce.
 */
export type CountyFixture = {
  county: TestCounty;
  /** Village 1 of township 1: where every record lies and where the village cadre works. */
  villageCode: string;
  townshipCode: string;
  household: BuiltHousehold;
  memberId: string;
  caseId: string;
  caseAttachmentId: string;
  warningId: string;
  visitReportId: string;
  visitAttachmentId: string;
  registryBatchId: string;
  departmentBatchId: string;
  importJobId: string;
  application: { referenceNo: string; phone: string };
  /** An account of every role (county level except the township officer and the village cadre). */
  users: Record<Role, { id: string; username: string; password: string; cookie: string }>;
};

export const PNG = Buffer.from('89504e470d0a1a0a0000000d4948445200000001000000010806000000', 'hex');

/** A multipart/form-data body with one file (`file`) and optional fields. */
export function multipart(file: { name: string; content: Buffer; type?: string }, fields: Record<string, string> = {}) {
  const boundary = '----fangpin-fixture';
  const parts: Buffer[] = [];
  for (const [k, v] of Object.entries(fields)) parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`));
  parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${file.name}"\r\nContent-Type: ${file.type ?? 'application/octet-stream'}\r\n\r\n`), file.content, Buffer.from(`\r\n--${boundary}--\r\n`));
  return { payload: Buffer.concat(parts), headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}

function chinaDate(now: Date, days = 0): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date(now.getTime() + days * 86_400_000));
}

let sequence = 0;

export async function buildCountyFixture(ctx: TestContext): Promise<CountyFixture> {
  const county = await buildCounty(ctx.pool);
  const village = county.villages[0]!;
  const township = county.townships[0]!;
  const household = await buildHousehold(ctx, { villageCode: village.code });
  const regionOf: Record<Role, string> = {
    'county-admin': county.code,
    'county-monitor': county.code,
    'township-officer': township.code,
    'village-cadre': village.code,
    'helping-cadre': county.code,
    department: county.code,
    leader: county.code,
  };
  const users = {} as CountyFixture['users'];
  for (const role of ROLES) {
    const user = await buildUser(ctx.pool, { role, regionCode: regionOf[role] });
    users[role] = { ...user, cookie: await login(ctx, user) };
  }
  const as = async (role: Role, method: 'GET' | 'POST', url: string, payload?: unknown, extraHeaders: Record<string, string> = {}) => {
    const r = await ctx.app.inject({ method, url, headers: { cookie: users[role].cookie, ...extraHeaders }, ...(payload !== undefined ? { payload: payload as string } : {}) });
    if (r.statusCode >= 300) throw new Error(`fixture: ${method} ${url} → ${r.statusCode} ${r.body}`);
    return r.json();
  };
  const today = chinaDate(ctx.clock.now);

  const call = await as('county-monitor', 'POST', '/api/hotline-calls', {
    callerName: '测试来电人',
    callerPhone: `139${String(++sequence).padStart(8, '0')}`,
    regionCode: village.code,
    householdId: household.id,
    content: '家中老人住院，花费较大，请求帮助',
    result: 'dispatched',
    riskTypes: ['01'],
  });
  const caseId = call.caseId as string;
  const scan = multipart({ name: 'consent.png', content: PNG, type: 'image/png' }, { purpose: 'consent' });
  const caseAttachment = await as('county-monitor', 'POST', `/api/cases/${caseId}/attachments`, scan.payload, scan.headers);

  const report = await as('village-cadre', 'POST', '/api/visit-reports', {
    clientId: `fixture-visit-${county.countyCode}-${++sequence}`,
    householdId: household.id,
    regionCode: village.code,
    visitedOn: today,
    observed: '房屋漏雨，需要核实住房安全',
    riskTypes: ['10'],
  });
  const photo = multipart({ name: 'house.png', content: PNG, type: 'image/png' });
  const visitAttachment = await as('village-cadre', 'POST', `/api/visit-reports/${report.id}/attachments`, photo.payload, photo.headers);

  const medical = `身份证号码,姓名,结算日期,医疗总费用,个人自付\n${household.members[0]!.idNumber},${household.members[0]!.name},${chinaDate(ctx.clock.now, -30)},30000,12000\n123,坏行,${today},1,1\n`;
  const medicalFile = multipart({ name: 'medical.csv', content: Buffer.from(medical), type: 'text/csv' });
  const department = await as('department', 'POST', '/api/imports/department/medical', medicalFile.payload, medicalFile.headers);
  const { rows: warnings } = await ctx.pool.query<{ id: string }>(`SELECT id FROM warnings WHERE household_id = $1`, [household.id]);
  if (!warnings[0]) throw new Error(`fixture: the medical import raised no warning: ${JSON.stringify(department)}`);

  // One household of the generator, with one bad ID number: the batch has a rejected row to download.
  const rows = registryRows(county, 1, 1000 + ++sequence);
  rows[0]![COL['证件号码']] = '123';
  const registryFile = multipart({ name: 'registry.csv', content: fs.readFileSync(writeCsv(tempFile('registry.csv'), rows)), type: 'text/csv' });
  const registry = await ctx.app.inject({ method: 'POST', url: '/api/imports/registry', headers: { cookie: users['county-admin'].cookie, ...registryFile.headers }, payload: registryFile.payload });
  const registryBatchId = registry.json<{ batchId?: string }>().batchId;
  if (!registryBatchId) throw new Error(`fixture: registry import gave no batch: ${registry.statusCode} ${registry.body}`);

  const { rows: jobs } = await ctx.pool.query<{ id: string }>(
    `INSERT INTO import_jobs (kind, source, county_code, region_code, file_name, file_path, status, actor_name, actor_id)
     VALUES ('department', 'medical', $1, $2, 'medical.csv', '/nonexistent', 'done', 'fixture', $3) RETURNING id`,
    [county.countyCode, county.code, users.department.id],
  );

  const applicationPhone = `137${String(++sequence).padStart(8, '0')}`;
  const application = await ctx.app.inject({
    method: 'POST',
    url: '/api/public/applications',
    remoteAddress: `10.99.${sequence % 250}.1`,
    payload: { villageCode: village.code, name: '申请人', phone: applicationPhone, description: '家里有人生病住院，生活困难，申请帮助', consent: true },
  });
  if (application.statusCode >= 300) throw new Error(`fixture: application → ${application.statusCode} ${application.body}`);

  return {
    county,
    villageCode: village.code,
    townshipCode: township.code,
    household,
    memberId: household.members[0]!.id,
    caseId,
    caseAttachmentId: caseAttachment.id,
    warningId: warnings[0].id,
    visitReportId: report.id,
    visitAttachmentId: visitAttachment.id,
    registryBatchId,
    departmentBatchId: department.batchId,
    importJobId: jobs[0]!.id,
    application: { referenceNo: application.json().referenceNo, phone: applicationPhone },
    users,
  };
}
