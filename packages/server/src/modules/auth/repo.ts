import type { Tx } from '../../db/client.ts';

export type UserRow = {
  id: string;
  username: string;
  displayName: string;
  passwordHash: string;
  role: string;
  regionCode: string;
  isDisabled: boolean;
  failedLogins: number;
  lockedUntil: Date | null;
};

const USER_COLUMNS = `id, username, display_name AS "displayName", password_hash AS "passwordHash", role,
  region_code AS "regionCode", is_disabled AS "isDisabled", failed_logins AS "failedLogins", locked_until AS "lockedUntil"`;

export async function findUserByUsername(tx: Tx, username: string): Promise<UserRow | undefined> {
  const { rows } = await tx.query<UserRow>(`SELECT ${USER_COLUMNS} FROM users WHERE username = $1`, [username]);
  return rows[0];
}

/** Counts a failed login; locks the account for `lockMs` once `maxFailures` is reached. Returns the lock end. */
export async function recordFailedLogin(tx: Tx, userId: string, maxFailures: number, lockMs: number, now: Date): Promise<Date | null> {
  const { rows } = await tx.query<{ lockedUntil: Date | null }>(
    `UPDATE users SET failed_logins = failed_logins + 1,
       locked_until = CASE WHEN failed_logins + 1 >= $2 THEN $3::timestamptz + ($4 || ' milliseconds')::interval ELSE locked_until END
     WHERE id = $1 RETURNING locked_until AS "lockedUntil"`,
    [userId, maxFailures, now, String(lockMs)],
  );
  return rows[0]?.lockedUntil ?? null;
}

export async function recordSuccessfulLogin(tx: Tx, userId: string, now: Date): Promise<void> {
  await tx.query(`UPDATE users SET failed_logins = 0, locked_until = NULL, last_login_at = $2 WHERE id = $1`, [userId, now]);
}

export async function insertSession(tx: Tx, tokenHash: Buffer, userId: string, now: Date, expiresAt: Date): Promise<void> {
  await tx.query(`INSERT INTO sessions (token_hash, user_id, created_at, last_seen_at, expires_at) VALUES ($1, $2, $3, $3, $4)`, [
    tokenHash,
    userId,
    now,
    expiresAt,
  ]);
}

export type SessionRow = { userId: string; lastSeenAt: Date; expiresAt: Date } & Omit<UserRow, 'id' | 'passwordHash' | 'failedLogins' | 'lockedUntil'>;

export async function findSession(tx: Tx, tokenHash: Buffer): Promise<SessionRow | undefined> {
  const { rows } = await tx.query<SessionRow>(
    `SELECT s.user_id AS "userId", s.last_seen_at AS "lastSeenAt", s.expires_at AS "expiresAt", u.username,
       u.display_name AS "displayName", u.role, u.region_code AS "regionCode", u.is_disabled AS "isDisabled"
     FROM sessions s JOIN users u ON u.id = s.user_id WHERE s.token_hash = $1`,
    [tokenHash],
  );
  return rows[0];
}

export async function touchSession(tx: Tx, tokenHash: Buffer, now: Date): Promise<void> {
  await tx.query(`UPDATE sessions SET last_seen_at = $2 WHERE token_hash = $1`, [tokenHash, now]);
}

export async function deleteSession(tx: Tx, tokenHash: Buffer): Promise<void> {
  await tx.query(`DELETE FROM sessions WHERE token_hash = $1`, [tokenHash]);
}
