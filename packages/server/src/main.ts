import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildApp } from './app.ts';
import { loadConfig, type Config } from './config.ts';
import { createCipher, loadMasterKey } from './crypto/personal-data.ts';
import { openDatabase } from './db/database.ts';
import { DEMO_ACCOUNTS, DEMO_PASSWORD, seedDemo } from './modules/demo/seed-demo.ts';
import { localDate } from './clock.ts';
import { ensureShippedRuleSets } from './modules/rules/ensure-shipped-rule-sets.ts';
import { startJobs } from './jobs/boss.ts';

const here = path.dirname(fileURLToPath(import.meta.url));
export const WEB_DIST = path.resolve(here, '..', '..', 'web', 'dist');

/**
 * `fangpin serve`: opens the database (embedded by default), migrates, seeds the demo county on the
 * first start of an embedded database, and listens on PORT. SIGINT/SIGTERM stop the HTTP server,
 * then the database, cleanly.
 */
export async function serve(config: Config = loadConfig()): Promise<void> {
  const log = (m: string) => process.stdout.write(`${m}\n`);
  const startedAt = Date.now();
  const db = await openDatabase(config, { kind: 'serve', log });
  const cipher = createCipher(loadMasterKey(config));
  let demo: Awaited<ReturnType<typeof seedDemo>> | undefined;
  const { rows } = await db.pool.query<{ n: number }>(`SELECT count(*)::int AS n FROM users`);
  if (rows[0]!.n === 0 && (db.isEmbedded || process.env.FANGPIN_SEED_DEMO === '1')) {
    log('First start: seeding the demo county 乐业县 (451028)…');
    demo = await seedDemo(db.pool, cipher, { today: localDate(new Date()) });
  }
  await ensureShippedRuleSets(db.pool);
  const now = () => new Date();
  // Background jobs (pg-boss, schema FANGPIN_JOBS_SCHEMA): department imports and the monthly comparison.
  const jobs = await startJobs({ pool: db.pool, cipher, now, schema: config.jobsSchema, log, importLimits: config.importLimits });
  const app = await buildApp({
    pool: db.pool,
    config,
    cipher,
    now,
    jobs,
    webDist: WEB_DIST,
    databaseLabel: db.isEmbedded ? `embedded (${path.join(config.dataDir, 'pg')})` : 'DATABASE_URL',
  });
  let isStopping = false;
  const stop = async (signal: string) => {
    if (isStopping) return;
    isStopping = true;
    log(`${signal}: stopping…`);
    await app.close().catch(() => undefined);
    await jobs.stop().catch(() => undefined);
    await db.close();
    log('Stopped cleanly.');
    process.exit(0);
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));
  try {
    await app.listen({ port: config.port, host: config.host });
  } catch (error) {
    await jobs.stop().catch(() => undefined);
    await db.close();
    throw error;
  }
  const shownHost = config.host === '0.0.0.0' ? '127.0.0.1' : config.host;
  log(`\nFangpin 防贫 is running at http://${shownHost}:${config.port}  (API docs: /api/docs; ready in ${((Date.now() - startedAt) / 1000).toFixed(1)} s)`);
  log(`Database: ${db.isEmbedded ? `embedded PostgreSQL in ${config.dataDir}` : 'DATABASE_URL'}`);
  if (demo) log(`Demo county seeded: ${demo.households} households, ${demo.persons} persons, ${demo.regions} villages.`);
  const { rows: demoUsers } = await db.pool.query<{ username: string }>(`SELECT username FROM users WHERE username = ANY($1::text[])`, [DEMO_ACCOUNTS.map((a) => a.username)]);
  if (demoUsers.length > 0) {
    log(`Demo accounts (password ${DEMO_PASSWORD}):`);
    for (const a of DEMO_ACCOUNTS) if (demoUsers.some((u) => u.username === a.username)) log(`  ${a.username.padEnd(18)} ${a.role.padEnd(17)} ${a.displayName}`);
  }
}
