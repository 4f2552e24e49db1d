/**
 * Runs one department import in its own process so that its peak RSS is measured alone
 * (the benchmark's data generation would otherwise count). Prints one JSON line.
 */
import { tuneHeapForBulkWork } from '../../packages/server/src/heap-tuning.ts';
import { createCipher } from '../../packages/server/src/crypto/personal-data.ts';
import { createPool } from '../../packages/server/src/db/client.ts';
import { SYSTEM_ACTOR } from '../../packages/server/src/modules/audit/record-audit.ts';
import { importDepartmentFile } from '../../packages/server/src/modules/department/import-department.ts';

// As the fangpin CLI and server do at start-up.
tuneHeapForBulkWork();
const [url, file, today] = process.argv.slice(2) as [string, string, string];
const pool = createPool(url, 2);
const t0 = performance.now();
const phases: Record<string, number> = {};
// The process's RSS at the end of each phase, and the highest seen by a sampler (every 50 ms) during it: where the peak is.
const rssMB = () => Math.round(process.memoryUsage.rss() / 1048576);
const rssByPhase: Record<string, { end: number; max: number }> = {};
let highest = 0;
const sampler = setInterval(() => (highest = Math.max(highest, rssMB())), 50);
const result = await importDepartmentFile({ pool, cipher: createCipher(Buffer.alloc(32, 7)), today }, SYSTEM_ACTOR, 'medical', file, {
  onPhase: (name, ms) => {
    phases[name] = ms;
    rssByPhase[name] = { end: rssMB(), max: Math.max(highest, rssMB()) };
    highest = 0;
  },
});
clearInterval(sampler);
const ms = performance.now() - t0;
await pool.end();
process.stdout.write(JSON.stringify({ ms: Math.round(ms), peakRssMB: Math.round(process.resourceUsage().maxRSS / 1024), nodeCpuMs: Math.round((process.cpuUsage().user + process.cpuUsage().system) / 1000), rows: result.rows, matched: result.matched, rejected: result.rejected, warnings: result.warnings, phases, rssByPhase }) + '\n');
process.exit(0);
