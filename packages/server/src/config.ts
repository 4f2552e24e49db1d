import path from 'node:path';
import { z } from 'zod';
import { DEFAULT_IMPORT_LIMITS, type ImportLimits } from './files/import-limits.ts';

/** Environment, parsed once with zod (docs/ARCHITECTURE.md "packages/server/src"). */
const EnvSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().default('0.0.0.0'),
  DATABASE_URL: z.string().url().optional(),
  FANGPIN_DATA_DIR: z.string().default('./data'),
  /** 32-byte key (base64 or hex) for encrypting ID numbers and phones at rest. Default: <data dir>/secret.key. */
  FANGPIN_SECRET_KEY: z.string().optional(),
  SESSION_IDLE_MINUTES: z.coerce.number().int().positive().default(30),
  SESSION_ABSOLUTE_HOURS: z.coerce.number().int().positive().default(12),
  LOGIN_MAX_FAILURES: z.coerce.number().int().positive().default(5),
  LOGIN_LOCK_MINUTES: z.coerce.number().int().positive().default(15),
  /** Login attempts per minute from one client address (an office behind one NAT shares it). */
  LOGIN_RATE_LIMIT: z.coerce.number().int().positive().default(20),
  /** Set to 1 behind a reverse proxy, so client addresses (login rate limit) come from X-Forwarded-For. */
  TRUST_PROXY: z.enum(['0', '1']).default('0'),
  /** The address villagers reach the platform at (printed in the self-application QR codes), e.g. https://fangpin.leye.gov.cn. Default: the address of the request. */
  PUBLIC_URL: z.string().url().optional(),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  NODE_ENV: z.string().default('production'),
  /** Schema of pg-boss (background jobs) in the app's database. */
  FANGPIN_JOBS_SCHEMA: z.string().regex(/^[a-z_][a-z0-9_]{0,40}$/).default('pgboss'),
  /** What one imported file may hold (files/import-limits.ts); a file over a limit is refused, naming it. */
  FANGPIN_IMPORT_MAX_COLUMNS: z.coerce.number().int().positive().default(DEFAULT_IMPORT_LIMITS.maxColumns),
  FANGPIN_IMPORT_MAX_LINE_CHARS: z.coerce.number().int().positive().default(DEFAULT_IMPORT_LIMITS.maxLineChars),
  FANGPIN_IMPORT_MAX_CELL_CHARS: z.coerce.number().int().positive().default(DEFAULT_IMPORT_LIMITS.maxCellChars),
  FANGPIN_IMPORT_MAX_ROWS: z.coerce.number().int().positive().default(DEFAULT_IMPORT_LIMITS.maxRows),
  FANGPIN_IMPORT_MAX_REJECTED_ROWS: z.coerce.number().int().nonnegative().default(DEFAULT_IMPORT_LIMITS.maxRejectedRows),
  FANGPIN_IMPORT_WORKER_MEMORY_MB: z.coerce.number().int().min(64).default(DEFAULT_IMPORT_LIMITS.workerMemoryMb),
});

export type Config = {
  port: number;
  host: string;
  databaseUrl: string | undefined;
  dataDir: string;
  secretKey: string | undefined;
  sessionIdleMs: number;
  sessionAbsoluteMs: number;
  loginMaxFailures: number;
  loginLockMs: number;
  loginRatePerMinute: number;
  logLevel: z.infer<typeof EnvSchema>['LOG_LEVEL'];
  trustProxy: boolean;
  publicUrl: string | undefined;
  isProduction: boolean;
  jobsSchema: string;
  importLimits: ImportLimits;
};

/** Reads the configuration from the environment; throws a readable message for a bad value. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = EnvSchema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new Error(`Invalid configuration in the environment:\n${lines.join('\n')}`);
  }
  const e = parsed.data;
  return {
    port: e.PORT,
    host: e.HOST,
    databaseUrl: e.DATABASE_URL,
    dataDir: path.resolve(e.FANGPIN_DATA_DIR),
    secretKey: e.FANGPIN_SECRET_KEY,
    sessionIdleMs: e.SESSION_IDLE_MINUTES * 60_000,
    sessionAbsoluteMs: e.SESSION_ABSOLUTE_HOURS * 3_600_000,
    loginMaxFailures: e.LOGIN_MAX_FAILURES,
    loginLockMs: e.LOGIN_LOCK_MINUTES * 60_000,
    loginRatePerMinute: e.LOGIN_RATE_LIMIT,
    logLevel: e.LOG_LEVEL,
    trustProxy: e.TRUST_PROXY === '1',
    publicUrl: e.PUBLIC_URL?.replace(/\/+$/, ''),
    isProduction: e.NODE_ENV === 'production',
    jobsSchema: e.FANGPIN_JOBS_SCHEMA,
    importLimits: {
      maxColumns: e.FANGPIN_IMPORT_MAX_COLUMNS,
      maxLineChars: e.FANGPIN_IMPORT_MAX_LINE_CHARS,
      maxCellChars: e.FANGPIN_IMPORT_MAX_CELL_CHARS,
      maxRows: e.FANGPIN_IMPORT_MAX_ROWS,
      maxRejectedRows: e.FANGPIN_IMPORT_MAX_REJECTED_ROWS,
      workerMemoryMb: e.FANGPIN_IMPORT_WORKER_MEMORY_MB,
    },
  };
}
