import { Readable } from 'node:stream';
import { Command } from 'commander';
import type pg from 'pg';
import { beforeAll, describe, expect, it } from 'vitest';
import { createFreshDatabase } from '../../test/fresh-database.ts';
import { runCli } from '../../test/run-cli.ts';
import type { Database } from '../db/database.ts';
import { verifyPassword } from '../modules/auth/passwords.ts';
import { registerAccountCommands } from './accounts.ts';

let url: string;
let pool: pg.Pool;

beforeAll(async () => {
  ({ url, pool } = await createFreshDatabase());
});

const userRow = async (username: string) =>
  (await pool.query(`SELECT password_hash, must_change_password, is_disabled, failed_logins, locked_until FROM users WHERE username = $1`, [username])).rows[0];

/** `fangpin …` in this process, on the fresh database, with `stdin` piped in (never a terminal). */
async function fangpin(args: string[], stdin = ''): Promise<{ out: string[]; err: string[] }> {
  const out: string[] = [];
  const err: string[] = [];
  const program = new Command('fangpin').exitOverride();
  const withDatabase = <T>(work: (db: Database) => Promise<T>) => work({
      pool,
      url,
      ownerUrl: undefined,
      appRole: 'test',
      isEmbedded: false,
      withOwner: async () => {
        throw new Error('not in this test');
      },
      close: async () => undefined,
    });
  registerAccountCommands(program, withDatabase, { stdin: Readable.from([Buffer.from(stdin)]), out: (l) => out.push(l), err: (l) => err.push(l) });
  await program.parseAsync(args, { from: 'user' });
  return { out, err };
}

describe('the fangpin binary (a real process, as an operator runs it)', () => {
  it('refuses a password on the command line with exit 1, saying how to give it instead', async () => {
    const r = await runCli(url, ['init', '--county', '451028', '--password', 'Tongle-office-2026']);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('never taken from the command line');
    expect(r.stderr).toContain('--password-stdin');
    expect((await pool.query(`SELECT 1 FROM users`)).rowCount).toBe(0);
  });

  it('init creates the county and its first admin with the password read from stdin', async () => {
    const r = await runCli(url, ['init', '--county', '451028', '--username', 'leye-admin', '--password-stdin'], { stdin: 'Tongle-office-2026\n' });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/Initialised 乐业县 \(451028\): 8 townships/);
    expect(r.stdout).toContain('leye-admin');
    expect(r.stdout).not.toContain('Tongle-office-2026');
    expect(await verifyPassword((await userRow('leye-admin')).password_hash, 'Tongle-office-2026')).toBe(true);
  });
});

describe('fangpin init and fangpin users (the commands, in process)', () => {
  it('init refuses a used database before asking for a password', async () => {
    await expect(fangpin(['init', '--county', '451028', '--password-stdin'], 'Another-office-2026\n')).rejects.toThrow(/already has 1 account/);
  });

  it('users add takes the password from stdin only; add, passwd, reset, disable, enable, unlock and list work', async () => {
    const { rows } = await pool.query<{ code: string }>(`SELECT code FROM regions WHERE county_code = '451028' AND level = 'village' ORDER BY code LIMIT 1`);
    const village = rows[0]!.code;
    const add = ['users', 'add', '--username', 'cadre-one', '--role', 'village-cadre', '--region', village];
    await expect(fangpin([...add, '--password', 'Village-cadre-2026'])).rejects.toThrow(/never taken from the command line/);
    await expect(fangpin(add)).rejects.toThrow(/stdin is not a terminal[\s\S]*--password-stdin/);
    await expect(fangpin([...add, '--password-stdin'], 'woaini1314\n')).rejects.toThrow(/common password/);
    await expect(fangpin([...add, '--password-stdin'], '\n')).rejects.toThrow(/No password on stdin/);
    expect(await userRow('cadre-one')).toBeUndefined();

    const added = await fangpin([...add, '--must-change-password', '--password-stdin'], 'Village-cadre-2026\n');
    expect(added.out.join('\n')).toContain('Created cadre-one');
    expect((await userRow('cadre-one')).must_change_password).toBe(true);

    await fangpin(['users', 'passwd', 'cadre-one', '--password-stdin'], 'Village-river-2027\r\n');
    expect(await verifyPassword((await userRow('cadre-one')).password_hash, 'Village-river-2027')).toBe(true);
    expect((await userRow('cadre-one')).must_change_password).toBe(false);
    await expect(fangpin(['users', 'passwd', 'cadre-one', '--password', 'Village-river-2028'])).rejects.toThrow(/never taken from the command line/);

    const reset = await fangpin(['users', 'reset', 'cadre-one']);
    const temporary = reset.out.join('').trim();
    expect(temporary).toMatch(/^[a-z2-9]{4}-[a-z2-9]{4}-[a-z2-9]{4}$/);
    expect(reset.err.join('')).toContain('One-time password of cadre-one');
    expect(await verifyPassword((await userRow('cadre-one')).password_hash, temporary)).toBe(true);
    expect((await userRow('cadre-one')).must_change_password).toBe(true);

    await pool.query(`UPDATE users SET failed_logins = 5, locked_until = now() + interval '10 minutes' WHERE username = 'cadre-one'`);
    await fangpin(['users', 'unlock', 'cadre-one']);
    expect(await userRow('cadre-one')).toMatchObject({ failed_logins: 0, locked_until: null });
    await fangpin(['users', 'disable', 'cadre-one']);
    expect((await userRow('cadre-one')).is_disabled).toBe(true);
    const list = (await fangpin(['users', 'list', '--json'])).out.join('\n');
    expect((JSON.parse(list) as { username: string }[]).find((u) => u.username === 'cadre-one')).toMatchObject({ isDisabled: true, mustChangePassword: true });
    expect(list).not.toMatch(/password_hash|passwordHash|\$argon2/);
    expect((await fangpin(['users', 'list'])).out.join('\n')).toMatch(/cadre-one\s+village-cadre\s+\d+ .*\(disabled, must change password\)/);
    await fangpin(['users', 'enable', 'cadre-one']);
    expect((await userRow('cadre-one')).is_disabled).toBe(false);
    await expect(fangpin(['users', 'disable', 'nobody-here'])).rejects.toThrow(/No account "nobody-here"/);

    const actions = (await pool.query(`SELECT action, actor_username FROM audit_log WHERE action LIKE 'user.%' ORDER BY id`)).rows;
    expect(actions.map((a) => a.action)).toEqual(['user.created', 'user.created', 'user.password.set', 'user.password.reset', 'user.unlocked', 'user.disabled', 'user.enabled']);
    expect(actions.every((a) => a.actor_username === 'system')).toBe(true);
    const { rows: leaked } = await pool.query(`SELECT 1 FROM audit_log a WHERE row_to_json(a)::text ~ $1`, [`Village-cadre-2026|Village-river-2027|Tongle-office-2026|${temporary}`]);
    expect(leaked).toHaveLength(0);
  });
});
