import { Option, type Command } from 'commander';
import { ROLES, normalizeRegionCode, regionSignificantPrefix } from '@fangpin/domain';
import type { Database } from '../db/database.ts';
import { SYSTEM_ACTOR } from '../modules/audit/record-audit.ts';
import { initializeInstall } from '../modules/install/initialize-install.ts';
import { addUser } from '../modules/users/add-user.ts';
import { presentUser } from '../modules/users/present.ts';
import { listUsers } from '../modules/users/repo.ts';
import { resetPassword } from '../modules/users/reset-password.ts';
import { setAccountDisabled } from '../modules/users/set-account-disabled.ts';
import { setPassword } from '../modules/users/set-password.ts';
import { unlockAccount } from '../modules/users/unlock-account.ts';
import { readNewPassword, refusePasswordOption, type PasswordInput } from './read-password.ts';

type WithDatabase = <T>(work: (db: Database) => Promise<T>) => Promise<T>;

const depsOf = (db: Database) => ({ pool: db.pool, now: () => new Date() });
/** The refused `--password P` form: hidden from help, kept only to explain the refusal. */
const passwordOption = () => new Option('--password <password>', 'refused: passwords never come from the command line').hideHelp();
const passwordStdinOption = () => new Option('--password-stdin', 'read the password from the first line of stdin (instead of the prompt)');

/**
 * `fangpin init` and `fangpin users …`: account administration from the command line, acting as the
 * system (audited as `system`). Passwords come from a hidden prompt or stdin, never from arguments.
 */
export function registerAccountCommands(
  program: Command,
  withDatabase: WithDatabase,
  io: { stdin: PasswordInput; out: (line: string) => void; err: (line: string) => void } = {
    stdin: process.stdin,
    out: (line) => process.stdout.write(`${line}\n`),
    err: (line) => process.stderr.write(`${line}\n`),
  },
): void {
  const read = (options: { passwordStdin?: boolean | undefined }, forWhom: string) => readNewPassword({ isPasswordStdin: options.passwordStdin, forWhom }, io.stdin);
  program
    .command('init')
    .description("Create a county's own install in an empty database: its regions, the shipped rule sets and the first county admin (no demo data)")
    .requiredOption('--county <code>', 'the 6-digit county code (regions ship for 451028; others: `fangpin import regions` first)')
    .option('--username <name>', 'username of the first county admin', 'admin')
    .option('--display-name <name>', 'display name of the first county admin', '县级管理员')
    .addOption(passwordStdinOption())
    .addOption(passwordOption())
    .action(async (options: { county: string; username: string; displayName: string; passwordStdin?: boolean; password?: string }) => {
      refusePasswordOption(options.password);
      await withDatabase(async (db) => {
        // A used database is refused (by initializeInstall) before any password is asked for.
        const { rows } = await db.pool.query<{ n: number }>(`SELECT count(*)::int AS n FROM users`);
        const password = rows[0]!.n > 0 ? '' : await read(options, options.username);
        const r = await initializeInstall(depsOf(db), { county: options.county, username: options.username, password, displayName: options.displayName });
        io.out(`Initialised ${r.countyName} (${r.countyCode}): ${r.townships} townships, ${r.villages} villages (${r.regionsFrom === 'shipped' ? 'shipped region data' : 'regions already in the database'}); ${r.ruleSetVersions} shipped rule-set version(s) stored.`);
        if (!r.hasRuleSet) io.out('No rule set covers this county yet: publish one (规则管理, or POST /api/rule-sets/versions) before assessing households.');
        io.out(`First county admin: ${r.admin.username} (the password you typed). Next:`);
        io.out('  HOST=0.0.0.0 npx fangpin serve          # listen on the network (behind a proxy: TRUST_PROXY=<its address>)');
        io.out('  npx fangpin import registry export.xlsx # the county\'s registry; then create accounts on 用户管理 or with `npx fangpin users add`');
      });
    });

  const users = program.command('users').description('Administer accounts (passwords from a prompt or --password-stdin)');
  users
    .command('add')
    .description('Create an account')
    .requiredOption('--username <name>')
    .addOption(new Option('--role <role>').choices([...ROLES]).makeOptionMandatory())
    .requiredOption('--region <code>', 'region code the account is scoped to (e.g. 451028)')
    .option('--display-name <name>')
    .option('--must-change-password', 'the person must choose a new password at the first login')
    .addOption(passwordStdinOption())
    .addOption(passwordOption())
    .action(async (options: { username: string; role: string; region: string; displayName?: string; mustChangePassword?: boolean; passwordStdin?: boolean; password?: string }) => {
      refusePasswordOption(options.password);
      const password = await read(options, options.username);
      await withDatabase(async (db) => {
        const user = await addUser(depsOf(db), SYSTEM_ACTOR, { ...options, password, mustChangePassword: !!options.mustChangePassword });
        io.out(`Created ${user.username} (${user.role}, ${user.regionName} ${user.regionCode})${options.mustChangePassword ? '; a new password is required at the first login' : ''}.`);
      });
    });
  users
    .command('passwd <username>')
    .description("Set an account's password (ends its sessions, lifts a lockout)")
    .option('--must-change-password', 'the person must choose a new password at the next login')
    .addOption(passwordStdinOption())
    .addOption(passwordOption())
    .action(async (username: string, options: { mustChangePassword?: boolean; passwordStdin?: boolean; password?: string }) => {
      refusePasswordOption(options.password);
      const password = await read(options, username);
      await withDatabase(async (db) => {
        const r = await setPassword(depsOf(db), SYSTEM_ACTOR, { username }, { password, mustChangePassword: !!options.mustChangePassword });
        io.out(`Password of ${r.username} set${r.mustChangePassword ? ' (to be changed at the next login)' : ''}; ${r.endedSessions} session(s) ended.`);
      });
    });
  users
    .command('reset <username>')
    .description('Reset a forgotten password: prints a one-time password to be changed at the next login')
    .action(async (username: string) =>
      withDatabase(async (db) => {
        const r = await resetPassword(depsOf(db), SYSTEM_ACTOR, { username });
        io.err(`One-time password of ${r.user.username} (to be changed at the next login; ${r.endedSessions} session(s) ended):`);
        io.out(r.temporaryPassword);
      }),
    );
  for (const [name, isDisabled] of [['disable', true], ['enable', false]] as const) {
    users
      .command(`${name} <username>`)
      .description(isDisabled ? 'Disable an account (ends its sessions)' : 'Enable a disabled account')
      .action(async (username: string) =>
        withDatabase(async (db) => {
          const r = await setAccountDisabled(depsOf(db), SYSTEM_ACTOR, { username }, isDisabled);
          io.out(`${r.username} ${isDisabled ? `disabled; ${r.endedSessions} session(s) ended` : 'enabled'}.`);
        }),
      );
  }
  users
    .command('unlock <username>')
    .description('Lift a lockout after repeated failed logins')
    .action(async (username: string) =>
      withDatabase(async (db) => {
        const r = await unlockAccount(depsOf(db), SYSTEM_ACTOR, { username });
        io.out(`${r.username} unlocked.`);
      }),
    );
  users
    .command('list')
    .description('List accounts, with their state (disabled, locked, must change password, demo)')
    .option('--json', 'print the accounts as JSON')
    .option('--region <code>', 'only accounts in this region')
    .action(async (options: { json?: boolean; region?: string }) =>
      withDatabase(async (db) => {
        const now = new Date();
        const rows = (await listUsers(db.pool, options.region ? regionSignificantPrefix(normalizeRegionCode(options.region)) : '')).map((u) => presentUser(u, SYSTEM_ACTOR, now));
        if (options.json) {
          io.out(JSON.stringify(rows.map(({ canManage: _, ...u }) => u), null, 2));
          return;
        }
        for (const u of rows) {
          const state = [u.isDisabled && 'disabled', u.isLocked && `locked until ${u.lockedUntil}`, u.mustChangePassword && 'must change password', u.isDemo && 'demo'].filter(Boolean).join(', ');
          io.out(`${u.username.padEnd(20)} ${u.role.padEnd(17)} ${u.regionCode} ${u.regionName ?? ''}${state ? `  (${state})` : ''}`);
        }
      }),
    );
}
