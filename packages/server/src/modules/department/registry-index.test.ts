import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { maskIdNumber } from '@fangpin/domain';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildCounty, buildHousehold, makeIdNumber, type BuiltHousehold, type TestCounty } from '../../../test/factories.ts';
import { tempFile } from '../../../test/registry-files.ts';
import { createScratchDatabase, type ScratchDatabase } from '../../../test/scratch-db.ts';
import { createTestContext, type TestContext } from '../../../test/test-app.ts';
import { createPool } from '../../db/client.ts';
import { SYSTEM_ACTOR } from '../audit/record-audit.ts';
import { backupDatabase, restoreDatabase } from '../backup/backup.ts';
import { importDepartmentFile } from './import-department.ts';
import { withDuck } from './duck.ts';
import { refreshRegistryIndex, splitRegistryIndex } from './registry-index.ts';

/**
 * Issue 16 item 2: the registry's index (registry-index.ts, docs/department-rows.md "The registry's
 * index"). The files engine matches against each county's members' blind indexes kept as a Parquet
 * part; a part is used only while it is still what its county's members are. Every test checks what
 * matters: a person added, moved or deleted after a part was made is matched as the registry says
 * now, never as the part remembers. In a database of its own (it empties the parts and restores).
 */
let db: ScratchDatabase;
let ctx: TestContext;
let a: TestCounty;
let b: TestCounty;
let inA: BuiltHousehold;
let inB: BuiltHousehold;
const TODAY = '2026-11-29';
const deps = () => ({ pool: ctx.pool, cipher: ctx.cipher, today: TODAY });
let fileNumber = 0;

/** A plain CSV of the medical source with one settlement per ID (a new amount each time: each file is new). */
function medicalCsv(ids: string[]): string {
  const file = tempFile('medical.csv');
  fileNumber++;
  fs.writeFileSync(file, ['身份证号码,姓名,结算日期,医疗总费用,个人自付', ...ids.map((id) => `${id},某,2026-06-01,0,${fileNumber}`)].join('\n') + '\n');
  return file;
}

/** A dry run through the files engine: its counts, and how the registry's index was had. */
async function compare(ids: string[], actor = SYSTEM_ACTOR) {
  let registry: { kept: number; pulled: number } | undefined;
  const result = await importDepartmentFile(deps(), actor, 'medical', medicalCsv(ids), { engine: 'files', dryRun: true, onRegistry: (counts) => (registry = counts) });
  return { matched: result.matched, unmatched: result.unmatched, registry };
}

const parts = async () => (await ctx.pool.query<{ county_code: string; persons: number }>('SELECT county_code, persons FROM registry_index_parts ORDER BY county_code')).rows;

beforeAll(async () => {
  db = await createScratchDatabase();
  ctx = await createTestContext({}, { databaseUrl: db.appUrl });
  a = await buildCounty(ctx.pool);
  b = await buildCounty(ctx.pool);
  inA = await buildHousehold(ctx, { villageCode: a.villages[0]!.code });
  inB = await buildHousehold(ctx, { villageCode: b.villages[0]!.code, members: [{ name: '蒙一', relation: 'head' }, { name: '蒙二', relation: 'son', birthDate: '2005-01-02' }] });
});

afterAll(async () => {
  await ctx?.app.close();
});

describe("the registry's index", () => {
  it('an import pulls the parts it lacks and keeps them; the next reads them as kept and matches the same', async () => {
    const ids = [inA.members[0]!.idNumber, inB.members[0]!.idNumber, makeIdNumber('450102', '1990-01-01')];
    const first = await compare(ids);
    expect(first).toEqual({ matched: 2, unmatched: 1, registry: { kept: 0, pulled: 2 } });
    expect(await parts()).toEqual(
      [
        { county_code: a.countyCode, persons: 2 },
        { county_code: b.countyCode, persons: 2 },
      ].sort((x, y) => x.county_code.localeCompare(y.county_code)),
    );
    expect(await compare(ids)).toEqual({ matched: 2, unmatched: 1, registry: { kept: 2, pulled: 0 } });
  });

  it("a person added to a county after its part was made is matched: that county's part is pulled again, the other kept", async () => {
    const added = await buildHousehold(ctx, { villageCode: a.villages[1]!.code, members: [{ name: '新户', relation: 'head' }] });
    expect(await compare([added.members[0]!.idNumber, inB.members[0]!.idNumber])).toEqual({ matched: 2, unmatched: 0, registry: { kept: 1, pulled: 1 } });
    expect(await parts()).toContainEqual({ county_code: a.countyCode, persons: 3 });
  });

  it('a change of name or phone notes nothing; a move to another household, a deletion and a TRUNCATE do', async () => {
    const notes = async () => Number((await ctx.pool.query('SELECT count(*) AS n FROM registry_index_changes')).rows[0].n);
    const before = await notes();
    await ctx.pool.query(`UPDATE members SET name = '改名' WHERE id = $1`, [inA.members[0]!.id]);
    expect(await notes()).toBe(before);
    expect((await compare([inA.members[0]!.idNumber])).registry).toEqual({ kept: 2, pulled: 0 });

    const other = await buildHousehold(ctx, { villageCode: a.villages[0]!.code, members: [{ name: '邻居', relation: 'head' }] });
    await compare([inA.members[0]!.idNumber]); // the part again, with the new household
    await ctx.pool.query('UPDATE members SET household_id = $2 WHERE id = $1', [inA.members[1]!.id, other.id]);
    expect((await compare([inA.members[1]!.idNumber])).registry).toEqual({ kept: 1, pulled: 1 });

    await ctx.pool.query('DELETE FROM members WHERE id = $1', [inB.members[0]!.id]);
    expect(await compare([inB.members[0]!.idNumber])).toEqual({ matched: 0, unmatched: 1, registry: { kept: 1, pulled: 1 } });

    // TRUNCATE names no county: every part goes out of date (the owner's, as a restore or SQL by hand would).
    const owner = await db.owner.connect();
    try {
      await owner.query('BEGIN');
      await owner.query('TRUNCATE members CASCADE');
      const { rows } = await owner.query(`SELECT count(*)::int AS n FROM registry_index_changes WHERE county_code = '*' AND txid = pg_current_xact_id()`);
      expect(rows[0].n).toBe(1);
    } finally {
      await owner.query('ROLLBACK');
      owner.release();
    }
    expect((await compare([inA.members[0]!.idNumber])).registry).toEqual({ kept: 2, pulled: 0 }); // rolled back: nothing noted
    await db.owner.query(`INSERT INTO registry_index_changes (county_code, txid) VALUES ('*', pg_current_xact_id())`);
    expect((await compare([inA.members[0]!.idNumber])).registry).toEqual({ kept: 0, pulled: 2 });
  });

  it('a person added by a transaction still running while the part is pulled is matched once it commits', async () => {
    const household = await buildHousehold(ctx, { villageCode: a.villages[0]!.code, members: [] });
    const idNumber = makeIdNumber(a.countyCode, '1975-03-04');
    const writer = await ctx.pool.connect();
    try {
      await writer.query('BEGIN');
      await writer.query(
        `INSERT INTO members (household_id, county_code, name, id_enc, id_index, id_masked, sex, birth_year, relation, health, labour_capacity)
         VALUES ($1, $2, '迟到', $3, $4, $5, 'male', 1975, 'head', 'healthy', 'full')`,
        [household.id, a.countyCode, ctx.cipher.encrypt(idNumber), ctx.cipher.blindIndex(idNumber), maskIdNumber(idNumber)],
      );
      // The nightly job runs meanwhile: county A's part is pulled without the person (not yet committed).
      await ctx.pool.query(`UPDATE registry_index_parts SET built_at = now() - interval '7 days'`);
      expect(await refreshRegistryIndex(ctx.pool, ctx.cipher)).toEqual({ pulled: 2, kept: 0 });
      expect(await compare([idNumber])).toEqual({ matched: 0, unmatched: 1, registry: { kept: 2, pulled: 0 } });
      await writer.query('COMMIT');
    } finally {
      writer.release();
    }
    expect(await compare([idNumber])).toEqual({ matched: 1, unmatched: 0, registry: { kept: 1, pulled: 1 } });
  });

  it('a part made with another key, or six days old, is pulled again; the nightly job leaves valid parts alone', async () => {
    expect(await refreshRegistryIndex(ctx.pool, ctx.cipher)).toEqual({ pulled: 0, kept: 2 });
    await ctx.pool.query(`UPDATE registry_index_parts SET key_fingerprint = 'another key' WHERE county_code = $1`, [a.countyCode]);
    await ctx.pool.query(`UPDATE registry_index_parts SET built_at = now() - interval '6 days 1 minute' WHERE county_code = $1`, [b.countyCode]);
    expect((await compare([inA.members[0]!.idNumber])).registry).toEqual({ kept: 0, pulled: 2 });
    expect(await refreshRegistryIndex(ctx.pool, ctx.cipher)).toEqual({ pulled: 0, kept: 2 });
  });

  it("a county's importer reads its county's part only", async () => {
    const clerk = { ...SYSTEM_ACTOR, regionCode: b.code };
    expect(await compare([inA.members[0]!.idNumber], clerk)).toEqual({ matched: 0, unmatched: 1, registry: { kept: 1, pulled: 0 } });
  });

  it('an import whose pool has no connection to spare for the parts finishes all the same, the parts not kept', async () => {
    await ctx.pool.query('DELETE FROM registry_index_parts');
    // A pool of one connection, held by the import itself: the store gives up after its wait (10 s; here 0.3 s).
    const single = createPool(db.appUrl, 1);
    process.env.FANGPIN_REGISTRY_INDEX_WAIT_MS = '300';
    try {
      let registry: { kept: number; pulled: number } | undefined;
      const started = Date.now();
      const result = await importDepartmentFile({ pool: single, cipher: ctx.cipher, today: TODAY }, SYSTEM_ACTOR, 'medical', medicalCsv([inA.members[0]!.idNumber]), {
        engine: 'files',
        dryRun: true,
        onRegistry: (counts) => (registry = counts),
      });
      expect(result).toMatchObject({ matched: 1 });
      expect(registry).toEqual({ kept: 0, pulled: 2 });
      expect(Date.now() - started).toBeLessThan(10_000);
      expect(await parts()).toEqual([]);
    } finally {
      delete process.env.FANGPIN_REGISTRY_INDEX_WAIT_MS;
      await single.end();
    }
  });

  it("a county DuckDB wrote in several files (more counties than its open files) is stored as one part, its columns the part's", async () => {
    // A province of 111 counties passes DuckDB's 100 open files of a partitioned write: it then closes a
    // county's file and opens another. Here one open file and small flushes make that happen with 3 counties.
    const csv = tempFile('registry.csv');
    const hex = (n: number) => n.toString(16).padStart(16, '0');
    const lines: string[] = [];
    for (let i = 0; i < 6000; i++) lines.push(`${hex(i + 1)},${hex(i + 7)},${crypto.randomUUID()},${crypto.randomUUID()},99990${i % 3}`);
    fs.writeFileSync(csv, lines.join('\n') + '\n');
    const { rows } = await ctx.pool.query<{ s: string }>('SELECT pg_current_snapshot()::text AS s');
    await withDuck('test', async (duck) => {
      await duck.run('SET partitioned_write_max_open_files = 1');
      await duck.run('SET partitioned_write_flush_threshold = 100');
      const counties = ['999900', '999901', '999902'];
      const index = await splitRegistryIndex(duck, ctx.pool, ctx.cipher, { kept: [], validCounties: 0, csv: { file: csv, counties, snapshot: rows[0]!.s } });
      expect(fs.readdirSync(path.join(duck.dir, 'registry-pulled', 'part=999900')).length).toBeGreaterThan(1);
      expect(index.files).toHaveLength(3);
      const described = await duck.all<{ column_name: string }>(`SELECT column_name FROM (DESCRIBE SELECT * FROM read_parquet('${index.files[0]}', hive_partitioning = false))`);
      expect(described.map((c) => c.column_name)).toEqual(['k1', 'k2', 'member_id', 'household_id', 'county_code']);
      await index.store();
    });
    const { rows: stored } = await ctx.pool.query(`SELECT county_code, persons FROM registry_index_parts WHERE county_code LIKE '9999%' ORDER BY county_code`);
    expect(stored).toEqual([
      { county_code: '999900', persons: 2000 },
      { county_code: '999901', persons: 2000 },
      { county_code: '999902', persons: 2000 },
    ]);
    await ctx.pool.query(`DELETE FROM registry_index_parts WHERE county_code LIKE '9999%'`);
  });

  it('a restore empties the parts (derived, never backed up); the next import pulls them', async () => {
    const file = tempFile('backup.gz');
    await backupDatabase(ctx.pool, file);
    await restoreDatabase(db.owner, file, { force: true, key: { cipher: ctx.cipher, source: 'test' } });
    expect(await parts()).toEqual([]);
    expect(await compare([inA.members[0]!.idNumber])).toEqual({ matched: 1, unmatched: 0, registry: { kept: 0, pulled: 2 } });
  });
});
