import { HELPER_ACCOUNT_ROLE, type EliminationMode, type MeasureStatus, type MonitoringCategory, type MonitoringFlag, type MonitoringStatus, type Scope } from '@fangpin/domain';
import { readAll, type Tx } from '../../db/client.ts';
import { scopeCondition } from '../registry/scope-sql.ts';
import { helperActiveAsOf, helperTimeliness, identifiedBy, statusAsOf, underMonitoringAsOf, type HelperTimeliness } from './as-of-sql.ts';
import { LAST_VISIT_SQL, nextVisitDueSql, type VisitIntervals } from './visit-due-sql.ts';
import { ELIMINATION_IN_PROGRESS_SQL } from './elimination-repo.ts';

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
  // The cases as they stand today (a case's step has no history here), also with asOf.
  if (filter.flag === 'eliminationInProgress') where.push(ELIMINATION_IN_PROGRESS_SQL);
  if (filter.flag === 'visitOverdue') {
    const due = nextVisitDueSql(filter.visitIntervals ?? new Map(), params);
    add(filter.today, (p) => `${underMonitoring} AND ${due} < ${p}::date`);
  }
  const condition = where.join(' AND ');
  const pageParams = [...params, filter.limit, filter.offset];
  const nextDue = nextVisitDueSql(filter.visitIntervals ?? new Map(), pageParams);
  const [page, count] = await readAll(tx, [
    () => tx.query<MonitoringObjectRow>(
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
    () => tx.query<{ total: number }>(`SELECT count(*)::int AS total FROM household_monitoring m JOIN households h ON h.id = m.household_id WHERE ${condition}`, params),
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

export type DecisionEventRow = { caseId: string; caseNumber: string; kind: string; type: string; onDate: string; actorName: string; actorDisplayName: string | null; actorRole: string; ruleSetVersion: string | null; toStep: string; comment: string; data: Record<string, unknown> | null };

/** The household's case events of these types, or with a snapshot (a decision's facts), of every case in date order (一户一档's decisions). */
export async function findDecisionEvents(tx: Tx, householdId: string, types: readonly string[]): Promise<DecisionEventRow[]> {
  const { rows } = await tx.query<DecisionEventRow>(
    `SELECT c.id AS "caseId", c.case_number AS "caseNumber", c.kind, e.type, e.on_date AS "onDate", e.actor_name AS "actorName", u.display_name AS "actorDisplayName", e.actor_role AS "actorRole",
       e.rule_set_version AS "ruleSetVersion", e.to_step AS "toStep", e.comment, e.data
     FROM cases c JOIN case_events e ON e.case_id = c.id LEFT JOIN users u ON u.id = e.actor_id
     WHERE c.household_id = $1 AND (e.type = ANY($2::text[]) OR e.snapshot IS NOT NULL)
     ORDER BY e.on_date, c.case_number, e.seq`,
    [householdId, types],
  );
  return rows;
}

/** The housing and drinking-water problems on the household's monitoring record (三保障 for a visit's assessment). */
export async function findHousingAndWaterProblems(tx: Tx, householdId: string): Promise<{ housing: boolean; water: boolean } | undefined> {
  const { rows } = await tx.query<{ housing: boolean; water: boolean }>(`SELECT has_housing_problem AS housing, has_water_problem AS water FROM household_monitoring WHERE household_id = $1`, [householdId]);
  return rows[0];
}

/** Writes a visit's income update into the monitoring record, one version up. */
export async function updateMonitoringIncome(tx: Tx, householdId: string, income: { incomeYear: number; perCapitaIncome: number; wage: number; transfer: number; compliantOutOfPocket: number }): Promise<void> {
  await tx.query(
    `UPDATE household_monitoring SET income_year = $2, per_capita_income = $3, wage_income = $4, transfer_income = $5, compliant_out_of_pocket = $6, version = version + 1, updated_at = now()
     WHERE household_id = $1`,
    [householdId, income.incomeYear, income.perCapitaIncome, income.wage, income.transfer, income.compliantOutOfPocket],
  );
}

/** A new assistance measure (帮扶措施) of a household; its id. */
export async function insertMeasure(
  tx: Tx,
  m: { countyCode: string; householdId: string; riskType: string; category: string; measure: string; department: string; amount: number | null; startOn: string; endOn: string | null; status: MeasureStatus; deliveredOn: string | null; createdBy: string },
): Promise<string> {
  const { rows } = await tx.query<{ id: string }>(
    `INSERT INTO household_measures (county_code, household_id, risk_type, category, measure, department, amount, start_on, end_on, status, delivered_on, created_by)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12) RETURNING id`,
    [m.countyCode, m.householdId, m.riskType, m.category, m.measure, m.department, m.amount, m.startOn, m.endOn, m.status, m.deliveredOn, m.createdBy],
  );
  return rows[0]!.id;
}

export type MeasureForMove = { id: string; status: MeasureStatus; version: number; measure: string; startOn: string };

/** The household's measure `measureId`, locked until the transaction ends, or undefined. */
export async function lockMeasure(tx: Tx, householdId: string, measureId: string): Promise<MeasureForMove | undefined> {
  const { rows } = await tx.query<MeasureForMove>(`SELECT id, status, version, measure, start_on AS "startOn" FROM household_measures WHERE id = $1 AND household_id = $2 FOR UPDATE`, [measureId, householdId]);
  return rows[0];
}

/** Moves a measure to `status` (delivered on `deliveredOn`), one version up. */
export async function updateMeasureStatus(tx: Tx, measureId: string, status: MeasureStatus, deliveredOn: string | null): Promise<void> {
  await tx.query(`UPDATE household_measures SET status = $2, delivered_on = $3, version = version + 1, updated_at = now() WHERE id = $1`, [measureId, status, deliveredOn]);
}

/** What the coverage of these monitoring objects is computed from: their risks and spending, their members' labour, their measures. */
export async function findCoverageInputs(tx: Tx, householdIds: string[]) {
  const [objects, members, measures] = await readAll(tx, [
    () => tx.query<{ householdId: string; riskTypes: string[]; outOfPocket: number }>(
      `SELECT household_id AS "householdId", risk_types AS "riskTypes", compliant_out_of_pocket AS "outOfPocket" FROM household_monitoring WHERE household_id = ANY($1::uuid[])`,
      [householdIds],
    ),
    () => tx.query<{ householdId: string; labourCapacity: string | null }>(`SELECT household_id AS "householdId", labour_capacity AS "labourCapacity" FROM members WHERE household_id = ANY($1::uuid[])`, [householdIds]),
    () => tx.query<{ householdId: string; category: string; status: MeasureStatus }>(`SELECT household_id AS "householdId", category, status FROM household_measures WHERE household_id = ANY($1::uuid[])`, [householdIds]),
  ]);
  return { objects: objects.rows, members: members.rows, measures: measures.rows };
}

/** Stores a monitoring object's coverage (so the register can filter on uncovered risks). */
export async function saveCoverage(tx: Tx, householdId: string, coverage: { uncoveredRiskTypes: readonly string[]; problems: unknown }): Promise<void> {
  await tx.query(`UPDATE household_monitoring SET uncovered_risk_types = $2, coverage_problems = $3 WHERE household_id = $1`, [householdId, coverage.uncoveredRiskTypes, JSON.stringify(coverage.problems)]);
}

/** Up to `limit` monitoring objects, in every county, whose coverage was never checked. */
export async function unscopedFindUncheckedCoverage(tx: Tx, limit: number): Promise<string[]> {
  const { rows } = await tx.query<{ householdId: string }>(`SELECT household_id AS "householdId" FROM household_monitoring WHERE uncovered_risk_types IS NULL LIMIT ${Number(limit)}`);
  return rows.map((r) => r.householdId);
}

/** Every county that has monitoring objects (the CLI's register, unscoped). */
export async function unscopedFindMonitoringCounties(tx: Tx): Promise<string[]> {
  const { rows } = await tx.query<{ code: string }>(`SELECT DISTINCT county_code AS code FROM household_monitoring`);
  return rows.map((r) => r.code);
}

/** The eliminated monitoring record of a household (status 稳定消除 / 消除后继续跟踪), or undefined. */
export async function findEliminatedRecord(tx: Tx, householdId: string): Promise<{ householdId: string; status: 'eliminatedStable' | 'eliminatedTracking'; identifiedOn: string | null; eliminatedOn: string } | undefined> {
  const { rows } = await tx.query<{ householdId: string; status: 'eliminatedStable' | 'eliminatedTracking'; identifiedOn: string | null; eliminatedOn: string }>(
    `SELECT household_id AS "householdId", status, identified_on AS "identifiedOn", eliminated_on AS "eliminatedOn"
     FROM household_monitoring WHERE household_id = $1 AND status IN ('eliminatedStable', 'eliminatedTracking')`,
    [householdId],
  );
  return rows[0];
}

/** The monitoring facts an import writes (one row of the national system's file). */
export type ImportedMonitoringRecord = {
  category: string | null;
  riskTypes: string[];
  identifiedOn: string | null;
  incomeYear: number;
  perCapitaIncome: number;
  wageIncome: number;
  transferIncome: number;
  compliantOutOfPocket: number;
  hasDisabilityAllowance: boolean;
  hasHousingProblem: boolean;
  hasWaterProblem: boolean;
  eliminationMode: string | null;
  eliminatedOn: string | null;
  perCapitaIncomeAfterElimination: number | null;
  isNoLabourSafetyNet: boolean;
};

/** The households with these numbers (any region: the caller checks the scope), locked, with their monitoring facts now (or null). */
export async function lockHouseholdsByNumberWithMonitoring(
  tx: Tx,
  householdNumbers: string[],
): Promise<{ id: string; householdNumber: string; countyCode: string; regionCode: string; current: (ImportedMonitoringRecord & { version: number }) | null }[]> {
  const { rows } = await tx.query<{ id: string; householdNumber: string; countyCode: string; regionCode: string; current: (ImportedMonitoringRecord & { version: number }) | null }>(
    `SELECT h.id, h.household_number AS "householdNumber", h.county_code AS "countyCode", h.region_code AS "regionCode",
       CASE WHEN m.household_id IS NULL THEN NULL ELSE json_build_object('category', m.category, 'riskTypes', m.risk_types, 'identifiedOn', m.identified_on,
         'incomeYear', m.income_year, 'perCapitaIncome', m.per_capita_income, 'wageIncome', m.wage_income, 'transferIncome', m.transfer_income,
         'compliantOutOfPocket', m.compliant_out_of_pocket, 'hasDisabilityAllowance', m.has_disability_allowance, 'hasHousingProblem', m.has_housing_problem,
         'hasWaterProblem', m.has_water_problem, 'eliminationMode', m.elimination_mode, 'eliminatedOn', m.eliminated_on,
         'perCapitaIncomeAfterElimination', m.per_capita_income_after_elimination, 'isNoLabourSafetyNet', m.is_no_labour_safety_net) END AS current
     FROM households h LEFT JOIN household_monitoring m ON m.household_id = h.id WHERE h.household_number = ANY($1::text[]) FOR UPDATE OF h`,
    [householdNumbers],
  );
  return rows;
}

/** Writes an imported monitoring record (new, or over the household's current one, one version up). */
export async function upsertImportedMonitoring(tx: Tx, household: { id: string; countyCode: string }, r: ImportedMonitoringRecord): Promise<void> {
  await tx.query(
    `INSERT INTO household_monitoring (household_id, county_code, category, risk_types, identified_on, income_year, per_capita_income, wage_income, transfer_income,
       compliant_out_of_pocket, has_disability_allowance, has_housing_problem, has_water_problem, elimination_mode, eliminated_on, per_capita_income_after_elimination, is_no_labour_safety_net)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17)
     ON CONFLICT (household_id) DO UPDATE SET category = EXCLUDED.category, risk_types = EXCLUDED.risk_types, identified_on = EXCLUDED.identified_on,
       income_year = EXCLUDED.income_year, per_capita_income = EXCLUDED.per_capita_income, wage_income = EXCLUDED.wage_income, transfer_income = EXCLUDED.transfer_income,
       compliant_out_of_pocket = EXCLUDED.compliant_out_of_pocket, has_disability_allowance = EXCLUDED.has_disability_allowance, has_housing_problem = EXCLUDED.has_housing_problem,
       has_water_problem = EXCLUDED.has_water_problem, elimination_mode = EXCLUDED.elimination_mode, eliminated_on = EXCLUDED.eliminated_on,
       per_capita_income_after_elimination = EXCLUDED.per_capita_income_after_elimination, is_no_labour_safety_net = EXCLUDED.is_no_labour_safety_net,
       version = household_monitoring.version + 1, updated_at = now()`,
    [household.id, household.countyCode, r.category, r.riskTypes, r.identifiedOn, r.incomeYear, r.perCapitaIncome, r.wageIncome, r.transferIncome, r.compliantOutOfPocket, r.hasDisabilityAllowance, r.hasHousingProblem, r.hasWaterProblem, r.eliminationMode, r.eliminatedOn, r.perCapitaIncomeAfterElimination, r.isNoLabourSafetyNet],
  );
}
