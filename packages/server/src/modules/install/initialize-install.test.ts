import { beforeAll, describe, expect, it } from 'vitest';
import { createFreshDatabase } from '../../../test/fresh-database.ts';
import type pg from 'pg';
import { initializeInstall } from './initialize-install.ts';
import { verifyPassword } from '../auth/passwords.ts';

let pool: pg.Pool;
const deps = () => ({ pool, now: () => new Date() });

beforeAll(async () => {
  ({ pool } = await createFreshDatabase());
});

const count = async (sql: string) => (await pool.query<{ n: number }>(sql)).rows[0]!.n;

describe('fangpin init on an empty database', () => {
  it('refuses a county without region data, says how to import it, and changes nothing', async () => {
    const attempt = initializeInstall(deps(), { county: '450102', username: 'admin', password: 'Nanning-office-42' });
    await expect(attempt).rejects.toMatchObject({ code: 'VALIDATION_FAILED', field: 'county' });
    await expect(attempt).rejects.toThrow(/npx fangpin import regions regions\.csv[\s\S]*code, name, level, parent_code[\s\S]*init --county 450102/);
    expect(await count(`SELECT count(*)::int AS n FROM regions`)).toBe(0);
    expect(await count(`SELECT count(*)::int AS n FROM users`)).toBe(0);
  });

  it.each([
    ['a weak password', { county: '451028', username: 'admin', password: '12345678' }, /at least 10 characters[\s\S]*common/],
    ['the username in the password', { county: '451028', username: 'leye-admin', password: 'leye-admin-2026' }, /must not contain the username/],
    ['a township code', { county: '451028100', username: 'admin', password: 'Leye-office-2026!' }, /not a county/],
    ['a bad username', { county: '451028', username: 'a b', password: 'Leye-office-2026!' }, /Username/],
  ])('refuses %s before writing anything', async (_, input, message) => {
    await expect(initializeInstall(deps(), input)).rejects.toThrow(message);
    expect(await count(`SELECT count(*)::int AS n FROM regions`)).toBe(0);
    expect(await count(`SELECT count(*)::int AS n FROM users`)).toBe(0);
  });

  it('creates 乐业县 from the shipped regions, the shipped rule sets and the first county admin; no demo data', async () => {
    const result = await initializeInstall(deps(), { county: '451028', username: 'leye-admin', password: 'Tongle-office-2026', displayName: '乐业县管理员' });
    expect(result).toMatchObject({ countyCode: '451028', countyName: '乐业县', townships: 8, regionsFrom: 'shipped', hasRuleSet: true, admin: { username: 'leye-admin', regionCode: '451028000000' } });
    expect(result.villages).toBeGreaterThan(50);
    expect(result.ruleSetVersions).toBeGreaterThan(0);
    const { rows } = await pool.query(`SELECT username, role, region_code, must_change_password, is_demo, has_published_password, password_hash FROM users`);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ username: 'leye-admin', role: 'county-admin', region_code: '451028000000', must_change_password: false, is_demo: false, has_published_password: false });
    expect(await verifyPassword(rows[0].password_hash, 'Tongle-office-2026')).toBe(true);
    expect(await count(`SELECT count(*)::int AS n FROM households`)).toBe(0);
    expect(await count(`SELECT count(*)::int AS n FROM members`)).toBe(0);
    const audit = await pool.query(`SELECT action, row_to_json(a)::text AS row FROM audit_log a WHERE action IN ('user.created', 'install.initialized')`);
    expect(audit.rows.map((r) => r.action).sort()).toEqual(['install.initialized', 'user.created']);
    for (const r of audit.rows) expect(r.row).not.toContain('Tongle-office-2026');
  });

  it('refuses to run again once the install has accounts', async () => {
    await expect(initializeInstall(deps(), { county: '451028', username: 'second', password: 'Another-office-2026' })).rejects.toMatchObject({ code: 'CONFLICT' });
    expect(await count(`SELECT count(*)::int AS n FROM users`)).toBe(1);
  });
});
