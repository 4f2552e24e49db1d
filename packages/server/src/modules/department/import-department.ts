import crypto from 'node:crypto';
import path from 'node:path';
import { type DepartmentImportResult, type ImportStep, addCalendarDays, DEPARTMENT_SOURCES, listDateFromTitle, scopeOf, takesListDate, type Actor, type DepartmentSource, type DepartmentSourceCode, type Scope } from '@fangpin/domain';
import type pg from 'pg';
import type { PersonalDataCipher } from '../../crypto/personal-data.ts';
import { withTransaction, type Tx } from '../../db/client.ts';
import { AppError } from '../../errors.ts';
import { timeSlice } from '../../event-loop.ts';
import { recordAudit, type AuditActor } from '../audit/record-audit.ts';
import { scopeCondition } from '../registry/scope-sql.ts';
import { openCopy } from './copy-rows.ts';
import { assertRequired, countRejection, makeHeaderMatcher, makeRowParser, STAGE_COLUMNS, type DepartmentHeader, type RowParser } from './parse-department-row.ts';
import { recordSignals, rollingSumSignals, ruleSetCache, upsertWarnings, type Signal } from './raise-warnings.ts';
import { DEFAULT_IMPORT_LIMITS, type ImportLimits } from '../../files/import-limits.ts';
import { NotPlainCsvError, readRowBatches } from '../../files/table-reader.ts';
import { scanTableFile } from '../../files/plain-csv.ts';
import { SettlementFingerprints } from './settlement-fingerprints.ts';
import { lockDepartmentSource } from './source-lock.ts';
import { ensureRowPartitions } from './row-partitions.ts';
import { withDuck } from './duck.ts';
import { pgToDuck } from './duck-pg.ts';
import { importThroughFiles, mayUseFilesEngine } from './fast-import.ts';
import { copyEvidenceRows, loadWindowRows, rollingSumOverStores, windowFileBatches } from './window-stores.ts';

export { recompareSource } from './recompare-source.ts';

export type { DepartmentImportResult } from '@fangpin/domain';

export type DepartmentImportOptions = {
  dryRun?: boolean;
  fileName?: string;
  onProgress?: (rows: number) => void;
  /** File header → source field, saved by the user for a file with unusual headers; wins over the built-in aliases. */
  headerMapping?: Record<string, string>;
  /** Called as each phase ends, with its duration (the benchmark reports them). */
  onPhase?: (phase: string, ms: number) => void;
  /**
   * Called as each step a person watching would tell apart begins: reading the rows (`onProgress`
   * counts them), matching them to the registry, judging the signal rules and writing warnings.
   * On a provincial file the last two take about as long as the reading, with no row count to show.
   */
  onStep?: (step: ImportStep) => void;
  /**
   * The list's "as of" date given by the uploader (preview, `--as-of`), for a per-record source's
   * file without a date column whose title rows name no date. A date in the title rows wins.
   */
  asOf?: string;
  /**
   * `auto` (the default): a large plain UTF-8 CSV of a rolling-sum source goes through DuckDB and its
   * rows to a file (fast-import.ts), anything else the general way; `files`: the same whatever the
   * file's size; `general`: always the general way (rows in department_rows).
   */
  engine?: 'auto' | 'files' | 'general';
  /** The files engine's registry's index (registry-index.ts): counties whose part was kept, and pulled again. */
  onRegistry?: (counts: { kept: number; pulled: number }) => void;
};

/** `waiting`: another import of the same county and source holds the source (imports of one source run one after the other). */
export { IMPORT_STEPS, type ImportStep } from '@fangpin/domain';

/** `limits`: what one file may hold (config.ts); the defaults when absent. */
type Deps = { pool: pg.Pool; cipher: PersonalDataCipher; today: string; limits?: ImportLimits };


/**
 * Imports one department file: every row stored with its fate (matched to a person and household,
 * unmatched, or rejected with code, column and zh-CN message), then the source's signal rule run
 * under the rule set in force, raising or updating one warning per household, risk and month.
 * The whole import is one transaction: a failure or a kill leaves nothing behind, and a re-run
 * starts clean. The same file twice for the same county changes nothing (file hash); the county is
 * the importer's (none for an account above county level, or the system actor without a region).
 * `dryRun` does everything and rolls back.
 *
 * How it is fast (a provincial file has millions of rows): a large plain UTF-8 CSV of a rolling-sum
 * source goes to the files engine (fast-import.ts: DuckDB reads, checks, keys and matches the rows,
 * and keeps them as Parquet files with the batch; docs/department-rows.md). Every other file takes
 * the general path: rows are parsed and validated in Node (ID checksum, blind index, dates, amounts)
 * and streamed by COPY into a temporary staging table while the file is still being read; then one
 * set-based INSERT … SELECT matches them to the registry (a hash join on the blind index) and writes
 * `department_rows`, and the warnings are aggregated in SQL.
 */
export async function importDepartmentFile(
  deps: Deps,
  actor: AuditActor & { regionCode?: string },
  sourceCode: DepartmentSourceCode,
  file: string,
  options: DepartmentImportOptions = {},
): Promise<DepartmentImportResult> {
  const source = DEPARTMENT_SOURCES[sourceCode];
  const scope: Scope | undefined = actor.regionCode ? scopeOf(actor as Actor) : undefined;
  let phaseStart = performance.now();
  const phase = (name: string) => {
    const now = performance.now();
    options.onPhase?.(name, Math.round(now - phaseStart));
    phaseStart = now;
  };
  // In this thread (hashing 4 MB at a time): a table worker's heap stays in the process's RSS after it is done (~100 MB).
  const facts = await scanTableFile(file);
  phase('scan');
  const fileSha256 = facts.sha256;

  // A file is imported once per county and source: the same provincial file imported by another
  // county is that county's own batch, matching its own registry and raising its own warnings.
  const countyCode = scope?.countyCodes[0] ?? null;
  const repeatOf = async (tx: Tx): Promise<DepartmentImportResult | undefined> => {
    const { rows: previous } = await tx.query<DepartmentImportResult & { id: string }>(
      `SELECT id, rows, accepted, matched, unmatched, rejected, rejected_by_code AS "rejectedByCode", warnings, duplicates, list_date AS "listDate", list_date_from AS "listDateFrom" FROM department_batches
       WHERE county_code IS NOT DISTINCT FROM $1 AND source = $2 AND file_sha256 = $3`,
      [countyCode, sourceCode, fileSha256],
    );
    const p = previous[0];
    if (!p) return undefined;
    return {
      rows: p.rows,
      accepted: p.accepted,
      matched: p.matched,
      unmatched: p.unmatched,
      rejected: p.rejected,
      rejectedByCode: p.rejectedByCode,
      warnings: p.warnings,
      newWarnings: 0,
      batchId: p.id,
      isDryRun: !!options.dryRun,
      isRepeat: true,
      duplicates: p.duplicates,
      listDate: p.listDate,
      listDateFrom: p.listDateFrom,
      errors: [],
    };
  };
  const earlier = await repeatOf(deps.pool);
  if (earlier) return earlier;

  const batchId = crypto.randomUUID();
  // The rows go to the partition of the month of `today` (its own short statement: see ensureRowPartitions).
  await ensureRowPartitions(deps.pool, deps.today);
  return withTransaction(
    deps.pool,
    async (client) => {
      // Serialised with the county's other imports and recomparisons of the source; a job that must wait says so.
      await lockDepartmentSource(client, sourceCode, countyCode ?? null, () => options.onStep?.('waiting'));
      const repeat = await repeatOf(client);
      if (repeat) return repeat;
      await client.query(
        `INSERT INTO department_batches (id, source, file_name, file_sha256, compared_on, actor_name, region_code, county_code, rows, accepted, matched, unmatched, rejected, rejected_by_code, warnings)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, 0, 0, 0, 0, 0, '{}', 0)`,
        [batchId, sourceCode, options.fileName ?? path.basename(file), fileSha256, deps.today, actor.username, actor.regionCode ?? null, countyCode],
      );
      // The matching hash join and the warning aggregation hold the whole batch in memory.
      await client.query(`SET LOCAL work_mem = '256MB'`);
      options.onStep?.('reading');
      const limits = deps.limits ?? DEFAULT_IMPORT_LIMITS;
      // A large plain UTF-8 CSV of a rolling-sum source: DuckDB reads it and its rows go to a file (fast-import.ts).
      const throughFiles = options.engine !== 'general' && mayUseFilesEngine(source, file, facts.isPlainCsv, options.engine === 'files' ? 0 : undefined)
        ? await withDuck('import', (duck) =>
            importThroughFiles(duck, client, { ...deps, limits }, source, file, batchId, scope, emptyResult(batchId, options), {
              headerMapping: options.headerMapping,
              onProgress: options.onProgress,
              onPhase: phase,
              onStep: options.onStep,
              onRegistry: options.onRegistry,
            }),
          )
        : undefined;
      const result = throughFiles ?? (await importThroughTable(client, deps, source, file, facts.isPlainCsv, batchId, scope, countyCode, options, phase));
      await client.query(
        `UPDATE department_batches SET rows = $2, accepted = $3, matched = $4, unmatched = $5, rejected = $6, rejected_by_code = $7, warnings = $8,
           duplicates = $9, list_date = $10, list_date_from = $11, row_store = $12 WHERE id = $1`,
        [batchId, result.rows, result.accepted, result.matched, result.unmatched, result.rejected, JSON.stringify(result.rejectedByCode), result.warnings, result.duplicates, result.listDate, result.listDateFrom, throughFiles ? 'files' : 'table'],
      );
      await recordAudit(
        client,
        actor,
        'department.imported',
        { type: 'department_batch', id: batchId, regionCode: actor.regionCode ?? null },
        { details: { source: sourceCode, fileSha256, rows: result.rows, matched: result.matched, rejected: result.rejected, warnings: result.warnings, duplicates: result.duplicates, listDate: result.listDate, listDateFrom: result.listDateFrom } },
      );
      return result;
    },
    { rollback: !!options.dryRun },
  );
}

/** The counts of a batch before any row is read. */
function emptyResult(batchId: string, options: DepartmentImportOptions): DepartmentImportResult {
  return {
    rows: 0,
    accepted: 0,
    matched: 0,
    unmatched: 0,
    rejected: 0,
    rejectedByCode: {},
    warnings: 0,
    newWarnings: 0,
    batchId,
    isDryRun: !!options.dryRun,
    isRepeat: false,
    duplicates: 0,
    listDate: null,
    listDateFrom: null,
    errors: [],
  };
}

/**
 * The general path: Node reads and checks every row and stages it by COPY; one INSERT … SELECT
 * matches the rows to the registry and writes each to department_rows with its fate; the warnings
 * are aggregated in SQL (over the window's file batches too, when there are any).
 */
async function importThroughTable(
  client: pg.PoolClient,
  deps: Deps,
  source: DepartmentSource,
  file: string,
  isPlainCsv: boolean,
  batchId: string,
  scope: Scope | undefined,
  countyCode: string | null,
  options: DepartmentImportOptions,
  phase: (name: string) => void,
): Promise<DepartmentImportResult> {
  const sourceCode = source.code;
  await client.query(
    `CREATE TEMP TABLE department_stage (seq int NOT NULL, sheet text, row int NOT NULL, error_code text, error_column text, error_message text,
       id_index bytea, id_masked text, event_date date, amount_fen int, kind text, "values" json NOT NULL) ON COMMIT DROP`,
  );

  let staged: Staged;
  try {
    staged = await stageRows(client, deps, source, file, isPlainCsv, batchId, options);
  } catch (error) {
    if (!(error instanceof NotPlainCsvError)) throw error;
    // A line the fast reader does not read as the general parser would: start again with the general one.
    await client.query('TRUNCATE department_stage');
    staged = await stageRows(client, deps, source, file, false, batchId, options);
  }
  const { result } = staged;
  await client.query('ANALYZE department_stage');
  // The same line twice in one export: the rules count it once (a rolling sum deduplicates
  // settlements by person, date and amount; per-record rules raise one warning per household,
  // risk and month); the summary says how many there were.
  if (staged.mayHaveDuplicates) {
    const key = source.signal === 'rollingSum' ? '(id_index, event_date, amount_fen)' : '(id_index, event_date, amount_fen, kind, "values"::text)';
    const { rows: repeated } = await client.query<{ n: number }>(`SELECT (count(*) - count(DISTINCT ${key}))::int AS n FROM department_stage WHERE error_code IS NULL`);
    result.duplicates = repeated[0]!.n;
  }
  phase('stage');
  options.onStep?.('matching');

  // Matching: a person outside the importer's region counts as not found (a department sees
  // statistics, not other counties' registries).
  const params: unknown[] = [batchId, sourceCode, deps.today];
  await client.query(
    `INSERT INTO department_rows (batch_id, seq, compared_on, sheet, row, source, fate, error_code, error_column, error_message, id_index, id_masked, member_id, household_id, county_code, event_date, amount_fen, kind, "values")
     SELECT $1, s.seq, $3::date, s.sheet, s.row, $2, CASE WHEN s.error_code IS NOT NULL THEN 'rejected' WHEN p.id IS NULL THEN 'unmatched' ELSE 'matched' END,
       s.error_code, s.error_column, s.error_message, s.id_index, s.id_masked, p.id, p.household_id, p.county_code, s.event_date, s.amount_fen, s.kind, s."values"
     FROM department_stage s
     LEFT JOIN (SELECT m.id_index, m.id, m.household_id, h.county_code FROM members m JOIN households h ON h.id = m.household_id
                ${scope ? `WHERE ${scopeCondition(scope, 'h', params)}` : ''}) p ON p.id_index = s.id_index AND s.error_code IS NULL`,
    params,
  );
  phase('match');
  // The batch's households (with statistics: rows written in this transaction have none, and a
  // sub-select over them made PostgreSQL pick a quadratic plan), their rows and their rows' total
  // inside the rolling window, all in one pass over the batch.
  const from = addCalendarDays(deps.today, -365);
  await client.query(
    `CREATE TEMP TABLE department_batch_households ON COMMIT DROP AS
     SELECT household_id, county_code, count(*)::int AS rows, coalesce(sum(amount_fen) FILTER (WHERE event_date > $2 AND event_date <= $3), 0)::bigint AS window_fen
     FROM department_rows WHERE batch_id = $1 AND compared_on = $3 AND fate = 'matched' GROUP BY household_id, county_code`,
    [batchId, from, deps.today],
  );
  await client.query('ANALYZE department_batch_households');
  const { rows: counts } = await client.query<{ matched: number; counties: string[] }>(
    `SELECT coalesce(sum(rows), 0)::int AS matched, coalesce(array_agg(DISTINCT county_code), '{}') AS counties FROM department_batch_households`,
  );
  result.matched = counts[0]!.matched;
  result.unmatched = result.accepted - result.matched;
  phase('households');

  if (source.signal !== 'none' && result.matched > 0) {
    options.onStep?.('warnings');
    const ruleSetOf = ruleSetCache(client, deps.today);
    let signals: Signal[];
    if (source.signal === 'rollingSum') {
      const fileBatches = await windowFileBatches(client, source, deps.today);
      if (fileBatches.length > 0) {
        // Some of the window's rows are in files: this batch's households over both stores.
        signals = await withDuck('import', async (duck) => {
          await pgToDuck(client, duck, 'SELECT household_id FROM department_batch_households', 'batch_households', { household_id: 'UUID' }, 'households');
          const files = await loadWindowRows(client, duck, deps.today, fileBatches, { restrictTo: 'batch_households' });
          const found = (await rollingSumOverStores(client, { duck, batchIds: fileBatches }, deps.today, source, ruleSetOf, { restrictDuck: 'batch_households' })).signals;
          await copyEvidenceRows(client, duck, files, deps.today, [...new Set(found.map((s) => s.householdId))]);
          return found;
        });
      } else {
        // Rows of another batch inside the window (their dates are on or before its comparison date)?
        const { rows: older } = await client.query<{ isFound: boolean }>(
          `SELECT EXISTS (SELECT 1 FROM department_batches WHERE source = $1 AND id <> $2 AND compared_on > $3) AS "isFound"`,
          [sourceCode, batchId, from],
        );
        // Older rows are found through the household index: the planner must know how many rows this batch added
        // to its month's partition. ANALYZE needs the table's owner: the owner's function does it for the application's role.
        if (older[0]!.isFound) await client.query('SELECT fangpin_analyze_department_rows_partition($1::date)', [deps.today]);
        signals = await rollingSumSignals(
          client,
          deps.today,
          source,
          counts[0]!.counties,
          ruleSetOf,
          older[0]!.isFound
            ? { households: { sql: 'r.household_id IN (SELECT household_id FROM department_batch_households)', params: [] } }
            : staged.mayHaveDuplicates
              ? { batchId, comparedOn: deps.today }
              : { totalsTable: 'department_batch_households' },
        );
      }
    } else {
      const { rows } = await client.query<{ householdId: string; countyCode: string; values: Record<string, string | number | null> }>(
        `SELECT household_id AS "householdId", county_code AS "countyCode", "values" FROM department_rows WHERE batch_id = $1 AND compared_on = $2 AND fate = 'matched' ORDER BY seq`,
        [batchId, deps.today],
      );
      signals = await recordSignals(source, rows, ruleSetOf);
    }
    const counted = await upsertWarnings(client, deps.today, source, signals, { batchId, append: true });
    result.warnings = counted.touched;
    result.newWarnings = counted.created;
    phase('warnings');
  }
  return result;
}

const MAX_TITLE_ROWS = 30;

/**
 * A per-record source's file without its date column (a list "as of" a day: 序号, 姓名, 身份证号,
 * 学校, 年级): every row is placed at the list's date, read from the title rows or else given by the
 * uploader, and the batch records which. The date becomes a column of its own after the file's last
 * (returned), so the rows are read as if the file had it. A file with neither is refused, saying both ways.
 */
function placeListDate(source: DepartmentSource, header: DepartmentHeader, titleRows: string[][], result: DepartmentImportResult, asOf: string | undefined, today: string, sheet: string | undefined): number | undefined {
  const dateField = source.dateField;
  if (!takesListDate(source) || dateField === undefined || header.columns[dateField] !== undefined) return undefined;
  const fromTitle = listDateFromTitle(titleRows);
  const date = fromTitle ?? asOf;
  const dateName = source.fields.find((f) => f.field === dateField)?.zh ?? '日期';
  if (!date)
    throw new AppError(
      'IMPORT_FILE_INVALID',
      `${sheet ? `Sheet ${sheet}: ` : ''}the file has no ${dateField} column and its title rows give no date: give the list's date (asOf, --as-of)`,
      { row: header.rowNumber, reason: 'listDateMissing', params: { column: dateName, ...(sheet ? { sheet } : {}) } },
    );
  if (date > today)
    throw new AppError('IMPORT_FILE_INVALID', undefined, { row: header.rowNumber, reason: 'listDateInFuture', params: { date } });
  result.listDate = date;
  result.listDateFrom = fromTitle ? 'title' : 'uploader';
  const column = header.headers.length;
  header.headers = [...header.headers, `名单日期（${fromTitle ? '标题行' : '上传时填写'}）`];
  header.columns = { ...header.columns, [dateField]: column };
  return column;
}

/** The staged file: its counts so far, and whether it may hold a settlement twice. */
type Staged = { result: DepartmentImportResult; mayHaveDuplicates: boolean };

/**
 * Reads the file and streams every row into `department_stage`: accepted rows with their blind
 * index and parsed values, rejected rows with their code, column and message. Counts rows and
 * rejections; matching happens afterwards, in SQL.
 */
async function stageRows(
  client: pg.PoolClient,
  deps: Deps,
  source: DepartmentSource,
  file: string,
  isPlainCsv: boolean,
  batchId: string,
  options: DepartmentImportOptions,
): Promise<Staged> {
  const result = emptyResult(batchId, options);
  const matchHeader = makeHeaderMatcher(source, options.headerMapping);
  const fingerprints = source.signal === 'rollingSum' ? new SettlementFingerprints() : undefined;
  const copy = openCopy(client, `COPY department_stage (${STAGE_COLUMNS}) FROM STDIN`);
  let header: DepartmentHeader | undefined;
  let parser: RowParser | undefined;
  let headerSheet: string | undefined;
  let seq = 0;
  // The rows above the header (title rows), where a list may write its date; and that date's column when the file has none.
  let titleRows: string[][] = [];
  let listDateColumn: number | undefined;
  try {
    const limits = deps.limits ?? DEFAULT_IMPORT_LIMITS;
    const slice = timeSlice();
    for await (const batch of readRowBatches(file, { isPlainCsv, limits })) {
      let text = '';
      for (const { rowNumber, cells, sheet } of batch) {
        if (slice.isOver()) await slice.next();
        if (sheet !== headerSheet) {
          header = undefined;
          headerSheet = sheet;
          titleRows = [];
        }
        if (!header) {
          header = matchHeader(rowNumber, cells);
          if (header) {
            listDateColumn = placeListDate(source, header, titleRows, result, options.asOf, deps.today, sheet);
            assertRequired(source, header, sheet);
            parser = makeRowParser(source, header, deps, fingerprints);
          } else if (titleRows.length < MAX_TITLE_ROWS) titleRows.push(cells);
          continue;
        }
        if (cells.every((c) => c === '')) continue;
        if (listDateColumn !== undefined) cells[listDateColumn] = result.listDate!;
        const sheetName = sheet ?? null;
        const parsed = parser!.parse(++seq, sheetName, rowNumber, cells);
        result.rows++;
        if (typeof parsed === 'string') {
          result.accepted++;
          text += parsed;
        } else {
          countRejection(result, parsed, sheetName, rowNumber, limits);
          text += parser!.rejectedLine(seq, sheetName, rowNumber, parsed);
        }
      }
      if (text) await copy.write(text);
      options.onProgress?.(result.rows);
    }
  } catch (error) {
    // Leave the connection usable (the caller may start again, or roll back).
    await copy.finish().catch(() => undefined);
    throw error;
  }
  await copy.finish();
  if (seq === 0 && !header) throw new AppError('IMPORT_FILE_INVALID', 'No header row with an ID column (身份证号码) found', { reason: 'idHeaderMissing' });
  options.onProgress?.(result.rows);
  return { result, mayHaveDuplicates: fingerprints?.mayHaveDuplicates ?? true };
}

