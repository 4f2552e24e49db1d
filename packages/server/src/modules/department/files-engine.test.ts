import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { idChecksumChar } from '@fangpin/domain';
import iconv from 'iconv-lite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildCounty, buildHousehold, buildUserAndLogin, makeIdNumber, type BuiltHousehold, type TestCounty } from '../../../test/factories.ts';
import { tempFile } from '../../../test/registry-files.ts';
import { createScratchDatabase, type ScratchDatabase } from '../../../test/scratch-db.ts';
import { createTestContext, type TestContext } from '../../../test/test-app.ts';
import { SYSTEM_ACTOR } from '../audit/record-audit.ts';
import { backupDatabase, restoreDatabase } from '../backup/backup.ts';
import { openDuck, sweepOrphans } from './duck.ts';
import { importDepartmentFile } from './import-department.ts';
import { recompareSource } from './recompare-source.ts';
import { retireDepartmentRows } from './retire-rows.ts';
import { fetchRowFiles } from './row-files.ts';

/**
 * Issue 16 item 2: the files engine (fast-import.ts, docs/department-rows.md). A large plain UTF-8
 * CSV of the medical source is read by DuckDB and its rows go to a Parquet file with the batch; the
 * same file read the general way must give the same counts, errors, rows with their fates and
 * warnings. Rolling sums, the re-comparison, retention and backup then work over both stores. In a
 * database of its own: it deletes batches and retires months.
 */
let db: ScratchDatabase;
let ctx: TestContext;
let county: TestCounty;
let poor: BuiltHousehold;
let ordinary: BuiltHousehold;
let quiet: BuiltHousehold;
const TODAY = '2026-11-29';
const deps = (today = TODAY) => ({ pool: ctx.pool, cipher: ctx.cipher, today });
const HEADER = ['身份证号码', '姓名', '结算日期', '医疗总费用', '个人自付'];
/** An ID of 17 digits with its right GB 11643 check character. */
const withCheck = (first17: string) => first17 + idChecksumChar(first17);

/** A plain UTF-8 CSV (no quotes), with a title row above the header; `bom` adds Excel's byte-order mark. */
function plainCsv(lines: string[][], options: { bom?: boolean; crlf?: boolean } = {}): string {
  const file = tempFile('medical.csv');
  const text = ['医保结算明细（2026年）', HEADER.join(','), ...lines.map((l) => l.join(','))].join(options.crlf ? '\r\n' : '\n') + (options.crlf ? '\r\n' : '\n');
  fs.writeFileSync(file, (options.bom ? '\ufeff' : '') + text);
  return file;
}

type StoredRow = { seq: number; row: number; fate: string; error_code: string | null; error_column: string | null; error_message: string | null; id_index: string | null; id_masked: string | null; member_id: string | null; household_id: string | null; county_code: string | null; event_date: string | null; amount_fen: number | null; values: unknown };

/** Every row of a files batch, read back from its Parquet file. */
async function fileRows(batchId: string): Promise<StoredRow[]> {
  const duck = await openDuck('test');
  const client = await ctx.pool.connect();
  try {
    const files = await fetchRowFiles(client, [batchId], duck.dir);
    const rows = await duck.all<StoredRow & { values: string }>(
      `SELECT seq, "row", fate, error_code, error_column, error_message, lpad(lower(hex(k1)), 16, '0') || lpad(lower(hex(k2)), 16, '0') AS id_index, id_masked, member_id::VARCHAR AS member_id, household_id::VARCHAR AS household_id,
         county_code, strftime(event_date, '%Y-%m-%d') AS event_date, amount_fen, "values" FROM read_parquet([${files.map((f) => `'${f}'`).join(', ')}]) ORDER BY seq`,
    );
    return rows.map((r) => ({ ...r, values: JSON.parse(r.values) as unknown }));
  } finally {
    client.release();
    duck.close();
  }
}

/** Every row of a table batch. */
async function tableRows(batchId: string): Promise<StoredRow[]> {
  const { rows } = await ctx.pool.query<StoredRow>(
    `SELECT seq, row, fate, error_code, error_column, error_message, encode(id_index, 'hex') AS id_index, id_masked, member_id::text AS member_id, household_id::text AS household_id,
       county_code, event_date::text AS event_date, amount_fen, "values" FROM department_rows WHERE batch_id = $1 ORDER BY seq`,
    [batchId],
  );
  return rows;
}

const warningsOf = async () =>
  (await ctx.pool.query(`SELECT household_id, risk_type, numbers, period FROM warnings WHERE county_code = $1 ORDER BY household_id, period`, [county.countyCode])).rows;

beforeAll(async () => {
  db = await createScratchDatabase();
  ctx = await createTestContext({}, { databaseUrl: db.appUrl });
  county = await buildCounty(ctx.pool);
  poor = await buildHousehold(ctx, { villageCode: county.villages[0]!.code, type: 'formerlyPoor', members: [{ name: '韦大', relation: 'head' }, { name: '韦二', relation: 'son', birthDate: '2010-02-03' }] });
  ordinary = await buildHousehold(ctx, { villageCode: county.villages[1]!.code, type: 'ordinary' });
  quiet = await buildHousehold(ctx, { villageCode: county.villages[2]!.code, type: 'ordinary' });
});

afterAll(async () => {
  await ctx?.app.close();
});

describe('department rows in files (the files engine)', () => {
  let filesBatch: string;

  it('stores every row of a large plain CSV with the fate, errors and warnings the general path gives', async () => {
    const [p1, p2] = poor.members.map((m) => m.idNumber) as [string, string];
    const o1 = ordinary.members[0]!.idNumber;
    const q1 = quiet.members[0]!.idNumber;
    const outsider = makeIdNumber('450102', '1990-01-01');
    const badChecksum = p1.slice(0, 17) + (p1.endsWith('1') ? '2' : '1');
    const lines = [
      [p1, '韦大', '2026-03-05', '20000', '3000.50'], // matched, usual form
      [p2, ' 韦二 ', '2026/4/5', '8000', '2000'], // another date form: Node's parser
      [p2, '韦二', '2026-04-06', '', '1.255'], // three decimals: Node's parser (rounds)
      [o1, '黄', '2026-06-01', '0', '1200'], // matched, below the line
      [o1, '黄', '2026-06-01', '0', '1200'], // the same settlement twice in the file
      [q1, '', '2026-06-02', '', '7'], // no name: null
      [outsider, '外县', '2026-06-01', '3000', '1200'], // unmatched
      [badChecksum, '错号', '2026-06-01', '10', '10'], // rejected: check character
      ['4.51028E+17', '科学', '2026-06-01', '10', '10'], // rejected: Excel's number
      [p1, '韦大', '2026-02-30', '10', '10'], // rejected: no such day
      [withCheck('45010219900230123'), '生日', '2026-06-01', '10', '10'], // rejected: born on no such day (the check character right)
      [withCheck('45010218991231123'), '生日', '2026-06-01', '10', '10'], // rejected: born before 1900
      [p1, '韦大', '2027-01-01', '10', '10'], // rejected: after today
      [p1, '韦大', '2026-06-01', '10', '十元'], // rejected: not an amount
      [p1.toLowerCase().replace('X', 'x'), '韦大', '2026-07-01', '0', '2500'], // matched (a lower-case x is read as X)
      [],
      [',,,,'],
      ['合计', '', '', '', '9999'], // rejected: totals row
      [p1, '韦大', '2026-08-01', '0', '100', '多余的格'], // an extra cell is ignored
      [q1, '黄', '2026-09-01'], // missing cells: the required amount is blank
    ];
    const file = plainCsv(lines, { bom: true, crlf: true });
    const general = await importDepartmentFile(deps(), SYSTEM_ACTOR, 'medical', file, { engine: 'general' });
    const generalRows = await tableRows(general.batchId);
    const generalWarnings = await warningsOf();
    expect(generalWarnings).toHaveLength(1);
    // Undo the general batch, then the same file through DuckDB.
    await ctx.pool.query('DELETE FROM department_rows WHERE batch_id = $1', [general.batchId]);
    await ctx.pool.query('DELETE FROM warnings WHERE $1 = ANY(batch_ids)', [general.batchId]);
    await ctx.pool.query('DELETE FROM department_batches WHERE id = $1', [general.batchId]);

    const phases: string[] = [];
    // In pieces of 4 rows (a provincial file's are 400,000): the match piece by piece, a Parquet file each.
    process.env.FANGPIN_DEPARTMENT_PIECE_ROWS = '4';
    const files = await importDepartmentFile(deps(), SYSTEM_ACTOR, 'medical', file, { engine: 'files', onPhase: (name) => phases.push(name) }).finally(() => {
      delete process.env.FANGPIN_DEPARTMENT_PIECE_ROWS;
    });
    filesBatch = files.batchId;
    expect(phases).toContain('parse');
    const { batchId: _g, ...g } = general;
    const { batchId: _f, ...f } = files;
    expect(f).toEqual(g);
    expect(files).toMatchObject({ rows: 18, matched: 8, unmatched: 1, rejected: 9, duplicates: 1, warnings: 1 });
    const { rows: batch } = await ctx.pool.query(`SELECT row_store, rows, matched FROM department_batches WHERE id = $1`, [files.batchId]);
    expect(batch[0]).toEqual({ row_store: 'files', rows: 18, matched: 8 });
    const { rows: parts } = await ctx.pool.query(`SELECT count(*)::int AS n FROM department_row_files WHERE batch_id = $1`, [files.batchId]);
    expect(parts[0].n).toBe(3); // 9 accepted rows: three pieces

    // Every row, with its fate, is in the file as the general path stored it.
    const stored = await fileRows(files.batchId);
    expect(stored).toHaveLength(generalRows.length);
    expect(stored.map(({ values: _v, ...r }) => r)).toEqual(generalRows.map(({ values: _v, ...r }) => r));
    expect(stored.map((r) => r.values)).toEqual(generalRows.map((r) => r.values));
    // PostgreSQL keeps the rejected rows (errors list, download) and the warned household's rows inside the window.
    const { rows: kept } = await ctx.pool.query(`SELECT fate, household_id, count(*)::int AS n FROM department_rows WHERE batch_id = $1 GROUP BY 1, 2 ORDER BY 1, 2`, [files.batchId]);
    expect(kept).toEqual([
      { fate: 'matched', household_id: poor.id, n: stored.filter((r) => r.household_id === poor.id).length },
      { fate: 'rejected', household_id: null, n: 9 },
    ]);
    expect(await warningsOf()).toEqual(generalWarnings);
    // 查看依据 of the warning reads the copied rows.
    const monitor = await buildUserAndLogin(ctx, { role: 'county-monitor', regionCode: county.code });
    const { rows: w } = await ctx.pool.query(`SELECT id FROM warnings WHERE household_id = $1`, [poor.id]);
    const res = await ctx.app.inject({ url: `/api/warnings/${w[0].id}/rows`, headers: { cookie: monitor.cookie } });
    expect(res.statusCode).toBe(200);
    expect(res.json().items).toHaveLength(5);
  });

  it('a later file read the general way adds up over both stores, each settlement once', async () => {
    // The ordinary household: 1,200 in the file batch; the same settlement again plus 9,000 now: 10,200 > 10,000.
    const o1 = ordinary.members[0]!.idNumber;
    const small = plainCsv([
      [o1, '黄', '2026-06-01', '0', '1200'],
      [o1, '黄', '2026-10-01', '0', '9000'],
    ]);
    const r = await importDepartmentFile(deps(), SYSTEM_ACTOR, 'medical', small);
    expect(r).toMatchObject({ matched: 2, warnings: 1 });
    const { rows } = await ctx.pool.query(`SELECT numbers FROM warnings WHERE household_id = $1`, [ordinary.id]);
    expect(rows[0].numbers).toMatchObject({ outOfPocketLast12Months: 10200 });
    const { rows: store } = await ctx.pool.query(`SELECT row_store FROM department_batches WHERE id = $1`, [r.batchId]);
    expect(store[0].row_store).toBe('table');
  });

  it('the monthly re-comparison reads the files and the table, and finds the same households', async () => {
    const later = '2026-12-20';
    const result = await recompareSource(deps(later), 'medical', county.countyCode);
    expect(result).toEqual({ households: 3, warnings: 2, newWarnings: 2 });
    const { rows } = await ctx.pool.query(`SELECT household_id, numbers FROM warnings WHERE period = '2026-12' ORDER BY household_id`);
    expect(new Map(rows.map((r) => [r.household_id, r.numbers.outOfPocketLast12Months]))).toEqual(
      new Map([
        [poor.id, 3000.5 + 2000 + 1.25 + 2500 + 100], // 1.255 is read as 1.25 (as JavaScript rounds it)
        [ordinary.id, 10200],
      ]),
    );
  });

  it("a county's importer matches its own county's persons only, as the general path does", async () => {
    const other = await buildCounty(ctx.pool);
    const elsewhere = await buildHousehold(ctx, { villageCode: other.villages[0]!.code, type: 'ordinary' });
    const file = plainCsv([
      [quiet.members[0]!.idNumber, '黄', '2026-10-01', '0', '30'],
      [elsewhere.members[0]!.idNumber, '外县', '2026-10-01', '0', '30'],
    ]);
    const clerk = { ...SYSTEM_ACTOR, regionCode: county.code };
    const general = await importDepartmentFile(deps(), clerk, 'medical', file, { engine: 'general', dryRun: true });
    const files = await importDepartmentFile(deps(), clerk, 'medical', file, { engine: 'files', dryRun: true });
    expect(files).toMatchObject({ matched: 1, unmatched: 1 });
    expect({ ...files, batchId: null }).toEqual({ ...general, batchId: null });
  });

  it('a dry run through the files engine leaves no file behind', async () => {
    const file = plainCsv([[quiet.members[0]!.idNumber, '黄', '2026-11-01', '0', '20000']]);
    const r = await importDepartmentFile(deps(), SYSTEM_ACTOR, 'medical', file, { engine: 'files', dryRun: true });
    expect(r).toMatchObject({ matched: 1, warnings: 1, isDryRun: true });
    const { rows } = await ctx.pool.query(`SELECT count(*)::int AS n FROM department_row_files WHERE batch_id = $1`, [r.batchId]);
    expect(rows[0].n).toBe(0);
  });

  it('backup and restore bring the files back byte for byte', async () => {
    const before = await ctx.pool.query(`SELECT batch_id, part, md5(data) AS md5 FROM department_row_files ORDER BY batch_id, part`);
    expect(before.rows.length).toBeGreaterThan(0);
    const file = tempFile('backup.gz');
    await backupDatabase(ctx.pool, file);
    await restoreDatabase(db.owner, file, { force: true, key: { cipher: ctx.cipher, source: 'test' } });
    const after = await ctx.pool.query(`SELECT batch_id, part, md5(data) AS md5 FROM department_row_files ORDER BY batch_id, part`);
    expect(after.rows).toEqual(before.rows);
  });

  it("DuckDB's directory of a killed import goes at the next start; a running process's stays", async () => {
    const base = fs.mkdtempSync(path.join(os.tmpdir(), 'fangpin-sweep-'));
    const dead = spawnSync(process.execPath, ['-e', '0']).pid;
    const orphan = path.join(base, `fangpin-duckdb-import-${dead}-abc123`);
    const running = path.join(base, `fangpin-duckdb-import-${process.ppid}-def456`);
    const other = path.join(base, 'someone-else');
    for (const dir of [orphan, running, other]) fs.mkdirSync(dir);
    fs.writeFileSync(path.join(orphan, 'work.duckdb'), 'lines with ID numbers');
    sweepOrphans(base);
    expect(fs.existsSync(orphan)).toBe(false);
    expect(fs.existsSync(running)).toBe(true);
    expect(fs.existsSync(other)).toBe(true);
    fs.rmSync(base, { recursive: true, force: true });
  });

  it('retention deletes the files of the months it drops', async () => {
    const old = plainCsv([[quiet.members[0]!.idNumber, '黄', '2022-03-01', '0', '5']]);
    const r = await importDepartmentFile(deps('2022-03-10'), SYSTEM_ACTOR, 'medical', old, { engine: 'files' });
    const count = async (id: string) => (await ctx.pool.query(`SELECT count(*)::int AS n FROM department_row_files WHERE batch_id = $1`, [id])).rows[0].n as number;
    expect(await count(r.batchId)).toBe(1);
    const retired = await retireDepartmentRows(db.owner, SYSTEM_ACTOR, { today: TODAY, retentionMonths: 36 });
    expect(retired.removedRows).toBe(1);
    expect(await count(r.batchId)).toBe(0);
    expect(await count(filesBatch)).toBe(3);
  });

  it("Excel's Chinese CSV (GB18030) is transcoded and read by the files engine as the general path reads it", async () => {
    const lines = [
      [poor.members[0]!.idNumber, '韦大', '2026-05-05', '100', '12.5'],
      [ordinary.members[0]!.idNumber, '黄二妹', '2026/5/6', '0', '8'], // another date form: Node's parser
      ['合计', '', '', '', '20.5'],
    ];
    const file = tempFile('medical-gbk.csv');
    fs.writeFileSync(file, iconv.encode(['医保结算明细', HEADER.join(','), ...lines.map((l) => l.join(','))].join('\r\n') + '\r\n', 'gb18030'));
    const general = await importDepartmentFile(deps(), SYSTEM_ACTOR, 'medical', file, { engine: 'general', dryRun: true });
    const phases: string[] = [];
    const files = await importDepartmentFile(deps(), SYSTEM_ACTOR, 'medical', file, { engine: 'files', onPhase: (name) => phases.push(name), onProgress: (rows) => phases.push(`rows ${rows}`) });
    expect(phases).toEqual(expect.arrayContaining(['transcode', 'parse']));
    // A job's progress shows the lines once they are read, before the checks and keys (most of the parse).
    expect(phases.indexOf('rows 3')).toBeGreaterThanOrEqual(0);
    expect(phases.indexOf('rows 3')).toBeLessThan(phases.indexOf('parse'));
    expect(phases).not.toContain('generalWay');
    expect({ ...files, batchId: null, isDryRun: null }).toEqual({ ...general, batchId: null, isDryRun: null });
    expect(files).toMatchObject({ rows: 3, matched: 2, rejected: 1 });
    const stored = await fileRows(files.batchId);
    expect(stored.map((r) => (r.values as { name?: string }).name)).toEqual(['韦大', '黄二妹', undefined]);
  });
});
