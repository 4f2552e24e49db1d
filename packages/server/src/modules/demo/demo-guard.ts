import { verify } from '@node-rs/argon2';
import type pg from 'pg';
import { DEMO_PASSWORD } from './demo-accounts.ts';

export type DemoAccount = { username: string; role: string; regionCode: string; isDemo: boolean; hasPublishedPassword: boolean };

/**
 * The accounts that make an install a demo: enabled accounts seeded by the demo (`is_demo`) or whose
 * password is the published demo password. Whether a password is the published one is recorded
 * whenever a password is stored; accounts from before that record are checked here once with argon2
 * (a few at a time) and the answer stored, so later starts cost one query.
 */
export async function findDemoAccounts(pool: pg.Pool): Promise<DemoAccount[]> {
  const { rows: unchecked } = await pool.query<{ id: string; passwordHash: string }>(
    `SELECT id, password_hash AS "passwordHash" FROM users WHERE has_published_password IS NULL`,
  );
  for (let i = 0; i < unchecked.length; i += 4) {
    await Promise.all(
      unchecked.slice(i, i + 4).map(async (u) => {
        const isPublished = await verify(u.passwordHash, DEMO_PASSWORD).catch(() => false);
        // Only if the password was not changed meanwhile.
        await pool.query(`UPDATE users SET has_published_password = $2 WHERE id = $1 AND password_hash = $3 AND has_published_password IS NULL`, [u.id, isPublished, u.passwordHash]);
      }),
    );
  }
  const { rows } = await pool.query<DemoAccount>(
    `SELECT username, role, region_code AS "regionCode", is_demo AS "isDemo", coalesce(has_published_password, false) AS "hasPublishedPassword"
     FROM users WHERE NOT is_disabled AND (is_demo OR has_published_password) ORDER BY username`,
  );
  return rows;
}

/** Whether the server would listen on this machine only (127.0.0.0/8, ::1, localhost). */
export function isLoopbackHost(host: string): boolean {
  const h = host.trim().toLowerCase().replace(/^\[(.*)\]$/, '$1');
  return h === 'localhost' || h === '::1' || /^(::ffff:)?127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(h);
}

/**
 * Why `serve` must not start, or undefined: demo accounts (published password) would be reachable
 * from the network (HOST not loopback) without demo mode being asked for. The message says what to do.
 */
export function demoExposureRefusal(options: { host: string; isDemo: boolean }, accounts: readonly DemoAccount[]): string | undefined {
  if (accounts.length === 0 || options.isDemo || isLoopbackHost(options.host)) return undefined;
  const names = accounts.slice(0, 12).map((a) => a.username).join(', ') + (accounts.length > 12 ? `, … (${accounts.length} in all)` : '');
  return [
    `Refusing to start: this database holds demo accounts whose password is published (README): ${names}.`,
    `HOST=${options.host} is not a loopback address, so anyone on the network could log in with them.`,
    'Do one of these:',
    '  - to show the demo on the network, say so: `npx fangpin serve --demo` (or FANGPIN_DEMO=1); every page then carries the 演示环境 banner;',
    '  - for a real county, start from an empty install: a new FANGPIN_DATA_DIR (or database) and `npx fangpin init --county CODE`;',
    '  - or disable these accounts (`npx fangpin users disable USERNAME`) or give them new passwords (`npx fangpin users passwd USERNAME`);',
    '  - or listen on this machine only: HOST=127.0.0.1.',
  ].join('\n');
}
