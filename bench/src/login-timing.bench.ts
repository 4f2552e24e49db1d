/**
 * `login-timing` (issue #10 item 5): does the login's answer time tell which usernames exist or
 * which account is locked? Measures POST /api/auth/login through the real app on an embedded
 * PostgreSQL for an unknown username, a wrong password, a locked account (with the right password)
 * and a disabled one (right password), interleaved so they share the machine's noise; the yardstick
 * is one bare argon2 verification in the same run (the work every failed login must do). Reports
 * p50/p95 per case and how far each p50 is from the unknown username's. BENCH_LOGIN_ROUNDS sets rounds.
 */
import path from 'node:path';
import { verify } from '@node-rs/argon2';
import { buildApp } from '../../packages/server/src/app.ts';
import { loadConfig } from '../../packages/server/src/config.ts';
import { createCipher } from '../../packages/server/src/crypto/personal-data.ts';
import { createPool } from '../../packages/server/src/db/client.ts';
import { makeReachableTempDir, startEmbeddedPostgres } from '../../packages/server/src/db/embedded.ts';
import { runMigrations } from '../../packages/server/src/db/migrate.ts';
import { hashPassword } from '../../packages/server/src/modules/auth/passwords.ts';

const PASSWORD = 'Bench-password-2026';

function stats(samples: number[]): { p50: number; p95: number; mean: number } {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
  const round = (n: number) => Math.round(n * 10) / 10;
  return { p50: round(at(0.5)), p95: round(at(0.95)), mean: round(samples.reduce((a, b) => a + b, 0) / samples.length) };
}

export async function benchLoginTiming(rounds = Number(process.env.BENCH_LOGIN_ROUNDS ?? 60)): Promise<object> {
  const dir = makeReachableTempDir('fangpin-bench-login-');
  const pg = await startEmbeddedPostgres({ dataDir: path.join(dir, 'data'), kind: 'cli', settings: { fsync: 'off', synchronous_commit: 'off' } });
  const pool = createPool(pg.url, 4);
  try {
    await runMigrations(pool);
    await pool.query(`INSERT INTO regions (code, name, level, level_rank, parent_code, county_code) VALUES ('450000000000', '广西壮族自治区', 'province', 0, NULL, NULL)`);
    const hash = await hashPassword(PASSWORD);
    for (const [username, extra] of [['bench-wrong', ''], ['bench-locked', `, locked_until = now() + interval '1 day', failed_logins = 5`], ['bench-disabled', ', is_disabled = true']] as const) {
      await pool.query(`INSERT INTO users (username, display_name, password_hash, role, region_code, has_published_password) VALUES ($1, $1, $2, 'leader', '450000000000', false)`, [username, hash]);
      if (extra) await pool.query(`UPDATE users SET ${extra.slice(2)} WHERE username = $1`, [username]);
    }
    // No lockout of the wrong-password account during the run, and no rate limit: only the answer time is measured.
    const config = { ...loadConfig({ LOG_LEVEL: process.env.BENCH_LOG_LEVEL ?? 'silent', FANGPIN_DATA_DIR: dir }), loginMaxFailures: 1_000_000, loginRatePerMinute: 1_000_000 };
    const app = await buildApp({ pool, config, cipher: createCipher(Buffer.alloc(32, 7)), now: () => new Date() });
    const cases = {
      unknownUser: { username: 'nobody-here', password: PASSWORD },
      wrongPassword: { username: 'bench-wrong', password: 'Not-the-password-1' },
      lockedRightPassword: { username: 'bench-locked', password: PASSWORD },
      disabledRightPassword: { username: 'bench-disabled', password: PASSWORD },
    };
    const samples: Record<string, number[]> = { argon2Verify: [], ...Object.fromEntries(Object.keys(cases).map((k) => [k, []])) };
    const answers: Record<string, string> = {};
    for (let round = -3; round < rounds; round++) {
      const t0 = performance.now();
      await verify(hash, 'Not-the-password-1');
      if (round >= 0) samples.argon2Verify!.push(performance.now() - t0);
      for (const [name, payload] of Object.entries(cases)) {
        const t = performance.now();
        const response = await app.inject({ method: 'POST', url: '/api/auth/login', payload });
        if (round >= 0) samples[name]!.push(performance.now() - t);
        answers[name] = `${response.statusCode} ${response.json<{ code: string }>().code}`;
      }
    }
    await app.close();
    const result = Object.fromEntries(Object.entries(samples).map(([k, v]) => [k, stats(v)]));
    const base = result.unknownUser!.p50;
    return {
      name: 'login-timing',
      rounds,
      ms: result,
      p50VersusUnknownUser: Object.fromEntries(Object.keys(cases).map((k) => [k, `${result[k]!.p50 - base >= 0 ? '+' : ''}${Math.round((result[k]!.p50 - base) * 10) / 10} ms`])),
      answers,
    };
  } finally {
    await pool.end();
    await pg.stop();
  }
}
