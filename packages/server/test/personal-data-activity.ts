import fs from 'node:fs';
import { type Role } from '@fangpin/domain';
import { expect } from 'vitest';
import { generateRegistry, registryRowToCsvCells, type RegistryRow } from '../src/modules/demo/generate-registry.ts';
import { buildCounty, buildHelperAssignment, buildUserAndLogin, makeIdNumber, type TestCounty } from './factories.ts';
import type { Person } from './id-rebuild.ts';
import { HEADER, COL, tempFile } from './registry-files.ts';
import type { TestContext } from './test-app.ts';

/**
 * A county after the activity of a working week, driven through the API as each role would: a
 * registry import with rejected rows, edits and reveals, a department file (matched, unmatched and
 * rejected rows), hotline calls, a self-application, a visit report with a photo, an identification
 * case run to its public notice, warnings dispatched and confirmed — with ID numbers and phones typed
 * into free text, as people do. The personal-data tests then look at what each role receives and at
 * what the database holds.
 */
export type Login = { cookie: string; user: { id: string; username: string } };

export type Activity = {
  county: TestCounty;
  /** Everyone whose ID number went into the system (registered, rejected, or known only to a department). */
  persons: (Person & { memberId: string | null; householdId: string | null })[];
  /** Phones that went in (household phones and numbers typed in free text). */
  phones: string[];
  logins: Record<Role, Login>;
  /** Every household of the county. */
  householdIds: string[];
  ids: {
    householdId: string;
    householdNumber: string;
    headMemberId: string;
    caseId: string;
    visitCaseId: string;
    warningId: string;
    registryBatchId: string;
    departmentBatchId: string;
    caseAttachmentId: string;
    visitAttachmentId: string;
    visitReportId: string;
    villageCode: string;
    referenceNo: string;
    applicationPhone: string;
  };
};

export const ACTIVITY_DAY = '2026-11-02';
const PNG = Buffer.from('89504e470d0a1a0a0000000d4948445200000001000000010806000000', 'hex');

export function multipart(fields: Record<string, string>, file: { name: string; content: Buffer; type: string }) {
  const boundary = '----fangpin-activity';
  const parts: Buffer[] = [];
  for (const [k, v] of Object.entries(fields))
    parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`));
  parts.push(
    Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${file.name}"\r\nContent-Type: ${file.type}\r\n\r\n`,
    ),
    file.content,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  );
  return { payload: Buffer.concat(parts), headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}

const csv = (rows: string[][]) =>
  rows.map((r) => r.map((c) => (/[",\n]/.test(c) ? `"${c.replace(/"/g, '""')}"` : c)).join(',')).join('\r\n') + '\r\n';

export async function buildActivity(ctx: TestContext): Promise<Activity> {
  ctx.clock.now = new Date(`${ACTIVITY_DAY}T02:00:00Z`);
  const county = await buildCounty(ctx.pool);
  const [shuaba] = county.villages;
  const login = (role: Role, regionCode: string) => buildUserAndLogin(ctx, { role, regionCode });
  const logins: Record<Role, Login> = {
    'county-admin': await login('county-admin', county.countyCode),
    'county-monitor': await login('county-monitor', county.countyCode),
    'township-officer': await login('township-officer', county.townships[0]!.code),
    'village-cadre': await login('village-cadre', shuaba!.code),
    'helping-cadre': await login('helping-cadre', county.countyCode),
    department: await login('department', county.countyCode),
    leader: await login('leader', county.countyCode),
  };
  const call = async (
    who: Role | null,
    method: 'GET' | 'POST' | 'PATCH',
    url: string,
    payload?: unknown,
    expected = [200, 201],
  ) => {
    const r = await ctx.app.inject({
      method,
      url,
      ...(payload !== undefined ? { payload: payload as object } : {}),
      headers: who ? { cookie: logins[who].cookie } : {},
    });
    expect(expected, `${method} ${url}: ${r.statusCode} ${r.body.slice(0, 500)}`).toContain(r.statusCode);
    return r;
  };
  const upload = async (
    who: Role,
    url: string,
    fields: Record<string, string>,
    file: { name: string; content: Buffer; type: string },
  ) => {
    const { payload, headers } = multipart(fields, file);
    const r = await ctx.app.inject({
      method: 'POST',
      url,
      payload,
      headers: { ...headers, cookie: logins[who].cookie },
    });
    expect([200, 201, 202], `POST ${url}: ${r.statusCode} ${r.body.slice(0, 500)}`).toContain(r.statusCode);
    return r;
  };

  // 1. The registry: 12 households from the national export, and a 13th whose head's row is rejected
  //    (the rejected row is kept for the error download).
  const rows: RegistryRow[] = [
    ...generateRegistry({ seed: 20261102, villages: county.villages, households: 13, asOf: '2025-12-31' }),
  ];
  const lastNumber = rows.at(-1)!.householdNumber;
  const cells = rows.map(registryRowToCsvCells);
  const rejectedRow = cells.find((c, i) => rows[i]!.householdNumber === lastNumber && rows[i]!.relation === 'head')!;
  rejectedRow[COL['与户主关系']] = '远房表亲';
  const registryFile = tempFile('registry.csv');
  fs.writeFileSync(registryFile, csv([HEADER, ...cells]));
  const imported = await upload(
    'county-admin',
    '/api/imports/registry',
    {},
    { name: 'registry.csv', content: fs.readFileSync(registryFile), type: 'text/csv' },
  );
  const registryBatchId = imported.json().batchId as string;
  expect(imported.json().rejected).toBeGreaterThan(0);

  const { rows: stored } = await ctx.pool.query<{
    memberId: string;
    householdId: string;
    householdNumber: string;
    name: string;
    relation: string;
  }>(
    `SELECT m.id AS "memberId", h.id AS "householdId", h.household_number AS "householdNumber", m.name, m.relation FROM members m JOIN households h ON h.id = m.household_id WHERE h.county_code = $1`,
    [county.countyCode],
  );
  const persons: Activity['persons'] = rows.map((r) => {
    const s = stored.find((x) => x.householdNumber === r.householdNumber && x.name === r.name);
    return {
      idNumber: r.idNumber,
      birthDate: r.birthDate,
      sex: r.sex,
      name: r.name,
      memberId: s?.memberId ?? null,
      householdId: s?.householdId ?? null,
    };
  });
  const phones = [...new Set(rows.map((r) => r.phone).filter(Boolean))];
  // The household everything happens to: the largest one in 刷把村.
  const inShuaba = rows.filter((r) => r.villageCode === shuaba!.code);
  const byHousehold = new Map<string, RegistryRow[]>();
  for (const r of inShuaba) byHousehold.set(r.householdNumber, [...(byHousehold.get(r.householdNumber) ?? []), r]);
  const family = [...byHousehold.values()].sort((a, b) => b.length - a.length)[0]!;
  const head = persons.find((p) => p.idNumber === family.find((r) => r.relation === 'head')!.idNumber)!;
  const others = family
    .filter((r) => r.relation !== 'head')
    .map((r) => persons.find((p) => p.idNumber === r.idNumber)!);
  const householdId = head.householdId!;
  // The helping cadre helps this family: it reads the household (helperReadScope 'assigned').
  await buildHelperAssignment(ctx.pool, { household: { id: householdId, regionCode: shuaba!.code }, user: logins['helping-cadre'].user });
  const typedPhone = '13977001234';
  phones.push(typedPhone);

  // 2. Edits, kept in history; reveals, audited.
  const detail = (await call('county-admin', 'GET', `/api/households/${householdId}`)).json();
  const firstMember = detail.members[0];
  await call('county-admin', 'PATCH', `/api/members/${firstMember.id}`, {
    version: firstMember.version,
    health: 'chronic',
  });
  await call('county-admin', 'PATCH', `/api/households/${householdId}`, {
    version: detail.version,
    address: '刷把屯 12 号',
  });
  await call('county-monitor', 'POST', `/api/members/${head.memberId}/reveal`, {
    field: 'idNumber',
    reason: '核对医保报销名单',
  });
  await call('county-monitor', 'POST', `/api/households/${householdId}/reveal`, { field: 'phone', reason: '回访电话' });

  // 3. A medical insurance file: the family's settlements (one above the line), someone from another
  //    county (unmatched) and a row with a bad amount (rejected).
  const outsider: Activity['persons'][number] = {
    idNumber: makeIdNumber('450102', '1985-07-07', 'female'),
    birthDate: '1985-07-07',
    sex: 'female',
    name: '外县人员',
    memberId: null,
    householdId: null,
  };
  persons.push(outsider);
  const medical = csv([
    ['身份证号码', '姓名', '结算日期', '医疗总费用', '个人自付'],
    [head.idNumber, head.name!, '2026-09-05', '120000', '36000'],
    [others[0]!.idNumber, others[0]!.name!, '2026-10-01', '3000', '800'],
    [outsider.idNumber, outsider.name!, '2026-10-02', '5000', '1000'],
    [others[0]!.idNumber, others[0]!.name!, '2026-10-03', '10', '十元'],
  ]);
  const dept = await upload(
    'department',
    '/api/imports/department/medical',
    {},
    { name: 'medical.csv', content: Buffer.from('\ufeff' + medical), type: 'text/csv' },
  );
  const departmentBatchId = dept.json().batchId as string;
  const { rows: warning } = await ctx.pool.query<{ id: string }>(`SELECT id FROM warnings WHERE household_id = $1`, [
    householdId,
  ]);
  expect(warning).toHaveLength(1);
  const warningId = warning[0]!.id;

  // 4. The hotline: a call about the family, the caller reads out the head's ID number and a phone.
  const hotline = await call('county-monitor', 'POST', '/api/hotline-calls', {
    callerName: '张大姐',
    callerPhone: '138 0776 5522',
    regionCode: shuaba!.code,
    householdId,
    content: `户主身份证${head.idNumber}，住院花了三万多，回电${typedPhone}`,
    policyExplained: '讲解了监测对象认定条件',
    result: 'dispatched',
    riskTypes: ['01'],
    remarks: `其子电话 ${typedPhone}`,
  });
  phones.push('13807765522');
  const caseId = hotline.json().caseId as string;

  // 5. A self-application from the public page, with an ID number in the description.
  const applicationPhone = '13977005566';
  phones.push(applicationPhone);
  const application = await call(null, 'POST', '/api/public/applications', {
    villageCode: shuaba!.code,
    name: others[0]!.name,
    phone: applicationPhone,
    description: `我家老人生病住院，身份证号${others[0]!.idNumber}，请帮忙核实`,
    consent: true,
  });
  const referenceNo = application.json().referenceNo as string;

  // 6. A visit report with a photo; the township forwards it.
  const visit = await call('village-cadre', 'POST', '/api/visit-reports', {
    householdId,
    regionCode: shuaba!.code,
    visitedOn: ACTIVITY_DAY,
    observed: `老人（身份证 ${others.at(-1)!.idNumber}）卧床，联系电话 ${typedPhone}`,
    riskTypes: ['01'],
  });
  const visitReportId = visit.json().id as string;
  const photo = await upload(
    'village-cadre',
    `/api/visit-reports/${visitReportId}/attachments`,
    {},
    { name: 'visit.png', content: PNG, type: 'image/png' },
  );
  const visitAttachmentId = photo.json().id as string;
  const forwarded = await call('township-officer', 'POST', `/api/visit-reports/${visitReportId}/forward`, {
    note: `核实属实，户主 ${head.idNumber}`,
  });
  const visitCaseId = forwarded.json().caseId as string;

  // 7. The hotline's case runs to its public notice; the cadre types the members with their birth dates.
  const consent = await upload(
    'village-cadre',
    `/api/cases/${caseId}/attachments`,
    { purpose: 'consent' },
    { name: 'consent.png', content: PNG, type: 'image/png' },
  );
  const caseAttachmentId = consent.json().id as string;
  const act = async (who: Role, type: string, data: object = {}, comment?: string) => {
    const current = (await call('county-monitor', 'GET', `/api/cases/${caseId}`)).json();
    return call(who, 'POST', `/api/cases/${caseId}/events`, {
      type,
      version: current.version,
      data,
      ...(comment ? { comment } : {}),
    });
  };
  const caseDetail = (await call('village-cadre', 'GET', `/api/cases/${caseId}`)).json();
  const registryMembers = family.map((r) => persons.find((p) => p.idNumber === r.idNumber)!);
  await act(
    'village-cadre',
    'recordVerification',
    {
      consentSigned: true,
      members: registryMembers.map((p, i) => ({
        id: p.memberId,
        name: p.name,
        relation: family[i]!.relation,
        birthDate: p.birthDate,
        labourCapacity: 'full',
        health: i === 0 ? 'serious' : 'healthy',
        ...(i === 0 ? { healthNote: '肺结核住院' } : {}),
        schooling: 'notInSchool',
      })),
      incomes: [{ component: 'wage', amount: 12000, month: '2026-09' }],
      compliantOutOfPocket: [{ kind: 'medical', amount: 36000, month: '2026-09', note: '肺结核住院' }],
      notes: `户主身份证 ${head.idNumber}，电话 ${typedPhone}`,
    },
    `入户核实，户主 ${head.idNumber}`,
  );
  void caseDetail;
  await act('county-monitor', 'recordPropertyCheck', { notes: '未检索到车辆' });
  await act('county-monitor', 'recordAssessment');
  await act('village-cadre', 'recordDeliberation', {
    result: 'recommend',
    heldOn: ACTIVITY_DAY,
    attendees: 12,
    minutes: `村民代表同意推荐，户主身份证 ${head.idNumber}`,
  });
  const atNotice = (await call('county-monitor', 'GET', `/api/cases/${caseId}`)).json();
  expect(atNotice.step).toBe('publicNotice');

  // 8. The warning is dispatched and confirmed by the village.
  await call('county-monitor', 'POST', '/api/warnings/transition', { ids: [warningId], to: 'dispatched' });
  await call('village-cadre', 'POST', '/api/warnings/transition', {
    ids: [warningId],
    to: 'riskConfirmed',
    reason: `核实属实 ${head.idNumber}`,
  });

  return {
    county,
    persons,
    phones,
    logins,
    householdIds: [...new Set(stored.map((s) => s.householdId))],
    ids: {
      householdId,
      householdNumber: family[0]!.householdNumber,
      headMemberId: head.memberId!,
      caseId,
      visitCaseId,
      warningId,
      registryBatchId,
      departmentBatchId,
      caseAttachmentId,
      visitAttachmentId,
      visitReportId,
      villageCode: shuaba!.code,
      referenceNo,
      applicationPhone,
    },
  };
}
