/**
 * `registry-import` (issue 2): a generated registry file of 1,000,000 persons (national-system style
 * CSV, GBK like real exports) imported through the real import into an embedded PostgreSQL;
 * reports rows/s and the peak RSS of this Node process (target: streaming, RSS < 600 MB whatever
 * the file size). BENCH_REGISTRY_PERSONS changes the size.
 */
import fs from 'node:fs';
import path from 'node:path';
import iconv from 'iconv-lite';
import { createCipher } from '../../packages/server/src/crypto/personal-data.ts';
import { createPool } from '../../packages/server/src/db/client.ts';
import { makeReachableTempDir, startEmbeddedPostgres } from '../../packages/server/src/db/embedded.ts';
import { runMigrations } from '../../packages/server/src/db/migrate.ts';
import { SYSTEM_ACTOR } from '../../packages/server/src/modules/audit/record-audit.ts';
import { REGISTRY_CSV_HEADER_ZH, generateRegistry, registryRowToCsvCells } from '../../packages/server/src/modules/demo/generate-registry.ts';
import { LEYE_REGIONS_CSV } from '../../packages/server/src/modules/demo/seed-demo.ts';
import { importRegistry } from '../../packages/server/src/modules/registry/import-registry.ts';
import { loadRegions } from '../../packages/server/src/modules/regions/load-regions.ts';

export type RegistryImportBench = { name: string; persons: number; households: number; fileMB: number; generateMs: number; importMs: number; rowsPerSecond: number; peakRssMB: number; rejected: number };

async function writeFile(file: string, villages: { code: string; name: string }[], persons: number): Promise<{ persons: number; households: number }> {
  const out = fs.createWriteStream(file);
  const write = (text: string) => (out.write(iconv.encode(text, 'gbk')) ? undefined : new Promise<void>((resolve) => out.once('drain', () => resolve())));
  await write('乐业县农户成员信息（基准测试）\r\n' + REGISTRY_CSV_HEADER_ZH.join(',') + '\r\n');
  let count = 0;
  let households = 0;
  let buffer = '';
  let lastHousehold = '';
  for (const row of generateRegistry({ seed: 20261129, villages, households: Math.ceil(persons / 3.9), asOf: '2025-12-31' })) {
    if (count >= persons && row.householdNumber !== lastHousehold) break;
    if (row.householdNumber !== lastHousehold) households++;
    lastHousehold = row.householdNumber;
    buffer += registryRowToCsvCells(row).join(',') + '\r\n';
    count++;
    if (buffer.length > 1 << 20) {
      await write(buffer);
      buffer = '';
    }
  }
  await write(buffer);
  await new Promise<void>((resolve, reject) => out.end((e?: Error | null) => (e ? reject(e) : resolve())));
  return { persons: count, households };
}

export async function benchRegistryImport(persons = Number(process.env.BENCH_REGISTRY_PERSONS ?? 1_000_000)): Promise<RegistryImportBench> {
  const dir = makeReachableTempDir('fangpin-bench-registry-');
  const pg = await startEmbeddedPostgres({ dataDir: path.join(dir, 'data'), kind: 'cli', settings: { fsync: 'off', synchronous_commit: 'off', full_page_writes: 'off', max_wal_size: '4GB' } });
  const pool = createPool(pg.url, 4);
  try {
    await runMigrations(pool);
    await loadRegions(pool, SYSTEM_ACTOR, LEYE_REGIONS_CSV);
    const { rows: villages } = await pool.query<{ code: string; name: string }>(`SELECT code, name FROM regions WHERE level = 'village' ORDER BY code`);
    const file = path.join(dir, 'registry.csv');
    const t0 = performance.now();
    const generated = await writeFile(file, villages, persons);
    const generateMs = performance.now() - t0;
    const cipher = createCipher(Buffer.alloc(32, 7));
    const t1 = performance.now();
    const result = await importRegistry({ pool, cipher, today: '2026-11-29' }, SYSTEM_ACTOR, file, {
      onProgress: (rows) => {
        if (rows % 100_000 < 2000) process.stderr.write(`\r  registry-import: ${rows} rows, RSS ${Math.round(process.memoryUsage.rss() / 2 ** 20)} MB, heap ${Math.round(process.memoryUsage().heapUsed / 2 ** 20)} MB, ext ${Math.round(process.memoryUsage().external / 2 ** 20)} MB, ab ${Math.round(process.memoryUsage().arrayBuffers / 2 ** 20)} MB   `);
      },
    });
    const importMs = performance.now() - t1;
    process.stderr.write('\n');
    return {
      name: 'registry-import',
      persons: generated.persons,
      households: generated.households,
      fileMB: Math.round(fs.statSync(file).size / 2 ** 20),
      generateMs: Math.round(generateMs),
      importMs: Math.round(importMs),
      rowsPerSecond: Math.round(result.rows / (importMs / 1000)),
      peakRssMB: Math.round(process.resourceUsage().maxRSS / 1024),
      rejected: result.rejected,
    };
  } finally {
    await pool.end();
    await pg.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
