import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildCounty, buildHousehold, buildUserAndLogin, type BuiltHousehold, type TestCounty } from '../../../test/factories.ts';
import { tempFile } from '../../../test/registry-files.ts';
import { runCli } from '../../../test/run-cli.ts';
import { createScratchDatabase, type ScratchDatabase } from '../../../test/scratch-db.ts';
import { createTestContext, type TestContext } from '../../../test/test-app.ts';
import { SYSTEM_ACTOR } from '../audit/record-audit.ts';
import { importDepartmentFile } from './import-department.ts';
import { recompareSource } from './recompare-source.ts';
import { retireDepartmentRows } from './retire-rows.ts';
import { listRowPartitions } from './row-partitions.ts';

/**
 * Issue 16 item 3 (c): retention drops whole monthly partitions of department_rows past the
 * setting, keeps the rows that are evidence of a protected warning (open, its case running, or its
 * household still monitored), and leaves the evidence of everything kept as it was. In a database of
 * its own: retirement drops partitions every test file of the run would share.
 */
let db: ScratchDatabase;
let ctx: TestContext;
let county: TestCounty;
let monitor: { cookie: string };
/** Warned households: open (kept), answered "no risk" (not kept), per-record and still monitored (kept), per-record and done (not kept), recent (untouched). */
const h: Record<'open' | 'answered' | 'monitored' | 'done' | 'recent' | 'later', BuiltHousehold> = {} as never;
const batches: Record<string, string> = {};
const warningOf: Record<string, string> = {};

const deps = (today: string) => ({ pool: ctx.pool, cipher: ctx.cipher, today });
const csv = (header: string[], lines: string[][]) => {
  const file = tempFile('department.csv');
  fs.writeFileSync(file, [header, ...lines].map((l) => l.join(',')).join('\n'));
  return file;
};
const medical = (lines: [BuiltHousehold, string, string][]) =>
  csv(['身份证号码', '姓名', '结算日期', '个人自付'], lines.map(([hh, date, amount]) => [hh.members[0]!.idNumber, '甲', date, amount]));
const housing = (lines: [BuiltHousehold, string][]) => csv(['身份证号码', '姓名', '鉴定日期'], lines.map(([hh, date]) => [hh.members[0]!.idNumber, '乙', date]));

/** What the warning's 查看依据 shows (GET /api/warnings/:id/rows). */
const evidence = async (household: keyof typeof h) => {
  const res = await ctx.app.inject({ url: `/api/warnings/${warningOf[household]}/rows`, headers: { cookie: monitor.cookie } });
  expect(res.statusCode).toBe(200);
  return res.json().items as { batchId: string; eventDate: string; amount: number }[];
};
const partitionNames = async () => (await listRowPartitions(db.app)).map((p) => p.name);
const rowCount = async () => (await db.app.query<{ n: number }>('SELECT count(*)::int AS n FROM department_rows')).rows[0]!.n;
const retirements = async () => (await db.app.query(`SELECT actor_username, details FROM audit_log WHERE action = 'department.rowsRetired' ORDER BY id`)).rows;

beforeAll(async () => {
  db = await createScratchDatabase();
  ctx = await createTestContext({}, { databaseUrl: db.appUrl });
  county = await buildCounty(ctx.pool);
  for (const k of Object.keys({ open: 0, answered: 0, monitored: 0, done: 0, recent: 0, later: 0 }) as (keyof typeof h)[]) {
    h[k] = await buildHousehold(ctx, { villageCode: county.villages[0]!.code, type: 'ordinary' });
  }
  monitor = await buildUserAndLogin(ctx, { role: 'county-monitor', regionCode: county.code });
  const clerk = { ...SYSTEM_ACTOR, regionCode: county.code };
  // 2022-03: two households over the medical line; 2022-06: two unsafe houses; 2023-01: one more settlement
  // of the open household; 2025-11: a recent household. Each batch lands in its month's partition.
  const imports: [string, string, string][] = [
    ['march2022', '2022-03-10', medical([[h.open, '2021-06-01', '12000'], [h.answered, '2021-07-01', '11000']])],
    ['june2022', '2022-06-10', housing([[h.monitored, '2022-06-01'], [h.done, '2022-06-02']])],
    ['jan2023', '2023-01-10', medical([[h.later, '2022-12-20', '300']])],
    ['nov2025', '2025-11-10', medical([[h.recent, '2025-10-01', '15000']])],
  ];
  for (const [name, today, file] of imports) {
    const source = name === 'june2022' ? 'housing' : 'medical';
    batches[name] = (await importDepartmentFile(deps(today), clerk, source, file)).batchId;
  }
  const { rows } = await ctx.pool.query<{ id: string; household_id: string }>(`SELECT id, household_id FROM warnings WHERE county_code = $1`, [county.countyCode]);
  for (const k of Object.keys(h) as (keyof typeof h)[]) {
    const w = rows.find((r) => r.household_id === h[k].id);
    if (w) warningOf[k] = w.id;
  }
  // The village answered two of them; one household became a monitoring object, still monitored.
  await ctx.pool.query(`UPDATE warnings SET status = 'noRisk' WHERE id = ANY($1::uuid[])`, [[warningOf.answered, warningOf.done]]);
  await ctx.pool.query(`UPDATE warnings SET status = 'riskConfirmed' WHERE id = $1`, [warningOf.monitored]);
  await ctx.pool.query(`INSERT INTO household_monitoring (household_id, county_code, income_year, per_capita_income) VALUES ($1, $2, 2022, 5000)`, [h.monitored.id, county.countyCode]);
}, 120_000);

afterAll(async () => {
  await db?.drop();
});

describe('department rows are stored by the month their batch was received', () => {
  it('an import into a month with no partition yet makes it (and the next), and its rows land there', async () => {
    expect(await partitionNames()).toEqual([
      'department_rows_2022_03', 'department_rows_2022_04', 'department_rows_2022_06', 'department_rows_2022_07',
      'department_rows_2023_01', 'department_rows_2023_02', 'department_rows_2025_11', 'department_rows_2025_12',
    ]);
    const { rows } = await db.app.query(`SELECT tableoid::regclass::text AS partition, compared_on::text AS "comparedOn", count(*)::int AS n FROM department_rows WHERE batch_id = $1 GROUP BY 1, 2`, [batches.june2022]);
    expect(rows).toEqual([{ partition: 'department_rows_2022_06', comparedOn: '2022-06-10', n: 2 }]);
    expect(Object.keys(warningOf).sort()).toEqual(['answered', 'done', 'monitored', 'open', 'recent']);
  });

  it('the recomparison reads only the partitions of its window', async () => {
    const { rows } = await db.owner.query<{ 'QUERY PLAN': string }>(
      `EXPLAIN SELECT household_id, sum(amount_fen) FROM department_rows r WHERE r.source = 'medical' AND r.fate = 'matched' AND r.compared_on > '2024-12-01' AND r.event_date > '2024-12-01' AND r.event_date <= '2025-12-01' GROUP BY 1`,
    );
    const plan = rows.map((r) => r['QUERY PLAN']).join('\n');
    expect(plan).toContain('department_rows_2025_11');
    expect(plan).not.toMatch(/department_rows_202[23]_/);
  });
});

describe('retiring department rows past retention', () => {
  let before: Record<string, Awaited<ReturnType<typeof evidence>>>;
  beforeAll(async () => {
    before = {};
    for (const k of Object.keys(warningOf) as (keyof typeof h)[]) before[k] = await evidence(k);
    expect(before.open).toHaveLength(1);
    expect(before.monitored).toHaveLength(1);
  });

  it('refuses a retention shorter than the rolling window', async () => {
    await expect(retireDepartmentRows(db.owner, SYSTEM_ACTOR, { today: '2026-01-15', retentionMonths: 11 })).rejects.toMatchObject({ code: 'VALIDATION_FAILED' });
  });

  it('a dry run says what would go and what would be kept, and changes nothing', async () => {
    const rowsBefore = await rowCount();
    const r = await retireDepartmentRows(db.owner, SYSTEM_ACTOR, { today: '2026-01-15', retentionMonths: 36, dryRun: true });
    // Cut-off 2023-01-15: every month whose last day is before it goes; 2023-01 holds a row received on the 10th, yet stays whole.
    expect(r).toMatchObject({ isDryRun: true, cutoff: '2023-01-15', keptRows: 2, keptForWarnings: 2, removedRows: 2, batchesRetired: 2 });
    expect(r.dropped).toEqual([
      { partition: 'department_rows_2022_03', from: '2022-03-01', to: '2022-04-01', rows: 2, batches: 1 },
      { partition: 'department_rows_2022_04', from: '2022-04-01', to: '2022-05-01', rows: 0, batches: 0 },
      { partition: 'department_rows_2022_06', from: '2022-06-01', to: '2022-07-01', rows: 2, batches: 1 },
      { partition: 'department_rows_2022_07', from: '2022-07-01', to: '2022-08-01', rows: 0, batches: 0 },
    ]);
    expect(r.remaining.map((p) => p.partition)).toEqual(['department_rows_kept', 'department_rows_2023_01', 'department_rows_2023_02', 'department_rows_2025_11', 'department_rows_2025_12']);
    expect(await partitionNames()).toContain('department_rows_2022_03');
    expect(await rowCount()).toBe(rowsBefore);
    expect(await retirements()).toEqual([]);
    expect((await db.app.query(`SELECT count(*)::int AS n FROM department_batches WHERE rows_retired_on IS NOT NULL`)).rows[0].n).toBe(0);
  });

  it('drops the months past retention whole, keeps the evidence of the protected warnings, and audits it', async () => {
    const r = await retireDepartmentRows(db.owner, SYSTEM_ACTOR, { today: '2026-01-15', retentionMonths: 36 });
    expect(r).toMatchObject({ isDryRun: false, keptRows: 2, keptForWarnings: 2, removedRows: 2, batchesRetired: 2 });
    expect(await partitionNames()).toEqual(['department_rows_kept', 'department_rows_2023_01', 'department_rows_2023_02', 'department_rows_2025_11', 'department_rows_2025_12']);
    // The open warning's and the monitored household's evidence is shown as before; the answered ones' is gone.
    expect(await evidence('open')).toEqual(before.open);
    expect(await evidence('monitored')).toEqual(before.monitored);
    expect(await evidence('answered')).toEqual([]);
    expect(await evidence('done')).toEqual([]);
    // Rows received within retention are untouched, and so is the evidence resting on them.
    expect(await evidence('recent')).toEqual(before.recent);
    expect((await db.app.query(`SELECT count(*)::int AS n FROM department_rows WHERE batch_id = ANY($1::uuid[])`, [[batches.jan2023, batches.nov2025]])).rows[0].n).toBe(2);
    // The batches keep their counts, marked retired.
    const { rows: retired } = await db.app.query(`SELECT id, rows, rows_retired_on::text AS "retiredOn" FROM department_batches WHERE rows_retired_on IS NOT NULL ORDER BY compared_on`);
    expect(retired).toEqual([
      { id: batches.march2022, rows: 2, retiredOn: '2026-01-15' },
      { id: batches.june2022, rows: 2, retiredOn: '2026-01-15' },
    ]);
    const audit = await retirements();
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ actor_username: 'system', details: { retentionMonths: 36, cutoff: '2023-01-15', keptRows: 2, removedRows: 2, batchesRetired: 2 } });
    expect(audit[0].details.dropped.map((p: { partition: string }) => p.partition)).toEqual(['department_rows_2022_03', 'department_rows_2022_04', 'department_rows_2022_06', 'department_rows_2022_07']);
    // Nothing more is past retention that day.
    expect(await retireDepartmentRows(db.owner, SYSTEM_ACTOR, { today: '2026-01-15', retentionMonths: 36 })).toMatchObject({ dropped: [], keptRows: 0 });
    expect(await retirements()).toHaveLength(1);
  });

  it('a month later, the kept rows of a warning no longer protected go with the next month retired', async () => {
    await ctx.pool.query(`UPDATE warnings SET status = 'noRisk' WHERE id = $1`, [warningOf.open]);
    const r = await retireDepartmentRows(db.owner, SYSTEM_ACTOR, { today: '2026-02-15', retentionMonths: 36 });
    expect(r.dropped.map((p) => [p.partition, p.rows])).toEqual([
      ['department_rows_kept', 2],
      ['department_rows_2023_01', 1],
    ]);
    expect(r).toMatchObject({ keptRows: 1, keptForWarnings: 1, removedRows: 2, batchesRetired: 1 });
    expect(await partitionNames()).toEqual(['department_rows_kept', 'department_rows_2023_02', 'department_rows_2025_11', 'department_rows_2025_12']);
    expect(await evidence('open')).toEqual([]);
    expect(await evidence('monitored')).toEqual(before.monitored);
    expect(await evidence('recent')).toEqual(before.recent);
    const { rows } = await db.owner.query(`SELECT pg_get_expr(relpartbound, oid) AS bound FROM pg_class WHERE relname = 'department_rows_kept'`);
    expect(rows[0].bound).toBe("FOR VALUES FROM (MINVALUE) TO ('2023-02-01')");
  });

  it("an import dated in a month already retired (a clock set back) goes to the kept rows' partition", async () => {
    const clerk = { ...SYSTEM_ACTOR, regionCode: county.code };
    const r = await importDepartmentFile(deps('2022-05-10'), clerk, 'medical', medical([[h.later, '2022-05-01', '100']]));
    const { rows } = await db.app.query(`SELECT tableoid::regclass::text AS partition FROM department_rows WHERE batch_id = $1`, [r.batchId]);
    expect(rows).toEqual([{ partition: 'department_rows_kept' }]);
    expect(await partitionNames()).not.toContain('department_rows_2022_05');
  });

  it('the recomparison after retirement judges the rows within retention as before', async () => {
    expect(await recompareSource({ pool: ctx.pool, cipher: ctx.cipher, today: '2026-02-15' }, 'medical', county.countyCode)).toEqual({ households: 1, warnings: 1, newWarnings: 1 });
  });

  it('fangpin department retire --dry-run --json, as the schema owner, with the configured retention', async () => {
    const r = await runCli(db.appUrl, ['department', 'retire', '--dry-run', '--json'], { env: { DATABASE_OWNER_URL: db.ownerUrl, FANGPIN_DEPARTMENT_RETENTION_MONTHS: '12' } });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout);
    // Today (the real date) less 12 months: at least 2025-11 and everything older is past it.
    expect(out).toMatchObject({ isDryRun: true, retentionMonths: 12 });
    expect(out.dropped.map((p: { partition: string }) => p.partition)).toEqual(expect.arrayContaining(['department_rows_kept', 'department_rows_2023_02']));
    expect(await partitionNames()).toContain('department_rows_2023_02');
    const refused = await runCli(db.appUrl, ['department', 'retire', '--json'], { env: { FANGPIN_DEPARTMENT_RETENTION_MONTHS: '12' } });
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('needs the schema owner');
  });
});
