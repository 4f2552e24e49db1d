import { addCalendarMonths, DEPARTMENT_SOURCE_CODES, DEPARTMENT_SOURCES } from '@fangpin/domain';
import type pg from 'pg';
import { withTransaction } from '../../db/client.ts';
import { AppError } from '../../errors.ts';
import { recordAudit, type AuditActor } from '../audit/record-audit.ts';
import { listRowPartitions, type RowPartition } from './row-partitions.ts';
import { lockDepartmentSource } from './source-lock.ts';

/** Sources whose warnings rest on a rolling window of rows (medical) rather than on their batches. */
const ROLLING_SOURCES = DEPARTMENT_SOURCE_CODES.filter((code) => DEPARTMENT_SOURCES[code].signal === 'rollingSum');

/** The partition that holds the rows retention kept as evidence (MINVALUE up to the last cut-off). */
export const KEPT_PARTITION = 'department_rows_kept';

/**
 * The warnings whose evidence (查看依据) retention keeps, as a condition on `warnings w`:
 * - still open: `new` or `dispatched` (the village has not answered yet);
 * - its confirmed risk's identification case still running (its live clue's case is neither closed nor withdrawn);
 * - its household a monitoring object still running (a monitoring record not eliminated: 监测中 or 已回退).
 */
export const PROTECTED_WARNING_SQL = `(w.status IN ('new', 'dispatched')
  OR EXISTS (SELECT 1 FROM clues cl JOIN cases c ON c.id = cl.case_id WHERE cl.warning_id = w.id AND cl.status <> 'withdrawn' AND c.step NOT IN ('closed', 'withdrawn'))
  OR EXISTS (SELECT 1 FROM household_monitoring hm WHERE hm.household_id = w.household_id AND hm.eliminated_on IS NULL))`;

export type RetiredPartition = {
  partition: string;
  /** The first day it held (null for the kept rows' partition, which starts at MINVALUE) and the day after its last. */
  from: string | null;
  to: string;
  rows: number;
  /** Batches received in it (none for the kept rows' partition: their batches were retired before). */
  batches: number;
};

export type RetireResult = {
  isDryRun: boolean;
  today: string;
  retentionMonths: number;
  /** Rows received before this day are past retention; a month's partition goes when its last day is before it. */
  cutoff: string;
  /** The partitions dropped whole (or that a dry run would drop), oldest first; the kept rows' partition among them when it was rebuilt. */
  dropped: RetiredPartition[];
  /** Rows of the dropped partitions that are evidence of a protected warning: moved to department_rows_kept, not dropped. */
  keptRows: number;
  /** The protected warnings whose evidence lay in the dropped partitions. */
  keptForWarnings: number;
  /** Rows gone: the dropped partitions' rows less the kept ones. */
  removedRows: number;
  /** Batches whose rows were retired now (`department_batches.rows_retired_on`; their counts stay). */
  batchesRetired: number;
  /** The partitions left, oldest first. */
  remaining: { partition: string; from: string | null; to: string }[];
};

/**
 * Retention of department rows (issue 16; docs/design/department-compare-performance.md "A year of
 * data"): drops WHOLE monthly partitions of `department_rows` whose rows were all received more than
 * `retentionMonths` before `today` — never deleting rows one by one — after moving aside the rows
 * that are evidence of a warning retention protects (PROTECTED_WARNING_SQL): those the evidence view
 * shows (findWarningEvidence: the household's matched rows in the warning's batches, or for a
 * rolling sum inside its window). They go to `department_rows_kept`, rebuilt at each retirement
 * with the rows still protected (those no longer protected go with it). The batches keep their
 * counts and are marked `rows_retired_on`.
 *
 * One transaction, run as the schema owner (it drops tables). It waits for the imports and
 * re-comparisons of every source (their locks), then drops under a brief exclusive lock on
 * department_rows (readers wait at most `lockTimeoutMs`; past it nothing is dropped and it says
 * so). Audited (`department.rowsRetired`). `dryRun` reports what it would drop and changes nothing.
 */
export async function retireDepartmentRows(
  owner: pg.Pool,
  actor: AuditActor,
  options: { today: string; retentionMonths: number; dryRun?: boolean; lockTimeoutMs?: number; onWait?: () => void },
): Promise<RetireResult> {
  if (!Number.isInteger(options.retentionMonths) || options.retentionMonths < 12) {
    // The monthly re-comparison reads 12 months back.
    throw new AppError('VALIDATION_FAILED', `The retention of department rows must be at least 12 months (the rolling window), got ${options.retentionMonths}`);
  }
  const { today, retentionMonths } = options;
  const cutoff = addCalendarMonths(today, -retentionMonths);
  const isDryRun = !!options.dryRun;
  return withTransaction(owner, async (tx) => {
    // Nothing writes department rows meanwhile: every source's imports and re-comparisons wait (and are waited for).
    let hasWaited = false;
    for (const source of [...DEPARTMENT_SOURCE_CODES].sort()) {
      await lockDepartmentSource(tx, source, null, () => {
        if (!hasWaited) options.onWait?.();
        hasWaited = true;
      });
    }
    // Protection is judged on warnings that stay as they are until the end.
    await tx.query('LOCK TABLE warnings IN SHARE MODE');
    const partitions = await listRowPartitions(tx);
    const months = partitions.filter((p) => p.name !== KEPT_PARTITION && p.from !== null && p.to <= cutoff);
    const kept = partitions.find((p) => p.name === KEPT_PARTITION);
    const result: RetireResult = { isDryRun, today, retentionMonths, cutoff, dropped: [], keptRows: 0, keptForWarnings: 0, removedRows: 0, batchesRetired: 0, remaining: [] };
    if (months.length === 0) {
      result.remaining = partitions.map(({ name, from, to }) => ({ partition: name, from, to }));
      return result;
    }
    // The new kept partition reaches up to the end of the last month dropped (they are the oldest months).
    const upper = months[months.length - 1]!.to;
    const going: RowPartition[] = [...(kept ? [kept] : []), ...months];
    for (const p of going) {
      const { rows } = await tx.query<{ rows: number; batches: number }>(
        // A files batch's rows are its file (its rows copied here as evidence are not counted twice).
        `SELECT ((SELECT count(*) FROM ${ident(p.name)} r WHERE r.batch_id NOT IN (SELECT id FROM department_batches WHERE row_store = 'files'))
             + (SELECT coalesce(sum(b.rows), 0) FROM department_batches b WHERE b.row_store = 'files' AND b.compared_on < $2::date AND ($1::date IS NULL OR b.compared_on >= $1::date) AND b.rows_retired_on IS NULL))::int AS rows,
           (SELECT count(*) FROM department_batches b WHERE b.compared_on < $2::date AND ($1::date IS NULL OR b.compared_on >= $1::date) AND b.rows_retired_on IS NULL)::int AS batches`,
        [p.from, p.to],
      );
      result.dropped.push({ partition: p.name, from: p.from, to: p.to, rows: rows[0]!.rows, batches: p.name === KEPT_PARTITION ? 0 : rows[0]!.batches });
    }
    // The protected warnings, and their evidence among the rows that go (the evidence view's own condition).
    await tx.query(
      `CREATE TEMP TABLE department_protected_warnings ON COMMIT DROP AS
       SELECT w.id, w.household_id, w.sources, w.batch_ids, coalesce(w.compared_on, (SELECT max(b.compared_on) FROM department_batches b WHERE b.id = ANY(w.batch_ids))) AS window_end
       FROM warnings w WHERE ${PROTECTED_WARNING_SQL}`,
    );
    await tx.query('ANALYZE department_protected_warnings');
    // The rolling sources are the query's parameter `$n`.
    const evidence = (n: number) => `r.fate = 'matched' AND r.household_id = w.household_id AND r.source = ANY(w.sources)
         AND CASE WHEN r.source = ANY($${n}::text[]) THEN r.event_date > w.window_end - 365 AND r.event_date <= w.window_end ELSE r.batch_id = ANY(w.batch_ids) END`;
    await tx.query(
      `CREATE TEMP TABLE department_rows_keep ON COMMIT DROP AS
       SELECT r.* FROM department_rows r
       WHERE r.compared_on < $1::date AND EXISTS (SELECT 1 FROM department_protected_warnings w WHERE ${evidence(2)})`,
      [upper, ROLLING_SOURCES],
    );
    const { rows: keptCounts } = await tx.query<{ rows: number; warnings: number }>(
      `SELECT (SELECT count(*) FROM department_rows_keep)::int AS rows,
         (SELECT count(*) FROM department_protected_warnings w WHERE EXISTS (SELECT 1 FROM department_rows_keep r WHERE ${evidence(1)}))::int AS warnings`,
      [ROLLING_SOURCES],
    );
    result.keptRows = keptCounts[0]!.rows;
    result.keptForWarnings = keptCounts[0]!.warnings;
    result.removedRows = result.dropped.reduce((n, p) => n + p.rows, 0) - result.keptRows;
    result.batchesRetired = result.dropped.reduce((n, p) => n + p.batches, 0);
    const goingNames = new Set(going.map((p) => p.name));
    const left = partitions.filter((p) => !goingNames.has(p.name)).map(({ name, from, to }) => ({ partition: name, from, to }));
    result.remaining = result.keptRows > 0 ? [{ partition: KEPT_PARTITION, from: null, to: upper }, ...left] : left;
    if (isDryRun) return result;

    // Readers of department_rows wait while the partitions go: briefly, or not at all.
    await tx.query(`SET LOCAL lock_timeout = '${Math.max(1, Math.round(options.lockTimeoutMs ?? 30_000))}ms'`);
    try {
      await tx.query('LOCK TABLE department_rows IN ACCESS EXCLUSIVE MODE');
    } catch (error) {
      if ((error as { code?: string }).code !== '55P03') throw error;
      throw new AppError('CONFLICT', 'department_rows is being read by a long query: nothing was retired; try again later');
    }
    for (const p of going) await tx.query(`DROP TABLE ${ident(p.name)}`);
    if (result.keptRows > 0) {
      await tx.query(`CREATE TABLE ${ident(KEPT_PARTITION)} (LIKE department_rows INCLUDING DEFAULTS)`);
      await tx.query(`ALTER TABLE department_rows ATTACH PARTITION ${ident(KEPT_PARTITION)} FOR VALUES FROM (MINVALUE) TO ('${upper}')`);
      await tx.query(`INSERT INTO department_rows SELECT * FROM department_rows_keep`);
    }
    // The files batches of those months go with their files (their protected evidence is among the rows kept above).
    await tx.query(`DELETE FROM department_row_files WHERE compared_on < $1::date`, [upper]);
    await tx.query(`UPDATE department_batches SET rows_retired_on = $2 WHERE compared_on < $1::date AND rows_retired_on IS NULL`, [upper, today]);
    await recordAudit(tx, actor, 'department.rowsRetired', { type: 'department_rows', id: null, regionCode: null }, {
      details: {
        today,
        retentionMonths,
        cutoff,
        dropped: result.dropped,
        keptRows: result.keptRows,
        keptForWarnings: result.keptForWarnings,
        removedRows: result.removedRows,
        batchesRetired: result.batchesRetired,
      },
    });
    return result;
  }, { rollback: isDryRun });
}

const ident = (name: string) => `"${name.replace(/"/g, '""')}"`;
