import { addCalendarDays, type DepartmentSource, type RuleSet } from '@fangpin/domain';
import type pg from 'pg';
import type { Duck } from './duck.ts';
import { duckToPg, pgToDuck } from './duck-pg.ts';
import { floorFen, rollingSumSignals, type Signal } from './raise-warnings.ts';
import { fetchRowFiles } from './row-files.ts';

/**
 * A rolling sum over both stores of department rows (docs/department-rows.md): batches whose rows
 * are in `department_rows` (`row_store = 'table'`) and batches whose rows are in Parquet files
 * (`files`). The files of the window are read by DuckDB; each household's plain sum from them is
 * added to the plain sum from the table (a file batch's rows copied there as evidence left out),
 * and the exact second pass of `rollingSumSignals` reads the settlements of the few households
 * over their floor from both.
 */

/**
 * Columns of department_rows, in order, as a batch's Parquet file holds them (every row with its
 * fate): the file keeps the blind index as two unsigned 64-bit halves, `k1` and `k2` (what DuckDB joins on).
 */
export const ROW_FILE_COLUMNS = `batch_id, seq, compared_on, sheet, "row", source, fate, error_code, error_column, error_message, id_index, id_masked, member_id, household_id, county_code, event_date, amount_fen, kind, "values"`;

/** The blind index of a file's row as PostgreSQL's bytea in CSV (`\\x` and 32 hex digits), or NULL. */
export const ID_INDEX_SQL = `CASE WHEN k1 IS NULL THEN NULL ELSE '\\x' || lpad(lower(hex(k1)), 16, '0') || lpad(lower(hex(k2)), 16, '0') END`;

/** The files batches of `source` whose rows can fall inside the window ending `today` (their rows not retired). */
export async function windowFileBatches(tx: pg.PoolClient, source: DepartmentSource, today: string): Promise<string[]> {
  const { rows } = await tx.query<{ id: string }>(
    `SELECT id FROM department_batches WHERE source = $1 AND row_store = 'files' AND compared_on > $2 AND rows_retired_on IS NULL ORDER BY compared_on, created_at, id`,
    [source.code, addCalendarDays(today, -365)],
  );
  return rows.map((r) => r.id);
}

export type WindowFiles = {
  duck: Duck;
  /** The window's file batches (rows inside the window in `window_rows`). */
  batchIds: string[];
};

/**
 * Loads the matched rows inside the window from the files of `batchIds` into DuckDB's `window_rows`
 * (household, county, person key, date, amount; `local` are files already on disk, by batch), only
 * those of `countyCode`, or of the households in DuckDB's table `restrictTo` when given.
 */
export async function loadWindowRows(
  tx: pg.PoolClient,
  duck: Duck,
  today: string,
  batchIds: string[],
  options: { local?: Map<string, string[]>; countyCode?: string | null; restrictTo?: string },
): Promise<string[]> {
  const from = addCalendarDays(today, -365);
  const missing = batchIds.filter((id) => !options.local?.has(id));
  const fetched = await fetchRowFiles(tx, missing, duck.dir);
  const files = [...batchIds.flatMap((id) => options.local?.get(id) ?? []), ...fetched];
  const list = files.map((f) => `'${f}'`).join(', ');
  if (files.length === 0) {
    await duck.run(`CREATE OR REPLACE TABLE window_rows (batch_id UUID, seq INTEGER, household_id UUID, county_code VARCHAR, k1 UBIGINT, k2 UBIGINT, event_date DATE, amount_fen INTEGER)`);
    return files;
  }
  await duck.run(
    `CREATE OR REPLACE TABLE window_rows AS SELECT batch_id, seq, household_id, county_code, k1, k2, event_date, amount_fen FROM read_parquet([${list}])
     WHERE fate = 'matched' AND event_date > DATE '${from}' AND event_date <= DATE '${today}'
       ${options.countyCode ? `AND county_code = '${options.countyCode.replace(/\D/g, '')}'` : ''}
       ${options.restrictTo ? `AND household_id IN (SELECT household_id FROM ${options.restrictTo})` : ''}`,
  );
  return files;
}

/**
 * The signals of the households of the window, each settlement once, over the file rows loaded by
 * `loadWindowRows` and the table batches' rows. `restrictDuck`: a DuckDB table of the households to
 * judge (an import judges its batch's households only; `window_rows` was loaded for them).
 */
export async function rollingSumOverStores(
  tx: pg.PoolClient,
  window: WindowFiles,
  today: string,
  source: DepartmentSource,
  ruleSetOf: (countyCode: string) => Promise<RuleSet>,
  options: { countyCode?: string | null; restrictDuck?: string },
): Promise<{ signals: Signal[]; households: number }> {
  const { duck, batchIds } = window;
  const from = addCalendarDays(today, -365);
  await tx.query('DROP TABLE IF EXISTS department_window_totals, department_file_settlements, department_restrict_households, department_file_totals');
  const { rows: tables } = await tx.query<{ isFound: boolean }>(
    `SELECT EXISTS (SELECT 1 FROM department_batches WHERE source = $1 AND row_store = 'table' AND compared_on > $2) AS "isFound"`,
    [source.code, from],
  );
  if (!tables[0]!.isFound) return await rollingSumInFiles(tx, duck, today, source, ruleSetOf);
  await tx.query('CREATE TEMP TABLE department_window_totals (household_id uuid NOT NULL, raw_fen bigint NOT NULL) ON COMMIT DROP');
  await duckToPg(duck, tx, `SELECT household_id, sum(amount_fen) FROM window_rows GROUP BY household_id`, 'department_window_totals', 'household_id, raw_fen', 'totals');
  // The table batches' rows inside the window (a files batch's rows copied as evidence left out).
  const params: unknown[] = [source.code, from, today, batchIds];
  const conditions = [`r.source = $1`, `r.fate = 'matched'`, `r.compared_on > $2`, `r.event_date > $2`, `r.event_date <= $3`, `r.batch_id <> ALL($4::uuid[])`];
  if (options.countyCode) conditions.push(`r.county_code = $${params.push(options.countyCode)}`);
  if (options.restrictDuck) {
    await tx.query('CREATE TEMP TABLE department_restrict_households (household_id uuid NOT NULL) ON COMMIT DROP');
    await duckToPg(duck, tx, `SELECT household_id FROM ${options.restrictDuck}`, 'department_restrict_households', 'household_id', 'restrict');
    await tx.query('ANALYZE department_restrict_households');
    conditions.push(`r.household_id IN (SELECT household_id FROM department_restrict_households)`);
  }
  await tx.query(`INSERT INTO department_window_totals SELECT r.household_id, sum(r.amount_fen) FROM department_rows r WHERE ${conditions.join(' AND ')} GROUP BY r.household_id`, params);
  await tx.query(`CREATE TEMP TABLE department_window_households ON COMMIT DROP AS SELECT household_id, sum(raw_fen)::bigint AS raw_fen FROM department_window_totals GROUP BY household_id`);
  await tx.query('DROP TABLE department_window_totals');
  await tx.query('ANALYZE department_window_households');
  const { rows: found } = await tx.query<{ households: number; counties: string[] }>(
    `SELECT count(*)::int AS households, coalesce(array_agg(DISTINCT h.county_code), '{}') AS counties FROM department_window_households t JOIN households h ON h.id = t.household_id`,
  );
  const signals = await rollingSumSignals(tx, today, source, found[0]!.counties, ruleSetOf, {
    rawTotalsTable: 'department_window_households',
    files: {
      excludeBatches: batchIds,
      settlementsTable: 'department_file_settlements',
      // The candidates' settlements from the files, for the exact pass.
      load: async () => {
        await tx.query('CREATE TEMP TABLE department_file_settlements (household_id uuid NOT NULL, id_index bytea, event_date date, amount_fen integer) ON COMMIT DROP');
        await pgToDuck(tx, duck, 'SELECT household_id FROM department_signal_candidates', 'candidates', { household_id: 'UUID' }, 'candidates');
        await duckToPg(
          duck,
          tx,
          `SELECT w.household_id, ${ID_INDEX_SQL}, w.event_date, w.amount_fen FROM window_rows w SEMI JOIN candidates c ON c.household_id = w.household_id`,
          'department_file_settlements',
          'household_id, id_index, event_date, amount_fen',
          'settlements',
        );
        await tx.query('ANALYZE department_file_settlements');
      },
    },
  });
  await tx.query('DROP TABLE department_window_households');
  return { signals, households: found[0]!.households };
}

/**
 * Every row of the window is in files: both passes in DuckDB (each household's plain sum; for those
 * over the lowest floor of the window's counties, the exact sum, each settlement once), and only the
 * exact totals of those households go to PostgreSQL, where rollingSumSignals judges them.
 */
async function rollingSumInFiles(tx: pg.PoolClient, duck: Duck, today: string, source: DepartmentSource, ruleSetOf: (countyCode: string) => Promise<RuleSet>): Promise<{ signals: Signal[]; households: number }> {
  const [found] = await duck.all<{ households: number; counties: string[] | null }>(`SELECT count(DISTINCT household_id) AS households, list(DISTINCT county_code) AS counties FROM window_rows`);
  const counties = (found!.counties ?? []).filter((c): c is string => typeof c === 'string');
  // The prefilter: the lowest floor of the window's counties (a county without one: every household goes on).
  let floor: number | null = Number.MAX_SAFE_INTEGER;
  for (const county of counties) {
    const f = await floorFen(ruleSetOf, county);
    floor = f !== null && floor !== null ? Math.min(floor, f) : null;
  }
  const over = floor === null ? 'true' : `raw_fen > ${floor}`;
  await duck.run(
    `CREATE OR REPLACE TABLE candidates AS SELECT household_id FROM (SELECT household_id, sum(amount_fen) AS raw_fen FROM window_rows GROUP BY household_id) WHERE ${over}`,
  );
  await tx.query('CREATE TEMP TABLE department_file_totals (household_id uuid NOT NULL, window_fen bigint NOT NULL) ON COMMIT DROP');
  await duckToPg(
    duck,
    tx,
    `SELECT household_id, sum(amount_fen) FROM (
       SELECT any_value(w.household_id) AS household_id, w.amount_fen FROM window_rows w SEMI JOIN candidates c ON c.household_id = w.household_id
       GROUP BY w.k1, w.k2, w.event_date, w.amount_fen) GROUP BY household_id`,
    'department_file_totals',
    'household_id, window_fen',
    'totals',
  );
  const signals = await rollingSumSignals(tx, today, source, counties, ruleSetOf, { totalsTable: 'department_file_totals' });
  await tx.query('DROP TABLE department_file_totals');
  return { signals, households: found!.households };
}

/**
 * The evidence of warnings over file batches: the matched rows inside the window of each warned
 * household, copied from the files into department_rows (where 查看依据, retention and the
 * re-comparison's batch links read them), each once whatever ran before.
 */
export async function copyEvidenceRows(tx: pg.PoolClient, duck: Duck, files: string[], today: string, householdIds: string[], options: { isFresh?: boolean } = {}): Promise<number> {
  if (householdIds.length === 0 || files.length === 0) return 0;
  const from = addCalendarDays(today, -365);
  await tx.query('DROP TABLE IF EXISTS department_evidence_rows');
  // `isFresh`: the files are of batches none of whose rows were copied before (an import's own): straight in.
  if (!options.isFresh) await tx.query('CREATE TEMP TABLE department_evidence_rows (LIKE department_rows) ON COMMIT DROP');
  await tx.query('CREATE TEMP TABLE department_warned_households ON COMMIT DROP AS SELECT unnest($1::uuid[]) AS household_id', [householdIds]);
  await pgToDuck(tx, duck, 'SELECT household_id FROM department_warned_households', 'warned', { household_id: 'UUID' }, 'warned');
  await tx.query('DROP TABLE department_warned_households');
  const list = files.map((f) => `'${f}'`).join(', ');
  const columns = ROW_FILE_COLUMNS.replace('id_index', ID_INDEX_SQL);
  const copied = await duckToPg(
    duck,
    tx,
    `SELECT ${columns} FROM read_parquet([${list}]) WHERE fate = 'matched' AND event_date > DATE '${from}' AND event_date <= DATE '${today}' AND household_id IN (SELECT household_id FROM warned)`,
    options.isFresh ? 'department_rows' : 'department_evidence_rows',
    ROW_FILE_COLUMNS,
    'evidence',
  );
  if (options.isFresh) return copied;
  const { rowCount } = await tx.query(`INSERT INTO department_rows SELECT * FROM department_evidence_rows ON CONFLICT DO NOTHING`);
  await tx.query('DROP TABLE department_evidence_rows');
  return rowCount ?? 0;
}
