import {
  addCalendarDays,
  addWorkingDays,
  calendarForRuleSet,
  departmentRecordOf,
  evaluateDepartmentSignal,
  type DepartmentSignalCode,
  type DepartmentSource,
  type RuleSet,
} from '@fangpin/domain';
import type pg from 'pg';
import type { Tx } from '../../db/client.ts';
import { ruleSetInForce } from '../rules/rule-set-in-force.ts';

/**
 * The signal rules over stored department rows, and the warnings they raise: one per household,
 * risk type and comparison month (the month of `today`). Shared by the import (the households of
 * its batch) and the recomparison (every household with stored rows of the source).
 */
export type Signal = { householdId: string; riskType: string; code: DepartmentSignalCode; message: string; numbers: Record<string, number>; ruleSet: RuleSet };

/**
 * Which households to judge, as a condition on `department_rows` aliased `r` (its parameters
 * follow the query's own five: `$6`, `$7` …).
 */
export type HouseholdFilter = { sql: string; params: unknown[] };

/** Each household is judged by the rule set of its own county (a provincial file spans many). */
export function ruleSetCache(tx: Tx, today: string): (countyCode: string) => Promise<RuleSet> {
  const ruleSets = new Map<string, Promise<RuleSet>>();
  return (countyCode) => {
    let rs = ruleSets.get(countyCode);
    if (!rs) ruleSets.set(countyCode, (rs = ruleSetInForce(tx, countyCode, today)));
    return rs;
  };
}

/**
 * Rolling sums (medical): a household's matched rows of the source over the 12 months ending
 * `today`; the same settlement sent again in a later file (same person, date and amount) counts
 * once. Households whose total cannot cross their county's lowest threshold are left out in SQL
 * (the rule itself is still `evaluateDepartmentSignal`'s, for every household returned).
 *
 * `rows` says which stored rows to add up:
 * - `households`: those of the households of a filter (the general case); or `rawTotalsTable`, a
 *   table (`household_id`, `raw_fen`) of households whose window rows were already added up as
 *   they are. Either way in two passes: first every household's plain sum (a settlement sent twice
 *   counted twice, so never below the true total), then, for the few households whose plain sum
 *   crosses their county's floor, the exact sum with each settlement once. Deduplicating only those
 *   keeps the province's monthly re-comparison from grouping tens of millions of settlements.
 * - `batchId` (with its `comparedOn`): when no other batch of the source can hold rows inside the
 *   window, simply the rows of one batch, read in the order they were written instead of through
 *   the household index;
 * - `totalsTable`: when the batch also holds no settlement twice, the window totals already added
 *   up per household (`household_id`, `window_fen`).
 *
 * Every read of `department_rows` names the window's partitions (`compared_on` after the window's
 * start: no row is dated after its batch), so older months are never read.
 */
export async function rollingSumSignals(
  tx: pg.PoolClient,
  today: string,
  source: DepartmentSource,
  counties: string[],
  ruleSetOf: (countyCode: string) => Promise<RuleSet>,
  rows: { households: HouseholdFilter } | { rawTotalsTable: string; files?: FileSettlements } | { batchId: string; comparedOn: string } | { totalsTable: string },
): Promise<Signal[]> {
  const floors: (number | null)[] = [];
  for (const county of counties) floors.push(await floorFen(ruleSetOf, county));
  const from = addCalendarDays(today, -365);
  const FLOORS = `floors AS (SELECT * FROM unnest($1::varchar[], $2::bigint[]) AS f(county_code, floor_fen))`;
  const WINDOW = `r.fate = 'matched' AND r.source = $3 AND r.compared_on > $4 AND r.event_date > $4 AND r.event_date <= $5`;
  const params: unknown[] = [counties, floors, source.code, from, today];
  let totalsSql: string;
  if ('totalsTable' in rows) {
    params.length = 2;
    totalsSql = `SELECT household_id, window_fen AS total_fen FROM ${rows.totalsTable}`;
  } else if ('batchId' in rows) {
    // By batch only: the primary key reads the batch in the order it was written.
    params.push(rows.batchId, rows.comparedOn);
    totalsSql = dedupedTotals(`r.batch_id = $6 AND r.compared_on = $7 AND r.fate = 'matched' AND r.event_date > $4 AND r.event_date <= $5 AND $3::text IS NOT NULL`);
  } else {
    // First pass: the plain sums, and the households whose plain sum crosses their floor.
    let rawSql: string;
    const rawParams = [...params];
    if ('rawTotalsTable' in rows) {
      rawParams.length = 2;
      rawSql = `SELECT household_id, raw_fen FROM ${rows.rawTotalsTable}`;
    } else {
      rawParams.push(...rows.households.params);
      rawSql = `SELECT r.household_id, sum(r.amount_fen)::bigint AS raw_fen FROM department_rows r WHERE ${WINDOW} AND ${rows.households.sql} GROUP BY r.household_id`;
    }
    await tx.query('DROP TABLE IF EXISTS department_signal_candidates');
    await tx.query(
      `CREATE TEMP TABLE department_signal_candidates ON COMMIT DROP AS
       WITH ${FLOORS}, raw AS (${rawSql})
       SELECT raw.household_id FROM raw JOIN households h ON h.id = raw.household_id LEFT JOIN floors f ON f.county_code = h.county_code
       WHERE f.floor_fen IS NULL OR raw.raw_fen > f.floor_fen`,
      rawParams,
    );
    await tx.query('ANALYZE department_signal_candidates');
    const files = 'files' in rows ? rows.files : undefined;
    if (files) {
      // Rows of file batches: their settlements come from the files (loaded now, for the candidates
      // only); copies of them kept in department_rows as evidence are left out.
      await files.load();
      params.push(files.excludeBatches);
      totalsSql = dedupedTotals(
        `${WINDOW} AND r.batch_id <> ALL($6::uuid[]) AND r.household_id IN (SELECT household_id FROM department_signal_candidates)`,
        `SELECT household_id, id_index, event_date, amount_fen FROM ${files.settlementsTable}`,
      );
    } else totalsSql = dedupedTotals(`${WINDOW} AND r.household_id IN (SELECT household_id FROM department_signal_candidates)`);
  }
  const { rows: totals } = await tx.query<{ householdId: string; countyCode: string; householdType: 'formerlyPoor' | 'ordinary'; totalFen: number }>(
    `WITH ${FLOORS},
     totals AS (${totalsSql})
     SELECT t.household_id AS "householdId", h.county_code AS "countyCode", h.type AS "householdType", t.total_fen AS "totalFen"
     FROM totals t JOIN households h ON h.id = t.household_id
     LEFT JOIN floors f ON f.county_code = h.county_code
     WHERE f.floor_fen IS NULL OR t.total_fen > f.floor_fen`,
    params,
  );
  const signals: Signal[] = [];
  for (const r of totals) {
    const ruleSet = await ruleSetOf(r.countyCode);
    const signal = evaluateDepartmentSignal({ source: 'medicalInsurance', householdType: r.householdType, outOfPocketLast12Months: Number(r.totalFen) / 100 }, ruleSet);
    if (signal.isRaised && signal.riskType) signals.push({ householdId: r.householdId, riskType: signal.riskType, code: signal.code, message: signal.message, numbers: signal.numbers, ruleSet });
  }
  return signals;
}

/**
 * Each household's total over the rows of `where` (on `department_rows r`) and, when given, the
 * settlements of `more` (household_id, id_index, event_date, amount_fen), a settlement (person,
 * date, amount) counted once.
 */
function dedupedTotals(where: string, more?: string): string {
  const rows = more
    ? `(SELECT r.household_id, r.id_index, r.event_date, r.amount_fen FROM department_rows r WHERE ${where} UNION ALL ${more}) r`
    : `department_rows r WHERE ${where}`;
  return `SELECT household_id, sum(amount_fen)::bigint AS total_fen FROM (
         SELECT (array_agg(r.household_id))[1] AS household_id, r.amount_fen FROM ${rows}  -- array_agg, not any_value: PostgreSQL 15 has none
         GROUP BY r.id_index, r.event_date, r.amount_fen) settlements
       GROUP BY household_id`;
}

/**
 * A county's floor for the rolling sum, in fen: one fen below its lowest threshold, a prefilter only,
 * never the decision. A county without a usable rule set has none (null): its households come
 * back, and judging them reports it.
 */
export async function floorFen(ruleSetOf: (countyCode: string) => Promise<RuleSet>, county: string): Promise<number | null> {
  const t = await ruleSetOf(county).then((rs) => rs.departmentSignals.medicalOutOfPocket, () => null);
  return t ? Math.floor(Math.min(t.general, t.formerlyPoor) * 100) - 1 : null;
}

/** Settlements of file batches for the exact pass (window-stores.ts): `load` fills `settlementsTable` for the households of `department_signal_candidates`. */
export type FileSettlements = { excludeBatches: string[]; settlementsTable: string; load: () => Promise<void> };

/** Per-record and year-on-year sources: every given stored row is judged on its own. */
export async function recordSignals(source: DepartmentSource, rows: { householdId: string; countyCode: string; values: Record<string, string | number | null> }[], ruleSetOf: (countyCode: string) => Promise<RuleSet>): Promise<Signal[]> {
  const signals: Signal[] = [];
  for (const r of rows) {
    const record = departmentRecordOf(source.code, r.values);
    if (!record) continue;
    const ruleSet = await ruleSetOf(r.countyCode);
    const signal = evaluateDepartmentSignal(record, ruleSet);
    if (signal.isRaised && signal.riskType) signals.push({ householdId: r.householdId, riskType: signal.riskType, code: signal.code, message: signal.message, numbers: signal.numbers, ruleSet });
  }
  return signals;
}

/**
 * Raises or updates one warning per household, risk type and month of `today`. An import links its
 * batch (`batchIds` of a new warning, appended to an existing one); a recomparison passes each
 * household's latest batch for new warnings and leaves existing links as they are.
 */
export async function upsertWarnings(
  tx: Tx,
  today: string,
  source: DepartmentSource,
  signals: Signal[],
  links: { batchId: string; append: true } | { batchOf: ReadonlyMap<string, string>; append: false },
): Promise<{ touched: number; created: number }> {
  if (signals.length === 0) return { touched: 0, created: 0 };
  const list = [...new Map(signals.map((s) => [`${s.householdId}:${s.riskType}`, s])).values()];
  const period = today.slice(0, 7);
  // The village's check is due within the rule set's home-verification limit (same for every household of a rule set).
  const dues = new Map<RuleSet, string | null>();
  const dueOf = (ruleSet: RuleSet) => {
    if (dues.has(ruleSet)) return dues.get(ruleSet)!;
    const limit = ruleSet.stepLimits.homeVerification;
    const due = !limit ? null : limit.unit === 'working' ? addWorkingDays(calendarForRuleSet(ruleSet), today, limit.days) : addCalendarDays(today, limit.days);
    dues.set(ruleSet, due);
    return due;
  };
  const { rows } = await tx.query<{ isNew: boolean }>(
    `INSERT INTO warnings (county_code, region_code, household_id, risk_type, period, sources, message, signal, numbers, rule_set_version, batch_ids, is_monitored, due_on, compared_on)
     SELECT h.county_code, h.region_code, s.household_id, s.risk_type, $1, ARRAY[$2::text], s.message, s.signal, s.numbers, s.version, CASE WHEN s.batch_id IS NULL THEN '{}'::uuid[] ELSE ARRAY[s.batch_id] END,
       EXISTS (SELECT 1 FROM household_monitoring m WHERE m.household_id = h.id AND m.eliminated_on IS NULL), s.due_on, $11::date
     FROM unnest($3::uuid[], $4::text[], $5::text[], $6::jsonb[], $7::text[], $8::date[], $9::uuid[], $12::text[]) AS s(household_id, risk_type, message, numbers, version, due_on, batch_id, signal)
     JOIN households h ON h.id = s.household_id
     ON CONFLICT (household_id, risk_type, period) DO UPDATE SET
       message = EXCLUDED.message, signal = EXCLUDED.signal, numbers = EXCLUDED.numbers, rule_set_version = EXCLUDED.rule_set_version, compared_on = EXCLUDED.compared_on,
       sources = (SELECT array_agg(DISTINCT x) FROM unnest(warnings.sources || EXCLUDED.sources) x),
       batch_ids = CASE WHEN $10 THEN warnings.batch_ids || EXCLUDED.batch_ids ELSE warnings.batch_ids END, updated_at = now()
     RETURNING (xmax = 0) AS "isNew"`,
    [
      period,
      source.code,
      list.map((s) => s.householdId),
      list.map((s) => s.riskType),
      list.map((s) => s.message),
      list.map((s) => JSON.stringify(s.numbers)),
      list.map((s) => s.ruleSet.version),
      list.map((s) => dueOf(s.ruleSet)),
      list.map((s) => (links.append ? links.batchId : (links.batchOf.get(s.householdId) ?? null))),
      links.append,
      today,
      list.map((s) => s.code),
    ],
  );
  return { touched: rows.length, created: rows.filter((r) => r.isNew).length };
}
