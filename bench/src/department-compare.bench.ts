/**
 * `department-compare` (issue 4): a registry of 3,000,000 persons (~770,000 households here: the
 * generator averages 3.9 persons) and a medical file of 2,000,000 rows (90 % matching, 0.5 %
 * malformed IDs). Times the whole Fangpin import (parse, validate, match, aggregate, warnings, every
 * row persisted with its fate) in its own process, and the same comparison in DuckDB as the
 * yardstick; reports both, the ratio, rows/s and the import's peak RSS. Then a county-size run
 * (200,000 rows). Sizes: BENCH_REGISTRY (persons), BENCH_MEDICAL_ROWS, BENCH_COUNTY_ROWS. For quick
 * iterations on a kept database, see department-compare-dev.ts; BENCH_CHILD_FLAGS adds node flags to
 * the import process (e.g. "--cpu-prof --cpu-prof-dir=/tmp/prof").
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import { Readable } from 'node:stream';
import type pg from 'pg';
import copyStreams from 'pg-copy-streams';
import { DuckDBInstance } from '@duckdb/node-api';
import { addCalendarDays, idChecksumChar, maskIdNumber, maskPhone } from '@fangpin/domain';
import { createCipher, type PersonalDataCipher } from '../../packages/server/src/crypto/personal-data.ts';
import { createPool } from '../../packages/server/src/db/client.ts';
import { makeReachableTempDir, startEmbeddedPostgres } from '../../packages/server/src/db/embedded.ts';
import { runMigrations } from '../../packages/server/src/db/migrate.ts';
import { SYSTEM_ACTOR } from '../../packages/server/src/modules/audit/record-audit.ts';
import { generateRegistry, mulberry32 as prng } from '../../packages/server/src/modules/demo/generate-registry.ts';
import { LEYE_REGIONS_CSV } from '../../packages/server/src/modules/demo/seed-demo.ts';
import { loadRegions } from '../../packages/server/src/modules/regions/load-regions.ts';
import { ensureShippedRuleSets } from '../../packages/server/src/modules/rules/ensure-shipped-rule-sets.ts';

const hex = (b: Buffer) => `\\\\x${b.toString('hex')}`;

export type Villages = { code: string; name: string }[];
export type ImportFigures = { ms: number; peakRssMB: number; nodeCpuMs: number; rows: number; matched: number; rejected: number; warnings: number; phases: Record<string, number> };

/** A cluster for the benchmark, tuned for bulk loads (no fsync: the figures measure the import, not the disk). */
export function startBenchPostgres(dir: string) {
  return startEmbeddedPostgres({ dataDir: path.join(dir, 'data'), kind: 'cli', settings: { fsync: 'off', synchronous_commit: 'off', full_page_writes: 'off', max_wal_size: '8GB', maintenance_work_mem: '512MB' } });
}

export async function prepareDatabase(pool: pg.Pool): Promise<Villages> {
  await runMigrations(pool);
  await loadRegions(pool, SYSTEM_ACTOR, LEYE_REGIONS_CSV);
  await ensureShippedRuleSets(pool);
  const { rows } = await pool.query<{ code: string; name: string }>(`SELECT code, name FROM regions WHERE level = 'village' ORDER BY code`);
  return rows;
}

/** Registry: COPY households and members (encrypted IDs, blind index), plus a plain CSV for DuckDB. Returns the persons loaded. */
export async function loadRegistry(pool: pg.Pool, cipher: PersonalDataCipher, villages: Villages, persons: number, registryCsv: string): Promise<number> {
  const plain = fs.createWriteStream(registryCsv);
  plain.write('id_number,household_number,household_type\n');
  const client = await pool.connect();
  const households: string[] = [];
  const members: string[] = [];
  let lastHousehold = '';
  let householdId = '';
  let count = 0;
  const flush = async () => {
    if (households.length) await pipeline(Readable.from([households.join('')]), client.query(copyStreams.from('COPY households (id, county_code, region_code, household_number, type, address, phone_enc, phone_index, phone_masked) FROM STDIN')));
    await pipeline(Readable.from([members.join('')]), client.query(copyStreams.from('COPY members (id, household_id, county_code, name, id_enc, id_index, id_masked, sex, birth_year, relation) FROM STDIN')));
    households.length = 0;
    members.length = 0;
  };
  for (const r of generateRegistry({ seed: 3_000_000, villages, households: Math.ceil(persons / 3.9) + 1000, asOf: '2025-12-31' })) {
    if (count >= persons && r.householdNumber !== lastHousehold) break;
    if (r.householdNumber !== lastHousehold) {
      householdId = crypto.randomUUID();
      lastHousehold = r.householdNumber;
      households.push(`${householdId}\t${r.villageCode.slice(0, 6)}\t${r.villageCode}\t${r.householdNumber}\t${r.householdType}\t${r.address}\t${r.phone ? hex(cipher.encrypt(r.phone)) : '\\N'}\t${r.phone ? hex(cipher.blindIndex(r.phone)) : '\\N'}\t${r.phone ? maskPhone(r.phone) : ''}\n`);
    }
    members.push(`${crypto.randomUUID()}\t${householdId}\t${r.villageCode.slice(0, 6)}\t${r.name}\t${hex(cipher.encrypt(r.idNumber))}\t${hex(cipher.blindIndex(r.idNumber))}\t${maskIdNumber(r.idNumber)}\t${r.sex}\t${r.birthDate.slice(0, 4)}\t${r.relation}\n`);
    if (!plain.write(`${r.idNumber},${r.householdNumber},${r.householdType}\n`)) await new Promise<void>((res) => plain.once('drain', () => res()));
    count++;
    if (members.length >= 50_000) await flush();
  }
  await flush();
  client.release();
  await new Promise<void>((res) => plain.end(() => res()));
  await pool.query('ANALYZE households; ANALYZE members');
  return count;
}

/** A medical file: 90 % of rows name registry persons (re-generated, same seed), 9.5 % other valid IDs, 0.5 % malformed. */
export async function writeMedical(file: string, rows: number, seed: number, registry: { villages: Villages; persons: number; today: string }): Promise<number> {
  const { villages, persons, today } = registry;
  const random = prng(seed);
  const out = fs.createWriteStream(file);
  const write = (text: string) => (out.write(text) ? undefined : new Promise<void>((res) => out.once('drain', () => res())));
  await write('身份证号码,姓名,结算日期,医疗总费用,个人自付\n');
  let written = 0;
  let buffer = '';
  const dateOf = () => addCalendarDays(today, -1 - Math.floor(random() * 360));
  const amount = () => (random() < 0.05 ? 2000 + random() * 20000 : random() * 800).toFixed(2);
  for (const r of generateRegistry({ seed: 3_000_000, villages, households: Math.ceil(persons / 3.9) + 1000, asOf: '2025-12-31' })) {
    if (written >= rows) break;
    if (random() > (rows / persons) * 0.9) continue;
    buffer += `${r.idNumber},${r.name},${dateOf()},0,${amount()}\n`;
    written++;
    if (random() < 0.095 / 0.9) {
      const first17 = `450102${dateOf().replace(/-/g, '')}${String(Math.floor(random() * 1000)).padStart(3, '0')}`;
      buffer += `${first17}${idChecksumChar(first17)},外县,${dateOf()},0,${amount()}\n`;
      written++;
    }
    if (random() < 0.005 / 0.9) {
      buffer += `${r.idNumber.slice(0, 17)}${r.idNumber.endsWith('1') ? '2' : '1'},错号,${dateOf()},0,1.00\n`;
      written++;
    }
    if (buffer.length > 1 << 20) {
      await write(buffer);
      buffer = '';
    }
  }
  await write(buffer);
  await new Promise<void>((res) => out.end(() => res()));
  return written;
}

/** Fangpin's import of one file, in its own process (same heap limit as `npm run bench`). */
export function runImport(url: string, file: string, today: string): ImportFigures {
  return JSON.parse(
    execFileSync(process.execPath, [...(process.env.BENCH_CHILD_FLAGS ?? '').split(' ').filter(Boolean), '--max-old-space-size=384', '--import', 'tsx', path.join(import.meta.dirname, 'department-import-child.ts'), url, file, today], { encoding: 'utf8', maxBuffer: 1 << 20 }).trim(),
  ) as ImportFigures;
}

/** DuckDB: load both CSVs, join, aggregate over the 12-month window, filter by the thresholds. */
export async function duckdbCompare(registryCsv: string, medicalCsv: string, today: string): Promise<{ ms: number; warnings: number }> {
  const duck = await DuckDBInstance.create(':memory:');
  const conn = await duck.connect();
  const d0 = performance.now();
  await conn.run(`CREATE TABLE registry AS SELECT * FROM read_csv('${registryCsv}', header = true, columns = {'id_number': 'VARCHAR', 'household_number': 'VARCHAR', 'household_type': 'VARCHAR'})`);
  await conn.run(`CREATE TABLE medical AS SELECT * FROM read_csv('${medicalCsv}', header = true, columns = {'id': 'VARCHAR', 'name': 'VARCHAR', 'settled': 'DATE', 'total': 'DOUBLE', 'oop': 'DOUBLE'})`);
  const reader = await conn.runAndReadAll(
    `SELECT count(*) AS warnings FROM (
       SELECT r.household_number, r.household_type, sum(m.oop) AS total FROM medical m JOIN registry r ON r.id_number = m.id
       WHERE m.settled > DATE '${addCalendarDays(today, -365)}' AND m.settled <= DATE '${today}'
       GROUP BY 1, 2) t
     WHERE total > CASE WHEN household_type = 'formerlyPoor' THEN 5000 ELSE 10000 END`,
  );
  const ms = performance.now() - d0;
  const warnings = Number(reader.getRows()[0]![0]);
  conn.closeSync();
  duck.closeSync();
  return { ms, warnings };
}

export async function benchDepartmentCompare(): Promise<object> {
  const persons = Number(process.env.BENCH_REGISTRY ?? 3_000_000);
  const medicalRows = Number(process.env.BENCH_MEDICAL_ROWS ?? 2_000_000);
  const countyRows = Number(process.env.BENCH_COUNTY_ROWS ?? 200_000);
  const today = new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10);
  const dir = makeReachableTempDir('fangpin-bench-dept-');
  const pg = await startBenchPostgres(dir);
  const pool = createPool(pg.url, 4);
  const cipher = createCipher(Buffer.alloc(32, 7));
  const log = (m: string) => process.stderr.write(`  department-compare: ${m}\n`);
  try {
    const villages = await prepareDatabase(pool);

    // 1. Registry.
    const t0 = performance.now();
    const registryCsv = path.join(dir, 'registry.csv');
    const count = await loadRegistry(pool, cipher, villages, persons, registryCsv);
    log(`registry of ${count} persons loaded in ${((performance.now() - t0) / 1000).toFixed(0)} s`);

    // 2. The medical file.
    const medicalCsv = path.join(dir, 'medical.csv');
    const written = await writeMedical(medicalCsv, medicalRows, 1, { villages, persons, today });

    // 3. Fangpin, in its own process.
    const ours = runImport(pg.url, medicalCsv, today);
    log(`Fangpin: ${ours.rows} rows in ${(ours.ms / 1000).toFixed(1)} s`);

    // 4. DuckDB, the yardstick.
    const duck = await duckdbCompare(registryCsv, medicalCsv, today);
    log(`DuckDB: ${(duck.ms / 1000).toFixed(1)} s`);

    // 5. County size on the same registry.
    const countyCsv = path.join(dir, 'medical-county.csv');
    await writeMedical(countyCsv, countyRows, 2, { villages, persons, today });
    const county = runImport(pg.url, countyCsv, today);

    return {
      name: 'department-compare',
      registryPersons: count,
      medicalRows: written,
      fangpinMs: ours.ms,
      duckdbMs: Math.round(duck.ms),
      ratio: Math.round((ours.ms / duck.ms) * 10) / 10,
      rowsPerSecond: Math.round(ours.rows / (ours.ms / 1000)),
      peakRssMB: ours.peakRssMB,
      phasesMs: ours.phases,
      matched: ours.matched,
      rejected: ours.rejected,
      warnings: ours.warnings,
      duckdbWarnings: duck.warnings,
      county: { rows: county.rows, ms: county.ms, rowsPerSecond: Math.round(county.rows / (county.ms / 1000)), peakRssMB: county.peakRssMB },
      target: { ratio: 2.0, peakRssMB: 600 },
    };
  } finally {
    await pool.end();
    await pg.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
