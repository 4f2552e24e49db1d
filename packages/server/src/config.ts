import net from 'node:net';
import path from 'node:path';
import { z } from 'zod';
import { DEFAULT_IMPORT_LIMITS, type ImportLimits } from './files/import-limits.ts';

const TRUST_PROXY_EXAMPLE = 'e.g. TRUST_PROXY=127.0.0.1 (a reverse proxy on this machine) or TRUST_PROXY=10.0.0.5,10.1.0.0/16';

/**
 * TRUST_PROXY → the proxies whose X-Forwarded-For / X-Forwarded-Proto are believed (Fastify's
 * `trustProxy` list: addresses, CIDR networks, or proxy-addr's names loopback / linklocal /
 * uniquelocal), or false for none. Anything that would trust every client is refused: `1`/`true`
 * (what TRUST_PROXY=1 used to mean), `*`, a /0 network, a host name.
 */
export function parseTrustProxy(value: string | undefined): string[] | false | { error: string } {
  const raw = (value ?? '').trim();
  if (raw === '' || raw === '0' || raw.toLowerCase() === 'false') return false;
  if (['1', 'true', 'yes', '*', 'all'].includes(raw.toLowerCase())) {
    return {
      error: `TRUST_PROXY=${raw} would trust X-Forwarded-For from every client, so anyone could pick their address (and dodge the login rate limit). Set it to the address(es) of your reverse proxy, ${TRUST_PROXY_EXAMPLE}.`,
    };
  }
  const entries = raw.split(',').map((e) => e.trim());
  for (const entry of entries) {
    if (['loopback', 'linklocal', 'uniquelocal'].includes(entry)) continue;
    const [address = '', prefix, ...rest] = entry.split('/');
    const family = net.isIP(address);
    const maxPrefix = family === 6 ? 128 : 32;
    const isValidPrefix = prefix === undefined || (/^\d{1,3}$/.test(prefix) && Number(prefix) >= 1 && Number(prefix) <= maxPrefix);
    if (family === 0 || rest.length > 0 || !isValidPrefix) {
      const why = family !== 0 && prefix !== undefined && Number(prefix) === 0 ? 'a /0 network trusts every client' : 'not an IP address or network (CIDR)';
      return { error: `TRUST_PROXY: "${entry}" is ${why}. List your reverse proxies' addresses, separated by commas, ${TRUST_PROXY_EXAMPLE}.` };
    }
  }
  return entries;
}

/** Environment, parsed once with zod (docs/ARCHITECTURE.md "packages/server/src"). */
const EnvSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  /** Listen address. Loopback by default: a county sets HOST=0.0.0.0 (or its address) deliberately. */
  HOST: z.string().min(1).default('127.0.0.1'),
  /** 1: demo mode (the demo county is seeded into an empty database; the web app shows the 演示环境 banner). */
  FANGPIN_DEMO: z.enum(['0', '1']).default('0'),
  /** The server's own (restricted) role; unset: the embedded cluster. */
  DATABASE_URL: z.string().url().optional(),
  /** The schema owner's role: migrations, grants to DATABASE_URL's role, backups, restores. */
  DATABASE_OWNER_URL: z.string().url().optional(),
  FANGPIN_DATA_DIR: z.string().default('./data'),
  /** 32-byte key (base64 or hex) for encrypting ID numbers and phones at rest. Default: <data dir>/secret.key. */
  FANGPIN_SECRET_KEY: z.string().optional(),
  SESSION_IDLE_MINUTES: z.coerce.number().int().positive().default(30),
  SESSION_ABSOLUTE_HOURS: z.coerce.number().int().positive().default(12),
  LOGIN_MAX_FAILURES: z.coerce.number().int().positive().default(5),
  LOGIN_LOCK_MINUTES: z.coerce.number().int().positive().default(15),
  /** Login attempts per minute from one client address (an office behind one NAT shares it). */
  LOGIN_RATE_LIMIT: z.coerce.number().int().positive().default(20),
  /** Full ID numbers / phones one user may reveal per hour (each reveal is audited with its reason). */
  REVEALS_PER_HOUR: z.coerce.number().int().positive().default(60),
  /** Household searches by a full ID number or phone one user may run per hour (each is audited). */
  IDENTIFIER_SEARCHES_PER_HOUR: z.coerce.number().int().positive().default(120),
  /** The reverse proxies (addresses / CIDR networks, comma-separated) whose X-Forwarded-For gives the client address. */
  TRUST_PROXY: z.string().optional(),
  /** The address villagers reach the platform at (printed in the self-application QR codes), e.g. https://fangpin.leye.gov.cn. Default: the address of the request. */
  PUBLIC_URL: z.string().url().optional(),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  NODE_ENV: z.string().default('production'),
  /** Schema of pg-boss (background jobs) in the app's database. */
  FANGPIN_JOBS_SCHEMA: z.string().regex(/^[a-z_][a-z0-9_]{0,40}$/).default('pgboss'),
  /** Department imports one server runs at once: a small file starts at once while a provincial one is still running. */
  FANGPIN_IMPORT_CONCURRENCY: z.coerce.number().int().min(1).max(8).default(2),
  /** What one imported file may hold (files/import-limits.ts); a file over a limit is refused, naming it. */
  FANGPIN_IMPORT_MAX_COLUMNS: z.coerce.number().int().positive().default(DEFAULT_IMPORT_LIMITS.maxColumns),
  FANGPIN_IMPORT_MAX_LINE_CHARS: z.coerce.number().int().positive().default(DEFAULT_IMPORT_LIMITS.maxLineChars),
  FANGPIN_IMPORT_MAX_CELL_CHARS: z.coerce.number().int().positive().default(DEFAULT_IMPORT_LIMITS.maxCellChars),
  FANGPIN_IMPORT_MAX_ROWS: z.coerce.number().int().positive().default(DEFAULT_IMPORT_LIMITS.maxRows),
  FANGPIN_IMPORT_MAX_REJECTED_ROWS: z.coerce.number().int().nonnegative().default(DEFAULT_IMPORT_LIMITS.maxRejectedRows),
  FANGPIN_IMPORT_WORKER_MEMORY_MB: z.coerce.number().int().min(64).default(DEFAULT_IMPORT_LIMITS.workerMemoryMb),
  /**
   * How long department rows are kept, in months after their batch was received (default 3 years):
   * `fangpin department retire` drops the months older than that. At least 12 (the rolling window).
   */
  FANGPIN_DEPARTMENT_RETENTION_MONTHS: z.coerce.number().int().min(12).default(36),
  /**
   * How often the server brings the statistics' kept parts of today up to date (docs/statistics.md
   * "Kept results"), in seconds; 0: never (each is then computed by the first request that needs it).
   */
  FANGPIN_STATS_REFRESH_SECONDS: z.coerce.number().int().min(0).default(60),
});

/** At most `max` in any `windowMs`. */
export type AccessLimit = { max: number; windowMs: number };

export type Config = {
  port: number;
  host: string;
  databaseUrl: string | undefined;
  databaseOwnerUrl: string | undefined;
  dataDir: string;
  secretKey: string | undefined;
  sessionIdleMs: number;
  sessionAbsoluteMs: number;
  loginMaxFailures: number;
  loginLockMs: number;
  loginRatePerMinute: number;
  /** Per-user limits on access to full personal data, counted from the audit log (so they hold across server processes). */
  revealLimit: AccessLimit;
  identifierSearchLimit: AccessLimit;
  logLevel: z.infer<typeof EnvSchema>['LOG_LEVEL'];
  /** Proxies whose X-Forwarded-* headers are believed (Fastify `trustProxy`), or false. */
  trustProxy: string[] | false;
  /**
   * Demo mode (FANGPIN_DEMO=1 or `fangpin serve --demo`): the demo county may be seeded and its
   * published-password accounts may listen beyond loopback; every page shows the 演示环境 banner.
   */
  isDemo: boolean;
  publicUrl: string | undefined;
  isProduction: boolean;
  jobsSchema: string;
  /** Department imports this server runs at once (each its own pg-boss worker). */
  importConcurrency: number;
  importLimits: ImportLimits;
  /** Months department rows are kept after their batch was received (FANGPIN_DEPARTMENT_RETENTION_MONTHS). */
  departmentRetentionMonths: number;
  /** Seconds between two refreshes of the statistics' kept parts of today (FANGPIN_STATS_REFRESH_SECONDS); 0: none. */
  statsRefreshSeconds: number;
};

/** Reads the configuration from the environment; throws a readable message for a bad value. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = EnvSchema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new Error(`Invalid configuration in the environment:\n${lines.join('\n')}`);
  }
  const e = parsed.data;
  const trustProxy = parseTrustProxy(e.TRUST_PROXY);
  if (trustProxy && !Array.isArray(trustProxy)) throw new Error(`Invalid configuration in the environment:\n  ${trustProxy.error}`);
  if (e.DATABASE_OWNER_URL && !e.DATABASE_URL) {
    throw new Error('Invalid configuration in the environment:\n  DATABASE_OWNER_URL is set without DATABASE_URL (the restricted role the server runs as)');
  }
  return {
    port: e.PORT,
    host: e.HOST,
    databaseUrl: e.DATABASE_URL,
    databaseOwnerUrl: e.DATABASE_OWNER_URL,
    dataDir: path.resolve(e.FANGPIN_DATA_DIR),
    secretKey: e.FANGPIN_SECRET_KEY,
    sessionIdleMs: e.SESSION_IDLE_MINUTES * 60_000,
    sessionAbsoluteMs: e.SESSION_ABSOLUTE_HOURS * 3_600_000,
    loginMaxFailures: e.LOGIN_MAX_FAILURES,
    loginLockMs: e.LOGIN_LOCK_MINUTES * 60_000,
    loginRatePerMinute: e.LOGIN_RATE_LIMIT,
    revealLimit: { max: e.REVEALS_PER_HOUR, windowMs: 3_600_000 },
    identifierSearchLimit: { max: e.IDENTIFIER_SEARCHES_PER_HOUR, windowMs: 3_600_000 },
    logLevel: e.LOG_LEVEL,
    trustProxy,
    isDemo: e.FANGPIN_DEMO === '1',
    publicUrl: e.PUBLIC_URL?.replace(/\/+$/, ''),
    isProduction: e.NODE_ENV === 'production',
    jobsSchema: e.FANGPIN_JOBS_SCHEMA,
    importConcurrency: e.FANGPIN_IMPORT_CONCURRENCY,
    importLimits: {
      maxColumns: e.FANGPIN_IMPORT_MAX_COLUMNS,
      maxLineChars: e.FANGPIN_IMPORT_MAX_LINE_CHARS,
      maxCellChars: e.FANGPIN_IMPORT_MAX_CELL_CHARS,
      maxRows: e.FANGPIN_IMPORT_MAX_ROWS,
      maxRejectedRows: e.FANGPIN_IMPORT_MAX_REJECTED_ROWS,
      workerMemoryMb: e.FANGPIN_IMPORT_WORKER_MEMORY_MB,
    },
    departmentRetentionMonths: e.FANGPIN_DEPARTMENT_RETENTION_MONTHS,
    statsRefreshSeconds: e.FANGPIN_STATS_REFRESH_SECONDS,
  };
}
