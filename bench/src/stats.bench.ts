/**
 * `stats` (issue 14, "Performance"): the statistics at province scale. A province of
 * BENCH_STATS_COUNTIES counties (100; 10 townships × 10 villages each), BENCH_STATS_PERSONS registry
 * persons (10,000,000; 3.9 a household) and BENCH_STATS_MONITORED monitoring records (1,000,000) with
 * helpers, measures, helper visits, clues and cases, hotline calls, visit reports, applications and
 * department warnings — generated with set-based SQL (generate_series) straight into the real schema
 * after the migrations (the app's tables, columns, enums and constraints; secondary indexes dropped
 * during the load and rebuilt from their own definitions), so the point is the query plans at scale,
 * not the import path (docs/statistics.md "Benchmark").
 *
 * Measured through the use cases directly (`showOverview`, `exportReport`: the same functions the
 * routes call, on a pool of the server's size; no HTTP or JSON serialisation) for the province, a
 * county and a village: cold (the first call after the bench PostgreSQL restarted: empty shared
 * buffers, no cached plans; the OS page cache is not dropped on this shared machine) and warm (the
 * median and p95 of BENCH_STATS_REPEAT calls); then BENCH_STATS_CLIENTS (20) concurrent dashboard
 * users (province, counties and villages mixed) for BENCH_STATS_SECONDS (30). The province's
 * overview is also read after writes in 5, 20, 40 and 80 counties since the last read (a working day).
 *
 * The yardstick, in the same run on the same data: a straightforward `GROUP BY` over the base tables
 * (household_monitoring, households, members), written here independently of the app's SQL. Its
 * figures are CHECKED against the overview's (totals, category, risk type, status, child regions)
 * and against the 监测对象情况统计表's 合计 row, and its time is reported beside the overview's.
 *
 * BENCH_STATS_DIR: keep the database there and reuse it on the next run (skips the generation).
 * BENCH_STATS_ONLY=reports: the XLSX reports only (cold and warm, with their checks against the
 * yardstick), to compare two versions of the reports back to back on a kept database.
 */
import fs from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { REPORT_NAMES, type Actor } from '@fangpin/domain';
import { createPool } from '../../packages/server/src/db/client.ts';
import { makeReachableTempDir } from '../../packages/server/src/db/embedded.ts';
import { runMigrations } from '../../packages/server/src/db/migrate.ts';
import { ensureShippedRuleSets } from '../../packages/server/src/modules/rules/ensure-shipped-rule-sets.ts';
import { exportReport } from '../../packages/server/src/modules/stats/report-tables.ts';
import { funnelFigures, monitoringFigures, monthlyTrend, openCaseFigures, warningFigures } from '../../packages/server/src/modules/stats/repo.ts';
import { regionVisitIntervals, resolveStatsRegion, showOverview, type Overview } from '../../packages/server/src/modules/stats/show-overview.ts';
import { deadlineCounts } from '../../packages/server/src/modules/stats/deadlines-repo.ts';
import { verifyHouseholdStats } from '../../packages/server/src/modules/stats/verify-summary.ts';
import { settleKeptParts } from '../../packages/server/src/modules/stats/kept-parts.ts';
import { refreshTimelines } from '../../packages/server/src/modules/stats/refresh-kept.ts';
import { startBenchPostgres } from './department-compare.bench.ts';

type Pool = ReturnType<typeof createPool>;
type Scale = { persons: number; monitored: number; counties: number };

/** The as-of date of every measurement, and "today" (fixed, so a kept database reads the same). */
const TODAY = '2026-11-20';
const AS_OF = '2026-10-31';
/** Dates nobody asked before the overview is read as of them (the kept parts are of AS_OF). */
const NEW_DATES = ['2025-02-14', '2025-09-30', '2026-04-01', '2026-07-15', '2026-10-09'];
/** The date read after the refresh (not asked before it either). */
const AFTER_REFRESH_DATE = '2026-06-30';
/** The server's pool size (packages/server/src/db/client.ts default). */
const POOL_SIZE = 10;

/** Every statement of the generation, in order; `$P`, `$M`, `$C` are the scale (inlined integers). */
function generationSql(s: Scale): [string, string][] {
  const households = Math.ceil((s.persons * 10) / 39);
  const monitored = Math.min(s.monitored, households);
  // Household i (1…H) lies in village (i mod V); monitoring records are households 1…M (spread over every village).
  const hid = (i: string) => `md5('h' || ${i})::uuid`;
  const day = (from: string, spanDays: string, seed: string) => `(${from}::date + (abs(hashint4(${seed})) % greatest(${spanDays}, 1)))`;
  return [
    [
      'regions',
      `INSERT INTO regions (code, name, level, level_rank, parent_code, county_code)
       SELECT '450000000000', '广西壮族自治区', 'province', 1, NULL, NULL
       UNION ALL SELECT '45' || lpad(c::text, 2, '0') || '00000000', '基准' || c || '市', 'city', 2, '450000000000', NULL FROM generate_series(1, ${Math.ceil(s.counties / 10)}) c
       UNION ALL SELECT code, '基准' || n || '县', 'county', 3, substr(code, 1, 4) || '00000000', substr(code, 1, 6)
         FROM (SELECT n, '45' || lpad((1 + (n - 1) / 10)::text, 2, '0') || lpad((1 + (n - 1) % 10)::text, 2, '0') || '000000' AS code FROM generate_series(1, ${s.counties}) n) x
       UNION ALL SELECT substr(cc.code, 1, 6) || (100 + t)::text || '000', '基准' || cc.n || '县' || t || '镇', 'township', 4, cc.code, substr(cc.code, 1, 6)
         FROM (SELECT n, '45' || lpad((1 + (n - 1) / 10)::text, 2, '0') || lpad((1 + (n - 1) % 10)::text, 2, '0') || '000000' AS code FROM generate_series(1, ${s.counties}) n) cc, generate_series(0, 9) t
       UNION ALL SELECT substr(cc.code, 1, 6) || (100 + t)::text || (200 + v)::text, '基准' || cc.n || '县' || t || '镇' || v || '村', 'village', 5, substr(cc.code, 1, 6) || (100 + t)::text || '000', substr(cc.code, 1, 6)
         FROM (SELECT n, '45' || lpad((1 + (n - 1) / 10)::text, 2, '0') || lpad((1 + (n - 1) % 10)::text, 2, '0') || '000000' AS code FROM generate_series(1, ${s.counties}) n) cc, generate_series(0, 9) t, generate_series(0, 9) v`,
    ],
    ['villages', `CREATE TABLE bench_villages AS SELECT (row_number() OVER (ORDER BY code) - 1)::int AS idx, code, county_code FROM regions WHERE level = 'village'`],
    [
      'households',
      `INSERT INTO households (id, county_code, region_code, household_number, type, address, phone_masked)
       SELECT ${hid('i')}, v.county_code, v.code, v.code || lpad(i::text, 9, '0'), CASE WHEN i % 5 = 0 THEN 'formerlyPoor' ELSE 'ordinary' END, v.code || '号', ''
       FROM generate_series(1, ${households}) i JOIN bench_villages v ON v.idx = i % (SELECT count(*) FROM bench_villages)`,
    ],
    [
      'members',
      // Person p belongs to household floor((p − 1) · 10 / 39) + 1 (3 or 4 persons, 3.9 on average); the first is the head.
      `INSERT INTO members (id, household_id, county_code, name, id_enc, id_index, id_masked, sex, birth_year, relation)
       SELECT md5('p' || p)::uuid, ${hid('h')}, v.county_code,
         (ARRAY['黄','韦','李','陆','罗','蒙','覃','梁'])[1 + p % 8] || (ARRAY['志','秀','明','玉','建','春','海','丽'])[1 + (p / 8) % 8] || (ARRAY['强','英','华','兰','军','芳','平','梅'])[1 + (p / 64) % 8],
         decode(md5('e' || p) || md5('f' || p), 'hex'), decode(md5('i' || p) || md5('j' || p), 'hex'),
         substr(v.county_code, 1, 6) || '********' || lpad((p % 10000)::text, 4, '0'), CASE WHEN p % 2 = 0 THEN 'female' ELSE 'male' END, (1940 + p % 80)::smallint,
         CASE WHEN p = 1 OR ((p - 2) * 10) / 39 <> ((p - 1) * 10) / 39 THEN 'head' ELSE 'child' END
       FROM generate_series(1, ${s.persons}) p, LATERAL (SELECT ((p - 1) * 10) / 39 + 1 AS h) hh
       JOIN bench_villages v ON v.idx = hh.h % (SELECT count(*) FROM bench_villages)`,
    ],
    [
      'household_monitoring',
      // Identified 2021-01 … today (5 % imported without a date); 40 % eliminated since, 2 % rolled back; objects identified from 2025 have a helper deadline.
      `INSERT INTO household_monitoring (household_id, county_code, category, risk_types, identified_on, income_year, per_capita_income, eliminated_on, elimination_mode, elimination_outcome, rolled_back_on, helper_due_on, uncovered_risk_types)
       SELECT ${hid('i')}, h.county_code,
         (ARRAY['unstable','marginal','marginal','sudden', NULL])[1 + abs(hashint4(i * 7)) % 5],
         CASE WHEN i % 4 = 0 THEN ARRAY[(ARRAY['01','0201','03','04','05','07','09','10'])[1 + abs(hashint4(i * 11)) % 8], '07'] ELSE ARRAY[(ARRAY['01','01','0201','03','04','05','07','09','10','99'])[1 + abs(hashint4(i * 11)) % 10]] END,
         x.identified_on, 2025, 5000 + abs(hashint4(i * 13)) % 9000,
         x.eliminated_on, CASE WHEN x.eliminated_on IS NOT NULL THEN (ARRAY['assisted','natural'])[1 + i % 2] END,
         CASE WHEN x.eliminated_on IS NOT NULL AND i % 10 = 3 THEN 'tracking' WHEN x.eliminated_on IS NOT NULL THEN 'stable' END,
         CASE WHEN x.eliminated_on IS NULL AND i % 50 = 7 AND x.identified_on IS NOT NULL THEN x.identified_on + 200 END,
         CASE WHEN x.identified_on >= '2025-01-01' THEN x.identified_on + 7 END,
         CASE WHEN i % 9 = 0 THEN ARRAY['07'] ELSE ARRAY[]::text[] END
       FROM generate_series(1, ${monitored}) i JOIN households h ON h.id = ${hid('i')},
       LATERAL (SELECT CASE WHEN i % 20 = 0 THEN NULL ELSE ${day("'2021-01-01'", `'${TODAY}'::date - '2021-01-01'::date`, 'i')} END AS identified_on) d,
       LATERAL (SELECT d.identified_on, CASE WHEN i % 5 < 2 AND d.identified_on < '${TODAY}'::date - 30 THEN least(d.identified_on + 30 + abs(hashint4(i * 17)) % 900, '${TODAY}'::date) END AS eliminated_on) x`,
    ],
    [
      'household_helpers',
      // 90 % have their own helper (a cadre account or a named person), assigned 0–9 days after identification; 5 % only a work team.
      `INSERT INTO household_helpers (county_code, household_id, kind, name, assigned_on, assigned_by)
       SELECT m.county_code, m.household_id, CASE WHEN i % 20 = 1 THEN 'workTeam' WHEN i % 3 = 0 THEN 'person' ELSE 'cadre' END, '帮扶人' || (i % 5000),
         coalesce(m.identified_on, '2021-01-01') + i % 10, 'bench'
       FROM (SELECT m.*, row_number() OVER ()::int AS i FROM household_monitoring m) m WHERE i % 20 <> 2`,
    ],
    [
      'household_measures',
      `INSERT INTO household_measures (county_code, household_id, risk_type, category, measure, department, start_on, status, delivered_on, created_by)
       SELECT m.county_code, m.household_id, m.risk_types[1], (ARRAY['industry','employment','health','compulsoryEducation','socialAssistance','housing'])[1 + (i + k) % 6], '帮扶措施', '',
         coalesce(m.identified_on, '2021-01-01') + 5 * k, s.status, CASE WHEN s.status = 'delivered' THEN coalesce(m.identified_on, '2021-01-01') + 5 * k + 60 END, 'bench'
       FROM (SELECT m.*, row_number() OVER ()::int AS i FROM household_monitoring m) m, generate_series(1, 2) k,
       LATERAL (SELECT (ARRAY['planned','inProgress','delivered','delivered'])[1 + (i * k) % 4] AS status) s
       WHERE k = 1 OR i % 2 = 0`,
    ],
    [
      'helper_visits',
      // Two visits for most objects, the last 1–8 months ago; some never visited (overdue since identification).
      `INSERT INTO helper_visits (county_code, household_id, visited_on, visitor_name, visitor_role, observed)
       SELECT m.county_code, m.household_id, least('${TODAY}'::date, greatest(coalesce(m.identified_on, '2021-01-01'), '${TODAY}'::date - 30 * (1 + (i % 8)) - 90 * (k - 1))), '帮扶人', 'helping-cadre', '家中情况稳定'
       FROM (SELECT m.*, row_number() OVER ()::int AS i FROM household_monitoring m) m, generate_series(1, 2) k WHERE i % 7 <> 0`,
    ],
    [
      'clues',
      // One clue per monitoring object identified since 2024 (its case approved it), plus one screened-out and one open clue per 10 objects.
      `INSERT INTO clues (id, county_code, region_code, household_id, channel, risk_types, summary, status, created_by, created_at)
       SELECT md5('c' || i || '-' || k)::uuid, h.county_code, h.region_code, h.id, (ARRAY['hotline','application','visit','warning'])[1 + (i + k) % 4], m.risk_types, '基准线索',
         CASE WHEN k = 3 AND i % 40 = 0 THEN 'withdrawn' ELSE 'case' END, 'bench',
         (CASE WHEN k = 1 THEN m.identified_on - 12 WHEN k = 2 THEN coalesce(m.identified_on, '2024-01-01') + 40 ELSE '${TODAY}'::date - (i % 20) END + time '10:00') AT TIME ZONE 'Asia/Shanghai'
       FROM (SELECT m.*, row_number() OVER ()::int AS i FROM household_monitoring m) m JOIN households h ON h.id = m.household_id, generate_series(1, 3) k
       WHERE (k = 1 AND m.identified_on >= '2024-01-01') OR (k > 1 AND i % 10 = k)`,
    ],
    [
      'cases',
      `INSERT INTO cases (case_number, clue_id, county_code, region_code, household_id, kind, step, state, clue_date, step_due_on, due_on, decision, opened_at, closed_at)
       SELECT 'BENCH-' || row_number() OVER (), cl.id, cl.county_code, cl.region_code, cl.household_id, 'identification',
         CASE WHEN k.kind = 'approved' OR k.kind = 'screenedOut' THEN 'closed' WHEN k.kind = 'withdrawn' THEN 'withdrawn' ELSE (ARRAY['clueRegistered','homeVerification','propertyCheck','villageDeliberation','publicNotice','townshipReview','countyApproval'])[1 + abs(hashint4(i)) % 7] END,
         '{}'::jsonb, d.clue_date, CASE WHEN k.kind = 'open' THEN d.clue_date + 3 + abs(hashint4(i)) % 5 END, d.clue_date + 15,
         CASE k.kind WHEN 'approved' THEN jsonb_build_object('kind', 'approved', 'on', d.clue_date + 12) WHEN 'screenedOut' THEN jsonb_build_object('kind', 'screenedOut', 'reason', '收入高于监测线', 'on', d.clue_date + 5) END,
         cl.created_at, CASE WHEN k.kind IN ('approved', 'screenedOut') THEN cl.created_at + interval '12 days' END
       FROM (SELECT cl.*, row_number() OVER ()::int AS i FROM clues cl) cl,
       LATERAL (SELECT (cl.created_at AT TIME ZONE 'Asia/Shanghai')::date AS clue_date) d,
       LATERAL (SELECT CASE WHEN cl.status = 'withdrawn' THEN 'withdrawn' WHEN EXISTS (SELECT 1 FROM household_monitoring m WHERE m.household_id = cl.household_id AND m.identified_on = d.clue_date + 12) THEN 'approved'
         WHEN d.clue_date >= '${TODAY}'::date - 20 THEN 'open' ELSE 'screenedOut' END AS kind) k`,
    ],
    ['clue status', `UPDATE clues cl SET status = 'closed' FROM cases c WHERE c.clue_id = cl.id AND c.step = 'closed'`],
    [
      'hotline_calls',
      `INSERT INTO hotline_calls (county_code, region_code, household_id, clue_id, called_at, caller_name, content, result, handler_name, callback_due_on, callback_at, objection, status)
       SELECT cl.county_code, cl.region_code, cl.household_id, cl.id, cl.created_at - interval '1 hour' * j, '来电人', '家中有人生病住院', CASE WHEN j = 2 THEN 'answered' ELSE 'dispatched' END, '接线员',
         (cl.created_at AT TIME ZONE 'Asia/Shanghai')::date + 3, CASE WHEN abs(hashint4(i)) % 10 < 8 THEN cl.created_at + interval '1 day' * (1 + i % 5) END, CASE WHEN i % 50 = 0 THEN true END,
         CASE WHEN abs(hashint4(i)) % 10 < 8 THEN 'closed' ELSE 'open' END
       FROM (SELECT cl.*, row_number() OVER ()::int AS i FROM clues cl WHERE cl.channel = 'hotline') cl, generate_series(1, 2) j`,
    ],
    [
      'visit_reports',
      `INSERT INTO visit_reports (client_id, county_code, region_code, household_id, visited_on, visitor_name, observed, status, clue_id)
       SELECT 'bench-' || cl.id, cl.county_code, cl.region_code, cl.household_id, (cl.created_at AT TIME ZONE 'Asia/Shanghai')::date - 1, '网格员', '走访发现家中有人住院', 'forwarded', cl.id
       FROM clues cl WHERE cl.channel = 'visit'`,
    ],
    [
      'self_applications',
      `INSERT INTO self_applications (reference_no, county_code, region_code, applicant_name, phone_enc, phone_index, phone_masked, description, consent, clue_id, created_at)
       SELECT 'BENCH-' || cl.id, cl.county_code, cl.region_code, '申请人', decode(md5('a' || cl.id), 'hex'), decode(md5('b' || cl.id) || md5('c' || cl.id), 'hex'), '139****0000', '家中有人生病', true, cl.id, cl.created_at - interval '2 hours'
       FROM clues cl WHERE cl.channel = 'application'`,
    ],
    [
      'warnings',
      `INSERT INTO warnings (county_code, region_code, household_id, risk_type, period, sources, message, numbers, rule_set_version, batch_ids, status, due_on, created_at)
       SELECT cl.county_code, cl.region_code, cl.household_id, '01', to_char(cl.created_at, 'YYYY-MM') || '-' || cl.id, CASE WHEN abs(hashint4(i)) % 3 = 0 THEN ARRAY['medical','civilAffairs'] ELSE ARRAY['medical'] END,
         '医疗自付费用超过预警线', '{}'::jsonb, 'bench', ARRAY[]::uuid[], (ARRAY['new','dispatched','riskConfirmed','noRisk'])[1 + abs(hashint4(i)) % 4], (cl.created_at AT TIME ZONE 'Asia/Shanghai')::date + 10, cl.created_at - interval '1 day'
       FROM (SELECT cl.*, row_number() OVER ()::int AS i FROM clues cl WHERE cl.channel = 'warning') cl`,
    ],
    ['analyze', 'ANALYZE'],
  ];
}

/** The bulk tables whose secondary indexes and foreign keys are dropped during the load and rebuilt from their own definitions after it. */
const BULK_TABLES = ['households', 'members', 'household_monitoring', 'household_helpers', 'household_measures', 'helper_visits', 'clues', 'cases', 'hotline_calls', 'visit_reports', 'self_applications', 'warnings'];

async function generate(pool: Pool, scale: Scale): Promise<Record<string, number>> {
  const client = await pool.connect();
  const ms: Record<string, number> = {};
  try {
    await client.query(`SET synchronous_commit = off; SET maintenance_work_mem = '512MB'; SET work_mem = '64MB'`);
    const { rows: indexes } = await client.query<{ name: string; def: string }>(
      `SELECT i.indexname AS name, i.indexdef AS def FROM pg_indexes i
       WHERE i.schemaname = 'public' AND i.tablename = ANY($1) AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conname = i.indexname)`,
      [BULK_TABLES],
    );
    const { rows: foreignKeys } = await client.query<{ tbl: string; name: string; def: string }>(
      `SELECT c.conrelid::regclass::text AS tbl, c.conname AS name, pg_get_constraintdef(c.oid) AS def FROM pg_constraint c WHERE c.contype = 'f' AND c.conrelid::regclass::text = ANY($1)`,
      [BULK_TABLES],
    );
    for (const f of foreignKeys) await client.query(`ALTER TABLE ${f.tbl} DROP CONSTRAINT ${f.name}`);
    for (const i of indexes) await client.query(`DROP INDEX ${i.name}`);
    for (const [name, sql] of generationSql(scale)) {
      if (name === 'analyze') {
        const t0 = performance.now();
        for (const i of indexes) await client.query(i.def);
        // The foreign keys come back validated: every generated row is checked in one pass per key.
        for (const f of foreignKeys) await client.query(`ALTER TABLE ${f.tbl} ADD CONSTRAINT ${f.name} ${f.def}`);
        ms['indexes and foreign keys'] = Math.round(performance.now() - t0);
      }
      const t0 = performance.now();
      await client.query(sql);
      ms[name] = Math.round(performance.now() - t0);
      process.stderr.write(`  ${name}: ${ms[name]} ms\n`);
    }
    await client.query('DROP TABLE bench_villages');
  } finally {
    client.release();
  }
  return ms;
}

/** The yardstick: a straightforward GROUP BY over the base tables, for one region prefix, as of AS_OF. */
async function yardstick(pool: Pool, prefix: string, childLength: number | null) {
  const { rows } = await pool.query<{ kind: string; key: string | null; households: number; persons: number }>(
    `WITH p AS (SELECT household_id, count(*)::int AS persons FROM members GROUP BY household_id),
       mo AS (
         SELECT h.region_code, coalesce(m.category, 'none') AS category, m.risk_types, coalesce(p.persons, 0) AS persons,
           CASE WHEN m.eliminated_on <= $2::date THEN CASE WHEN m.elimination_outcome = 'tracking' THEN 'eliminatedTracking' ELSE 'eliminatedStable' END
                WHEN m.rolled_back_on <= $2::date THEN 'rolledBack' ELSE 'monitoring' END AS status
         FROM household_monitoring m JOIN households h ON h.id = m.household_id LEFT JOIN p ON p.household_id = m.household_id
         WHERE h.region_code LIKE $1 || '%' AND (m.identified_on IS NULL OR m.identified_on <= $2::date))
     SELECT 'total' AS kind, NULL AS key, count(*)::int AS households, coalesce(sum(persons), 0)::int AS persons FROM mo
     UNION ALL SELECT 'category', category, count(*)::int, sum(persons)::int FROM mo GROUP BY category
     UNION ALL SELECT 'status', status, count(*)::int, sum(persons)::int FROM mo GROUP BY status
     UNION ALL SELECT 'risk', r, count(*)::int, sum(persons)::int FROM mo, unnest(risk_types) r GROUP BY r
     ${childLength ? `UNION ALL SELECT 'region', substr(region_code, 1, ${childLength}), count(*)::int, sum(persons)::int FROM mo GROUP BY 2` : ''}`,
    [prefix, AS_OF],
  );
  return rows;
}

/** A value with its objects' keys in order (two overviews compared whatever order their figures were listed in). */
function sortKeys(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(sortKeys);
  if (v && typeof v === 'object') return Object.fromEntries(Object.entries(v).sort(([a], [b]) => a.localeCompare(b)).map(([k, x]) => [k, sortKeys(x)]));
  return v;
}

/** Differences between the overview's figures and the yardstick's (empty: equal). */
function compare(o: Overview, y: Awaited<ReturnType<typeof yardstick>>): string[] {
  const diffs: string[] = [];
  const same = (what: string, a: { households: number; persons: number } | undefined, b: { households: number; persons: number } | undefined) => {
    const x = a ?? { households: 0, persons: 0 };
    const z = b ?? { households: 0, persons: 0 };
    if (x.households !== z.households || x.persons !== z.persons) diffs.push(`${what}: overview ${x.households}/${x.persons}, GROUP BY ${z.households}/${z.persons}`);
  };
  const of = (kind: string, key: string | null) => y.find((r) => r.kind === kind && r.key === key);
  same('total', { households: o.monitoring.households, persons: o.monitoring.persons }, of('total', null));
  const keys = (kind: string, fromOverview: Record<string, unknown>) => new Set([...Object.keys(fromOverview), ...y.filter((r) => r.kind === kind).map((r) => r.key ?? '')]);
  for (const k of keys('category', o.monitoring.byCategory)) same(`category ${k}`, o.monitoring.byCategory[k], of('category', k));
  for (const k of keys('status', o.monitoring.byStatus)) same(`status ${k}`, o.monitoring.byStatus[k], of('status', k));
  for (const k of keys('risk', o.monitoring.byRiskType)) same(`risk ${k}`, o.monitoring.byRiskType[k], of('risk', k));
  for (const r of o.monitoring.byRegion) same(`region ${r.code}`, r, of('region', r.code.slice(0, y.find((x) => x.kind === 'region')?.key?.length ?? 0)));
  const regionTotal = y.filter((r) => r.kind === 'region').reduce((n, r) => n + r.households, 0);
  if (o.monitoring.byRegion.length > 0 && regionTotal !== o.monitoring.byRegion.reduce((n, r) => n + r.households, 0)) diffs.push('child regions: totals differ');
  return diffs;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? NaN;
const p95 = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(xs.length * 0.95))] ?? NaN;
const round = (n: number) => Math.round(n * 10) / 10;

async function timed<T>(run: () => Promise<T>): Promise<{ ms: number; value: T }> {
  const t0 = performance.now();
  const value = await run();
  return { ms: round(performance.now() - t0), value };
}

/**
 * What the summary's triggers cost the writes they follow, with and without them in the same run:
 * single-row helper assignments and member insertions (one statement each, as the app writes them)
 * and one bulk statement of members (as an import writes them). Done inside a transaction that is
 * rolled back (the triggers are disabled in it for the "without" side; DDL is transactional), so the
 * data are left as they were.
 */
async function writeCost(pool: Pool) {
  const client = await pool.connect();
  const singles = 300;
  const bulk = 20_000;
  // 'none': no triggers; 'summary': household_stats' only; 'all': also the change notes of the kept parts.
  const run = async (mode: 'none' | 'summary' | 'all') => {
    await client.query('BEGIN');
    try {
      for (const t of ['households', 'members', 'household_helpers', 'household_monitoring', 'household_stats']) {
        if (mode === 'none') await client.query(`ALTER TABLE ${t} DISABLE TRIGGER USER`);
        if (mode === 'summary' && t !== 'members') for (const op of ['insert', 'update', 'delete']) await client.query(`ALTER TABLE ${t} DISABLE TRIGGER stats_changed_${t}_${op}`);
      }
      const { rows: ids } = await client.query<{ id: string; county: string }>(`SELECT household_id AS id, county_code AS county FROM household_monitoring ORDER BY household_id LIMIT ${singles}`);
      let t0 = performance.now();
      for (const h of ids)
        await client.query(`INSERT INTO household_helpers (county_code, household_id, kind, name, assigned_on, assigned_by) VALUES ($1, $2, 'cadre', '帮扶人', '2026-11-01', 'bench')`, [h.county, h.id]);
      const helper = (performance.now() - t0) / ids.length;
      t0 = performance.now();
      for (const [i, h] of ids.entries())
        await client.query(
          `INSERT INTO members (household_id, county_code, name, id_enc, id_index, id_masked, sex, birth_year, relation) VALUES ($1, $2, '新成员', '\\x00', decode(md5('bench-w' || $3::text), 'hex'), '***', 'male', 2020, 'child')`,
          [h.id, h.county, i],
        );
      const member = (performance.now() - t0) / ids.length;
      t0 = performance.now();
      for (const h of ids) await client.query(`UPDATE household_monitoring SET per_capita_income = per_capita_income + 1 WHERE household_id = $1`, [h.id]);
      const monitoringUpdate = (performance.now() - t0) / ids.length;
      t0 = performance.now();
      await client.query(
        `INSERT INTO members (household_id, county_code, name, id_enc, id_index, id_masked, sex, birth_year, relation)
         SELECT h.id, h.county_code, '新成员', '\\x00', decode(md5('bench-b' || h.id || k), 'hex'), '***', 'male', 2020, 'child'
         FROM (SELECT id, county_code FROM households ORDER BY id LIMIT ${bulk / 4}) h, generate_series(1, 4) k`,
      );
      const bulkMs = performance.now() - t0;
      return { helperAssignmentMs: round(helper), memberInsertMs: round(member), monitoringUpdateMs: round(monitoringUpdate), [`bulkMembers${bulk}Ms`]: round(bulkMs) };
    } finally {
      await client.query('ROLLBACK');
    }
  };
  try {
    const without = await run('none');
    const summaryOnly = await run('summary');
    const all = await run('all');
    return { statementsEach: singles, withoutSummary: without, withSummary: summaryOnly, withSummaryAndChangeNotes: all };
  } finally {
    client.release();
  }
}

export async function benchStats(): Promise<object> {
  const scale: Scale = {
    persons: Number(process.env.BENCH_STATS_PERSONS ?? 10_000_000),
    monitored: Number(process.env.BENCH_STATS_MONITORED ?? 1_000_000),
    counties: Number(process.env.BENCH_STATS_COUNTIES ?? 100),
  };
  if (scale.counties < 1 || scale.counties > 990) throw new Error('BENCH_STATS_COUNTIES must be 1…990');
  const repeat = Number(process.env.BENCH_STATS_REPEAT ?? 10);
  const seconds = Number(process.env.BENCH_STATS_SECONDS ?? 30);
  const clients = Number(process.env.BENCH_STATS_CLIENTS ?? 20);
  const keep = process.env.BENCH_STATS_DIR;
  const only = process.env.BENCH_STATS_ONLY;
  if (only !== undefined && only !== 'reports') throw new Error('BENCH_STATS_ONLY must be reports (or unset)');
  const overviewToo = only === undefined;
  const dir = keep ?? makeReachableTempDir('fangpin-bench-stats-');
  const marker = path.join(dir, 'generated.json');
  const reuse = !!keep && fs.existsSync(marker);
  let pg = await startBenchPostgres(dir);
  let pool = createPool(pg.url, POOL_SIZE);
  try {
    let generated: { scale: Scale; ms: Record<string, number> };
    let migrationsMs: number | null = null;
    if (reuse) {
      generated = JSON.parse(fs.readFileSync(marker, 'utf8')) as typeof generated;
      process.stderr.write(`  reusing the database in ${dir} (${JSON.stringify(generated.scale)})\n`);
      // Migrations added since the database was generated (e.g. the summary's backfill) run here, timed.
      const t0 = performance.now();
      await runMigrations(pool);
      migrationsMs = Math.round(performance.now() - t0);
      process.stderr.write(`  migrations on the kept database: ${migrationsMs} ms\n`);
    } else {
      await runMigrations(pool);
      await ensureShippedRuleSets(pool);
      const t0 = performance.now();
      const ms = await generate(pool, scale);
      generated = { scale, ms: { ...ms, total: Math.round(performance.now() - t0) } };
      await pool.query(`INSERT INTO users (username, display_name, password_hash, role, region_code) VALUES ('bench-province-leader', '基准领导', 'x', 'leader', '450000000000')`);
      if (keep) fs.writeFileSync(marker, JSON.stringify(generated));
    }
    const { rows: counts } = await pool.query<Record<string, number>>(
      `SELECT (SELECT count(*) FROM regions WHERE level = 'county')::int AS counties, (SELECT count(*) FROM households)::int AS households, (SELECT count(*) FROM members)::int AS persons,
         (SELECT count(*) FROM household_monitoring)::int AS monitored, (SELECT count(*) FROM household_helpers)::int AS helpers, (SELECT count(*) FROM household_measures)::int AS measures,
         (SELECT count(*) FROM helper_visits)::int AS "helperVisits", (SELECT count(*) FROM clues)::int AS clues, (SELECT count(*) FROM cases)::int AS cases,
         (SELECT count(*) FROM hotline_calls)::int AS "hotlineCalls", (SELECT count(*) FROM warnings)::int AS warnings`,
    );
    const { rows: userRows } = await pool.query<{ id: string }>(`SELECT id FROM users WHERE username = 'bench-province-leader'`);
    const leader: Actor = { userId: userRows[0]!.id, username: 'bench-province-leader', role: 'leader', regionCode: '450000000000' };
    const { rows: picks } = await pool.query<{ county: string; village: string }>(
      `SELECT (SELECT code FROM regions WHERE level = 'county' ORDER BY code LIMIT 1) AS county, (SELECT code FROM regions WHERE level = 'village' ORDER BY code LIMIT 1) AS village`,
    );
    const scopes = [
      { label: 'province', regionCode: '450000000000', prefix: '45', child: 4 },
      { label: 'county', regionCode: picks[0]!.county, prefix: picks[0]!.county.slice(0, 6), child: 9 },
      { label: 'village', regionCode: picks[0]!.village, prefix: picks[0]!.village, child: null },
    ];
    const overview = (regionCode: string) => showOverview(pool, leader, TODAY, { regionCode, asOf: AS_OF });
    const report = (regionCode: string, name: (typeof REPORT_NAMES)[number]) => exportReport(pool, leader, TODAY, name, { regionCode, asOf: AS_OF });

    // Cold: restart PostgreSQL (empty shared buffers, no cached plans), then the first call of each.
    const restart = async () => {
      await pool.end();
      await pg.stop();
      pg = await startBenchPostgres(dir);
      pool = createPool(pg.url, POOL_SIZE);
    };
    const results: Record<string, unknown>[] = [];
    const checks: Record<string, string[]> = {};
    // The overview is added up from kept county parts (docs/statistics.md "Kept results"). Per scope:
    // first: no kept parts (each county computed, then kept); cold: PostgreSQL restarted, the kept
    // parts on disk; warm: asked again; afterWrite: asked again after one write in one county (that
    // county recomputed); straight: the figures from the base tables without kept parts (the way
    // before, and the reference the kept figures must equal).
    const oneWrite = async (county: string) =>
      pool.query(`UPDATE household_monitoring SET per_capita_income = per_capita_income WHERE household_id = (SELECT household_id FROM household_monitoring WHERE county_code = $1 LIMIT 1)`, [county]);
    for (const s of overviewToo ? scopes : []) {
      // None of the scope's parts kept (the province: none at all; a village is computed straight, it has none).
      if (s.label === 'province') await pool.query(`DELETE FROM stats_parts`);
      if (s.label === 'county') await pool.query(`DELETE FROM stats_parts WHERE county_code = $1`, [s.prefix]);
      const first = await timed(() => overview(s.regionCode));
      // More counties missing than a request computes: the first was computed straight; its parts are kept in the background.
      const kept = await timed(() => settleKeptParts());
      await restart();
      const cold = await timed(() => overview(s.regionCode));
      const warm: number[] = [];
      for (let i = 0; i < repeat; i++) warm.push((await timed(() => overview(s.regionCode))).ms);
      // Dates nobody asked before (a leader picking a day on the dashboard): read from the counties'
      // timelines, kept in the background after the first read; the first two checked against the
      // figures computed straight for that date (seconds each at the province).
      const newDates: { asOf: string; ms: number }[] = [];
      const newDateChecks: string[] = [];
      for (const [i, asOf] of (s.label === 'village' ? [] : NEW_DATES).entries()) {
        const read = await timed(() => showOverview(pool, leader, TODAY, { regionCode: s.regionCode, asOf }));
        newDates.push({ asOf, ms: read.ms });
        if (i >= 2 && s.label === 'province') continue;
        const straightThen = await showOverview(pool, leader, TODAY, { regionCode: s.regionCode, asOf }, { keptParts: false });
        if (JSON.stringify(sortKeys(read.value)) !== JSON.stringify(sortKeys(straightThen))) newDateChecks.push(`the overview as of ${asOf} (a new date) differs from the one computed straight`);
      }
      const afterWrite: number[] = [];
      // Reads that computed some counties and read the others kept: checked against the straight figures below (the writes change no figure).
      const mixed: { what: string; value: Overview; asOf?: string }[] = [];
      for (let i = 0; i < 3; i++) {
        await oneWrite(picks[0]!.county.slice(0, 6)); // the county of the county and village scopes, one of the province's
        const read = await timed(() => overview(s.regionCode));
        afterWrite.push(read.ms);
        mixed.push({ what: 'after one write', value: read.value });
      }
      // A working day at the province: writes in n counties since the last read, then the province's overview (parts kept before each round).
      const afterWritesIn: Record<string, number> = {};
      let afterRefresh: { counties: number; refreshMs: number; timelinesKept: number; newDateReadMs: number } | null = null;
      if (s.label === 'province') {
        const { rows: countyRows } = await pool.query<{ code: string }>(`SELECT substr(code, 1, 6) AS code FROM regions WHERE level = 'county' ORDER BY code`);
        for (const n of [5, 20, 40, 80]) {
          await overview(s.regionCode);
          await settleKeptParts();
          for (const c of countyRows.slice(0, n)) await oneWrite(c.code);
          const read = await timed(() => overview(s.regionCode));
          afterWritesIn[n] = read.ms;
          mixed.push({ what: `after writes in ${n} counties`, value: read.value });
        }
        await settleKeptParts();
        // The server's refresh (every FANGPIN_STATS_REFRESH_SECONDS) after writes in 20 counties keeps
        // their timelines again (its timelines' part: the month's report parts would spoil the
        // reports' first reads below): then the province of a date nobody asked.
        for (const c of countyRows.slice(0, 20)) await oneWrite(c.code);
        const refreshed = await timed(() => refreshTimelines(pool, TODAY));
        const read = await timed(() => showOverview(pool, leader, TODAY, { regionCode: s.regionCode, asOf: AFTER_REFRESH_DATE }));
        afterRefresh = { counties: 20, refreshMs: refreshed.ms, timelinesKept: refreshed.value, newDateReadMs: read.ms };
        mixed.push({ what: 'after the refresh', value: read.value, asOf: AFTER_REFRESH_DATE });
      }
      const straight = await timed(() => showOverview(pool, leader, TODAY, { regionCode: s.regionCode, asOf: AS_OF }, { keptParts: false }));
      const y = await timed(() => yardstick(pool, s.prefix, s.child));
      const yWarm = (await timed(() => yardstick(pool, s.prefix, s.child))).ms;
      checks[s.label] = [...compare(cold.value, y.value), ...newDateChecks];
      if (JSON.stringify(sortKeys(cold.value)) !== JSON.stringify(sortKeys(straight.value))) checks[s.label]!.push('kept parts: the overview differs from the one computed straight from the base tables');
      for (const m of mixed) {
        const reference = m.asOf ? await showOverview(pool, leader, TODAY, { regionCode: s.regionCode, asOf: m.asOf }, { keptParts: false }) : straight.value;
        if (JSON.stringify(sortKeys(m.value)) !== JSON.stringify(sortKeys(reference))) checks[s.label]!.push(`kept and computed parts (${m.what}): the overview differs from the one computed straight`);
      }
      results.push({
        what: 'overview',
        scope: s.label,
        regionCode: s.regionCode,
        firstMs: first.ms,
        partsKeptInBackgroundMs: kept.ms,
        coldMs: cold.ms,
        warmMedianMs: round(median(warm)),
        warmP95Ms: round(p95(warm)),
        ...(newDates.length ? { newDateMs: newDates, newDateMaxMs: Math.max(...newDates.map((d) => d.ms)) } : {}),
        afterOneWriteMedianMs: round(median(afterWrite)),
        ...(s.label === 'province' ? { afterWritesInCountiesMs: afterWritesIn, afterRefresh } : {}),
        straightWarmMs: straight.ms,
        yardstickGroupByColdMs: y.ms,
        yardstickGroupByWarmMs: yWarm,
        households: cold.value.monitoring.households,
      });
      process.stderr.write(
        `  overview ${s.label.padEnd(8)} first ${first.ms} ms (parts kept ${kept.ms} ms later), cold ${cold.ms} ms, warm p50 ${round(median(warm))} p95 ${round(p95(warm))} ms, ${newDates.length ? `new dates ${newDates.map((d) => d.ms).join('/')} ms, ` : ''}after one write ${round(median(afterWrite))} ms${s.label === 'province' ? `, after writes in ${Object.entries(afterWritesIn).map(([n, ms]) => `${n} counties ${ms} ms`).join(', ')}${afterRefresh ? `; writes in 20 counties, refresh ${afterRefresh.refreshMs} ms (${afterRefresh.timelinesKept} timelines), then a new date ${afterRefresh.newDateReadMs} ms` : ''}` : ''}; straight ${straight.ms} ms; GROUP BY ${y.ms}/${yWarm} ms; check ${checks[s.label]!.length ? 'FAILED' : 'ok'}\n`,
      );
    }
    // Where the province's overview spends its time: each of its queries alone (warm, one call each).
    const overviewByQuery = async () => {
      const region = await resolveStatsRegion(pool, leader, '450000000000');
      const w = { scope: region.scope, prefix: region.prefix, asOf: AS_OF };
      const parts: Record<string, number> = {
        monitoringFigures: (await timed(() => monitoringFigures(pool, w, 4))).ms,
        monthlyTrend: (await timed(() => monthlyTrend(pool, w))).ms,
        funnelFigures: (await timed(() => funnelFigures(pool, w))).ms,
        openCaseFigures: (await timed(() => openCaseFigures(pool, region.scope, region.prefix, TODAY, 3))).ms,
        warningFigures: (await timed(() => warningFigures(pool, w))).ms,
        visitIntervals: (await timed(() => regionVisitIntervals(pool, region, TODAY))).ms,
      };
      const intervals = await regionVisitIntervals(pool, region, TODAY);
      parts['visitCounts'] = (await timed(() => deadlineCounts(pool, { scope: region.scope, prefix: region.prefix, today: TODAY, dueSoonDays: 3, openEliminationSteps: [], visitIntervals: intervals }, ['helperVisit']))).ms;
      process.stderr.write(`  province overview by query: ${JSON.stringify(parts)}\n`);
      return parts;
    };
    const parts = overviewToo ? await overviewByQuery() : null;

    // Reports as the overview: first (no kept parts of the report), cold (restarted, parts kept), warm, and straight (no kept parts at all).
    for (const s of scopes) {
      await pool.query(`DELETE FROM stats_parts WHERE kind LIKE 'report:%'`);
      const first: Record<string, number> = {};
      for (const name of REPORT_NAMES) first[name] = (await timed(() => report(s.regionCode, name))).ms;
      await settleKeptParts();
      await restart();
      for (const name of REPORT_NAMES) {
        const cold = await timed(() => report(s.regionCode, name));
        const warm: number[] = [];
        for (let i = 0; i < Math.min(repeat, 3); i++) warm.push((await timed(() => report(s.regionCode, name))).ms);
        const straight = await timed(() => exportReport(pool, leader, TODAY, name, { regionCode: s.regionCode, asOf: AS_OF }, { keptParts: false }));
        if (!straight.value.buffer.equals(cold.value.buffer)) {
          // The workbooks carry no time stamp of their own beyond the day: equal figures give equal bytes; compare the cells when they differ.
          const cells = async (b: Buffer) => {
            const wb = new ExcelJS.Workbook();
            await wb.xlsx.load(b as unknown as ArrayBuffer);
            return JSON.stringify(wb.worksheets[0]!.getSheetValues());
          };
          if ((await cells(straight.value.buffer)) !== (await cells(cold.value.buffer))) (checks[s.label] ??= []).push(`${name}.xlsx: kept parts differ from the straight computation`);
        }
        results.push({ what: `${name}.xlsx`, scope: s.label, firstMs: first[name], coldMs: cold.ms, warmMedianMs: round(median(warm)), straightMs: straight.ms, bytes: cold.value.buffer.length });
        process.stderr.write(`  ${name.padEnd(18)} ${s.label.padEnd(8)} first ${first[name]} ms, cold ${cold.ms} ms, warm p50 ${round(median(warm))} ms, straight ${straight.ms} ms\n`);
        if (name === 'monitoring-objects') {
          const wb = new ExcelJS.Workbook();
          await wb.xlsx.load(cold.value.buffer as unknown as ArrayBuffer);
          const sheet = wb.worksheets[0]!;
          const total = (sheet.getRow(sheet.rowCount).values as unknown[]).slice(1);
          const y = await yardstick(pool, s.prefix, null);
          const t = y.find((r) => r.kind === 'total')!;
          if (total[1] !== t.households || total[2] !== t.persons) (checks[s.label] ??= []).push(`monitoring-objects.xlsx 合计 ${String(total[1])}/${String(total[2])}, GROUP BY ${t.households}/${t.persons}`);
        }
        if (name === 'eliminations') {
          // 合计: eliminated (households, persons), …, stable, tracking, rolled back (households, persons), still monitored (households, persons).
          const wb = new ExcelJS.Workbook();
          await wb.xlsx.load(cold.value.buffer as unknown as ArrayBuffer);
          const sheet = wb.worksheets[0]!;
          const total = (sheet.getRow(sheet.rowCount).values as unknown[]).slice(1);
          const y = await yardstick(pool, s.prefix, null);
          const st = (k: string) => y.find((r) => r.kind === 'status' && r.key === k) ?? { households: 0, persons: 0 };
          const [stable, tracking, rolledBack, monitoring] = [st('eliminatedStable'), st('eliminatedTracking'), st('rolledBack'), st('monitoring')];
          const expected = [
            stable.households + tracking.households,
            stable.persons + tracking.persons,
            stable.households,
            tracking.households,
            rolledBack.households,
            rolledBack.persons,
            monitoring.households + rolledBack.households,
            monitoring.persons + rolledBack.persons,
          ];
          const got = [total[1], total[2], total[6], total[7], total[8], total[9], total[10], total[11]];
          if (got.some((v, i) => v !== expected[i])) (checks[s.label] ??= []).push(`eliminations.xlsx 合计 ${got.join('/')}, GROUP BY ${expected.join('/')}`);
        }
      }
    }

    // 20 dashboard users at once: province, counties and villages mixed, each asking again when answered.
    const dashboardUsers = async () => {
      const { rows: mix } = await pool.query<{ code: string }>(
        `(SELECT code FROM regions WHERE level = 'county' ORDER BY code LIMIT 8) UNION ALL (SELECT code FROM regions WHERE level = 'village' ORDER BY code DESC LIMIT 8)`,
      );
      const regions = ['450000000000', '450000000000', '450000000000', '450000000000', ...mix.map((r) => r.code)];
      const latencies: number[] = [];
      let errors = 0;
      const deadline = performance.now() + seconds * 1000;
      await Promise.all(
        Array.from({ length: clients }, async (_, c) => {
          let n = c;
          while (performance.now() < deadline) {
            const t0 = performance.now();
            try {
              await overview(regions[n++ % regions.length]!);
              latencies.push(performance.now() - t0);
            } catch {
              errors++;
            }
          }
        }),
      );
      const concurrent = { clients, seconds, requests: latencies.length, throughput: round(latencies.length / seconds), p50Ms: round(median(latencies)), p95Ms: round(p95(latencies)), maxMs: round(Math.max(...latencies)), errors };
      process.stderr.write(`  ${clients} dashboard users for ${seconds} s: ${concurrent.throughput} req/s, p50 ${concurrent.p50Ms} ms, p95 ${concurrent.p95Ms} ms, errors ${errors}\n`);
      return concurrent;
    };
    const concurrent = overviewToo ? await dashboardUsers() : null;

    // The per-household summary against a GROUP BY over households, members and helpers (every household).
    const summaryAndWrites = async () => {
      const verified = await timed(() => verifyHouseholdStats(pool));
      checks['household_stats'] = verified.value.mismatches.map((m) => `${m.householdId}: summary ${JSON.stringify(m.summary)}, base tables ${JSON.stringify(m.base)}`);
      process.stderr.write(`  household_stats verify: ${verified.value.households} households, ${verified.value.mismatched} differ (${verified.ms} ms)\n`);
      const writes = await writeCost(pool);
      process.stderr.write(`  cost on writes: ${JSON.stringify(writes)}\n`);
      return { verifiedMs: verified.ms, writes };
    };
    const summary = overviewToo ? await summaryAndWrites() : null;

    const province = results.find((r) => r.what === 'overview' && r.scope === 'province');
    const reports = results.filter((r) => String(r.what).endsWith('.xlsx'));
    const targets = {
      ...(province && {
        provinceOverviewWarmP95Under100Ms: (province.warmP95Ms as number) <= 100,
        provinceOverviewColdUnder1s: (province.coldMs as number) <= 1000,
        provinceOverviewOfNewDatesUnder1s: (province.newDateMaxMs as number) <= 1000,
      }),
      everyXlsxUnder3s: reports.every((r) => (r.coldMs as number) <= 3000 && (r.warmMedianMs as number) <= 3000),
      everyXlsxUnder3sWithoutKeptParts: reports.every((r) => (r.firstMs as number) <= 3000),
      figuresEqualGroupBy: Object.values(checks).every((d) => d.length === 0),
    };
    const failed = Object.entries(checks).filter(([, d]) => d.length > 0);
    if (failed.length) process.stderr.write(`  CHECK FAILED: ${JSON.stringify(Object.fromEntries(failed))}\n`);
    return {
      name: 'stats',
      measuredThrough: 'use cases showOverview / exportReport (no HTTP), pool of 10',
      cold: 'first call after the bench PostgreSQL restarted (shared buffers empty; OS page cache not dropped); for the overview, with the kept parts of an earlier call on disk (firstMs: none kept)',
      yardstick: 'a straightforward GROUP BY over household_monitoring, households and members (figures checked, time reported)',
      scale,
      generated: generated.ms,
      counts: counts[0],
      asOf: AS_OF,
      today: TODAY,
      results,
      provinceOverviewByQueryMs: parts,
      concurrent,
      migrationsMs,
      summaryVerifyMs: summary?.verifiedMs ?? null,
      writeCost: summary?.writes ?? null,
      checks,
      targets,
    };
  } finally {
    await pool.end();
    await pg.stop();
    if (!keep) fs.rmSync(dir, { recursive: true, force: true });
  }
}
