import net from 'node:net';
import type pg from 'pg';
import { beforeAll, describe, expect, it } from 'vitest';
import { createFreshDatabase } from '../../../test/fresh-database.ts';
import { runCli } from '../../../test/run-cli.ts';
import { TEST_SECRET_KEY } from '../../../test/test-app.ts';
import { loadConfig } from '../../config.ts';
import { serve, ServeRefusedError } from '../../main.ts';
import { hashPassword } from '../auth/passwords.ts';
import { DEMO_PASSWORD } from './demo-accounts.ts';
import { demoExposureRefusal, findDemoAccounts, isLoopbackHost } from './demo-guard.ts';

describe('isLoopbackHost', () => {
  it.each([['127.0.0.1'], ['127.1.2.3'], ['localhost'], ['::1'], ['[::1]'], ['::ffff:127.0.0.1']])('%s is loopback', (host) => {
    expect(isLoopbackHost(host)).toBe(true);
  });
  it.each([['0.0.0.0'], ['::'], ['192.168.1.10'], ['10.0.0.5'], ['fangpin.example.gov.cn'], ['127.0.0.1.example.org']])('%s is not', (host) => {
    expect(isLoopbackHost(host)).toBe(false);
  });
});

describe('demoExposureRefusal', () => {
  const accounts = [{ username: 'county-admin', role: 'county-admin', regionCode: '451028000000', isDemo: true, hasPublishedPassword: true }];
  it('refuses demo accounts beyond loopback unless demo mode is explicit, and says what to do', () => {
    const refusal = demoExposureRefusal({ host: '0.0.0.0', isDemo: false }, accounts);
    expect(refusal).toContain('county-admin');
    expect(refusal).toContain('npx fangpin serve --demo');
    expect(refusal).toContain('FANGPIN_DEMO=1');
    expect(refusal).toContain('npx fangpin init --county CODE');
    expect(refusal).toContain('npx fangpin users disable USERNAME');
    expect(refusal).toContain('HOST=127.0.0.1');
  });
  it.each([
    ['demo mode on the network', { host: '0.0.0.0', isDemo: true }, accounts],
    ['demo accounts on loopback', { host: '127.0.0.1', isDemo: false }, accounts],
    ['no demo accounts on the network', { host: '0.0.0.0', isDemo: false }, []],
  ])('lets %s start', (_, options, list) => {
    expect(demoExposureRefusal(options, list)).toBeUndefined();
  });
});

describe('serve and demo accounts', () => {
  let url: string;
  let ownerUrl: string;
  let pool: pg.Pool;
  let countyAdminId: string;

  const freePort = () =>
    new Promise<number>((resolve) => {
      const server = net.createServer().listen(0, '127.0.0.1', () => {
        const address = server.address();
        server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
      });
    });
  const configFor = async (env: Record<string, string>) =>
    loadConfig({ DATABASE_URL: url, DATABASE_OWNER_URL: ownerUrl, FANGPIN_SECRET_KEY: TEST_SECRET_KEY, FANGPIN_JOBS_SCHEMA: 'pgboss_demo_guard', LOG_LEVEL: 'silent', PORT: String(await freePort()), ...env });

  beforeAll(async () => {
    ({ url, pool, ownerUrl } = await createFreshDatabase());
    await pool.query(`INSERT INTO regions (code, name, level, level_rank, parent_code, county_code) VALUES ('450000000000', '广西壮族自治区', 'province', 0, NULL, NULL)`);
    // As an install from before this check: the flag is unknown (NULL), so serve must verify the hash.
    const { rows } = await pool.query<{ id: string }>(
      `INSERT INTO users (username, display_name, password_hash, role, region_code) VALUES ('county-admin', '县级管理员（演示）', $1, 'county-admin', '450000000000') RETURNING id`,
      [await hashPassword(DEMO_PASSWORD)],
    );
    countyAdminId = rows[0]!.id;
    await pool.query(`INSERT INTO users (username, display_name, password_hash, role, region_code) VALUES ('real-admin', '管理员', $1, 'county-admin', '450000000000')`, [
      await hashPassword('Real-admin-password-1'),
    ]);
  });

  it('finds the accounts with the published password once with argon2, and remembers it', async () => {
    expect((await findDemoAccounts(pool)).map((a) => a.username)).toEqual(['county-admin']);
    const { rows } = await pool.query(`SELECT username, has_published_password FROM users ORDER BY username`);
    expect(rows).toEqual([
      { username: 'county-admin', has_published_password: true },
      { username: 'real-admin', has_published_password: false },
    ]);
  });

  it('refuses to start on a non-loopback address unless demo mode is explicit', async () => {
    const logs: string[] = [];
    const attempt = serve(await configFor({ HOST: '0.0.0.0' }), { log: (l) => logs.push(l), handleSignals: false });
    await expect(attempt).rejects.toBeInstanceOf(ServeRefusedError);
    await expect(attempt).rejects.toThrow(/Refusing to start[\s\S]*county-admin[\s\S]*serve --demo/);
  });

  it('starts with demo mode explicit (banner on), and on loopback without it (a demo still: banner on)', async () => {
    for (const env of [{ HOST: '0.0.0.0', FANGPIN_DEMO: '1' }, { HOST: '127.0.0.1' }] as Record<string, string>[]) {
      const config = await configFor(env);
      const server = await serve(config, { log: () => undefined, handleSignals: false });
      try {
        const instance = await (await fetch(`http://127.0.0.1:${config.port}/api/instance`)).json();
        expect([env, instance]).toEqual([env, { isDemo: true }]);
      } finally {
        await server.close();
      }
    }
  });

  it('starts on the network once the demo accounts are disabled, as a real install (no banner)', async () => {
    await pool.query(`UPDATE users SET is_disabled = true WHERE id = $1`, [countyAdminId]);
    const config = await configFor({ HOST: '0.0.0.0' });
    const server = await serve(config, { log: () => undefined, handleSignals: false });
    try {
      expect(await (await fetch(`http://127.0.0.1:${config.port}/api/instance`)).json()).toEqual({ isDemo: false });
    } finally {
      await server.close();
      await pool.query(`UPDATE users SET is_disabled = false WHERE id = $1`, [countyAdminId]);
    }
  });

  it('the fangpin binary exits 1 with the refusal', async () => {
    const r = await runCli(url, ['serve'], { env: { HOST: '0.0.0.0', PORT: String(await freePort()), FANGPIN_JOBS_SCHEMA: 'pgboss_demo_guard', DATABASE_OWNER_URL: ownerUrl } });
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/Refusing to start[\s\S]*npx fangpin serve --demo/);
  });
});
