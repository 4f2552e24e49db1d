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
import crypto from 'node:crypto';
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
import { refreshRegistryIndex } from '../../packages/server/src/modules/department/registry-index.ts';
import { generateRegistry, mulberry32 as prng } from '../../packages/server/src/modules/demo/generate-registry.ts';
import { LEYE_REGIONS_CSV } from '../../packages/server/src/modules/demo/seed-demo.ts';
import { loadRegions } from '../../packages/server/src/modules/regions/load-regions.ts';
import { ensureShippedRuleSets } from '../../packages/server/src/modules/rules/ensure-shipped-rule-sets.ts';

const hex = (b: Buffer) => `\\\\x${b.toString('hex')}`;

export type Villages = { code: string; name: string }[];
export type ImportFigures = { ms: number; peakRssMB: number; nodeCpuMs: number; rows: number; matched: number; rejected: number; warnings: number; phases: Record<string, number>; rssByPhase?: Record<string, { end: number; max: number }> };

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

/** The yardstick must compute the product's blind index exactly, or it matches nothing: checked on one ID. */
function assertSameBlindIndex(cipher: PersonalDataCipher, masterKey: Buffer): void {
  const id = '45102819800517123X';
  const ours = crypto.createHmac('sha256', blindIndexKey(masterKey)).update(id, 'utf8').digest().subarray(0, 16);
  if (!ours.equals(cipher.blindIndex(id))) throw new Error('department-compare: the yardstick’s blind-index key differs from the product’s');
}

/** The blind-index key the product derives from the master key (personal-data.ts), for the duties yardstick's HMAC in SQL. */
function blindIndexKey(masterKey: Buffer): Buffer {
  return Buffer.from(crypto.hkdfSync('sha256', masterKey, Buffer.alloc(0), 'fangpin/personal-data/blind-index', 32));
}

/** The registry's blind indexes with household number and type (what the product matches against), for DuckDB. Untimed. */
export async function exportRegistryIndexes(pool: pg.Pool, file: string): Promise<void> {
  const client = await pool.connect();
  try {
    await pipeline(
      client.query(copyStreams.to(`COPY (SELECT encode(m.id_index, 'hex') AS blind, h.household_number, h.type FROM members m JOIN households h ON h.id = m.household_id) TO STDOUT WITH (FORMAT csv, HEADER true)`)),
      fs.createWriteStream(file),
    );
  } finally {
    client.release();
  }
}

export type DutiesFigures = { ms: number; warnings: number; rows: number; matched: number; rejected: number; phases: Record<string, number>; parquetMB: number };

/**
 * The honest yardstick (issue 16): DuckDB doing the product's duties on the same file. Read every
 * cell as text; validate each ID (18 characters, GB 11643 checksum, a real birth date), each date
 * (a real date, not in the future) and each amount (a number, not negative); compute the same keyed
 * blind index as the product (HMAC-SHA-256 with the blind-index key, written in SQL:
 * H((K⊕opad) ‖ H((K⊕ipad) ‖ id)), first 16 bytes); match it against the registry's blind indexes
 * (loaded untimed, as the product's registry is already in its database); keep every row with its fate
 * (matched / unmatched / rejected with its code, the ID only masked) in a zstd Parquet file; count a
 * settlement repeated in the file once; sum each household's 12 months and write the warnings.
 */
export async function duckdbWithDuties(registryIndexCsv: string, medicalCsv: string, today: string, masterKey: Buffer, outDir: string): Promise<DutiesFigures> {
  const key = Buffer.concat([blindIndexKey(masterKey), Buffer.alloc(32)]);
  const pad = (byte: number) => Buffer.from(key.map((b) => b ^ byte)).toString('hex');
  const duck = await DuckDBInstance.create(':memory:');
  const conn = await duck.connect();
  await conn.run(`CREATE TABLE registry AS SELECT * FROM read_csv('${registryIndexCsv}', header = true, columns = {'blind': 'VARCHAR', 'household_number': 'VARCHAR', 'household_type': 'VARCHAR'})`);
  const phases: Record<string, number> = {};
  const d0 = performance.now();
  let mark = d0;
  const phase = (name: string) => {
    const now = performance.now();
    phases[name] = Math.round(now - mark);
    mark = now;
  };
  const weights = '[7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]';
  await conn.run(`CREATE TABLE raw AS SELECT row_number() OVER () + 1 AS line, upper(trim(id)) AS id, settled, oop
    FROM read_csv('${medicalCsv}', header = true, all_varchar = true, columns = {'id': 'VARCHAR', 'name': 'VARCHAR', 'settled': 'VARCHAR', 'total': 'VARCHAR', 'oop': 'VARCHAR'})`);
  phase('read');
  await conn.run(`CREATE TABLE checked AS SELECT line, id, TRY_CAST(settled AS DATE) AS settled_on, TRY_CAST(oop AS DECIMAL(14, 2)) AS amount,
      CASE
        WHEN id IS NULL OR NOT regexp_full_match(id, '[0-9]{17}[0-9X]') THEN 'ID_FORMAT'
        WHEN TRY_CAST(substr(id, 7, 4) || '-' || substr(id, 11, 2) || '-' || substr(id, 13, 2) AS DATE) IS NULL THEN 'ID_BAD_BIRTH_DATE'
        WHEN substr('10X98765432', CAST(list_sum(list_transform(range(17), i -> TRY_CAST(substr(id, i + 1, 1) AS INTEGER) * ${weights}[i + 1])) % 11 + 1 AS BIGINT), 1) <> substr(id, 18, 1) THEN 'ID_BAD_CHECKSUM'
        WHEN TRY_CAST(settled AS DATE) IS NULL THEN 'DATE_INVALID'
        WHEN TRY_CAST(settled AS DATE) > DATE '${today}' THEN 'DATE_IN_FUTURE'
        WHEN TRY_CAST(oop AS DECIMAL(14, 2)) IS NULL OR TRY_CAST(oop AS DECIMAL(14, 2)) < 0 THEN 'AMOUNT_INVALID'
      END AS code
    FROM raw`);
  phase('validate');
  await conn.run(`CREATE TABLE keyed AS SELECT line, code, settled_on, amount,
      CASE WHEN code IS NULL THEN substr(id, 1, 6) || '********' || substr(id, 15, 4) END AS id_masked,
      CASE WHEN code IS NULL THEN substr(sha256(unhex('${pad(0x5c)}') || unhex(sha256(unhex('${pad(0x36)}') || encode(id)))), 1, 32) END AS blind
    FROM checked`);
  phase('blindIndex');
  await conn.run(`CREATE TABLE fates AS SELECT k.line, k.id_masked, k.blind, k.settled_on, k.amount, r.household_number, r.household_type,
      CASE WHEN k.code IS NOT NULL THEN 'rejected' WHEN r.household_number IS NULL THEN 'unmatched' ELSE 'matched' END AS fate, k.code
    FROM keyed k LEFT JOIN registry r ON r.blind = k.blind`);
  phase('match');
  const rowsFile = path.join(outDir, 'duties-rows.parquet');
  await conn.run(`COPY (SELECT * FROM fates ORDER BY line) TO '${rowsFile}' (FORMAT parquet, COMPRESSION zstd)`);
  phase('writeRows');
  await conn.run(`CREATE TABLE warnings AS SELECT household_number, household_type, sum(amount) AS total FROM (
      SELECT DISTINCT blind, settled_on, amount, household_number, household_type FROM fates
      WHERE fate = 'matched' AND settled_on > DATE '${addCalendarDays(today, -365)}' AND settled_on <= DATE '${today}') s
    GROUP BY 1, 2 HAVING sum(amount) > CASE WHEN household_type = 'formerlyPoor' THEN 5000 ELSE 10000 END`);
  await conn.run(`COPY warnings TO '${path.join(outDir, 'duties-warnings.parquet')}' (FORMAT parquet, COMPRESSION zstd)`);
  phase('aggregateAndWarn');
  const ms = performance.now() - d0;
  const counts = (await conn.runAndReadAll(`SELECT (SELECT count(*) FROM warnings), count(*), count(*) FILTER (WHERE fate = 'matched'), count(*) FILTER (WHERE fate = 'rejected') FROM fates`)).getRows()[0]!.map(Number);
  conn.closeSync();
  duck.closeSync();
  const parquetMB = Math.round((fs.statSync(rowsFile).size / 1048576) * 10) / 10;
  return { ms, warnings: counts[0]!, rows: counts[1]!, matched: counts[2]!, rejected: counts[3]!, phases, parquetMB };
}

export async function benchDepartmentCompare(): Promise<object> {
  const persons = Number(process.env.BENCH_REGISTRY ?? 3_000_000);
  const medicalRows = Number(process.env.BENCH_MEDICAL_ROWS ?? 2_000_000);
  const countyRows = Number(process.env.BENCH_COUNTY_ROWS ?? 200_000);
  const today = new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10);
  const dir = makeReachableTempDir('fangpin-bench-dept-');
  const pg = await startBenchPostgres(dir);
  const pool = createPool(pg.url, 4);
  const masterKey = Buffer.alloc(32, 7);
  const cipher = createCipher(masterKey);
  assertSameBlindIndex(cipher, masterKey);
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

    // 3. Fangpin, in its own process, with the registry's index as the nightly job leaves it (untimed,
    //    as the yardstick's registry indexes are: docs/department-rows.md "The registry's index").
    const i0 = performance.now();
    const index = await refreshRegistryIndex(pool, cipher);
    const indexMs = performance.now() - i0;
    log(`registry's index: ${index.pulled} county part(s) made in ${(indexMs / 1000).toFixed(1)} s`);
    const ours = runImport(pg.url, medicalCsv, today);
    log(`Fangpin: ${ours.rows} rows in ${(ours.ms / 1000).toFixed(1)} s`);

    // 4. The yardsticks, in the same run: bare DuckDB (join and sum, nothing kept), and DuckDB doing
    //    the product's duties (validate, blind index, match, every row's fate in Parquet, warnings).
    const duck = await duckdbCompare(registryCsv, medicalCsv, today);
    log(`DuckDB bare: ${(duck.ms / 1000).toFixed(1)} s`);
    const registryIndexCsv = path.join(dir, 'registry-index.csv');
    await exportRegistryIndexes(pool, registryIndexCsv);
    const duties = await duckdbWithDuties(registryIndexCsv, medicalCsv, today, masterKey, dir);
    log(`DuckDB with the product's duties: ${(duties.ms / 1000).toFixed(1)} s ${JSON.stringify(duties.phases)}`);
    if (duties.warnings !== ours.warnings || duck.warnings !== ours.warnings)
      log(`WARNING COUNTS DIFFER: Fangpin ${ours.warnings}, bare DuckDB ${duck.warnings}, duties DuckDB ${duties.warnings}`);

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
      dutiesYardstickMs: Math.round(duties.ms),
      ratioToDuties: Math.round((ours.ms / duties.ms) * 100) / 100,
      dutiesYardstick: { rows: duties.rows, matched: duties.matched, rejected: duties.rejected, warnings: duties.warnings, phasesMs: duties.phases, rowsParquetMB: duties.parquetMB },
      // Made before the import, untimed (the nightly job's work): docs/department-rows.md "The registry's index".
      registryIndex: { countyParts: index.pulled, ms: Math.round(indexMs) },
      rowsPerSecond: Math.round(ours.rows / (ours.ms / 1000)),
      peakRssMB: ours.peakRssMB,
      phasesMs: ours.phases,
      rssByPhaseMB: ours.rssByPhase,
      matched: ours.matched,
      rejected: ours.rejected,
      warnings: ours.warnings,
      duckdbWarnings: duck.warnings,
      county: { rows: county.rows, ms: county.ms, rowsPerSecond: Math.round(county.rows / (county.ms / 1000)), peakRssMB: county.peakRssMB },
      target: { ratioToDuties: 2.0, peakRssMB: 600 },
    };
  } finally {
    await pool.end();
    await pg.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
