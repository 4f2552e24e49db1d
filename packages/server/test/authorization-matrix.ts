import crypto from 'node:crypto';
import type { Role } from '@fangpin/domain';
import { multipart, PNG, type CountyFixture } from './authorization-fixtures.ts';
import { buildUser } from './factories.ts';
import type { TestContext } from './test-app.ts';

/**
 * The expected outcome of every API operation for every role, in and out of the actor's region,
 * and without a session (authorization-matrix.test.ts runs it).
 *
 * - `'allow'`: the request got past authorization: any answer but 401, 403 or 404. Where the request
 *   is deliberately minimal, the note says which 4xx "allow" really is (a stale `version` → 409, an
 *   unreadable file → 422, a move the procedure refuses → 422): the point is who gets that far.
 * - `403`: the role may not do this at all. `404`: the record is outside the actor's region (same
 *   answer as a missing id, so ids cannot be probed). `401`: no session.
 * - `roles`: `'in/out'` per role: the request with county A's records (where every actor works)
 *   and with county B's. An operation without a record or region in its request is `regionless`:
 *   one outcome per role.
 *
 * A new operation fails the test until it has an entry here.
 */
export type Outcome = 'allow' | 401 | 403 | 404;
type Short = 'admin' | 'monitor' | 'township' | 'village' | 'helper' | 'department' | 'leader';
export const ROLE_COLUMNS: Record<Role, Short> = {
  'county-admin': 'admin',
  'county-monitor': 'monitor',
  'township-officer': 'township',
  'village-cadre': 'village',
  'helping-cadre': 'helper',
  department: 'department',
  leader: 'leader',
};

export type MatrixRequest = {
  params?: Record<string, string>;
  query?: Record<string, string>;
  body?: unknown;
  multipart?: { payload: Buffer; headers: Record<string, string> };
};

export type MatrixEntry = {
  /** The request, from the records of the county it targets (`f`); `a` is county A, the actors' own. */
  request: (f: CountyFixture, a: CountyFixture, ctx: TestContext) => MatrixRequest | Promise<MatrixRequest>;
  roles: Record<Short, [Outcome, Outcome]>;
  /** Reads the outcome from the answer where the status alone does not say it (per-id results, a refusal as 422). */
  outcome?: (status: number, body: unknown) => Outcome | undefined;
  /**
   * Findings owned by another item, not fixed on this branch: the cell expects `today` (what the
   * server answers now) until the fix lands; then this test fails and the marker is dropped.
   */
  knownIssues?: { role: Short; region: 'in' | 'out'; today: Outcome; item: string }[];
  anonymous: Outcome;
  /** The request names no record or region: "out of region" does not apply. */
  regionless?: boolean;
  /** Each request needs a session of its own (logout ends it). */
  freshSession?: boolean;
  note?: string;
};

type Cells = Record<Short, string>;

const parse = (cell: string): Outcome => (cell === 'allow' ? 'allow' : (Number(cell) as 401 | 403 | 404));

/** `'allow/404'` → ['allow', 404]; `'403'` → [403, 403]. */
function cells(table: Cells): Record<Short, [Outcome, Outcome]> {
  return Object.fromEntries(Object.entries(table).map(([k, v]) => {
    const [i, o = i] = v.split('/') as [string, string?];
    return [k, [parse(i), parse(o)]];
  })) as Record<Short, [Outcome, Outcome]>;
}

function entry(e: Omit<MatrixEntry, 'roles'> & { roles: Cells }): MatrixEntry {
  return { ...e, roles: cells(e.roles) };
}

/** A household's monitoring record (一户一档, visits): its region reads it; a helping cadre only when assigned to it (else 404, as a missing id); no department. */
const READ_HOUSEHOLD_RECORD: Cells = { admin: 'allow/404', monitor: 'allow/404', township: 'allow/404', village: 'allow/404', helper: '404', department: '403', leader: 'allow/404' };
/** …and writes to it (measures, visits): the same, but the leader reads only. */
const WRITE_HOUSEHOLD_RECORD: Cells = { admin: 'allow/404', monitor: 'allow/404', township: 'allow/404', village: 'allow/404', helper: '404', department: '403/404', leader: '403/404' };

const ALL = (cell: string): Cells => ({ admin: cell, monitor: cell, township: cell, village: cell, helper: cell, department: cell, leader: cell });

let clientSequence = 0;
const stale = 999_999;
const csv = (text: string, name = 'file.csv') => multipart({ name, content: Buffer.from(text), type: 'text/csv' });

/** Bulk moves answer 200 with a result per id (a refused id says why); a role that may never make the move gets 403 for the whole request. */
const perIdOutcome = (status: number, body: unknown): Outcome | undefined => {
  if (status !== 200) return undefined;
  const reasons = ((body as { results?: { ok: boolean; reason?: string }[] }).results ?? []).map((r) => (r.ok ? 'ok' : r.reason));
  if (reasons.length > 0 && reasons.every((r) => r === 'notFound')) return 404;
  return 'allow';
};

/** A village outside the actor's region is refused as unknown: 400 on the field (same as a wrong code). */
const unknownPlace = (status: number, body: unknown): Outcome | undefined => {
  const { field = '', detail = '', reason = '' } = body as { field?: string; detail?: string; reason?: string };
  const unknown = ['villageUnknown', 'caseHouseholdNotFound'].includes(reason) || /不在您的辖区|not found|未找到/i.test(detail);
  return status === 400 && ['regionCode', 'householdId'].includes(field) && unknown ? 404 : undefined;
};

/** The procedure refuses a role that does not act at the step with 422 `roleNotAllowed`. */
const workflowRole = (status: number, body: unknown): Outcome | undefined => (status === 422 && (body as { reason?: string }).reason === 'roleNotAllowed' ? 403 : undefined);

/** A draft of the home check (草稿) of the fixture case, which is at that step: the roles acting in it, in their region. */
const draftEntry = (body?: object): MatrixEntry =>
  entry({
    request: (f) => ({ params: { id: f.caseId, eventType: 'recordVerification' }, ...(body ? { body } : {}) }),
    roles: { admin: '403', monitor: 'allow/404', township: 'allow/404', village: 'allow/404', helper: '403', department: '403', leader: '403' },
    anonymous: 401,
  });

/** A case of its own for each request (at the home verification, as a dispatched hotline call opens it), so the move can succeed. */
async function freshCase(ctx: TestContext, f: CountyFixture): Promise<{ id: string; version: number }> {
  const r = await ctx.app.inject({
    method: 'POST',
    url: '/api/hotline-calls',
    headers: { cookie: f.users['county-monitor'].cookie },
    payload: { callerName: '矩阵', callerPhone: `134${String(++clientSequence).padStart(8, '0')}`, regionCode: f.villageCode, content: '矩阵测试：新线索', result: 'dispatched' },
  });
  const caseId = r.json<{ caseId?: string }>().caseId;
  if (!caseId) throw new Error(`fresh case: ${r.statusCode} ${r.body}`);
  const { rows } = await ctx.pool.query<{ version: number }>('SELECT version FROM cases WHERE id = $1', [caseId]);
  return { id: caseId, version: rows[0]!.version };
}

/**
 * An elimination case of its own for each request, proposed on the fixture household (written
 * directly: the fixture household is no monitoring object, and the proposal's conditions are the
 * elimination tests' subject).
 */
async function freshElimination(ctx: TestContext, f: CountyFixture): Promise<{ id: string; version: number }> {
  const today = '2026-08-01';
  const state = { kind: 'elimination', step: 'proposed', mode: 'assisted', proposedOn: today, stepEnteredOn: today, noticeStartedOn: null, objections: 0, eliminatedOn: null, ruleSetVersion: null, rollbackReason: null };
  const { rows } = await ctx.pool.query<{ id: string; version: number }>(
    `INSERT INTO cases (case_number, clue_id, county_code, region_code, household_id, kind, step, state, clue_date, due_on, facts)
     VALUES ($1, NULL, $2, $3, $4, 'elimination', 'proposed', $5, $6, $6, $7) RETURNING id, version`,
    [`${f.county.countyCode}-XC-M-${++clientSequence}`, f.county.countyCode, f.villageCode, f.household.id, JSON.stringify(state), today, JSON.stringify({ proposal: { mode: 'assisted', reason: '矩阵', resolvedRiskTypes: [], perCapitaIncome: 0, by: '矩阵', byRole: 'county-monitor', on: today } })],
  );
  return rows[0]!;
}

/** An account of its own for each request (a village cadre of the fixture's village), so no actor of the matrix is disabled or loses its sessions. */
function targetAccount(ctx: TestContext, f: CountyFixture): Promise<{ id: string }> {
  return buildUser(ctx.pool, { role: 'village-cadre', regionCode: f.villageCode });
}

/** Account administration: county admins, for accounts in their region (another county's account is not found). */
const ACCOUNT_ADMINISTRATION: Cells = { admin: 'allow/404', monitor: '403', township: '403', village: '403', helper: '403', department: '403', leader: '403' };
const ACCOUNT_NOTE = 'a new account of the target county per request; other roles are refused before the account is looked up (403 in and out)';

export const AUTHORIZATION_MATRIX: Record<string, MatrixEntry> = {
  // System and session
  'GET /api/health': entry({ request: () => ({}), regionless: true, roles: ALL('allow'), anonymous: 'allow' }),
  'POST /api/auth/login': entry({ request: (_f, a) => ({ body: { username: a.users.leader.username, password: a.users.leader.password } }), regionless: true, roles: ALL('allow'), anonymous: 'allow' }),
  'POST /api/auth/logout': entry({ request: () => ({}), regionless: true, freshSession: true, roles: ALL('allow'), anonymous: 'allow', note: 'logging out without a session is harmless: 204' }),
  'GET /api/auth/me': entry({ request: () => ({}), regionless: true, roles: ALL('allow'), anonymous: 401 }),
  'POST /api/auth/password': entry({
    request: (_f, a) => ({ body: { currentPassword: a.users.leader.password, newPassword: 'short' } }),
    regionless: true,
    roles: ALL('allow'),
    anonymous: 401,
    note: "every user changes their own password: allow = 400 (the current password is right — every fixture account has the same one — and the new one too short on purpose, so no session ends)",
  }),
  'GET /api/instance': entry({ request: () => ({}), regionless: true, roles: ALL('allow'), anonymous: 'allow', note: 'public: whether to show the 演示环境 banner' }),

  // Regions: a search finds nothing outside the region (200, checked by the leak check); a tree rooted outside it is 404.
  'GET /api/regions': entry({ request: (f) => ({ query: { q: f.county.name } }), roles: ALL('allow'), anonymous: 401, note: 'out of region: 200 with no match' }),
  'GET /api/regions/tree': entry({
    request: (f) => ({ query: { root: f.county.code, depth: '2' } }),
    roles: { admin: 'allow/404', monitor: 'allow/404', township: '404', village: '404', helper: 'allow/404', department: 'allow/404', leader: 'allow/404' },
    anonymous: 401,
    note: 'the county as root is above a township officer and a village cadre: 404',
  }),

  // Registry (masked reads; edits and reveals for those who carry out the procedure)
  'GET /api/households': entry({
    request: (f) => ({ query: { regionCode: f.county.code } }),
    roles: { admin: 'allow', monitor: 'allow', township: 'allow', village: 'allow', helper: 'allow', department: '403', leader: 'allow' },
    anonymous: 401,
    note: 'a region filter outside the region: 200 with no household',
  }),
  'GET /api/households/{id}': entry({
    request: (f) => ({ params: { id: f.household.id } }),
    roles: { admin: 'allow/404', monitor: 'allow/404', township: 'allow/404', village: 'allow/404', helper: '404', department: '403', leader: 'allow/404' },
    anonymous: 401,
    note: 'a helping cadre not assigned to the household: 404, as for a missing id (helperReadScope assigned)',
  }),
  'PATCH /api/households/{id}': entry({
    request: (f) => ({ params: { id: f.household.id }, body: { version: stale, address: '测试屯2号' } }),
    roles: { admin: 'allow/404', monitor: 'allow/404', township: 'allow/404', village: 'allow/404', helper: '403/404', department: '403/404', leader: '403/404' },
    anonymous: 401,
    note: 'allow = 409 (stale version on purpose); the record is looked up in the region before the role is checked, so out of region is 404 for every role',
  }),
  'PATCH /api/members/{id}': entry({
    request: (f) => ({ params: { id: f.memberId }, body: { version: stale, relation: 'head' } }),
    roles: { admin: 'allow/404', monitor: 'allow/404', township: 'allow/404', village: 'allow/404', helper: '403/404', department: '403/404', leader: '403/404' },
    anonymous: 401,
    note: 'allow = 409 (stale version on purpose)',
  }),
  'POST /api/households/{id}/reveal': entry({
    request: (f) => ({ params: { id: f.household.id }, body: { field: 'phone', reason: '矩阵测试：核对电话' } }),
    roles: { admin: 'allow/404', monitor: 'allow/404', township: 'allow/404', village: 'allow/404', helper: '403/404', department: '403/404', leader: '403/404' },
    anonymous: 401,
  }),
  'POST /api/members/{id}/reveal': entry({
    request: (f) => ({ params: { id: f.memberId }, body: { field: 'idNumber', reason: '矩阵测试：核对身份' } }),
    roles: { admin: 'allow/404', monitor: 'allow/404', township: 'allow/404', village: 'allow/404', helper: '403/404', department: '403/404', leader: '403/404' },
    anonymous: 401,
  }),
  'GET /api/households/{id}/history': entry({
    request: (f) => ({ params: { id: f.household.id } }),
    roles: { admin: 'allow/404', monitor: 'allow/404', township: 'allow/404', village: 'allow/404', helper: '404', department: '403', leader: 'allow/404' },
    anonymous: 401,
    note: 'a helping cadre not assigned to the household: 404, as for a missing id (helperReadScope assigned)',
  }),
  'POST /api/imports/registry': entry({
    request: () => ({ multipart: csv('') }),
    regionless: true,
    roles: { admin: 'allow', monitor: '403', township: '403', village: '403', helper: '403', department: '403', leader: '403' },
    anonymous: 401,
    note: 'allow = 422 (an empty file on purpose)',
  }),
  'GET /api/imports/{batchId}/errors.xlsx': entry({
    request: (f) => ({ params: { batchId: f.registryBatchId } }),
    roles: { admin: 'allow/404', monitor: '403', township: '403', village: '403', helper: '403', department: '403', leader: '403' },
    anonymous: 401,
  }),

  // Accounts and audit (county admins)
  'GET /api/users': entry({ request: () => ({}), regionless: true, roles: { admin: 'allow', monitor: '403', township: '403', village: '403', helper: '403', department: '403', leader: '403' }, anonymous: 401 }),
  'POST /api/users': entry({
    request: (f) => ({ body: { username: f.users.leader.username, password: 'Long-enough-password-1', role: 'leader', region: f.county.code } }),
    roles: { admin: 'allow/403', monitor: '403', township: '403', village: '403', helper: '403', department: '403', leader: '403' },
    anonymous: 401,
    note: 'allow = 409 (the username exists on purpose); an account in another county: 403',
  }),
  'POST /api/users/{id}/password': entry({
    request: async (f, _a, ctx) => ({ params: { id: (await targetAccount(ctx, f)).id }, body: { password: 'Long-enough-password-1' } }),
    roles: ACCOUNT_ADMINISTRATION,
    anonymous: 401,
    note: ACCOUNT_NOTE,
  }),
  'POST /api/users/{id}/reset-password': entry({ request: async (f, _a, ctx) => ({ params: { id: (await targetAccount(ctx, f)).id } }), roles: ACCOUNT_ADMINISTRATION, anonymous: 401, note: ACCOUNT_NOTE }),
  'POST /api/users/{id}/disable': entry({ request: async (f, _a, ctx) => ({ params: { id: (await targetAccount(ctx, f)).id } }), roles: ACCOUNT_ADMINISTRATION, anonymous: 401, note: ACCOUNT_NOTE }),
  'POST /api/users/{id}/enable': entry({ request: async (f, _a, ctx) => ({ params: { id: (await targetAccount(ctx, f)).id } }), roles: ACCOUNT_ADMINISTRATION, anonymous: 401, note: ACCOUNT_NOTE }),
  'POST /api/users/{id}/unlock': entry({ request: async (f, _a, ctx) => ({ params: { id: (await targetAccount(ctx, f)).id } }), roles: ACCOUNT_ADMINISTRATION, anonymous: 401, note: ACCOUNT_NOTE }),
  'POST /api/users/{id}/require-password-change': entry({
    request: async (f, _a, ctx) => ({ params: { id: (await targetAccount(ctx, f)).id } }),
    roles: ACCOUNT_ADMINISTRATION,
    anonymous: 401,
    note: ACCOUNT_NOTE,
  }),
  'GET /api/users/{id}/sessions': entry({ request: async (f, _a, ctx) => ({ params: { id: (await targetAccount(ctx, f)).id } }), roles: ACCOUNT_ADMINISTRATION, anonymous: 401, note: ACCOUNT_NOTE }),
  'POST /api/users/{id}/sign-out': entry({ request: async (f, _a, ctx) => ({ params: { id: (await targetAccount(ctx, f)).id }, body: {} }), roles: ACCOUNT_ADMINISTRATION, anonymous: 401, note: ACCOUNT_NOTE }),
  'GET /api/audit': entry({ request: () => ({}), regionless: true, roles: { admin: 'allow', monitor: '403', township: '403', village: '403', helper: '403', department: '403', leader: '403' }, anonymous: 401 }),

  // Rule sets, assessment, calendar: every role reads the rules of its region; county admins publish
  'GET /api/rule-sets/in-force': entry({ request: (f) => ({ query: { regionCode: f.villageCode } }), roles: ALL('allow/404'), anonymous: 401 }),
  'GET /api/rule-sets/versions': entry({ request: (f) => ({ query: { regionCode: f.villageCode } }), roles: ALL('allow/404'), anonymous: 401 }),
  'POST /api/rule-sets/versions': entry({
    request: (f) => ({ body: { regionCode: f.county.code, effectiveFrom: '2027-01-01', rules: { noticeDays: -1 } } }),
    roles: { admin: 'allow/403', monitor: '403', township: '403', village: '403', helper: '403', department: '403', leader: '403' },
    anonymous: 401,
    note: 'allow = 400 (noticeDays below 5 on purpose: nothing is published)',
  }),
  'POST /api/rule-sets/versions/preview': entry({
    request: (f) => ({ body: { regionCode: f.county.code, effectiveFrom: '2027-01-01', rules: { noticeDays: 7 } } }),
    roles: { admin: 'allow/403', monitor: '403', township: '403', village: '403', helper: '403', department: '403', leader: '403' },
    anonymous: 401,
  }),
  'POST /api/assessments': entry({ request: () => ({ body: { household: {} } }), regionless: true, roles: ALL('allow'), anonymous: 401, note: 'allow = 400 (an empty household on purpose); the leader and the department get this far too: an assessment of posted data reads nothing stored' }),
  'GET /api/calendar/add-working-days': entry({ request: (f) => ({ query: { date: '2026-09-30', days: '5', regionCode: f.county.code } }), roles: ALL('allow/404'), anonymous: 401 }),

  // Monitoring facts and data quality
  'POST /api/imports/monitoring': entry({
    request: () => ({ multipart: csv('') }),
    regionless: true,
    roles: { admin: 'allow', monitor: '403', township: '403', village: '403', helper: '403', department: '403', leader: '403' },
    anonymous: 401,
    note: 'allow = 422 (an empty file on purpose)',
  }),
  'GET /api/quality-report': entry({ request: () => ({}), regionless: true, roles: { admin: 'allow', monitor: 'allow', township: 'allow', village: '403', helper: '403', department: '403', leader: 'allow' }, anonymous: 401 }),

  // Statistics (统计分析, issue 14): leaders, the county centre and township officers, for a region inside their own
  'GET /api/stats/overview': entry({
    request: (f) => ({ query: { regionCode: f.villageCode } }),
    roles: { admin: 'allow/404', monitor: 'allow/404', township: 'allow/404', village: '403', helper: '403', department: '403', leader: 'allow/404' },
    anonymous: 401,
    note: 'a region outside the actor\'s region is not found (404), as records outside it are',
  }),
  'GET /api/stats/deadlines': entry({
    request: (f) => ({ query: { regionCode: f.villageCode } }),
    roles: { admin: 'allow/404', monitor: 'allow/404', township: 'allow/404', village: '403', helper: '403', department: '403', leader: 'allow/404' },
    anonymous: 401,
    note: 'the deadline board (期限看板): as the overview',
  }),
  'GET /api/reports/{name}': entry({
    request: (f) => ({ params: { name: 'monitoring-objects.xlsx' }, query: { regionCode: f.villageCode } }),
    roles: { admin: 'allow/404', monitor: 'allow/404', township: 'allow/404', village: '403', helper: '403', department: '403', leader: 'allow/404' },
    anonymous: 401,
    note: 'as the overview; every export is audited (report.exported)',
  }),

  // Monitoring objects (监测对象) and their helpers: a helping cadre reads only the households assigned to them
  'GET /api/monitoring-objects': entry({
    request: (f) => ({ query: { regionCode: f.county.code } }),
    roles: { admin: 'allow', monitor: 'allow', township: 'allow', village: 'allow', helper: 'allow', department: '403', leader: 'allow' },
    anonymous: 401,
    note: 'a region filter outside the region: 200 with nothing; a helping cadre: 200 with the households assigned to them only',
  }),
  'GET /api/households/{id}/monitoring': entry({
    request: (f) => ({ params: { id: f.household.id } }),
    roles: READ_HOUSEHOLD_RECORD,
    anonymous: 401,
    note: 'a helping cadre not assigned to the household: 404, as for a missing id',
  }),
  'GET /api/households/{id}/helper-candidates': entry({
    request: (f) => ({ params: { id: f.household.id } }),
    roles: { admin: 'allow/404', monitor: 'allow/404', township: 'allow/404', village: '403/404', helper: '403/404', department: '403/404', leader: '403/404' },
    anonymous: 401,
  }),
  'POST /api/households/{id}/helpers': entry({
    request: (f) => ({ params: { id: f.household.id }, body: { kind: 'person', name: '矩阵帮扶人', unit: '县人社局' } }),
    roles: { admin: 'allow/404', monitor: 'allow/404', township: 'allow/404', village: '403/404', helper: '403/404', department: '403/404', leader: '403/404' },
    anonymous: 401,
    note: 'allow = 422 (the fixture household is not a monitoring object: nothing is assigned)',
  }),
  'POST /api/households/{id}/helpers/{helperId}/reassign': entry({
    request: (f) => ({ params: { id: f.household.id, helperId: '00000000-0000-4000-8000-000000000000' }, body: { kind: 'person', name: '矩阵帮扶人', unit: '县人社局', reason: '矩阵测试' } }),
    roles: { admin: 'allow/404', monitor: 'allow/404', township: 'allow/404', village: '403/404', helper: '403/404', department: '403/404', leader: '403/404' },
    anonymous: 401,
    note: 'allow = 422 (the fixture household is not a monitoring object)',
  }),
  'POST /api/households/{id}/measures': entry({
    request: (f) => ({ params: { id: f.household.id }, body: { riskType: '01', category: 'health', measure: '医疗救助', startOn: '2026-11-02' } }),
    roles: WRITE_HOUSEHOLD_RECORD,
    anonymous: 401,
    note: 'allow = 422 (the fixture household is not a monitoring object); a helping cadre not assigned to it: 404',
  }),
  'POST /api/households/{id}/measures/{measureId}/status': entry({
    request: (f) => ({ params: { id: f.household.id, measureId: '00000000-0000-4000-8000-000000000000' }, body: { status: 'delivered', version: 1 } }),
    roles: WRITE_HOUSEHOLD_RECORD,
    anonymous: 401,
    note: 'allow = 422 (the fixture household is not a monitoring object)',
  }),
  'POST /api/households/{id}/measures/{measureId}/attachments': entry({
    request: (f) => ({ params: { id: f.household.id, measureId: '00000000-0000-4000-8000-000000000000' }, multipart: multipart({ name: 'evidence.png', content: PNG, type: 'image/png' }) }),
    roles: WRITE_HOUSEHOLD_RECORD,
    anonymous: 401,
    note: 'allow = 422 (the fixture household is not a monitoring object)',
  }),
  'GET /api/households/{id}/helper-visits': entry({
    request: (f) => ({ params: { id: f.household.id } }),
    roles: READ_HOUSEHOLD_RECORD,
    anonymous: 401,
    note: 'a helping cadre not assigned to the household: 404, as for a missing id',
  }),
  'POST /api/households/{id}/helper-visits': entry({
    request: (f) => ({ params: { id: f.household.id }, body: { observed: '矩阵测试：入户走访' } }),
    roles: WRITE_HOUSEHOLD_RECORD,
    anonymous: 401,
    note: 'allow = 422 (the fixture household is not a monitoring object); a helping cadre not assigned to it: 404; the leader reads only',
  }),
  'POST /api/households/{id}/helper-visits/{visitId}/attachments': entry({
    request: (f) => ({ params: { id: f.household.id, visitId: '00000000-0000-4000-8000-000000000000' }, multipart: multipart({ name: 'visit.png', content: PNG, type: 'image/png' }) }),
    roles: WRITE_HOUSEHOLD_RECORD,
    anonymous: 401,
    note: 'allow = 422 (the fixture household is not a monitoring object)',
  }),
  'GET /api/households/{id}/file': entry({
    request: (f) => ({ params: { id: f.household.id } }),
    roles: READ_HOUSEHOLD_RECORD,
    anonymous: 401,
    note: '一户一档: scoped like the household; a helping cadre not assigned to it: 404',
  }),
  'GET /api/households/{id}/file.xlsx': entry({
    request: (f) => ({ params: { id: f.household.id } }),
    roles: READ_HOUSEHOLD_RECORD,
    anonymous: 401,
  }),

  // Risk elimination (风险消除) and its rollback: issue 13 item 5
  'GET /api/households/{id}/elimination-check': entry({
    request: (f) => ({ params: { id: f.household.id } }),
    roles: READ_HOUSEHOLD_RECORD,
    anonymous: 401,
    note: 'a helping cadre not assigned to the household: 404, as for a missing id',
  }),
  'GET /api/households/{id}/eliminations': entry({
    request: (f) => ({ params: { id: f.household.id } }),
    roles: READ_HOUSEHOLD_RECORD,
    anonymous: 401,
  }),
  'POST /api/households/{id}/eliminations': entry({
    request: (f) => ({ params: { id: f.household.id }, body: { mode: 'assisted', reason: '矩阵测试' } }),
    outcome: workflowRole,
    roles: { admin: '403/404', monitor: 'allow/404', township: 'allow/404', village: 'allow/404', helper: '404', department: '403', leader: '403/404' },
    anonymous: 401,
    note: 'allow = 422 notMonitored (the fixture household is not a monitoring object); the county admin and a leader do not propose (elimination workflow table): 422 roleNotAllowed → 403',
  }),
  'POST /api/households/{id}/elimination-rollback': entry({
    request: (f) => ({ params: { id: f.household.id }, body: { reason: '矩阵测试' } }),
    roles: { admin: 'allow/404', monitor: 'allow/404', township: '403/404', village: '403/404', helper: '404', department: '403', leader: '403/404' },
    anonymous: 401,
    note: 'allow = 422 notEliminated (the fixture household was never eliminated); only the county rolls back',
  }),
  'GET /api/eliminations/{id}': entry({
    request: async (f, _a, ctx) => ({ params: { id: (await freshElimination(ctx, f)).id } }),
    roles: READ_HOUSEHOLD_RECORD,
    anonymous: 401,
    note: 'an elimination case of its own per request, on the fixture household',
  }),
  'GET /api/eliminations/{id}/notice': entry({
    request: async (f, _a, ctx) => ({ params: { id: (await freshElimination(ctx, f)).id } }),
    roles: READ_HOUSEHOLD_RECORD,
    anonymous: 401,
    note: 'allow = 422 notInNotice (a case of its own per request, at proposed: its notice has not started)',
  }),
  'POST /api/eliminations/{id}/events': entry({
    request: async (f, _a, ctx) => {
      const c = await freshElimination(ctx, f);
      return { params: { id: c.id }, body: { type: 'startVerification', version: c.version } };
    },
    outcome: workflowRole,
    roles: { admin: '403/404', monitor: 'allow/404', township: 'allow/404', village: 'allow/404', helper: '404', department: '403', leader: '403/404' },
    anonymous: 401,
    note: "a case of its own per request, at 'proposed': the roles that act there dispatch the home check; the procedure refuses the others (422 roleNotAllowed → 403)",
  }),

  // Department data and warnings
  'GET /api/department-sources': entry({ request: () => ({}), regionless: true, roles: ALL('allow'), anonymous: 401, note: 'the list of sources and their columns: no personal data' }),
  'POST /api/imports/department/{source}': entry({
    request: (f) => ({ params: { source: 'medical' }, query: { dryRun: 'true' }, multipart: csv(`身份证号码,姓名,结算日期,医疗总费用,个人自付\n${f.household.members[0]!.idNumber},x,2026-01-05,10,5\n`) }),
    regionless: true,
    roles: { admin: 'allow', monitor: 'allow', township: '403', village: '403', helper: '403', department: 'allow', leader: '403' },
    anonymous: 401,
    note: 'a dry run: nothing is stored',
  }),
  // Department imports (导入记录) and the sources' settings: those who import and the county centre (department.read).
  'GET /api/department-batches': entry({ request: () => ({}), regionless: true, roles: { admin: 'allow', monitor: 'allow', township: '403', village: '403', helper: '403', department: 'allow', leader: '403' }, anonymous: 401 }),
  'GET /api/department-batches/{id}/errors.xlsx': entry({
    request: (f) => ({ params: { id: f.departmentBatchId } }),
    roles: { admin: 'allow/404', monitor: 'allow/404', township: '403', village: '403', helper: '403', department: 'allow/404', leader: '403' },
    anonymous: 401,
  }),
  'GET /api/warnings': entry({
    request: (f) => ({ query: { regionCode: f.county.code } }),
    roles: { admin: 'allow', monitor: 'allow', township: 'allow', village: 'allow', helper: '403', department: '403', leader: 'allow' },
    anonymous: 401,
    note: 'a region filter outside the region: 200 with no warning',
  }),
  'GET /api/warnings/{id}/rows': entry({
    request: (f) => ({ params: { id: f.warningId } }),
    roles: { admin: 'allow/404', monitor: 'allow/404', township: 'allow/404', village: 'allow/404', helper: '403', department: '403', leader: '403' },
    anonymous: 401,
  }),
  'POST /api/warnings/{id}/correction': entry({
    request: (f) => ({ params: { id: f.warningId }, body: { to: 'reopen', reason: '授权矩阵测试' } }),
    roles: { admin: 'allow/404', monitor: 'allow/404', township: '403/404', village: '403/404', helper: '403/404', department: '403/404', leader: '403/404' },
    anonymous: 401,
    note: "county centre only (warning.correct); allow = 422 notVerified (the fixture's warning is new); the warning is looked up in the region first, so out of region is 404 for every role",
  }),
  'POST /api/warnings/transition': entry({
    request: (f) => ({ body: { ids: [f.warningId], to: 'noRisk', reason: '授权矩阵测试' } }),
    outcome: perIdOutcome,
    roles: { admin: 'allow/404', monitor: 'allow/404', township: 'allow/404', village: 'allow/404', helper: '403', department: '403', leader: '403' },
    anonymous: 401,
    note: 'a role that may never verify warnings: 403 for the whole request; else per-id results (200): allow = the move refused as wrongStatus (a new warning is dispatched first); 404 = every id notFound',
  }),
  'POST /api/import-jobs/department/{source}': entry({
    request: () => ({ params: { source: 'medical' }, multipart: csv('') }),
    regionless: true,
    roles: { admin: 'allow', monitor: 'allow', township: '403', village: '403', helper: '403', department: 'allow', leader: '403' },
    anonymous: 401,
    note: 'allow = 503 here: the test app runs no background jobs',
  }),
  'GET /api/import-jobs/{id}': entry({
    request: (f) => ({ params: { id: f.importJobId } }),
    roles: { admin: 'allow/404', monitor: 'allow/404', township: '403', village: '403', helper: '403', department: 'allow/404', leader: '403' },
    anonymous: 401,
  }),
  'GET /api/department-sources/{source}/settings': entry({
    request: (f) => ({ params: { source: 'medical' }, query: { countyCode: f.county.countyCode } }),
    roles: { admin: 'allow/404', monitor: 'allow/404', township: '403', village: '403', helper: '403', department: 'allow/404', leader: '403' },
    anonymous: 401,
  }),
  'PUT /api/department-sources/{source}/settings': entry({
    request: (f) => ({ params: { source: 'medical' }, query: { countyCode: f.county.countyCode }, body: { monthlyRecompare: false } }),
    roles: { admin: 'allow/404', monitor: 'allow/404', township: '404', village: '404', helper: '403/404', department: '403/404', leader: '403/404' },
    anonymous: 401,
  }),
  'POST /api/department-sources/{source}/recompare': entry({
    request: (f) => ({ params: { source: 'medical' }, query: { countyCode: f.county.countyCode } }),
    roles: { admin: 'allow/404', monitor: '403/404', township: '404', village: '404', helper: '403/404', department: '403/404', leader: '403/404' },
    anonymous: 401,
  }),

  // County settings (the supervision number on notices and posters): the actor's own county.
  'GET /api/county-settings': entry({ request: () => ({}), regionless: true, roles: { admin: 'allow', monitor: 'allow', township: 'allow', village: 'allow', helper: 'allow', department: 'allow', leader: 'allow' }, anonymous: 401 }),
  'PUT /api/county-settings': entry({
    request: () => ({ body: { supervisionPhone: '0776-7921234' } }),
    regionless: true,
    roles: { admin: 'allow', monitor: '403', township: '403', village: '403', helper: '403', department: '403', leader: '403' },
    anonymous: 401,
  }),

  // Clues and identification cases
  'GET /api/clues': entry({ request: () => ({}), regionless: true, roles: { admin: 'allow', monitor: 'allow', township: 'allow', village: 'allow', helper: 'allow', department: '403', leader: 'allow' }, anonymous: 401 }),
  'GET /api/cases': entry({ request: () => ({}), regionless: true, roles: { admin: 'allow', monitor: 'allow', township: 'allow', village: 'allow', helper: '403', department: '403', leader: 'allow' }, anonymous: 401 }),
  'GET /api/cases/todo': entry({ request: () => ({}), regionless: true, roles: { admin: 'allow', monitor: 'allow', township: 'allow', village: 'allow', helper: '403', department: '403', leader: 'allow' }, anonymous: 401 }),
  'GET /api/cases/{id}': entry({
    request: (f) => ({ params: { id: f.caseId } }),
    roles: { admin: 'allow/404', monitor: 'allow/404', township: 'allow/404', village: 'allow/404', helper: '403', department: '403', leader: 'allow/404' },
    anonymous: 401,
  }),
  'POST /api/cases/{id}/events': entry({
    request: async (f, _a, ctx) => {
      const c = await freshCase(ctx, f);
      return { params: { id: c.id }, body: { type: 'screenOut', version: c.version, data: { reason: '矩阵测试：核实无风险' } } };
    },
    outcome: workflowRole,
    roles: { admin: '403/404', monitor: 'allow/404', township: 'allow/404', village: 'allow/404', helper: '403', department: '403', leader: '403' },
    anonymous: 401,
    note: "a case of its own per request, at the home verification: 'screenOut' succeeds for the roles that act there; the procedure refuses the county admin, who acts in other steps (422 roleNotAllowed → 403); a role that never acts on cases (leader, helping cadre, department) is 403 FORBIDDEN before the case is looked up, in the region or not",
  }),
  'POST /api/cases/{id}/attachments': entry({
    request: (f) => ({ params: { id: f.caseId }, multipart: multipart({ name: 'minutes.png', content: PNG, type: 'image/png' }, { purpose: 'minutes' }) }),
    roles: { admin: 'allow/404', monitor: 'allow/404', township: 'allow/404', village: 'allow/404', helper: '403', department: '403', leader: '403' },
    anonymous: 401,
  }),
  // Drafts of a step's form (草稿): the roles acting in the home check; the fixture case is at it.
  'GET /api/cases/{id}/drafts/{eventType}': draftEntry(),
  'PUT /api/cases/{id}/drafts/{eventType}': draftEntry({ formStep: 1, values: { notes: '矩阵测试：草稿' } }),
  'DELETE /api/cases/{id}/drafts/{eventType}': draftEntry(),
  'GET /api/cases/{id}/notice': entry({
    request: (f) => ({ params: { id: f.caseId } }),
    roles: { admin: 'allow/404', monitor: 'allow/404', township: 'allow/404', village: 'allow/404', helper: '403', department: '403', leader: 'allow/404' },
    anonymous: 401,
    note: 'allow = 422 (the case is not at its notice yet)',
  }),

  // Hotline (county centre)
  'POST /api/hotline-calls': entry({
    request: (f) => ({ body: { callerName: '矩阵', callerPhone: `135${String(++clientSequence).padStart(8, '0')}`, regionCode: f.villageCode, content: '咨询政策', result: 'answered' } }),
    outcome: unknownPlace,
    roles: { admin: 'allow/404', monitor: 'allow/404', township: '403', village: '403', helper: '403', department: '403', leader: '403' },
    anonymous: 401,
    note: 'a village outside the region is refused as unknown: 400 on regionCode, counted as 404',
  }),
  'POST /api/hotline-calls/open-case': entry({
    request: (f) => ({ body: { householdId: f.household.id } }),
    roles: { admin: 'allow/404', monitor: 'allow/404', township: '403', village: '403', helper: '403', department: '403', leader: '403' },
    anonymous: 401,
    note: 'the open case a call would join, asked before saving: the hotline desk only',
  }),
  'GET /api/hotline-calls': entry({ request: () => ({}), regionless: true, roles: { admin: 'allow', monitor: 'allow', township: '403', village: '403', helper: '403', department: '403', leader: '403' }, anonymous: 401 }),
  'GET /api/hotline-calls/export.xlsx': entry({ request: () => ({}), regionless: true, roles: { admin: 'allow', monitor: 'allow', township: '403', village: '403', helper: '403', department: '403', leader: '403' }, anonymous: 401 }),

  // The public self-application (no login; the same for everyone)
  'GET /api/public/villages': entry({ request: (f) => ({ query: { county: f.county.countyCode } }), roles: ALL('allow'), anonymous: 'allow', note: 'public: the self-application form' }),
  'GET /api/public/villages/{code}': entry({ request: (f) => ({ params: { code: f.villageCode } }), roles: ALL('allow'), anonymous: 'allow', note: 'public: the QR code' }),
  'POST /api/public/applications': entry({
    request: (f) => ({ body: { villageCode: f.villageCode, phone: `136${String(++clientSequence).padStart(8, '0')}`, description: '家里有人生病住院，生活困难，申请帮助', consent: true } }),
    roles: ALL('allow'),
    anonymous: 'allow',
    note: 'public',
  }),
  'GET /api/public/applications/{referenceNo}': entry({ request: (f) => ({ params: { referenceNo: f.application.referenceNo }, query: { phone: f.application.phone } }), roles: ALL('allow'), anonymous: 'allow', note: 'public, with the phone it was filed with' }),
  'GET /api/regions/{code}/application-qr.svg': entry({ request: (f) => ({ params: { code: f.villageCode } }), roles: ALL('allow/404'), anonymous: 401 }),

  // Visit reports
  'POST /api/visit-reports': entry({
    request: (f) => ({ body: { clientId: `matrix-${++clientSequence}-${Date.now()}`, householdId: f.household.id, regionCode: f.villageCode, visitedOn: '2026-11-02', observed: '走访发现房屋漏雨' } }),
    outcome: unknownPlace,
    roles: { admin: 'allow/404', monitor: 'allow/404', township: 'allow/404', village: 'allow/404', helper: 'allow/404', department: '403', leader: '403' },
    anonymous: 401,
    note: 'a village outside the region is refused as unknown: 400 on regionCode, counted as 404',
  }),
  'GET /api/field/snapshot': entry({ request: () => ({}), regionless: true, roles: { admin: 'allow', monitor: 'allow', township: 'allow', village: 'allow', helper: 'allow', department: '403', leader: '403' }, anonymous: 401 }),
  'POST /api/field/actions': entry({
    request: (f) => ({ body: { clientId: crypto.randomUUID(), kind: 'visitReport', visit: { householdId: f.household.id, regionCode: f.villageCode, visitedOn: '2026-11-02', observed: '外勤离线走访：房屋漏雨' } } }),
    outcome: unknownPlace,
    roles: { admin: 'allow/404', monitor: 'allow/404', township: 'allow/404', village: 'allow/404', helper: 'allow/404', department: '403', leader: '403' },
    anonymous: 401,
    note: "a visit report from the field app's outbox (roles with visit.record); a village outside the region is refused as unknown: 400 on regionCode, counted as 404",
  }),
  'GET /api/visit-reports': entry({ request: () => ({}), regionless: true, roles: { admin: 'allow', monitor: 'allow', township: 'allow', village: 'allow', helper: 'allow', department: '403', leader: '403' }, anonymous: 401 }),
  'POST /api/visit-reports/{id}/attachments': entry({
    request: (f) => ({ params: { id: f.visitReportId }, multipart: multipart({ name: 'photo.png', content: PNG, type: 'image/png' }) }),
    roles: { admin: 'allow/404', monitor: 'allow/404', township: 'allow/404', village: 'allow/404', helper: 'allow/404', department: '403', leader: '403' },
    anonymous: 401,
  }),
  'POST /api/visit-reports/{id}/forward': entry({
    request: (f) => ({ params: { id: f.visitReportId }, body: { note: '转县防贫中心' } }),
    roles: { admin: 'allow/404', monitor: 'allow/404', township: 'allow/404', village: '403', helper: '403', department: '403', leader: '403' },
    anonymous: 401,
    note: 'the first allowed role forwards it (200); the next ones get 409 (already forwarded): allow either way',
  }),
  'POST /api/visit-reports/{id}/dismiss': entry({
    request: (f) => ({ params: { id: f.visitReportId }, body: { note: '无需认定' } }),
    roles: { admin: 'allow/404', monitor: 'allow/404', township: 'allow/404', village: '403', helper: '403', department: '403', leader: '403' },
    anonymous: 401,
    note: 'allow = 409 (forwarded by then)',
  }),

  // Attachments (of a case here)
  'GET /api/attachments/{id}': entry({
    request: (f) => ({ params: { id: f.caseAttachmentId } }),
    roles: { admin: 'allow/404', monitor: 'allow/404', township: 'allow/404', village: 'allow/404', helper: '403/404', department: '404', leader: 'allow/404' },
    anonymous: 401,
  }),
};
