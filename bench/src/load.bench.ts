/**
 * `load` (issue 10): the household search and each role's to-do under concurrent clients, against
 * the real server (`fangpin serve` in its own process) on a registry of 3,000,000 persons (the
 * generator of the other benchmarks, one county: the widest scope a county admin searches).
 *
 * Closed loop: 50 and 200 clients, each sending its next request when the last one answered, for
 * BENCH_LOAD_SECONDS (30) each; and open loop at a fixed rate (200 req/s search, 100 req/s to-do)
 * for the latency targets (search p95 ≤ 20 ms at 200 req/s, to-do p95 ≤ 50 ms). The yardstick, in
 * the same run and under the same load: `GET /api/auth/me` (the session lookup every request
 * pays, and JSON out), i.e. what the server costs before search or to-do do any work.
 *
 * BENCH_LOAD_PERSONS (3,000,000), BENCH_LOAD_CASES (4,000), BENCH_LOAD_CONCURRENCY ("50,200"),
 * BENCH_LOAD_DIR: keep the database there and reuse it on the next run (skips the load).
 * BENCH_LOAD_ONLY: `search` or `todo` (with the yardstick) to measure one of them.
 * BENCH_LOAD_SEARCH_USERS (300): the accounts the searches rotate over (startServer says why).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { addCalendarDays, type Role } from '@fangpin/domain';
import { createCipher } from '../../packages/server/src/crypto/personal-data.ts';
import { createPool } from '../../packages/server/src/db/client.ts';
import { ensureLoginRole } from '../../packages/server/src/db/roles.ts';
import { makeReachableTempDir } from '../../packages/server/src/db/embedded.ts';
import { hashPassword } from '../../packages/server/src/modules/auth/passwords.ts';
import { generateRegistry } from '../../packages/server/src/modules/demo/generate-registry.ts';
import { recordHotlineCall } from '../../packages/server/src/modules/hotline/record-call.ts';
import { loadRegistry, prepareDatabase, startBenchPostgres } from './department-compare.bench.ts';

const REPO = fileURLToPath(new URL('../..', import.meta.url));
const KEY = Buffer.alloc(32, 9);
const PASSWORD = 'Bench-load-2026';

export type Phase = { name: string; clients: number; rate: number | null; seconds: number; requests: number; throughput: number; p50: number; p95: number; p99: number; max: number; errors: number };

/** What one phase requests: request i goes to `paths[i mod n]` as the session `cookies[i mod m]`. */
type Target = { label: string; cookies: string[]; paths: string[] };

function percentile(sorted: Float64Array, p: number): number {
  if (sorted.length === 0) return NaN;
  return Math.round(sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]! * 10) / 10;
}

/** One GET, timed; resolves with the status (0 on a network error). */
function get(agent: http.Agent, port: number, target: Target, index: number): Promise<{ status: number; ms: number }> {
  const started = performance.now();
  return new Promise((resolve) => {
    const req = http.request({ host: '127.0.0.1', port, path: target.paths[index % target.paths.length], agent, headers: { cookie: target.cookies[index % target.cookies.length]! } }, (res) => {
      res.resume();
      res.on('end', () => resolve({ status: res.statusCode ?? 0, ms: performance.now() - started }));
    });
    req.on('error', () => resolve({ status: 0, ms: performance.now() - started }));
    req.end();
  });
}

/**
 * Closed loop (rate null): `clients` workers, each sending its next request when its last answered.
 * Open loop: requests start at `rate` per second whatever the answers do (at most `clients` in
 * flight; a request that cannot start because all are busy counts as an error: the server fell behind).
 */
async function runPhase(name: string, port: number, target: Target, clients: number, seconds: number, rate: number | null): Promise<Phase> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: clients });
  const latencies: number[] = [];
  let errors = 0;
  let sent = 0;
  const deadline = performance.now() + seconds * 1000;
  const record = (r: { status: number; ms: number }) => {
    if (r.status !== 200) errors++;
    else latencies.push(r.ms);
  };
  if (rate === null) {
    await Promise.all(
      Array.from({ length: clients }, async () => {
        while (performance.now() < deadline) record(await get(agent, port, target, sent++));
      }),
    );
  } else {
    let inFlight = 0;
    const pending: Promise<void>[] = [];
    const start = performance.now();
    while (performance.now() < deadline) {
      const due = start + (sent * 1000) / rate;
      const wait = due - performance.now();
      if (wait > 0) await new Promise((r) => setTimeout(r, wait));
      if (inFlight >= clients) {
        errors++;
        sent++;
        continue;
      }
      inFlight++;
      pending.push(
        get(agent, port, target, sent++).then((r) => {
          inFlight--;
          record(r);
        }),
      );
    }
    await Promise.all(pending);
  }
  agent.destroy();
  const sorted = Float64Array.from(latencies).sort();
  const phase: Phase = {
    name,
    clients,
    rate,
    seconds,
    requests: latencies.length + errors,
    throughput: Math.round(latencies.length / seconds),
    p50: percentile(sorted, 50),
    p95: percentile(sorted, 95),
    p99: percentile(sorted, 99),
    max: percentile(sorted, 100),
    errors,
  };
  process.stderr.write(`  ${name.padEnd(34)} ${String(clients).padStart(3)} clients${rate ? ` @${rate}/s` : '      '}  ${String(phase.throughput).padStart(5)} req/s  p50 ${phase.p50} ms  p95 ${phase.p95} ms  p99 ${phase.p99} ms  errors ${errors}\n`);
  return phase;
}

/**
 * The per-user limit on searches by ID number or phone (docs/personal-data.md, "Limits"; 120 an hour
 * by default) counts the user's own rows of the last hour, at most the limit. The searches rotate over
 * BENCH_LOAD_SEARCH_USERS county-admin accounts (300) with the limit at 1,000, so that each count
 * reads what it reads in production (a few hundred rows at most) instead of one account's whole hour
 * of 80 identifier searches a second. Each search still counts its rows and writes its audit row.
 */
async function startServer(url: string, ownerUrl: string, dataDir: string, port: number): Promise<ChildProcess> {
  const child = spawn(process.execPath, ['packages/server/bin/fangpin.mjs', 'serve'], {
    cwd: REPO,
    env: { ...process.env, DATABASE_URL: url, DATABASE_OWNER_URL: ownerUrl, FANGPIN_SECRET_KEY: KEY.toString('hex'), FANGPIN_DATA_DIR: dataDir, PORT: String(port), HOST: '127.0.0.1', LOG_LEVEL: 'warn', LOGIN_RATE_LIMIT: '1000', IDENTIFIER_SEARCHES_PER_HOUR: '1000', NODE_OPTIONS: '' },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  for (let i = 0; i < 600; i++) {
    await new Promise((r) => setTimeout(r, 250));
    if (child.exitCode !== null) throw new Error(`the server exited with ${child.exitCode}`);
    const up = await fetch(`http://127.0.0.1:${port}/api/health`).then((r) => r.ok).catch(() => false);
    if (up) return child;
  }
  throw new Error('the server did not start');
}

async function login(port: number, username: string): Promise<string> {
  const r = await fetch(`http://127.0.0.1:${port}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password: PASSWORD }) });
  if (!r.ok) throw new Error(`login ${username}: ${r.status} ${await r.text()}`);
  return (r.headers.get('set-cookie') ?? '').split(';')[0]!;
}

/** Cases for the to-do lists: dispatched hotline calls (the real use case), then spread over the steps as a county's work would be. */
async function seedWork(pool: ReturnType<typeof createPool>, cases: number, today: string): Promise<void> {
  const cipher = createCipher(KEY);
  const { rows: monitor } = await pool.query<{ id: string }>(`SELECT id FROM users WHERE username = 'bench-county-monitor'`);
  const actor = { userId: monitor[0]!.id, username: 'bench-county-monitor', role: 'county-monitor' as const, regionCode: '451028', displayName: '基准监测员' };
  const { rows: households } = await pool.query<{ id: string; regionCode: string }>(
    `SELECT id, region_code AS "regionCode" FROM households TABLESAMPLE SYSTEM (1) REPEATABLE (7) LIMIT $1`,
    [cases],
  );
  const now = new Date(`${today}T02:00:00Z`);
  for (const [i, h] of households.entries()) {
    await recordHotlineCall({ pool, cipher, now: () => now }, actor, {
      calledAt: new Date(now.getTime() - (i % 30) * 86_400_000).toISOString(),
      callerName: '来电人',
      callerPhone: `139${String(i).padStart(8, '0')}`,
      regionCode: h.regionCode,
      householdId: h.id,
      content: '家中有人生病住院，花费较大',
      result: 'dispatched',
      riskTypes: ['01'],
    });
    if (i % 500 === 0) process.stderr.write(`\r  cases: ${i}/${households.length}   `);
  }
  process.stderr.write('\n');
  // Spread over the procedure: 40 % closed, the rest at every step, deadlines around today.
  await pool.query(
    `WITH steps AS (SELECT ARRAY['clueRegistered','homeVerification','propertyCheck','systemAssessment','villageDeliberation','publicNotice','townshipReview','countyApproval','callback'] AS s)
     UPDATE cases c SET step = CASE WHEN random() < 0.4 THEN 'closed' ELSE (SELECT s[1 + floor(random() * 9)::int] FROM steps) END,
       due_on = $1::date + (floor(random() * 30) - 10)::int, step_due_on = $1::date + (floor(random() * 10) - 3)::int`,
    [today],
  );
  await pool.query(
    `INSERT INTO visit_reports (client_id, county_code, region_code, household_id, visited_on, visitor_name, observed, status)
     SELECT 'bench-' || h.id, h.county_code, h.region_code, h.id, $1::date - 3, '网格员', '走访发现家中有人住院', CASE WHEN random() < 0.5 THEN 'submitted' ELSE 'forwarded' END
     FROM households h TABLESAMPLE SYSTEM (1) REPEATABLE (11) LIMIT $2`,
    [today, cases],
  );
  // A steady-state database: autovacuum would have set the visibility map the index-only scans rely on.
  await pool.query('VACUUM (ANALYZE)');
}

export async function benchLoad(): Promise<object> {
  const persons = Number(process.env.BENCH_LOAD_PERSONS ?? 3_000_000);
  const cases = Number(process.env.BENCH_LOAD_CASES ?? 4_000);
  const seconds = Number(process.env.BENCH_LOAD_SECONDS ?? 30);
  const concurrency = (process.env.BENCH_LOAD_CONCURRENCY ?? '50,200').split(',').map(Number);
  const keep = process.env.BENCH_LOAD_DIR;
  const dir = keep ?? makeReachableTempDir('fangpin-bench-load-');
  const reuse = !!keep && fs.existsSync(path.join(dir, 'loaded.json'));
  const today = addCalendarDays(new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date()), 0);
  const pg = await startBenchPostgres(dir);
  const pool = createPool(pg.url, 4);
  let server: ChildProcess | undefined;
  try {
    const villages = await prepareDatabase(pool);
    let loaded: { persons: number; loadMs: number };
    if (reuse) {
      loaded = JSON.parse(fs.readFileSync(path.join(dir, 'loaded.json'), 'utf8')) as typeof loaded;
      process.stderr.write(`  reusing the database in ${dir} (${loaded.persons} persons)\n`);
    } else {
      const t0 = performance.now();
      const count = await loadRegistry(pool, createCipher(KEY), villages, persons, path.join(dir, 'registry.csv'));
      const hash = await hashPassword(PASSWORD);
      const township = villages[0]!.code.slice(0, 9) + '000';
      const accounts: [string, Role, string][] = [
        ['bench-county-admin', 'county-admin', '451028'],
        ['bench-county-monitor', 'county-monitor', '451028'],
        ['bench-township-officer', 'township-officer', township],
        ['bench-village-cadre', 'village-cadre', villages[0]!.code],
        ['bench-helping-cadre', 'helping-cadre', '451028'],
        ['bench-department', 'department', '451028'],
        ['bench-leader', 'leader', '451028'],
      ];
      for (const [username, role, region] of accounts) {
        await pool.query(`INSERT INTO users (username, display_name, password_hash, role, region_code) VALUES ($1, $1, $2, $3, $4) ON CONFLICT DO NOTHING`, [username, hash, role, region]);
      }
      await seedWork(pool, cases, today);
      loaded = { persons: count, loadMs: Math.round(performance.now() - t0) };
      if (keep) fs.writeFileSync(path.join(dir, 'loaded.json'), JSON.stringify(loaded));
      fs.rmSync(path.join(dir, 'registry.csv'), { force: true });
    }
    // The county admins the searches rotate over (startServer): made on every run, a kept database may predate them.
    const searchUsers = Number(process.env.BENCH_LOAD_SEARCH_USERS ?? 300);
    {
      const hash = await hashPassword(PASSWORD);
      await pool.query(
        `INSERT INTO users (username, display_name, password_hash, role, region_code)
         SELECT 'bench-search-' || lpad(i::text, 3, '0'), '基准检索员' || i, $1, 'county-admin', '451028' FROM generate_series(0, $2 - 1) i
         ON CONFLICT DO NOTHING`,
        [hash, searchUsers],
      );
    }
    const { rows: counts } = await pool.query<{ households: number; members: number; cases: number; open: number }>(
      `SELECT (SELECT count(*) FROM households)::int AS households, (SELECT count(*) FROM members)::int AS members,
         (SELECT count(*) FROM cases)::int AS cases, (SELECT count(*) FROM cases WHERE step NOT IN ('closed','withdrawn'))::int AS open`,
    );

    // The searches a county centre types: names (surname + given name start, full names), household numbers, ID numbers, phones, and the first page.
    const queries: string[] = [''];
    let n = 0;
    for (const r of generateRegistry({ seed: 3_000_000, villages, households: Math.ceil(persons / 3.9) + 1000, asOf: '2025-12-31' })) {
      if (n++ % 997 !== 0) continue;
      queries.push(r.name.slice(0, 2), r.name, r.householdNumber, r.idNumber);
      if (r.phone) queries.push(r.phone);
      if (queries.length > 2000) break;
    }
    const port = 3390 + Math.floor(Math.random() * 50);
    // The server refuses to run as the owner (docs/ARCHITECTURE.md): a restricted login role, as a real install has.
    const appUrl = new URL(pg.url);
    appUrl.username = 'fangpin_bench_app';
    appUrl.password = crypto.randomBytes(12).toString('hex');
    await ensureLoginRole(pool, appUrl.username, appUrl.password);
    server = await startServer(appUrl.toString(), pg.url, path.join(dir, 'server'), port);
    const cookie = (role: Role) => login(port, `bench-${role}`);
    const admin = await cookie('county-admin');
    const searchers: string[] = [];
    for (let i = 0; i < searchUsers; i++) searchers.push(await login(port, `bench-search-${String(i).padStart(3, '0')}`));
    const search: Target = { label: 'search', cookies: searchers, paths: queries.map((q) => `/api/households?${new URLSearchParams({ q, page: '1', pageSize: '20' }).toString()}`) };
    const yardstick: Target = { label: 'me', cookies: [admin], paths: ['/api/auth/me'] };
    const todoRoles: Role[] = ['county-admin', 'county-monitor', 'township-officer', 'village-cadre', 'leader'];
    const todos: Target[] = [];
    for (const role of todoRoles) todos.push({ label: `todo ${role}`, cookies: [await cookie(role)], paths: ['/api/cases/todo'] });
    // Roles without cases (helping cadre, department) are refused the to-do (403): not measured.

    // Warm up caches and JIT before measuring.
    await runPhase('warm-up', port, search, 10, Math.min(5, seconds), null);
    const phases: Phase[] = [];
    // BENCH_LOAD_ONLY=search or =todo runs the yardstick and that part only (profiling one of them).
    const only = process.env.BENCH_LOAD_ONLY;
    for (const clients of concurrency) phases.push(await runPhase('yardstick GET /api/auth/me', port, yardstick, clients, seconds, null));
    if (only !== 'todo') {
      for (const clients of concurrency) phases.push(await runPhase('search GET /api/households', port, search, clients, seconds, null));
      phases.push(await runPhase('search GET /api/households', port, search, 200, seconds, 200));
    }
    if (only !== 'search') {
      for (const t of todos) for (const clients of concurrency) phases.push(await runPhase(`${t.label} GET /api/cases/todo`, port, t, clients, seconds, null));
      for (const t of todos) phases.push(await runPhase(`${t.label} GET /api/cases/todo`, port, t, 200, seconds, 100));
    }
    return { name: 'load', ...loaded, ...counts[0], searchQueries: queries.length, phases };
  } finally {
    server?.kill('SIGTERM');
    await new Promise((r) => setTimeout(r, 1000));
    await pool.end();
    await pg.stop();
    if (!keep) fs.rmSync(dir, { recursive: true, force: true });
  }
}
