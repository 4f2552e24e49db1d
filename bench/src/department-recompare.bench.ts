/**
 * `department-recompare` (issue 16 item 3, "A year of data"): the monthly re-comparison of a
 * province's medical rows over 12 months. BENCH_RECOMPARE_ROWS rows (24,000,000) inside the 12
 * window months, plus BENCH_RECOMPARE_OLDER_MONTHS (3) older months at the same rate, one provincial
 * batch a month (received on the 5th, the previous month's settlements: 90 % matched, 8 % not in the
 * registry, 2 % rejected; 1 % re-sent from the month before), over a registry of
 * BENCH_RECOMPARE_PERSONS persons (rows / 8) in BENCH_RECOMPARE_COUNTIES counties (10) — generated
 * set-based (generate_series) straight into the real schema after the migrations, one month's
 * partition at a time, as stats.bench.ts does: the point is the re-comparison, not the import path.
 *
 * Measured: the re-comparison for the whole province (cold: the first after PostgreSQL restarted;
 * then again the same day, updating its warnings) and for one county, each in its own process (time,
 * Node's peak RSS, the phases); which partitions it read (PostgreSQL's own scan counters); the
 * warnings it raised CHECKED against a straightforward GROUP BY over every stored row (no partition
 * bound, no two-pass shortcut), whose time is reported beside; a warning's evidence (查看依据,
 * findWarningEvidence) for BENCH_RECOMPARE_EVIDENCE (200) warnings, with the scans it caused; sizes on
 * disk per million rows (table, primary key, household index); and retention (dry run, then for real
 * unless the database is kept).
 *
 * BENCH_RECOMPARE_DIR: keep the database there and reuse it on the next run (skips the generation).
 *
 * BENCH_RECOMPARE_STORE=files: the batches' rows as the files engine keeps them (docs/department-rows.md):
 * after the generation each batch's rows go to Parquet parts of 400,000 rows in department_row_files,
 * as fast-import.ts writes them, and only its rejected rows stay in department_rows. A province's
 * monthly medical files are large plain CSVs: in use, this is how a year of them is stored. The check
 * is then the same GROUP BY, run by DuckDB over every part (the re-comparison's own path is not used).
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { addCalendarDays, scopeOf, type Actor } from '@fangpin/domain';
import { createPool } from '../../packages/server/src/db/client.ts';
import { makeReachableTempDir } from '../../packages/server/src/db/embedded.ts';
import { runMigrations } from '../../packages/server/src/db/migrate.ts';
import { SYSTEM_ACTOR } from '../../packages/server/src/modules/audit/record-audit.ts';
import { withDuck } from '../../packages/server/src/modules/department/duck.ts';
import { duckToPg, pgToCsv } from '../../packages/server/src/modules/department/duck-pg.ts';
import { PIECE_ROWS } from '../../packages/server/src/modules/department/fast-import.ts';
import { retireDepartmentRows } from '../../packages/server/src/modules/department/retire-rows.ts';
import { fetchRowFiles, storeRowFiles } from '../../packages/server/src/modules/department/row-files.ts';
import { listRowPartitions } from '../../packages/server/src/modules/department/row-partitions.ts';
import { findWarningEvidence } from '../../packages/server/src/modules/department/warnings-repo.ts';
import { ensureShippedRuleSets } from '../../packages/server/src/modules/rules/ensure-shipped-rule-sets.ts';
import { ruleSetInForce } from '../../packages/server/src/modules/rules/rule-set-in-force.ts';
import { startBenchPostgres } from './department-compare.bench.ts';

type Pool = ReturnType<typeof createPool>;
type Scale = { rows: number; olderMonths: number; persons: number; counties: number };

/** "Today" of the re-comparison (fixed, so a kept database reads the same): its window is (2025-11-20, 2026-11-20]. */
const TODAY = '2026-11-20';
/** Month 0's settlements (October 2026) arrive on 2026-11-05; month k is k months earlier. */
const LATEST_EVENT_MONTH = '2026-10-01';
const WINDOW_MONTHS = 12;

const round = (n: number, digits = 1) => Math.round(n * 10 ** digits) / 10 ** digits;
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? NaN;
const p95 = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(xs.length * 0.95))] ?? NaN;
const log = (m: string) => process.stderr.write(`  department-recompare: ${m}\n`);
/** A hash of a bigint expression as a non-negative int (abs() of the smallest int4 would overflow). */
const h = (expr: string) => `(hashint8((${expr})::bigint) & 2147483647)`;

function registrySql(s: Scale): [string, string][] {
  const households = Math.ceil((s.persons * 10) / 39);
  const county = (n: string) => `'45' || lpad((1 + (${n} - 1) / 10)::text, 2, '0') || lpad((1 + (${n} - 1) % 10)::text, 2, '0')`;
  return [
    [
      'regions',
      `INSERT INTO regions (code, name, level, level_rank, parent_code, county_code)
       SELECT '450000000000', '广西壮族自治区', 'province', 1, NULL, NULL
       UNION ALL SELECT '45' || lpad(c::text, 2, '0') || '00000000', '基准' || c || '市', 'city', 2, '450000000000', NULL FROM generate_series(1, ${Math.ceil(s.counties / 10)}) c
       UNION ALL SELECT ${county('n')} || '000000', '基准' || n || '县', 'county', 3, substr(${county('n')}, 1, 4) || '00000000', ${county('n')} FROM generate_series(1, ${s.counties}) n
       UNION ALL SELECT ${county('n')} || '100000', '基准' || n || '县一镇', 'township', 4, ${county('n')} || '000000', ${county('n')} FROM generate_series(1, ${s.counties}) n
       UNION ALL SELECT ${county('n')} || '100' || (200 + v)::text, '基准' || n || '县一镇' || v || '村', 'village', 5, ${county('n')} || '100000', ${county('n')} FROM generate_series(1, ${s.counties}) n, generate_series(0, 9) v`,
    ],
    ['villages', `CREATE TABLE bench_villages AS SELECT (row_number() OVER (ORDER BY code) - 1)::int AS idx, code, county_code FROM regions WHERE level = 'village'`],
    [
      'households',
      `INSERT INTO households (id, county_code, region_code, household_number, type, address, phone_masked)
       SELECT md5('h' || i)::uuid, v.county_code, v.code, v.code || lpad(i::text, 9, '0'), CASE WHEN i % 5 = 0 THEN 'formerlyPoor' ELSE 'ordinary' END, v.code || '号', ''
       FROM generate_series(1, ${households}) i JOIN bench_villages v ON v.idx = i % (SELECT count(*) FROM bench_villages)`,
    ],
    [
      'members',
      // Person p belongs to household floor((p − 1) · 10 / 39) + 1 (3.9 persons a household); its blind index is 16 bytes, as the cipher's.
      `INSERT INTO members (id, household_id, county_code, name, id_enc, id_index, id_masked, sex, birth_year, relation)
       SELECT md5('p' || p)::uuid, md5('h' || hh.h)::uuid, v.county_code,
         (ARRAY['黄','韦','李','陆','罗','蒙','覃','梁'])[1 + p % 8] || (ARRAY['志','秀','明','玉','建','春','海','丽'])[1 + (p / 8) % 8] || (ARRAY['强','英','华','兰','军','芳','平','梅'])[1 + (p / 64) % 8],
         decode(md5('e' || p) || md5('f' || p), 'hex'), decode(md5('i' || p), 'hex'),
         v.county_code || '***********' || (p % 10)::text, CASE WHEN p % 2 = 0 THEN 'female' ELSE 'male' END, (1940 + p % 80)::smallint,
         CASE WHEN p = 1 OR ((p - 2) * 10) / 39 <> ((p - 1) * 10) / 39 THEN 'head' ELSE 'child' END
       FROM generate_series(1, ${s.persons}) p, LATERAL (SELECT ((p - 1) * 10) / 39 + 1 AS h) hh
       JOIN bench_villages v ON v.idx = hh.h % (SELECT count(*) FROM bench_villages)`,
    ],
  ];
}

/** One month's provincial batch (month k: its settlements k months before October 2026) and its rows, straight into its partition. */
function monthSql(s: Scale, k: number, perMonth: number): [string, string][] {
  const months = WINDOW_MONTHS + s.olderMonths;
  const households = Math.ceil((s.persons * 10) / 39);
  const eventMonth = `('${LATEST_EVENT_MONTH}'::date - interval '${k} months')::date`;
  const comparedOn = `(${eventMonth} + interval '1 month' + interval '4 days')::date`;
  // Seed of row i of month k; 1 % of rows re-send row i of the month before (same person, day and amount).
  const seed = `CASE WHEN i % 100 = 0 AND ${k} < ${months - 1} THEN ${k + 1}::bigint * ${perMonth} + i ELSE ${k}::bigint * ${perMonth} + i END`;
  return [
    [
      `batch ${k}`,
      `INSERT INTO department_batches (id, source, file_name, file_sha256, compared_on, actor_name, region_code, county_code, rows, accepted, matched, unmatched, rejected, rejected_by_code, warnings, created_at)
       SELECT md5('b' || ${k})::uuid, 'medical', '医保结算_' || to_char(${eventMonth}, 'YYYYMM') || '.csv', md5('b' || ${k}), ${comparedOn}, 'bench', '450000000000', NULL, 0, 0, 0, 0, 0, '{}', 0,
         (${comparedOn} + time '10:00') AT TIME ZONE 'Asia/Shanghai'`,
    ],
    [`partition ${k}`, `SELECT fangpin_department_rows_partition(${comparedOn})`],
    [
      `rows ${k}`,
      `INSERT INTO department_rows (batch_id, seq, compared_on, sheet, row, source, fate, error_code, error_column, error_message, id_index, id_masked, member_id, household_id, county_code, event_date, amount_fen, kind, "values")
       SELECT md5('b' || ${k})::uuid, i + 1, ${comparedOn}, NULL, i + 2, 'medical', x.fate,
         CASE WHEN x.fate = 'rejected' THEN 'ID_CHECKSUM' END, CASE WHEN x.fate = 'rejected' THEN '身份证号码' END, CASE WHEN x.fate = 'rejected' THEN '身份证号码校验位不正确' END,
         CASE x.fate WHEN 'matched' THEN decode(md5('i' || x.p), 'hex') WHEN 'unmatched' THEN decode(md5('u' || x.p), 'hex') END,
         '45' || lpad((x.p % 10000)::text, 4, '0') || '***********' || (x.p % 10)::text,
         CASE WHEN x.fate = 'matched' THEN md5('p' || x.p)::uuid END, CASE WHEN x.fate = 'matched' THEN md5('h' || x.hh)::uuid END,
         CASE WHEN x.fate = 'matched' THEN v.county_code END, x.event_date, x.amount_fen, NULL,
         format('{"name":"%s","eventDate":"%s","totalCost":%s,"outOfPocket":%s}', '患者' || (x.p % 1000), x.event_date, round(x.amount_fen * 3 / 100.0, 2), round(x.amount_fen / 100.0, 2))::json
       FROM generate_series(0, ${perMonth - 1}) i,
       LATERAL (SELECT ${seed} AS s) sd,
       LATERAL (SELECT 1 + ${h('sd.s')} % ${s.persons} AS p, ${h('sd.s * 3 + 1')} % 100 AS f,
                  ('${LATEST_EVENT_MONTH}'::date - make_interval(months => (sd.s / ${perMonth})::int))::date AS month_start) a,
       LATERAL (SELECT a.p, ((a.p - 1) * 10) / 39 + 1 AS hh, CASE WHEN a.f < 2 THEN 'rejected' WHEN a.f < 10 THEN 'unmatched' ELSE 'matched' END AS fate,
                  a.month_start + ${h('sd.s * 7 + 2')} % ((a.month_start + interval '1 month')::date - a.month_start) AS event_date,
                  CASE WHEN ${h('sd.s * 11 + 3')} % 1000 < 2 THEN 200000 + ${h('sd.s * 13 + 4')} % 2800000 ELSE 100 + ${h('sd.s * 13 + 4')} % 19900 END AS amount_fen) x
       JOIN bench_villages v ON v.idx = x.hh % (SELECT count(*) FROM bench_villages)
       WHERE x.hh <= ${households}`,
    ],
    [
      `counts ${k}`,
      `UPDATE department_batches b SET rows = c.n, accepted = c.n - c.rejected, matched = c.matched, unmatched = c.n - c.rejected - c.matched, rejected = c.rejected,
         rejected_by_code = CASE WHEN c.rejected > 0 THEN jsonb_build_object('ID_CHECKSUM', c.rejected) ELSE '{}'::jsonb END
       FROM (SELECT count(*)::int AS n, count(*) FILTER (WHERE fate = 'matched')::int AS matched, count(*) FILTER (WHERE fate = 'rejected')::int AS rejected
             FROM department_rows WHERE batch_id = md5('b' || ${k})::uuid AND compared_on = ${comparedOn}) c
       WHERE b.id = md5('b' || ${k})::uuid`,
    ],
  ];
}

async function generate(pool: Pool, s: Scale): Promise<Record<string, number>> {
  const client = await pool.connect();
  const ms: Record<string, number> = {};
  const perMonth = Math.ceil(s.rows / WINDOW_MONTHS);
  try {
    await client.query(`SET synchronous_commit = off; SET maintenance_work_mem = '512MB'; SET work_mem = '64MB'`);
    const steps = [...registrySql(s)];
    for (let k = WINDOW_MONTHS + s.olderMonths - 1; k >= 0; k--) steps.push(...monthSql(s, k, perMonth));
    steps.push(['analyze', 'ANALYZE']);
    for (const [name, sql] of steps) {
      const t0 = performance.now();
      await client.query(sql);
      ms[name] = Math.round(performance.now() - t0);
      if (!name.startsWith('batch') && !name.startsWith('partition') && !name.startsWith('counts')) log(`generated ${name} in ${(ms[name] / 1000).toFixed(1)} s`);
    }
  } finally {
    client.release();
  }
  return ms;
}

type RecompareFigures = { ms: number; peakRssMB: number; nodeCpuMs: number; households: number; warnings: number; newWarnings: number; phases: Record<string, number> };

function runRecompare(url: string, county?: string): RecompareFigures {
  return JSON.parse(
    execFileSync(process.execPath, ['--max-old-space-size=384', '--import', 'tsx', path.join(import.meta.dirname, 'department-recompare-child.ts'), url, TODAY, county ?? ''], { encoding: 'utf8', maxBuffer: 1 << 20 }).trim(),
  ) as RecompareFigures;
}

/** Scans of each partition of department_rows so far (PostgreSQL's cumulative counters). */
async function partitionScans(pool: Pool): Promise<Map<string, { seq: number; idx: number }>> {
  const { rows } = await pool.query<{ name: string; seq: string; idx: string }>(
    `SELECT c.relname AS name, coalesce(t.seq_scan, 0) AS seq, coalesce(t.idx_scan, 0) AS idx
     FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid LEFT JOIN pg_stat_user_tables t ON t.relid = c.oid
     WHERE i.inhparent = 'department_rows'::regclass`,
  );
  return new Map(rows.map((r) => [r.name, { seq: Number(r.seq), idx: Number(r.idx) }]));
}

function scansBetween(before: Map<string, { seq: number; idx: number }>, after: Map<string, { seq: number; idx: number }>) {
  const read: string[] = [];
  const untouched: string[] = [];
  let seqScans = 0;
  let indexScans = 0;
  for (const [name, a] of [...after.entries()].sort(([x], [y]) => x.localeCompare(y))) {
    const b = before.get(name) ?? { seq: 0, idx: 0 };
    const seq = a.seq - b.seq;
    const idx = a.idx - b.idx;
    seqScans += seq;
    indexScans += idx;
    (seq + idx > 0 ? read : untouched).push(name);
  }
  return { read, untouched, seqScans, indexScans };
}

/** The warned households by a straightforward GROUP BY over every stored row (no partition bound, every settlement grouped once), and its time. */
async function yardstick(pool: Pool, thresholds: { general: number; formerlyPoor: number }): Promise<{ ms: number; households: Set<string> }> {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    await client.query(`SET LOCAL work_mem = '256MB'`);
    const t0 = performance.now();
    const { rows } = await client.query<{ id: string }>(
      `WITH totals AS (
         SELECT household_id, sum(amount_fen) AS total FROM (
           SELECT (array_agg(r.household_id))[1] AS household_id, r.amount_fen FROM department_rows r
           WHERE r.source = 'medical' AND r.fate = 'matched' AND r.event_date > $1 AND r.event_date <= $2
           GROUP BY r.id_index, r.event_date, r.amount_fen) s
         GROUP BY household_id)
       SELECT t.household_id AS id FROM totals t JOIN households h ON h.id = t.household_id
       WHERE t.total > CASE WHEN h.type = 'formerlyPoor' THEN $3::numeric ELSE $4::numeric END * 100`,
      [addCalendarDays(TODAY, -365), TODAY, thresholds.formerlyPoor, thresholds.general],
    );
    const ms = performance.now() - t0;
    await client.query('COMMIT');
    // Its scans of every partition are counted now, not among the evidence lookups' that follow.
    await client.query('SELECT pg_stat_force_next_flush()');
    await client.query('SELECT 1');
    return { ms, households: new Set(rows.map((r) => r.id)) };
  } finally {
    client.release();
  }
}

/** The batches' row files (Parquet, stored as they are) in MB. */
async function rowFilesMB(pool: Pool): Promise<number> {
  const { rows } = await pool.query<{ bytes: string }>('SELECT coalesce(sum(octet_length(data)), 0)::bigint AS bytes FROM department_row_files');
  return round(Number(rows[0]!.bytes) / 1048576);
}

/** Sizes on disk of department_rows: the partitions' tables, primary keys and household indexes, per million rows. */
async function sizes(pool: Pool, rows: number) {
  const { rows: parts } = await pool.query<{ table: string; pk: string; household: string }>(
    `SELECT sum(pg_table_size(c.oid))::bigint AS table,
       sum((SELECT coalesce(sum(pg_relation_size(x.indexrelid)), 0) FROM pg_index x WHERE x.indrelid = c.oid AND x.indisprimary))::bigint AS pk,
       sum((SELECT coalesce(sum(pg_relation_size(x.indexrelid)), 0) FROM pg_index x WHERE x.indrelid = c.oid AND NOT x.indisprimary))::bigint AS household
     FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid WHERE i.inhparent = 'department_rows'::regclass`,
  );
  const mb = (b: string | number) => Number(b) / 1048576;
  const perMillion = (b: string) => round(mb(b) / (rows / 1e6));
  const p = parts[0]!;
  return {
    rows,
    tableMB: round(mb(p.table)),
    primaryKeyMB: round(mb(p.pk)),
    householdIndexMB: round(mb(p.household)),
    perMillionRowsMB: { table: perMillion(p.table), primaryKey: perMillion(p.pk), householdIndex: perMillion(p.household), total: round(mb(Number(p.table) + Number(p.pk) + Number(p.household)) / (rows / 1e6)) },
  };
}

/** The Parquet columns of a batch's row file, in fast-import.ts's order and types. */
const FILE_COLUMNS = `{'batch_id': 'UUID', 'seq': 'INTEGER', 'compared_on': 'DATE', 'sheet': 'VARCHAR', 'row': 'INTEGER', 'source': 'VARCHAR', 'fate': 'VARCHAR',
  'error_code': 'VARCHAR', 'error_column': 'VARCHAR', 'error_message': 'VARCHAR', 'id_hex': 'VARCHAR', 'id_masked': 'VARCHAR', 'member_id': 'UUID', 'household_id': 'UUID',
  'county_code': 'VARCHAR', 'event_date': 'DATE', 'amount_fen': 'INTEGER', 'kind': 'VARCHAR', 'values': 'VARCHAR'}`;

/**
 * Every table batch's rows to Parquet parts (at most PIECE_ROWS rows each, zstd, as fast-import.ts
 * writes them) in department_row_files; the batch becomes a files batch and keeps only its rejected
 * rows in department_rows, as an import through the files engine leaves it (before any warning's evidence).
 */
async function convertToFiles(pool: Pool): Promise<number> {
  const t0 = performance.now();
  const { rows: batches } = await pool.query<{ id: string; on: string }>(`SELECT id, compared_on::text AS on FROM department_batches WHERE row_store = 'table' ORDER BY compared_on`);
  for (const b of batches) {
    await withDuck('bench', async (duck) => {
      const client = await pool.connect();
      try {
        await client.query('BEGIN');
        const csv = path.join(duck.dir, 'rows.csv');
        await pgToCsv(
          client,
          `SELECT batch_id, seq, compared_on, sheet, row, source, fate, error_code, error_column, error_message, encode(id_index, 'hex'), id_masked, member_id, household_id, county_code, event_date, amount_fen, kind, "values"::text
           FROM department_rows WHERE batch_id = '${b.id}' AND compared_on = '${b.on}'`,
          csv,
        );
        await duck.run(`CREATE TABLE batch_rows AS SELECT * FROM read_csv('${csv}', header = false, auto_detect = false, allow_quoted_nulls = false, columns = ${FILE_COLUMNS})`);
        fs.rmSync(csv);
        const n = (await duck.all<{ n: number }>('SELECT max(seq) AS n FROM batch_rows'))[0]?.n ?? 0;
        const files: string[] = [];
        for (let piece = 0; piece * PIECE_ROWS < n; piece++) {
          const file = path.join(duck.dir, `part-${piece}.parquet`);
          await duck.run(
            `COPY (SELECT batch_id, seq, compared_on, sheet, "row", source, fate, error_code, error_column, error_message,
                 ('0x' || substr(id_hex, 1, 16))::UBIGINT AS k1, ('0x' || substr(id_hex, 17, 16))::UBIGINT AS k2, id_masked, member_id, household_id, county_code, event_date, amount_fen, kind, "values"
               FROM batch_rows WHERE seq > ${piece * PIECE_ROWS} AND seq <= ${(piece + 1) * PIECE_ROWS}) TO '${file}' (FORMAT parquet, COMPRESSION zstd, ROW_GROUP_SIZE 32768)`,
          );
          files.push(file);
        }
        await storeRowFiles(client, b.id, b.on, files);
        await client.query(`DELETE FROM department_rows WHERE batch_id = $1 AND compared_on = $2 AND fate <> 'rejected'`, [b.id, b.on]);
        await client.query(`UPDATE department_batches SET row_store = 'files' WHERE id = $1`, [b.id]);
        await client.query('COMMIT');
      } catch (error) {
        await client.query('ROLLBACK');
        throw error;
      } finally {
        client.release();
      }
    });
  }
  // Rewritten, so that the sizes below are those of what is kept (the rejected rows), not of the generation's pages.
  await pool.query('VACUUM FULL ANALYZE department_rows');
  return Math.round(performance.now() - t0);
}

/** The yardstick over files: the same GROUP BY, run by DuckDB over every part of every batch (each settlement once), the thresholds applied in PostgreSQL. */
async function yardstickFiles(pool: Pool, thresholds: { general: number; formerlyPoor: number }): Promise<{ ms: number; households: Set<string> }> {
  const client = await pool.connect();
  try {
    return await withDuck('bench', async (duck) => {
      await client.query('BEGIN');
      const t0 = performance.now();
      const { rows: ids } = await client.query<{ id: string }>(`SELECT id FROM department_batches WHERE row_store = 'files'`);
      const files = await fetchRowFiles(client, ids.map((r) => r.id), duck.dir);
      await client.query('CREATE TEMP TABLE bench_totals (household_id uuid, total bigint) ON COMMIT DROP');
      await duckToPg(
        duck,
        client,
        `SELECT household_id, sum(amount_fen) FROM (
           SELECT any_value(household_id) AS household_id, amount_fen FROM read_parquet([${files.map((f) => `'${f}'`).join(', ')}])
           WHERE fate = 'matched' AND event_date > DATE '${addCalendarDays(TODAY, -365)}' AND event_date <= DATE '${TODAY}'
           GROUP BY k1, k2, event_date, amount_fen) GROUP BY household_id`,
        'bench_totals',
        'household_id, total',
        'totals',
      );
      const { rows } = await client.query<{ id: string }>(
        `SELECT t.household_id AS id FROM bench_totals t JOIN households h ON h.id = t.household_id WHERE t.total > CASE WHEN h.type = 'formerlyPoor' THEN $1::numeric ELSE $2::numeric END * 100`,
        [thresholds.formerlyPoor, thresholds.general],
      );
      const ms = performance.now() - t0;
      await client.query('COMMIT');
      return { ms, households: new Set(rows.map((r) => r.id)) };
    });
  } finally {
    client.release();
  }
}

export async function benchDepartmentRecompare(): Promise<object> {
  const rows = Number(process.env.BENCH_RECOMPARE_ROWS ?? 24_000_000);
  const scale: Scale = {
    rows,
    olderMonths: Number(process.env.BENCH_RECOMPARE_OLDER_MONTHS ?? 3),
    persons: Number(process.env.BENCH_RECOMPARE_PERSONS ?? Math.max(100_000, Math.round(rows / 8))),
    counties: Number(process.env.BENCH_RECOMPARE_COUNTIES ?? 10),
  };
  if (scale.counties < 1 || scale.counties > 990) throw new Error('BENCH_RECOMPARE_COUNTIES must be 1…990');
  const evidenceLookups = Number(process.env.BENCH_RECOMPARE_EVIDENCE ?? 200);
  const keep = process.env.BENCH_RECOMPARE_DIR;
  const dir = keep ?? makeReachableTempDir('fangpin-bench-recompare-');
  const marker = path.join(dir, 'generated.json');
  const reuse = !!keep && fs.existsSync(marker);
  let pg = await startBenchPostgres(dir);
  let pool = createPool(pg.url, 4);
  const restart = async () => {
    await pool.end();
    await pg.stop();
    pg = await startBenchPostgres(dir);
    pool = createPool(pg.url, 4);
  };
  try {
    let generated: { scale: Scale; ms: Record<string, number> };
    if (reuse) {
      generated = JSON.parse(fs.readFileSync(marker, 'utf8')) as typeof generated;
      log(`reusing the database in ${dir} (${JSON.stringify(generated.scale)})`);
      await runMigrations(pool);
    } else {
      await runMigrations(pool);
      const t0 = performance.now();
      const ms = await generate(pool, scale);
      // Guangxi's rule sets, once its regions are there.
      await ensureShippedRuleSets(pool);
      generated = { scale, ms: { ...ms, total: Math.round(performance.now() - t0) } };
      if (keep) fs.writeFileSync(marker, JSON.stringify(generated));
    }
    const isFiles = process.env.BENCH_RECOMPARE_STORE === 'files';
    const convertedMs = isFiles ? await convertToFiles(pool) : null;
    if (convertedMs !== null) log(`batches' rows moved to Parquet parts in ${(convertedMs / 1000).toFixed(1)} s`);
    const from = addCalendarDays(TODAY, -365);
    const { rows: counts } = await pool.query<{ stored: number; inWindow: number; batches: number; households: number; persons: number }>(
      `SELECT (SELECT sum(rows) FROM department_batches)::int AS stored,
         (SELECT sum(rows) FROM department_batches WHERE compared_on > $1)::int AS "inWindow",
         (SELECT count(*) FROM department_batches)::int AS batches, (SELECT count(*) FROM households)::int AS households, (SELECT count(*) FROM members)::int AS persons`,
      [from],
    );
    const c = counts[0]!;
    log(`${c.stored} rows stored in ${c.batches} monthly batches, ${c.inWindow} received inside the window; ${c.persons} persons in ${c.households} households`);
    const { rows: countyRows } = await pool.query<{ code: string }>(`SELECT county_code AS code FROM regions WHERE level = 'county' ORDER BY code LIMIT 1`);
    const county = countyRows[0]!.code;
    const ruleSet = await ruleSetInForce(pool, county, TODAY);
    const thresholds = ruleSet.departmentSignals.medicalOutOfPocket;
    // A kept database may hold warnings of an earlier run: the cold run below starts without them.
    await pool.query(`DELETE FROM warnings WHERE period = $1`, [TODAY.slice(0, 7)]);

    // 1. The province's re-comparison, cold (PostgreSQL restarted: empty shared buffers), in its own process.
    await restart();
    const scansBefore = await partitionScans(pool);
    const cold = runRecompare(pg.url);
    await new Promise((r) => setTimeout(r, 1500)); // the child's backend has exited and reported its scans
    const recompareScans = scansBetween(scansBefore, await partitionScans(pool));
    log(`province, cold: ${(cold.ms / 1000).toFixed(1)} s, ${cold.households} households, ${cold.warnings} warnings, peak RSS ${cold.peakRssMB} MB ${JSON.stringify(cold.phases)}`);
    log(`partitions read: ${recompareScans.read.join(', ')}; not read: ${recompareScans.untouched.join(', ')}`);
    // 2. Again the same day (every warning updated), and one county.
    const warm = runRecompare(pg.url);
    log(`province, again the same day: ${(warm.ms / 1000).toFixed(1)} s, peak RSS ${warm.peakRssMB} MB`);
    const oneCounty = runRecompare(pg.url, county);
    log(`county ${county}: ${(oneCounty.ms / 1000).toFixed(1)} s, ${oneCounty.households} households, ${oneCounty.warnings} warnings`);

    // 3. The check: the same warned households as a straightforward GROUP BY over every stored row.
    const { rows: warned } = await pool.query<{ id: string }>(`SELECT DISTINCT household_id AS id FROM warnings WHERE period = $1 AND 'medical' = ANY(sources)`, [TODAY.slice(0, 7)]);
    const ours = new Set(warned.map((w) => w.id));
    const y = isFiles ? await yardstickFiles(pool, thresholds) : await yardstick(pool, thresholds);
    const onlyOurs = [...ours].filter((id) => !y.households.has(id)).length;
    const onlyYardstick = [...y.households].filter((id) => !ours.has(id)).length;
    log(`GROUP BY over every row: ${(y.ms / 1000).toFixed(1)} s, ${y.households.size} households; Fangpin ${ours.size}; only Fangpin ${onlyOurs}, only GROUP BY ${onlyYardstick}`);

    // 4. A warning's evidence (查看依据), as the route reads it, for a sample of warnings; and the scans it caused.
    const leader: Actor = { userId: 'bench', username: 'bench-province-leader', role: 'leader', regionCode: '450000000000' };
    const { rows: sample } = await pool.query<{ id: string }>(`SELECT id FROM warnings WHERE period = $1 ORDER BY md5(id::text) LIMIT $2`, [TODAY.slice(0, 7), evidenceLookups]);
    const client = await pool.connect();
    const lookups: number[] = [];
    let evidenceRows = 0;
    let evidenceScans: ReturnType<typeof scansBetween>;
    try {
      const before = await partitionScans(pool);
      for (const w of sample) {
        const t0 = performance.now();
        const found = await findWarningEvidence(client, scopeOf(leader), w.id);
        lookups.push(performance.now() - t0);
        evidenceRows += found?.length ?? 0;
      }
      await client.query('SELECT pg_stat_force_next_flush()');
      await client.query('SELECT 1');
      evidenceScans = scansBetween(before, await partitionScans(pool));
    } finally {
      client.release();
    }
    const evidence = {
      lookups: lookups.length,
      firstMs: round(lookups[0] ?? NaN),
      p50Ms: round(median(lookups)),
      p95Ms: round(p95(lookups)),
      maxMs: round(Math.max(...lookups)),
      rowsPerWarning: round(evidenceRows / Math.max(1, lookups.length)),
      partitionSeqScans: evidenceScans.seqScans,
      partitionIndexScans: evidenceScans.indexScans,
      partitionsRead: evidenceScans.read.length,
    };
    log(`evidence of ${evidence.lookups} warnings: p50 ${evidence.p50Ms} ms, p95 ${evidence.p95Ms} ms, max ${evidence.maxMs} ms; ${evidence.partitionSeqScans} sequential and ${evidence.partitionIndexScans} index scans of partitions`);

    // 5. Sizes on disk.
    const size = {
      ...(await sizes(pool, c.stored)),
      ...(isFiles ? { rowFilesMB: await rowFilesMB(pool), rowFilesPerMillionRowsMB: round((await rowFilesMB(pool)) / (c.stored / 1e6)) } : {}),
    };
    log(`sizes: ${JSON.stringify(size)}`);

    // 6. Retention: 12 months (the shortest allowed) retires the older months; a dry run, then for real unless the database is kept.
    const partitionsBefore = (await listRowPartitions(pool)).length;
    let t0 = performance.now();
    const dry = await retireDepartmentRows(pool, SYSTEM_ACTOR, { today: TODAY, retentionMonths: 12, dryRun: true });
    const retireDryMs = Math.round(performance.now() - t0);
    let retireMs: number | null = null;
    if (!keep) {
      t0 = performance.now();
      await retireDepartmentRows(pool, SYSTEM_ACTOR, { today: TODAY, retentionMonths: 12 });
      retireMs = Math.round(performance.now() - t0);
    }
    const retention = {
      retentionMonths: 12,
      partitionsBefore,
      dropped: dry.dropped.map((p) => `${p.partition} (${p.rows} rows)`),
      keptRows: dry.keptRows,
      removedRows: dry.removedRows,
      dryRunMs: retireDryMs,
      retireMs,
      partitionsAfter: retireMs === null ? null : (await listRowPartitions(pool)).length,
    };
    log(`retention: ${JSON.stringify(retention)}`);

    return {
      name: 'department-recompare',
      store: isFiles ? 'files' : 'table',
      today: TODAY,
      window: `(${from}, ${TODAY}]`,
      scale: generated.scale,
      generatedMs: generated.ms,
      ...(isFiles ? { movedToFilesMs: convertedMs } : {}),
      stored: { rows: c.stored, rowsInWindowPartitions: c.inWindow, batches: c.batches, households: c.households, persons: c.persons },
      province: {
        coldMs: cold.ms,
        rowsPerSecond: Math.round(c.inWindow / (cold.ms / 1000)),
        peakRssMB: cold.peakRssMB,
        nodeCpuMs: cold.nodeCpuMs,
        phasesMs: cold.phases,
        households: cold.households,
        warnings: cold.warnings,
        newWarnings: cold.newWarnings,
        againSameDayMs: warm.ms,
        againPeakRssMB: warm.peakRssMB,
        againPhasesMs: warm.phases,
      },
      county: { county, ms: oneCounty.ms, peakRssMB: oneCounty.peakRssMB, households: oneCounty.households, warnings: oneCounty.warnings, phasesMs: oneCounty.phases },
      partitionsRead: recompareScans.read,
      partitionsNotRead: recompareScans.untouched,
      check: { warnedHouseholds: ours.size, groupByHouseholds: y.households.size, onlyFangpin: onlyOurs, onlyGroupBy: onlyYardstick, isSame: onlyOurs === 0 && onlyYardstick === 0 },
      groupByEveryRowMs: Math.round(y.ms),
      evidence,
      sizes: size,
      retention,
    };
  } finally {
    await pool.end();
    await pg.stop();
    if (!keep) fs.rmSync(dir, { recursive: true, force: true });
  }
}
