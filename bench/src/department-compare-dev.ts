/**
 * Quick iterations on the department import: `node --import tsx bench/src/department-compare-dev.ts`
 * keeps its cluster, registry and files in BENCH_DIR (default /tmp/fangpin-dept-quick) between runs,
 * so only the first run pays the registry load. Each run empties the department tables, then times
 * Fangpin's import (own process, 384 MB heap) and DuckDB on the same files.
 * Sizes: BENCH_REGISTRY (persons, default 300,000), BENCH_MEDICAL_ROWS (default 200,000); with
 * BENCH_COUNTY_ROWS, a county-size file is imported after the big one (its rolling sums then read an
 * older batch). BENCH_STALE_INDEX=1: no registry's index made before the import (it pulls the
 * registry itself); BENCH_MEDICAL_GBK=1: Fangpin imports the file as GB18030 (Excel's Chinese CSV).
 */
import fs from 'node:fs';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import iconv from 'iconv-lite';
import { createCipher } from '../../packages/server/src/crypto/personal-data.ts';
import { createPool } from '../../packages/server/src/db/client.ts';
import { refreshRegistryIndex } from '../../packages/server/src/modules/department/registry-index.ts';
import { duckdbCompare, duckdbWithDuties, exportRegistryIndexes, loadRegistry, prepareDatabase, runImport, startBenchPostgres, writeMedical } from './department-compare.bench.ts';

const persons = Number(process.env.BENCH_REGISTRY ?? 300_000);
const medicalRows = Number(process.env.BENCH_MEDICAL_ROWS ?? 200_000);
const dir = process.env.BENCH_DIR ?? '/tmp/fangpin-dept-quick';
const today = process.env.BENCH_TODAY ?? '2026-11-29';
const log = (m: string) => process.stderr.write(`  department-compare-dev: ${m}\n`);

fs.mkdirSync(dir, { recursive: true });
const pg = await startBenchPostgres(dir);
const pool = createPool(pg.url, 4);
try {
  const villages = await prepareDatabase(pool);
  const registryCsv = path.join(dir, `registry-${persons}.csv`);
  const { rows } = await pool.query<{ n: number }>('SELECT count(*)::int AS n FROM members');
  if (rows[0]!.n < persons || !fs.existsSync(registryCsv)) {
    await pool.query('TRUNCATE members, households CASCADE');
    const t0 = performance.now();
    const count = await loadRegistry(pool, createCipher(Buffer.alloc(32, 7)), villages, persons, registryCsv);
    log(`registry of ${count} persons loaded in ${((performance.now() - t0) / 1000).toFixed(0)} s`);
  }
  const medicalCsv = path.join(dir, `medical-${persons}-${medicalRows}.csv`);
  if (!fs.existsSync(medicalCsv)) await writeMedical(medicalCsv, medicalRows, 1, { villages, persons, today });
  await pool.query('TRUNCATE department_rows, department_batches, warnings CASCADE');
  await pool.query('VACUUM ANALYZE department_rows');
  // The registry's index as the nightly job leaves it (BENCH_STALE_INDEX=1: none, the import pulls the registry itself).
  await pool.query('DELETE FROM registry_index_parts');
  if (process.env.BENCH_STALE_INDEX !== '1') {
    const i0 = performance.now();
    const index = await refreshRegistryIndex(pool, createCipher(Buffer.alloc(32, 7)));
    log(`registry's index: ${index.pulled} county part(s) made in ${((performance.now() - i0) / 1000).toFixed(1)} s`);
  }
  // BENCH_MEDICAL_GBK=1: the same file as Excel's Chinese CSV (GB18030), which the files engine transcodes first.
  let ourFile = medicalCsv;
  if (process.env.BENCH_MEDICAL_GBK === '1') {
    ourFile = medicalCsv.replace(/\.csv$/, '-gbk.csv');
    if (!fs.existsSync(ourFile)) await pipeline(fs.createReadStream(medicalCsv), iconv.decodeStream('utf8'), iconv.encodeStream('gb18030'), fs.createWriteStream(ourFile));
  }
  const ours = runImport(pg.url, ourFile, today);
  const duck = await duckdbCompare(registryCsv, medicalCsv, today);
  const registryIndexCsv = path.join(dir, `registry-index-${persons}.csv`);
  if (!fs.existsSync(registryIndexCsv)) await exportRegistryIndexes(pool, registryIndexCsv);
  const duties = await duckdbWithDuties(registryIndexCsv, medicalCsv, today, Buffer.alloc(32, 7), dir);
  if (process.env.BENCH_COUNTY_ROWS) {
    // A county-size file after the big one (an older files batch inside the window; over 4 MB: the files engine too).
    const countyCsv = path.join(dir, `medical-county-${persons}-${process.env.BENCH_COUNTY_ROWS}.csv`);
    if (!fs.existsSync(countyCsv)) await writeMedical(countyCsv, Number(process.env.BENCH_COUNTY_ROWS), 2, { villages, persons, today });
    console.log(JSON.stringify({ county: runImport(pg.url, countyCsv, today) }));
  }
  console.log(JSON.stringify({ ...ours, rowsPerSecond: Math.round(ours.rows / (ours.ms / 1000)), duckdbMs: Math.round(duck.ms), ratio: Math.round((ours.ms / duck.ms) * 10) / 10, duckdbWarnings: duck.warnings, duties, ratioToDuties: Math.round((ours.ms / duties.ms) * 100) / 100 }));
} finally {
  await pool.end();
  await pg.stop();
}
process.exit(0);
