import { addCalendarDays, DEPARTMENT_SOURCES, type DepartmentSource, type DepartmentSourceCode } from '@fangpin/domain';
import type pg from 'pg';
import type { PersonalDataCipher } from '../../crypto/personal-data.ts';
import { withTransaction } from '../../db/client.ts';
import { recordAudit, SYSTEM_ACTOR } from '../audit/record-audit.ts';
import { lockDepartmentSource } from './source-lock.ts';
import { recordSignals, rollingSumSignals, ruleSetCache, upsertWarnings, type Signal } from './raise-warnings.ts';
import { withDuck } from './duck.ts';
import { copyEvidenceRows, loadWindowRows, rollingSumOverStores, windowFileBatches } from './window-stores.ts';

/**
 * Re-runs a source's signal rule over the rows already stored, without a new file: for rolling
 * sums (medical), the 12 months ending `today` (a month later, old settlements leave the window
 * and the warning of the new month says so); for the other sources, each household's rows of its
 * latest batch. Every household with matched rows of the source (for a rolling sum: inside the
 * window) is judged (only those of `countyCode` when given), each under its own county's rule set,
 * and warnings for the month of `today` are raised or updated exactly as an import would. Existing
 * warnings keep their batch links; a new one links the household's latest batch. One transaction,
 * serialised with imports of the source.
 *
 * A rolling sum reads only the partitions of the window's months (department_rows is partitioned
 * by the month a batch was received) and keeps its work in PostgreSQL: the households' sums are a
 * temporary table, and Node sees only the households whose total crosses the line (a province's
 * year is tens of millions of rows and hundreds of thousands of households; RSS stays flat).
 * `onPhase` is called as each phase ends, with its duration (the benchmark reports them).
 */
export async function recompareSource(
  deps: { pool: pg.Pool; cipher: PersonalDataCipher; today: string },
  sourceCode: DepartmentSourceCode,
  countyCode: string | null,
  options: { onPhase?: (phase: string, ms: number) => void } = {},
): Promise<{ households: number; warnings: number; newWarnings: number }> {
  const source = DEPARTMENT_SOURCES[sourceCode];
  let phaseStart = performance.now();
  const phase = (name: string) => {
    const now = performance.now();
    options.onPhase?.(name, Math.round(now - phaseStart));
    phaseStart = now;
  };
  return withTransaction(deps.pool, async (tx) => {
    await lockDepartmentSource(tx, sourceCode, countyCode);
    await tx.query(`SET LOCAL work_mem = '256MB'`);
    phase('lock');
    const result =
      source.signal === 'rollingSum' ? await recompareRollingSum(tx, deps.today, source, countyCode, phase) : await recompareRecords(tx, deps.today, source, countyCode);
    await recordAudit(tx, SYSTEM_ACTOR, 'department.recompared', { type: 'department_source', id: sourceCode, regionCode: countyCode }, {
      details: { source: sourceCode, today: deps.today, ...result },
    });
    return result;
  });
}

type Counts = { households: number; warnings: number; newWarnings: number };

/**
 * Medical: the households' plain sums over the window in one pass over the window's partitions
 * (a temporary table), then rollingSumSignals re-adds exactly, each settlement once, the few whose
 * plain sum crosses their floor. A new warning links the household's latest batch with rows inside
 * the window's partitions, looked up for the warned households only.
 */
async function recompareRollingSum(tx: pg.PoolClient, today: string, source: DepartmentSource, countyCode: string | null, phase: (name: string) => void): Promise<Counts> {
  const from = addCalendarDays(today, -365);
  const fileBatches = await windowFileBatches(tx, source, today);
  if (fileBatches.length > 0) {
    // Some of the window's rows are in files (docs/department-rows.md): both stores, through DuckDB.
    return await withDuck('recompare', async (duck) => {
      const files = await loadWindowRows(tx, duck, today, fileBatches, { countyCode });
      phase('files');
      const { signals, households } = await rollingSumOverStores(tx, { duck, batchIds: fileBatches }, today, source, ruleSetCache(tx, today), { countyCode });
      phase('signals');
      if (signals.length === 0) return { households, warnings: 0, newWarnings: 0 };
      // The warned households' rows from the files become their evidence, and give their latest batch below.
      await copyEvidenceRows(tx, duck, files, today, [...new Set(signals.map((s) => s.householdId))]);
      return { households, ...(await upsertWithLatestBatch(tx, today, source, signals, phase)) };
    });
  }
  const params: unknown[] = [source.code, from, today];
  if (countyCode) params.push(countyCode);
  await tx.query(
    `CREATE TEMP TABLE department_recompare_households ON COMMIT DROP AS
     SELECT r.household_id, sum(r.amount_fen)::bigint AS raw_fen
     FROM department_rows r
     WHERE r.source = $1 AND r.fate = 'matched' AND r.compared_on > $2 AND r.event_date > $2 AND r.event_date <= $3 ${countyCode ? 'AND r.county_code = $4' : ''}
     GROUP BY r.household_id`,
    params,
  );
  await tx.query('ANALYZE department_recompare_households');
  const { rows: found } = await tx.query<{ households: number; counties: string[] }>(
    `SELECT count(*)::int AS households, coalesce(array_agg(DISTINCT h.county_code), '{}') AS counties
     FROM department_recompare_households t JOIN households h ON h.id = t.household_id`,
  );
  const households = found[0]!.households;
  phase('sums');
  if (households === 0) return { households: 0, warnings: 0, newWarnings: 0 };
  const ruleSetOf = ruleSetCache(tx, today);
  const signals = await rollingSumSignals(tx, today, source, found[0]!.counties, ruleSetOf, { rawTotalsTable: 'department_recompare_households' });
  phase('signals');
  if (signals.length === 0) return { households, warnings: 0, newWarnings: 0 };
  return { households, ...(await upsertWithLatestBatch(tx, today, source, signals, phase)) };
}

/** The warnings of `signals`; a new one links the household's latest batch with rows inside the window's partitions. */
async function upsertWithLatestBatch(tx: pg.PoolClient, today: string, source: DepartmentSource, signals: Signal[], phase: (name: string) => void): Promise<{ warnings: number; newWarnings: number }> {
  const from = addCalendarDays(today, -365);
  const warned = [...new Set(signals.map((s) => s.householdId))];
  const { rows: latest } = await tx.query<{ householdId: string; batchId: string }>(
    `SELECT DISTINCT ON (r.household_id) r.household_id AS "householdId", r.batch_id AS "batchId"
     FROM department_rows r JOIN department_batches b ON b.id = r.batch_id
     WHERE r.household_id = ANY($1::uuid[]) AND r.source = $2 AND r.fate = 'matched' AND r.compared_on > $3
     ORDER BY r.household_id, b.created_at DESC, b.id`,
    [warned, source.code, from],
  );
  const counted = await upsertWarnings(tx, today, source, signals, { batchOf: new Map(latest.map((l) => [l.householdId, l.batchId])), append: false });
  phase('warnings');
  return { warnings: counted.touched, newWarnings: counted.created };
}

/** Per-record and year-on-year sources: each household's rows of its latest batch, judged again. */
async function recompareRecords(tx: pg.PoolClient, today: string, source: DepartmentSource, countyCode: string | null): Promise<Counts> {
  const params: unknown[] = [source.code];
  if (countyCode) params.push(countyCode);
  const inCounty = countyCode ? 'AND r.county_code = $2' : '';
  // Each household with stored matched rows of the source, with its latest batch.
  await tx.query(
    `CREATE TEMP TABLE department_recompare_households ON COMMIT DROP AS
     SELECT DISTINCT ON (r.household_id) r.household_id, r.county_code, r.batch_id
     FROM department_rows r JOIN department_batches b ON b.id = r.batch_id
     WHERE r.source = $1 AND r.fate = 'matched' ${inCounty}
     ORDER BY r.household_id, b.created_at DESC, b.id`,
    params,
  );
  await tx.query('ANALYZE department_recompare_households');
  const { rows: found } = await tx.query<{ householdId: string; batchId: string; countyCode: string }>(
    `SELECT household_id AS "householdId", batch_id AS "batchId", county_code AS "countyCode" FROM department_recompare_households`,
  );
  if (source.signal === 'none' || found.length === 0) return { households: found.length, warnings: 0, newWarnings: 0 };
  const { rows } = await tx.query<{ householdId: string; countyCode: string; values: Record<string, string | number | null> }>(
    `SELECT r.household_id AS "householdId", r.county_code AS "countyCode", r."values"
     FROM department_rows r JOIN department_recompare_households l ON l.household_id = r.household_id AND l.batch_id = r.batch_id
     WHERE r.source = $1 AND r.fate = 'matched' ORDER BY r.batch_id, r.seq`,
    [source.code],
  );
  const signals: Signal[] = await recordSignals(source, rows, ruleSetCache(tx, today));
  const counted = await upsertWarnings(tx, today, source, signals, { batchOf: new Map(found.map((h) => [h.householdId, h.batchId])), append: false });
  return { households: found.length, warnings: counted.touched, newWarnings: counted.created };
}
