import type pg from 'pg';
import type { Config } from './config.ts';
import type { PersonalDataCipher } from './crypto/personal-data.ts';
import type { JobQueue } from './jobs/boss.ts';

/** What the app is built from (buildApp's only input): the wiring point for the server and tests. */
export type AppDeps = {
  pool: pg.Pool;
  config: Config;
  cipher: PersonalDataCipher;
  /** The clock, passed in so tests can move time (session expiry, lockout). */
  now: () => Date;
  /** Directory of the built web app to serve at `/`, if any. */
  webDist?: string | undefined;
  /** Where log lines go (default stdout); tests capture them to prove no personal data is logged. */
  logStream?: { write: (line: string) => void };
  /** Database description for /api/health. */
  databaseLabel?: string;
  /** Background jobs (pg-boss), when this process runs them: `serve` and the job tests. */
  jobs?: JobQueue;
};
