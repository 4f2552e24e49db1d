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
  mustChangePassword: boolean;
};

const USER_COLUMNS = `id, username, display_name AS "displayName", password_hash AS "passwordHash", role,
  region_code AS "regionCode", is_disabled AS "isDisabled", failed_logins AS "failedLogins", locked_until AS "lockedUntil",
  must_change_password AS "mustChangePassword"`;

export async function findUserByUsername(tx: Tx, username: string): Promise<UserRow | undefined> {
  const { rows } = await tx.query<UserRow>(`SELECT ${USER_COLUMNS} FROM users WHERE username = $1`, [username]);
  return rows[0];
}

export async function findUserById(tx: Tx, id: string): Promise<UserRow | undefined> {
  const { rows } = await tx.query<UserRow>(`SELECT ${USER_COLUMNS} FROM users WHERE id = $1`, [id]);
  return rows[0];
}

/**
 * Counts a failed login and returns the lock end, if the account is locked after it:
 * - while a lock lasts, nothing changes (failures during a lock neither extend it nor count twice);
 * - once a lock has expired, counting starts again from this failure (issue #10 item 5: the counter
 *   used to stay at the maximum, so one failure every lock period kept an account locked for good);
 * - reaching `maxFailures` locks the account for `lockMs`.
 */
export async function recordFailedLogin(tx: Tx, userId: string, maxFailures: number, lockMs: number, now: Date): Promise<Date | null> {
  const { rows } = await tx.query<{ lockedUntil: Date | null }>(
    `WITH current AS (
       SELECT id, locked_until > $3 AS is_locked,
         CASE WHEN locked_until IS NOT NULL AND locked_until <= $3 THEN 1 ELSE failed_logins + 1 END AS failures
       FROM users WHERE id = $1 FOR UPDATE
     )
     UPDATE users u SET
       failed_logins = CASE WHEN c.is_locked THEN u.failed_logins ELSE c.failures END,
       locked_until = CASE WHEN c.is_locked THEN u.locked_until
                           WHEN c.failures >= $2 THEN $3::timestamptz + ($4 || ' milliseconds')::interval
                           ELSE NULL END
     FROM current c WHERE u.id = c.id
     RETURNING u.locked_until AS "lockedUntil"`,
    [userId, maxFailures, now, String(lockMs)],
  );
  return rows[0]?.lockedUntil ?? null;
}

export async function recordSuccessfulLogin(tx: Tx, userId: string, now: Date): Promise<void> {
  await tx.query(`UPDATE users SET failed_logins = 0, locked_until = NULL, last_login_at = $2 WHERE id = $1`, [userId, now]);
}

/**
 * Stores a new password hash. `mustChangePassword`: the user must choose another at the next login
 * (set by an administrator's reset, cleared by the user's own change). `hasPublishedPassword`: it is
 * the published demo password (see `serve`'s demo check).
 */
export async function storePassword(
  tx: Tx,
  userId: string,
  passwordHash: string,
  options: { mustChangePassword: boolean; hasPublishedPassword: boolean; now: Date },
): Promise<void> {
  await tx.query(
    `UPDATE users SET password_hash = $2, must_change_password = $3, has_published_password = $4, password_changed_at = $5 WHERE id = $1`,
    [userId, passwordHash, options.mustChangePassword, options.hasPublishedPassword, options.now],
  );
}

export async function insertSession(tx: Tx, tokenHash: Buffer, userId: string, now: Date, expiresAt: Date, userAgent: string | null): Promise<void> {
  await tx.query(`INSERT INTO sessions (token_hash, user_id, created_at, last_seen_at, expires_at, user_agent) VALUES ($1, $2, $3, $3, $4, $5)`, [
    tokenHash,
    userId,
    now,
    expiresAt,
    userAgent,
  ]);
}

export type SessionRow = { userId: string; lastSeenAt: Date; expiresAt: Date; revokedAt: Date | null } & Omit<UserRow, 'id' | 'passwordHash' | 'failedLogins' | 'lockedUntil'>;

export async function findSession(tx: Tx, tokenHash: Buffer): Promise<SessionRow | undefined> {
  const { rows } = await tx.query<SessionRow>(
    `SELECT s.user_id AS "userId", s.last_seen_at AS "lastSeenAt", s.expires_at AS "expiresAt", s.revoked_at AS "revokedAt", u.username,
       u.display_name AS "displayName", u.role, u.region_code AS "regionCode", u.is_disabled AS "isDisabled",
       u.must_change_password AS "mustChangePassword"
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

/** Ends every session of a user (disabled, password set by an administrator), or all but `keep` (own password change). Returns how many. */
export async function deleteSessionsOfUser(tx: Tx, userId: string, keep?: Buffer): Promise<number> {
  const { rowCount } = keep
    ? await tx.query(`DELETE FROM sessions WHERE user_id = $1 AND token_hash <> $2`, [userId, keep])
    : await tx.query(`DELETE FROM sessions WHERE user_id = $1`, [userId]);
  return rowCount ?? 0;
}

/**
 * Signs every open session of a user out (the account is disabled: the person left, the phone was
 * lost), marked as revokeSessions does, so each device's next request is a 401 `sessionRevoked` and
 * the field app wipes its offline store. Returns how many were open.
 */
export async function revokeAllSessionsOfUser(tx: Tx, userId: string, now: Date): Promise<number> {
  const { rowCount } = await tx.query(`UPDATE sessions SET revoked_at = $2 WHERE user_id = $1 AND revoked_at IS NULL AND expires_at > $2`, [userId, now]);
  return rowCount ?? 0;
}

/** A session as its county admin sees it: which device, since when, last seen. */
export type DeviceSessionRow = { id: string; userAgent: string | null; createdAt: Date; lastSeenAt: Date; expiresAt: Date };

/** The sessions of a user still open at `now` (not signed out, not past either limit), last seen first. */
export async function listOpenSessions(tx: Tx, userId: string, now: Date, idleMs: number): Promise<DeviceSessionRow[]> {
  const { rows } = await tx.query<DeviceSessionRow>(
    `SELECT id, user_agent AS "userAgent", created_at AS "createdAt", last_seen_at AS "lastSeenAt", expires_at AS "expiresAt"
     FROM sessions
     WHERE user_id = $1 AND revoked_at IS NULL AND expires_at > $2 AND last_seen_at > $2::timestamptz - ($3 || ' milliseconds')::interval
     ORDER BY last_seen_at DESC, created_at DESC`,
    [userId, now, String(idleMs)],
  );
  return rows;
}

/**
 * Signs sessions of a user out: they stay, marked, until the device's next request learns why
 * (401 `sessionRevoked`) or they expire. Returns the ids signed out (those not signed out already).
 */
export async function revokeSessions(tx: Tx, userId: string, sessionIds: string[], now: Date): Promise<string[]> {
  const { rows } = await tx.query<{ id: string }>(
    `UPDATE sessions SET revoked_at = $3 WHERE user_id = $1 AND id = ANY($2::uuid[]) AND revoked_at IS NULL RETURNING id`,
    [userId, sessionIds, now],
  );
  return rows.map((r) => r.id);
}
