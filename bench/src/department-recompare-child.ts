/**
 * Runs one monthly re-comparison in its own process so that its peak RSS is measured alone
 * (the benchmark's data generation would otherwise count). Prints one JSON line.
 */
import { tuneHeapForBulkWork } from '../../packages/server/src/heap-tuning.ts';
import { createCipher } from '../../packages/server/src/crypto/personal-data.ts';
import { createPool } from '../../packages/server/src/db/client.ts';
import { recompareSource } from '../../packages/server/src/modules/department/recompare-source.ts';

// As the fangpin CLI and server do at start-up.
tuneHeapForBulkWork();
const [url, today, county] = process.argv.slice(2) as [string, string, string | undefined];
const pool = createPool(url, 2);
const t0 = performance.now();
const phases: Record<string, number> = {};
const result = await recompareSource({ pool, cipher: createCipher(Buffer.alloc(32, 7)), today }, 'medical', county || null, { onPhase: (name, ms) => (phases[name] = ms) });
const ms = performance.now() - t0;
await pool.end();
process.stdout.write(JSON.stringify({ ms: Math.round(ms), peakRssMB: Math.round(process.resourceUsage().maxRSS / 1024), nodeCpuMs: Math.round((process.cpuUsage().user + process.cpuUsage().system) / 1000), ...result, phases }) + '\n');
process.exit(0);
