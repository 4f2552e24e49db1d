import type { Role } from '@fangpin/domain';
import type { Tx } from '../../db/client.ts';

/** An account as its administrators see it (never its password hash). */
export type ManagedUserRow = {
  id: string;
  username: string;
  displayName: string;
  role: Role;
  regionCode: string;
  regionName: string | null;
  isDisabled: boolean;
  failedLogins: number;
  lockedUntil: Date | null;
  mustChangePassword: boolean;
  isDemo: boolean;
  lastLoginAt: Date | null;
  passwordChangedAt: Date | null;
  createdAt: Date;
};

const MANAGED_COLUMNS = `u.id, u.username, u.display_name AS "displayName", u.role, u.region_code AS "regionCode", r.name AS "regionName",
  u.is_disabled AS "isDisabled", u.failed_logins AS "failedLogins", u.locked_until AS "lockedUntil",
  u.must_change_password AS "mustChangePassword", u.is_demo AS "isDemo", u.last_login_at AS "lastLoginAt",
  u.password_changed_at AS "passwordChangedAt", u.created_at AS "createdAt"`;

/**
 * Accounts whose region lies under `regionPrefix` ('' = every account: the CLI, acting as the
 * system). The caller passes the actor's scope prefix, so an administrator lists their own region only.
 */
export async function listUsers(tx: Tx, regionPrefix: string): Promise<ManagedUserRow[]> {
  const { rows } = await tx.query<ManagedUserRow>(
    `SELECT ${MANAGED_COLUMNS} FROM users u LEFT JOIN regions r ON r.code = u.region_code
     WHERE u.region_code LIKE $1 || '%' ORDER BY u.region_code, u.username`,
    [regionPrefix],
  );
  return rows;
}

/** One account by id or username, under `regionPrefix` ('' = anywhere); undefined when there is none there. */
export async function findManagedUser(tx: Tx, regionPrefix: string, key: { id: string } | { username: string }): Promise<ManagedUserRow | undefined> {
  const isById = 'id' in key;
  if (isById && !/^[0-9a-f-]{36}$/i.test(key.id)) return undefined;
  const { rows } = await tx.query<ManagedUserRow>(
    `SELECT ${MANAGED_COLUMNS} FROM users u LEFT JOIN regions r ON r.code = u.region_code
     WHERE ${isById ? 'u.id = $1::uuid' : 'u.username = $1'} AND u.region_code LIKE $2 || '%'`,
    [isById ? key.id : key.username, regionPrefix],
  );
  return rows[0];
}

export async function insertUser(
  tx: Tx,
  user: { username: string; displayName: string; passwordHash: string; role: string; regionCode: string; mustChangePassword: boolean; isDemo: boolean; hasPublishedPassword: boolean; now: Date },
): Promise<string | undefined> {
  const { rows } = await tx.query<{ id: string }>(
    `INSERT INTO users (username, display_name, password_hash, role, region_code, must_change_password, is_demo, has_published_password, password_changed_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) ON CONFLICT (username) DO NOTHING RETURNING id`,
    [user.username, user.displayName, user.passwordHash, user.role, user.regionCode, user.mustChangePassword, user.isDemo, user.hasPublishedPassword, user.now],
  );
  return rows[0]?.id;
}

export async function setDisabled(tx: Tx, userId: string, isDisabled: boolean): Promise<void> {
  await tx.query(`UPDATE users SET is_disabled = $2 WHERE id = $1`, [userId, isDisabled]);
}

/** Lifts a lockout and forgets the failed logins. */
export async function clearLockout(tx: Tx, userId: string): Promise<void> {
  await tx.query(`UPDATE users SET failed_logins = 0, locked_until = NULL WHERE id = $1`, [userId]);
}

export async function setMustChangePassword(tx: Tx, userId: string, mustChangePassword: boolean): Promise<void> {
  await tx.query(`UPDATE users SET must_change_password = $2 WHERE id = $1`, [userId, mustChangePassword]);
}
