import fs from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildCounty, buildHousehold, buildUserAndLogin, type TestCounty } from '../../../test/factories.ts';
import { tempFile } from '../../../test/registry-files.ts';
import { createTestContext, type TestContext } from '../../../test/test-app.ts';
import { SYSTEM_ACTOR } from '../audit/record-audit.ts';
import { importDepartmentFile, recompareSource } from './import-department.ts';
import { lockDepartmentSource } from './source-lock.ts';

let ctx: TestContext;
let county: TestCounty;
const IMPORTED_ON = '2026-11-29';
const A_MONTH_LATER = '2026-12-01';
const deps = (today: string) => ({ pool: ctx.pool, cipher: ctx.cipher, today });

beforeAll(async () => {
  ctx = await createTestContext();
  county = await buildCounty(ctx.pool);
});

function csv(header: string[], lines: string[][]): string {
  const file = tempFile('department.csv');
  fs.writeFileSync(file, [header, ...lines].map((l) => l.join(',')).join('\n'));
  return file;
}

const warningsOf = async (householdIds: string[]) =>
  (await ctx.pool.query<{ household_id: string; period: string; numbers: Record<string, number>; batch_ids: string[] }>(`SELECT household_id, period, numbers, batch_ids FROM warnings WHERE household_id = ANY($1::uuid[]) ORDER BY period`, [householdIds])).rows;

describe('recomparing a source over the stored rows', () => {
  it('medical: the rolling window moves with today; a household that no longer crosses the line gets no new warning', async () => {
    // Both ordinary households (line 10,000). 甲's first settlement leaves the window a month later; 乙's do not.
    const leaving = await buildHousehold(ctx, { villageCode: county.villages[0]!.code });
    const staying = await buildHousehold(ctx, { villageCode: county.villages[1]!.code });
    const elsewhere = await buildCounty(ctx.pool);
    const other = await buildHousehold(ctx, { villageCode: elsewhere.villages[0]!.code });
    const file = csv(
      ['身份证号码', '姓名', '结算日期', '医疗总费用', '个人自付'],
      [
        [leaving.members[0]!.idNumber, '甲', '2025-12-01', '0', '6000'],
        [leaving.members[0]!.idNumber, '甲', '2026-06-01', '0', '5000'],
        [staying.members[0]!.idNumber, '乙', '2026-03-01', '0', '7000'],
        [staying.members[1]!.idNumber, '乙妻', '2026-10-01', '0', '4000.50'],
        [other.members[0]!.idNumber, '丙', '2026-10-01', '0', '20000'],
      ],
    );
    const imported = await importDepartmentFile(deps(IMPORTED_ON), SYSTEM_ACTOR, 'medical', file);
    expect(imported).toMatchObject({ matched: 5, warnings: 3, newWarnings: 3 });

    const result = await recompareSource(deps(A_MONTH_LATER), 'medical', county.countyCode);
    expect(result).toEqual({ households: 2, warnings: 1, newWarnings: 1 });
    expect(await warningsOf([leaving.id])).toEqual([expect.objectContaining({ period: '2026-11', numbers: { outOfPocketLast12Months: 11000, threshold: 10000 } })]);
    expect(await warningsOf([staying.id])).toEqual([
      expect.objectContaining({ period: '2026-11', batch_ids: [imported.batchId] }),
      // The new month's warning links the batch its rows came from.
      expect.objectContaining({ period: '2026-12', numbers: { outOfPocketLast12Months: 11000.5, threshold: 10000 }, batch_ids: [imported.batchId] }),
    ]);
    // Another county's household is left alone.
    expect((await warningsOf([other.id])).map((w) => w.period)).toEqual(['2026-11']);

    // Again on the same day: the same warning, updated, nothing new.
    expect(await recompareSource(deps(A_MONTH_LATER), 'medical', county.countyCode)).toEqual({ households: 2, warnings: 1, newWarnings: 0 });
    expect(await warningsOf([staying.id])).toHaveLength(2);
  });

  it("medical: a warning's source rows are those inside the window it was computed on", async () => {
    const c = await buildCounty(ctx.pool);
    const h = await buildHousehold(ctx, { villageCode: c.villages[0]!.code });
    const id = h.members[0]!.idNumber;
    const file = csv(['身份证号码', '姓名', '结算日期', '个人自付'], [[id, '丁', '2025-12-01', '3000'], [id, '丁', '2026-03-01', '6000'], [id, '丁', '2026-10-01', '5000']]);
    await importDepartmentFile(deps(IMPORTED_ON), SYSTEM_ACTOR, 'medical', file);
    await recompareSource(deps(A_MONTH_LATER), 'medical', c.countyCode);
    const monitor = await buildUserAndLogin(ctx, { role: 'county-monitor', regionCode: c.code });
    const { rows } = await ctx.pool.query<{ id: string; period: string; numbers: Record<string, number> }>(`SELECT id, period, numbers FROM warnings WHERE household_id = $1 ORDER BY period`, [h.id]);
    expect(rows.map((w) => [w.period, w.numbers.outOfPocketLast12Months])).toEqual([['2026-11', 14000], ['2026-12', 11000]]);
    const amounts = async (warningId: string) =>
      (await ctx.app.inject({ url: `/api/warnings/${warningId}/rows`, headers: { cookie: monitor.cookie } })).json().items.map((r: { amount: number }) => r.amount);
    // November's warning was computed on 2026-11-29 (all three settlements); December's on 2026-12-01, after the first left the window.
    expect(await amounts(rows[0]!.id)).toEqual([5000, 6000, 3000]);
    expect(await amounts(rows[1]!.id)).toEqual([5000, 6000]);
  });

  it('per-record sources: the latest rows of each household are judged again for the new month', async () => {
    const c = await buildCounty(ctx.pool);
    const h = await buildHousehold(ctx, { villageCode: c.villages[2]!.code });
    const file = csv(['身份证号码', '姓名', '鉴定日期'], [[h.members[0]!.idNumber, '甲', '2026-11-02']]);
    const imported = await importDepartmentFile(deps(IMPORTED_ON), SYSTEM_ACTOR, 'housing', file);
    expect(imported).toMatchObject({ matched: 1, warnings: 1, newWarnings: 1 });
    expect(await recompareSource(deps(A_MONTH_LATER), 'housing', c.countyCode)).toEqual({ households: 1, warnings: 1, newWarnings: 1 });
    expect((await warningsOf([h.id])).map((w) => [w.period, w.batch_ids])).toEqual([
      ['2026-11', [imported.batchId]],
      ['2026-12', [imported.batchId]],
    ]);
  });

  it('a source with no stored rows in the county judges nobody', async () => {
    const c = await buildCounty(ctx.pool);
    expect(await recompareSource(deps(A_MONTH_LATER), 'medical', c.countyCode)).toEqual({ households: 0, warnings: 0, newWarnings: 0 });
  });
});

describe('a settlement sent twice in one file', () => {
  it('counts once, whether or not the file is the first of the year', async () => {
    const c = await buildCounty(ctx.pool);
    const h = await buildHousehold(ctx, { villageCode: c.villages[0]!.code });
    const id = h.members[0]!.idNumber;
    const twice = csv(['身份证号码', '姓名', '结算日期', '个人自付'], [[id, '甲', '2026-04-01', '6000'], [id, '甲', '2026-04-01', '6000'], [id, '甲', '2026-05-01', '3000']]);
    const result = await importDepartmentFile(deps(IMPORTED_ON), SYSTEM_ACTOR, 'medical', twice);
    expect(result).toMatchObject({ matched: 3, warnings: 0 });
    const more = csv(['身份证号码', '姓名', '结算日期', '个人自付'], [[id, '甲', '2026-06-01', '1500'], [id, '甲', '2026-06-01', '1500'], [id, '甲', '2026-05-01', '3000']]);
    expect(await importDepartmentFile(deps(IMPORTED_ON), SYSTEM_ACTOR, 'medical', more)).toMatchObject({ matched: 3, warnings: 1 });
    expect((await warningsOf([h.id]))[0]!.numbers).toEqual({ outOfPocketLast12Months: 10500, threshold: 10000 });
  });
});

describe('reading', () => {
  it('a file whose line ends change midway is read as the general CSV parser reads it', async () => {
    const c = await buildCounty(ctx.pool);
    const h = await buildHousehold(ctx, { villageCode: c.villages[0]!.code });
    const file = tempFile('mixed.csv');
    // The first line end ("\r\n") is the record delimiter: the lone "\n" stays inside a cell, joining two lines into one record.
    fs.writeFileSync(file, `身份证号码,姓名,结算日期,个人自付\r\n${h.members[0]!.idNumber},甲,2026-03-01,100\n${h.members[1]!.idNumber},乙,2026-03-02,200\r\n`);
    const result = await importDepartmentFile(deps(IMPORTED_ON), SYSTEM_ACTOR, 'medical', file);
    expect(result).toMatchObject({ rows: 1, rejected: 1, rejectedByCode: { AMOUNT_INVALID: 1 } });
  });
});

describe('header mapping', () => {
  it('a file with unusual headers imports once its mapping is given; a mapped header wins over the built-in aliases', async () => {
    const c = await buildCounty(ctx.pool);
    const h = await buildHousehold(ctx, { villageCode: c.villages[0]!.code });
    const id = h.members[0]!.idNumber;
    // 就诊日期 is a built-in alias of the settlement date; here the department means the admission date by it.
    const file = csv(['证件号', '病人', '就诊日期', '报销日期', '自负额（元）'], [[id, '甲', '2026-01-01', '2026-05-06', '12000']]);
    await expect(importDepartmentFile(deps(IMPORTED_ON), SYSTEM_ACTOR, 'medical', file)).rejects.toMatchObject({ code: 'IMPORT_FILE_INVALID' });
    const mapping = { ' 证件号 ': 'idNumber', 病人: 'name', '报销日期：': 'eventDate', '自负额(元)': 'outOfPocket', 就诊日期: 'notAField' };
    const result = await importDepartmentFile(deps(IMPORTED_ON), SYSTEM_ACTOR, 'medical', file, { headerMapping: mapping });
    expect(result).toMatchObject({ rows: 1, matched: 1, rejected: 0, warnings: 1 });
    const { rows } = await ctx.pool.query(`SELECT event_date, amount_fen, "values" FROM department_rows WHERE batch_id = $1`, [result.batchId]);
    expect(rows).toEqual([{ event_date: '2026-05-06', amount_fen: 1_200_000, values: { name: '甲', eventDate: '2026-05-06', totalCost: null, outOfPocket: 12000 } }]);
  });
});

describe('recomparing while an import of the source runs', () => {
  /** Resolves once a session is waiting for an advisory lock (the recomparison or the import queued behind the holder). */
  async function someoneWaitsForALock(): Promise<void> {
    for (let tries = 0; tries < 100; tries++) {
      const { rows } = await ctx.pool.query(`SELECT 1 FROM pg_locks l JOIN pg_database d ON d.oid = l.database WHERE d.datname = current_database() AND l.locktype = 'advisory' AND NOT l.granted`);
      if (rows.length > 0) return;
      await new Promise((r) => setTimeout(r, 50));
    }
    throw new Error('nobody waited for the lock within 5 s');
  }

  it("a county's recomparison waits for that county's import of the source, then runs", async () => {
    const c = await buildCounty(ctx.pool);
    const importing = await ctx.pool.connect();
    try {
      await importing.query('BEGIN');
      // The key an import of the county's medical file holds for its whole transaction.
      await importing.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`department:${c.countyCode}:medical`]);
      let isDone = false;
      const recompared = recompareSource(deps(A_MONTH_LATER), 'medical', c.countyCode).then((r) => ((isDone = true), r));
      await someoneWaitsForALock();
      expect(isDone).toBe(false);
      await importing.query('COMMIT');
      expect(await recompared).toEqual({ households: 0, warnings: 0, newWarnings: 0 });
    } finally {
      importing.release();
    }
  });

  it('an import waits, and says so, while every county of the source is recompared', async () => {
    const c = await buildCounty(ctx.pool);
    const h = await buildHousehold(ctx, { villageCode: c.villages[0]!.code });
    const recomparing = await ctx.pool.connect();
    try {
      await recomparing.query('BEGIN');
      await lockDepartmentSource(recomparing, 'medical', null);
      const steps: string[] = [];
      const file = csv(['身份证号码', '姓名', '结算日期', '个人自付'], [[h.members[0]!.idNumber, '甲', '2026-10-01', '100']]);
      const clerk = { ...SYSTEM_ACTOR, regionCode: c.code };
      const imported = importDepartmentFile(deps(IMPORTED_ON), clerk, 'medical', file, { onStep: (s) => steps.push(s) });
      await someoneWaitsForALock();
      expect(steps).toContain('waiting');
      await recomparing.query('COMMIT');
      expect(await imported).toMatchObject({ matched: 1 });
    } finally {
      recomparing.release();
    }
  });
});
