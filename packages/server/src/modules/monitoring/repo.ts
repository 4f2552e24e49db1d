import { HELPER_ACCOUNT_ROLE, type EliminationMode, type MeasureStatus, type MonitoringCategory, type MonitoringFlag, type MonitoringStatus, type Scope } from '@fangpin/domain';
import type { Tx } from '../../db/client.ts';
import { scopeCondition } from '../registry/scope-sql.ts';
import { helperActiveAsOf, helperTimeliness, identifiedBy, statusAsOf, underMonitoringAsOf, type HelperTimeliness } from './as-of-sql.ts';
import { LAST_VISIT_SQL, nextVisitDueSql, type VisitIntervals } from './visit-schedule.ts';

/** One row of the register (监测对象), with its place names and head of household. */
export type MonitoringObjectRow = {
  householdId: string;
  householdNumber: string;
  regionCode: string;
  villageName: string | null;
  townshipName: string | null;
  headName: string | null;
  category: MonitoringCategory | null;
  riskTypes: string[];
  status: MonitoringStatus;
  identifiedOn: string | null;
  incomeYear: number;
  perCapitaIncome: number;
  helperDueOn: string | null;
  eliminatedOn: string | null;
  eliminationMode: EliminationMode | null;
  rolledBackOn: string | null;
  rollbackReason: string | null;
  /** Null until the coverage was first checked. */
  uncoveredRiskTypes: string[] | null;
  coverageProblems: { code: string; riskType?: string; message: string; rule: string; expected?: string[] }[] | null;
  /** The last helper visit's day, and the next one's due day (visit-schedule.ts), or null. */
  lastVisitOn?: string | null;
  nextVisitDueOn?: string | null;
};

export type MonitoringObjectFilter = {
  /** `eliminated`: either eliminated status (the statistics' 风险已消除). */
  status?: MonitoringStatus | 'eliminated' | undefined;
  category?: string | undefined;
  riskType?: string | undefined;
  regionPrefix?: string | undefined;
  flag?: MonitoringFlag | undefined;
  /** Only households this user helps now (a helping cadre's register, 我的帮扶户). */
  helperUserId?: string | undefined;
  /**
   * Read the register as of this day (docs/statistics.md): only households identified by then,
   * their status and flags on that day. The statistics' drill-downs pass it.
   */
  asOf?: string | undefined;
  /** Helper assignment timeliness as of `asOf` (or today): the dashboard's helper figures. */
  helper?: HelperTimeliness | undefined;
  /** Identified / eliminated in this month (YYYY-MM): the statistics' trend. */
  identifiedIn?: string | undefined;
  eliminatedIn?: string | undefined;
  /** The visit intervals per county, for the next visit's due day and the `visitOverdue` flag. */
  visitIntervals?: VisitIntervals | undefined;
  today: string;
  limit: number;
  offset: number;
};

/** An active helper who counts as the household's own (a cadre account or a named person). */
const HAS_HELPER = `EXISTS (SELECT 1 FROM household_helpers hh WHERE hh.household_id = m.household_id AND hh.ended_on IS NULL AND hh.kind IN ('cadre', 'person'))`;
const UNDER_MONITORING = `m.status IN ('monitoring', 'rolledBack')`;

/**
 * The register in scope, one page in household-number order, and the total. Flags:
 * `noHelper` under monitoring without a helper; `helperOverdue` the same past the due day;
 * `uncoveredRisk` under monitoring with a risk that no measure covers (coverage stored by refreshCoverage).
 */
export async function findMonitoringObjects(tx: Tx, scope: Scope, filter: MonitoringObjectFilter): Promise<{ rows: MonitoringObjectRow[]; total: number }> {
  const params: unknown[] = [];
  const where = [scopeCondition(scope, 'h', params), 'm.county_code = h.county_code'];
  const add = (value: unknown, sql: (p: string) => string) => {
    params.push(value);
    where.push(sql(`$${params.length}`));
  };
  const asOf = filter.asOf ?? (filter.helper ? filter.today : undefined);
  let status = 'm.status';
  let underMonitoring = UNDER_MONITORING;
  let hasHelper = HAS_HELPER;
  let notAfter = (_column: string) => '';
  if (asOf) {
    params.push(asOf);
    const p = `$${params.length}`;
    notAfter = (column) => ` AND ${column} <= ${p}::date`;
    where.push(identifiedBy(p));
    status = statusAsOf(p);
    underMonitoring = underMonitoringAsOf(p);
    hasHelper = helperActiveAsOf(p);
    if (filter.helper) where.push(helperTimeliness[filter.helper](p));
  }
  if (filter.status === 'eliminated') where.push(`${status} IN ('eliminatedStable', 'eliminatedTracking')`);
  else if (filter.status) add(filter.status, (p) => `${status} = ${p}`);
  if (filter.category === 'none') where.push('m.category IS NULL');
  else if (filter.category) add(filter.category, (p) => `m.category = ${p}`);
  // The trend's months (statistics): identified / eliminated in the month, not after the as-of date.
  if (filter.identifiedIn) add(filter.identifiedIn, (p) => `to_char(m.identified_on, 'YYYY-MM') = ${p}${notAfter('m.identified_on')}`);
  if (filter.eliminatedIn) add(filter.eliminatedIn, (p) => `to_char(m.eliminated_on, 'YYYY-MM') = ${p}${notAfter('m.eliminated_on')}`);
  if (filter.riskType) add(filter.riskType, (p) => `${p} = ANY(m.risk_types)`);
  if (filter.regionPrefix) add(filter.regionPrefix, (p) => `h.region_code LIKE ${p} || '%'`);
  if (filter.helperUserId)
    add(filter.helperUserId, (p) => `EXISTS (SELECT 1 FROM household_helpers hu WHERE hu.household_id = m.household_id AND hu.ended_on IS NULL AND hu.user_id = ${p})`);
  if (filter.flag === 'noHelper') where.push(`${underMonitoring} AND NOT ${hasHelper}`);
  if (filter.flag === 'uncoveredRisk') where.push(`${underMonitoring} AND cardinality(m.uncovered_risk_types) > 0`);
  if (filter.flag === 'helperOverdue') add(asOf ?? filter.today, (p) => `${underMonitoring} AND NOT ${hasHelper} AND m.helper_due_on < ${p}::date`);
  if (filter.flag === 'visitOverdue') {
    const due = nextVisitDueSql(filter.visitIntervals ?? new Map(), params);
    add(filter.today, (p) => `${underMonitoring} AND ${due} < ${p}::date`);
  }
  const condition = where.join(' AND ');
  const pageParams = [...params, filter.limit, filter.offset];
  const nextDue = nextVisitDueSql(filter.visitIntervals ?? new Map(), pageParams);
  const [page, count] = await Promise.all([
    tx.query<MonitoringObjectRow>(
      `SELECT p.*, v.name AS "villageName", t.name AS "townshipName",
         (SELECT mb.name FROM members mb WHERE mb.household_id = p."householdId" ORDER BY (mb.relation = 'head') DESC, mb.birth_year, mb.id LIMIT 1) AS "headName"
       FROM (
         SELECT m.household_id AS "householdId", h.household_number AS "householdNumber", h.region_code AS "regionCode", m.category,
           m.risk_types AS "riskTypes", ${status} AS status, m.identified_on AS "identifiedOn", m.income_year AS "incomeYear", m.per_capita_income AS "perCapitaIncome",
           m.helper_due_on AS "helperDueOn", m.eliminated_on AS "eliminatedOn", m.elimination_mode AS "eliminationMode",
           m.rolled_back_on AS "rolledBackOn", m.rollback_reason AS "rollbackReason", m.uncovered_risk_types AS "uncoveredRiskTypes", m.coverage_problems AS "coverageProblems",
           to_char(${LAST_VISIT_SQL}, 'YYYY-MM-DD') AS "lastVisitOn", to_char(${nextDue}, 'YYYY-MM-DD') AS "nextVisitDueOn"
         FROM household_monitoring m JOIN households h ON h.id = m.household_id
         WHERE ${condition}
         ORDER BY h.household_number LIMIT $${params.length + 1} OFFSET $${params.length + 2}
       ) p
       LEFT JOIN regions v ON v.code = p."regionCode"
       LEFT JOIN regions t ON t.code = substr(p."regionCode", 1, 9) || '000'
       ORDER BY p."householdNumber"`,
      pageParams,
    ),
    tx.query<{ total: number }>(`SELECT count(*)::int AS total FROM household_monitoring m JOIN households h ON h.id = m.household_id WHERE ${condition}`, params),
  ]);
  return { rows: page.rows, total: count.rows[0]!.total };
}

/** The monitoring record of one household (no scope: the caller found the household in scope first). */
export async function findMonitoringOfHousehold(tx: Tx, householdId: string, options: { forUpdate?: boolean } = {}): Promise<Omit<MonitoringObjectRow, 'villageName' | 'townshipName' | 'headName' | 'householdNumber'> | undefined> {
  const { rows } = await tx.query<Omit<MonitoringObjectRow, 'villageName' | 'townshipName' | 'headName' | 'householdNumber'>>(
    `SELECT m.household_id AS "householdId", h.region_code AS "regionCode", m.category, m.risk_types AS "riskTypes", m.status, m.identified_on AS "identifiedOn",
       m.income_year AS "incomeYear", m.per_capita_income AS "perCapitaIncome", m.helper_due_on AS "helperDueOn", m.eliminated_on AS "eliminatedOn",
       m.elimination_mode AS "eliminationMode", m.rolled_back_on AS "rolledBackOn", m.rollback_reason AS "rollbackReason",
       m.uncovered_risk_types AS "uncoveredRiskTypes", m.coverage_problems AS "coverageProblems"
     FROM household_monitoring m JOIN households h ON h.id = m.household_id WHERE m.household_id = $1${options.forUpdate ? ' FOR UPDATE OF m' : ''}`,
    [householdId],
  );
  return rows[0];
}

export type HelperRow = {
  id: string;
  householdId: string;
  kind: string;
  userId: string | null;
  name: string;
  unit: string;
  phoneMasked: string;
  assignedOn: string;
  assignedBy: string;
  endedOn: string | null;
  endReason: string | null;
  replacedBy: string | null;
};

const HELPER_COLUMNS = `id, household_id AS "householdId", kind, user_id AS "userId", name, unit, phone_masked AS "phoneMasked", assigned_on AS "assignedOn",
  assigned_by AS "assignedBy", ended_on AS "endedOn", end_reason AS "endReason", replaced_by AS "replacedBy"`;

/** The helpers of these households; `activeOnly` leaves out ended (reassigned) ones. Oldest first. */
export async function findHelpers(tx: Tx, householdIds: string[], options: { activeOnly?: boolean } = {}): Promise<HelperRow[]> {
  if (householdIds.length === 0) return [];
  const { rows } = await tx.query<HelperRow>(
    `SELECT ${HELPER_COLUMNS} FROM household_helpers WHERE household_id = ANY($1::uuid[])${options.activeOnly ? ' AND ended_on IS NULL' : ''}
     ORDER BY assigned_on, created_at`,
    [householdIds],
  );
  return rows;
}

/** One helper of a household, locked for a change. */
export async function findHelper(tx: Tx, householdId: string, helperId: string): Promise<HelperRow | undefined> {
  const { rows } = await tx.query<HelperRow>(`SELECT ${HELPER_COLUMNS} FROM household_helpers WHERE id = $1 AND household_id = $2 FOR UPDATE`, [helperId, householdId]);
  return rows[0];
}

export async function insertHelper(
  tx: Tx,
  helper: { countyCode: string; householdId: string; kind: string; userId: string | null; name: string; unit: string; phoneEnc: Buffer | null; phoneMasked: string; assignedOn: string; assignedBy: string; assignedById: string | null },
): Promise<string> {
  const { rows } = await tx.query<{ id: string }>(
    `INSERT INTO household_helpers (county_code, household_id, kind, user_id, name, unit, phone_enc, phone_masked, assigned_on, assigned_by, assigned_by_id)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) RETURNING id`,
    [helper.countyCode, helper.householdId, helper.kind, helper.userId, helper.name, helper.unit, helper.phoneEnc, helper.phoneMasked, helper.assignedOn, helper.assignedBy, helper.assignedById],
  );
  return rows[0]!.id;
}

export async function endHelper(tx: Tx, helperId: string, endedOn: string, reason: string, replacedBy: string | null): Promise<void> {
  await tx.query(`UPDATE household_helpers SET ended_on = $2, end_reason = $3, replaced_by = $4 WHERE id = $1`, [helperId, endedOn, reason, replacedBy]);
}

/** Monitoring status of these households (absent = never monitored), for the household search. */
export async function findStatusOfHouseholds(tx: Tx, householdIds: string[]): Promise<Map<string, MonitoringStatus>> {
  if (householdIds.length === 0) return new Map();
  const { rows } = await tx.query<{ householdId: string; status: MonitoringStatus }>(
    `SELECT household_id AS "householdId", status FROM household_monitoring WHERE household_id = ANY($1::uuid[])`,
    [householdIds],
  );
  return new Map(rows.map((r) => [r.householdId, r.status]));
}

/**
 * Enabled helping-cadre accounts of a county (the caller keeps those whose region contains the household).
 */
export async function findHelpingCadresOfCounty(tx: Tx, countyCode: string): Promise<{ id: string; displayName: string; regionCode: string; regionName: string | null }[]> {
  const { rows } = await tx.query<{ id: string; displayName: string; regionCode: string; regionName: string | null }>(
    `SELECT u.id, u.display_name AS "displayName", u.region_code AS "regionCode", r.name AS "regionName"
     FROM users u LEFT JOIN regions r ON r.code = u.region_code
     WHERE u.role = $2 AND NOT u.is_disabled AND u.region_code LIKE $1 || '%'
     ORDER BY u.display_name LIMIT 2000`,
    [countyCode, HELPER_ACCOUNT_ROLE],
  );
  return rows;
}

/** An enabled helper account (the role helpers are assigned from), or undefined. */
export async function findHelperAccount(tx: Tx, userId: string): Promise<{ id: string; displayName: string; regionCode: string } | undefined> {
  if (!/^[0-9a-f-]{36}$/i.test(userId)) return undefined;
  const { rows } = await tx.query<{ id: string; displayName: string; regionCode: string }>(
    `SELECT id, display_name AS "displayName", region_code AS "regionCode" FROM users WHERE id = $1 AND role = $2 AND NOT is_disabled`,
    [userId, HELPER_ACCOUNT_ROLE],
  );
  return rows[0];
}

/** Whether the user helps the household now (an assignment not ended). */
export async function isActiveHelperOf(tx: Tx, householdId: string, userId: string): Promise<boolean> {
  const { rowCount } = await tx.query(`SELECT 1 FROM household_helpers WHERE household_id = $1 AND user_id = $2 AND ended_on IS NULL`, [householdId, userId]);
  return (rowCount ?? 0) > 0;
}

export type MeasureRow = {
  id: string;
  householdId: string;
  riskType: string;
  category: string;
  measure: string;
  department: string;
  amount: number | null;
  startOn: string;
  endOn: string | null;
  status: MeasureStatus;
  deliveredOn: string | null;
  createdBy: string;
  version: number;
};

/** The measures of a household, oldest first. */
export async function findMeasures(tx: Tx, householdId: string): Promise<MeasureRow[]> {
  const { rows } = await tx.query<MeasureRow>(
    `SELECT id, household_id AS "householdId", risk_type AS "riskType", category, measure, department, amount, start_on AS "startOn", end_on AS "endOn",
       status, delivered_on AS "deliveredOn", created_by AS "createdBy", version
     FROM household_measures WHERE household_id = $1 ORDER BY start_on, created_at`,
    [householdId],
  );
  return rows;
}

export type DecisionEventRow = { caseId: string; caseNumber: string; kind: string; type: string; onDate: string; actorName: string; actorRole: string; ruleSetVersion: string | null; toStep: string; comment: string; data: Record<string, unknown> | null };

/** The household's case events of these types, or with a snapshot (a decision's facts), of every case in date order (一户一档's decisions). */
export async function findDecisionEvents(tx: Tx, householdId: string, types: readonly string[]): Promise<DecisionEventRow[]> {
  const { rows } = await tx.query<DecisionEventRow>(
    `SELECT c.id AS "caseId", c.case_number AS "caseNumber", c.kind, e.type, e.on_date AS "onDate", e.actor_name AS "actorName", e.actor_role AS "actorRole",
       e.rule_set_version AS "ruleSetVersion", e.to_step AS "toStep", e.comment, e.data
     FROM cases c JOIN case_events e ON e.case_id = c.id
     WHERE c.household_id = $1 AND (e.type = ANY($2::text[]) OR e.snapshot IS NOT NULL)
     ORDER BY e.on_date, c.case_number, e.seq`,
    [householdId, types],
  );
  return rows;
}
