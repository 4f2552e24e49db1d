/**
 * `npm run bench`: the speed and memory targets, measured (never as timed unit tests).
 * `npm run bench -- assess` runs one benchmark by name.
 */
import { benchAssess } from './assess.bench.ts';
import { benchRegistryImport } from './registry-import.bench.ts';
import { benchDepartmentCompare } from './department-compare.bench.ts';
import { benchDepartmentRecompare } from './department-recompare.bench.ts';
import { benchLoad } from './load.bench.ts';
import { benchLoginTiming } from './login-timing.bench.ts';
import { benchHashChain } from './hash-chain.bench.ts';
import { benchStats } from './stats.bench.ts';

const BENCHES: Record<string, () => Promise<object>> = {
  assess: benchAssess,
  'registry-import': () => benchRegistryImport(),
  'department-compare': benchDepartmentCompare,
  'department-recompare': benchDepartmentRecompare,
  load: benchLoad,
  'login-timing': () => benchLoginTiming(),
  'hash-chain': () => benchHashChain(),
  stats: benchStats,
};

const wanted = process.argv.slice(2).filter((a) => !a.startsWith('-'));
const unknown = wanted.filter((w) => !BENCHES[w]);
if (unknown.length) {
  console.error(`Unknown benchmark(s): ${unknown.join(', ')}; known: ${Object.keys(BENCHES).join(', ')}`);
  process.exit(1);
}
for (const [name, run] of Object.entries(BENCHES)) {
  if (wanted.length && !wanted.includes(name)) continue;
  console.log(`▶ ${name}`);
  const result = await run();
  console.log(JSON.stringify(result));
}
process.exit(0);
