import { spawn, type ChildProcess } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { inject } from 'vitest';
import { makeReachableTempDir } from '../src/db/embedded.ts';
import { TEST_SECRET_KEY } from './test-app.ts';

export type ServerProcess = { child: ChildProcess; base: string; output: () => string; stop: () => Promise<void> };

/** A port on 127.0.0.1 that nothing listens on now. */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

/**
 * The real server process (`fangpin serve`, started as `npm start` starts it) on the run's test
 * database, with its own pg-boss schema and data directory. The caller stops it (`afterAll(() =>
 * server.stop())`): an `afterAll` registered here runs only when this is called while the file is
 * collected, and vitest ignores one registered from inside `beforeAll`, where servers are started —
 * every test run left one server running against the test database, with its background jobs. The
 * process is also killed if the test process exits first.
 */
export async function startServerProcess(env: Record<string, string> = {}, nodeArgs: string[] = []): Promise<ServerProcess> {
  const port = await freePort();
  const dataDir = makeReachableTempDir('fangpin-server-');
  const jobsSchema = `pgboss_s${crypto.randomBytes(4).toString('hex')}`;
  const bin = path.resolve(import.meta.dirname, '../bin/fangpin.mjs');
  const child = spawn(process.execPath, [...nodeArgs, bin, 'serve'], {
    env: { ...process.env, DATABASE_URL: inject('databaseUrl'), DATABASE_OWNER_URL: inject('ownerDatabaseUrl'), FANGPIN_SECRET_KEY: TEST_SECRET_KEY, FANGPIN_DATA_DIR: dataDir, FANGPIN_JOBS_SCHEMA: jobsSchema, PORT: String(port), HOST: '127.0.0.1', LOG_LEVEL: 'warn', FANGPIN_SEED_DEMO: '0', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr.on('data', (d: Buffer) => (output += d.toString()));
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGTERM');
      await new Promise((resolve) => child.once('exit', resolve));
    }
    fs.rmSync(dataDir, { recursive: true, force: true });
  };
  const killOnExit = () => child.kill('SIGKILL');
  process.once('exit', killOnExit);
  child.once('exit', () => process.off('exit', killOnExit));
  const base = `http://127.0.0.1:${port}`;
  for (let i = 0; i < 600; i++) {
    if (child.exitCode !== null) throw new Error(`server exited: ${output}`);
    try {
      if ((await fetch(`${base}/api/health`)).ok) return { child, base, output: () => output, stop };
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`server did not start: ${output}`);
}

/** Logs in over HTTP; returns the session cookie. */
export async function loginOver(base: string, username: string, password: string): Promise<string> {
  const response = await fetch(`${base}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password }) });
  const cookie = (response.headers.get('set-cookie') ?? '').split(';')[0]!;
  if (!cookie.startsWith('fangpin_session=')) throw new Error(`login failed: ${response.status} ${await response.text()}`);
  return cookie;
}
