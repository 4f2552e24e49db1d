import crypto from 'node:crypto';
import type { AppDeps } from '../../context.ts';
import { withTransaction } from '../../db/client.ts';
import { AppError } from '../../errors.ts';
import { recordAudit, type AuditActor } from '../audit/record-audit.ts';
import { verifyPassword } from './passwords.ts';
import { findUserByUsername, insertSession, recordFailedLogin, recordSuccessfulLogin, type UserRow } from './repo.ts';

/** No account has this id: the lockout update of an unknown username changes nothing. */
const NO_USER = '00000000-0000-0000-0000-000000000000';

/** Who tried to log in with a username no account has (not the username itself: that may be a password). */
const ANONYMOUS_ACTOR: AuditActor = { userId: null, username: 'anonymous', role: 'anonymous' };

export function hashToken(token: string): Buffer {
  return crypto.createHash('sha256').update(token).digest();
}

/**
 * The one answer to every failed login: unknown username, wrong password, locked or disabled
 * account (even with the right password) all get this same 401 — status, code and text — so the
 * answer never tells which usernames exist or whether a guessed password was right.
 */
function invalidCredentials(deps: AppDeps): AppError {
  const minutes = Math.round(deps.config.loginLockMs / 60_000);
  return AppError.because('INVALID_CREDENTIALS', 'loginFailed', { maxFailures: deps.config.loginMaxFailures, minutes });
}

/**
 * Checks the password (argon2id), applies the lockout after repeated failures, and opens a session.
 * Returns the session token (for the httpOnly cookie) and the user. The argon2 verification always
 * runs — against a dummy hash for an unknown username, and also for a locked or disabled account —
 * so the three answer alike in time as in content (issue #10 item 5). Every failure is audited; those
 * of existing accounts are counted.
 */
export async function login(
  deps: AppDeps,
  input: { username: string; password: string },
  device: { userAgent?: string | undefined } = {},
): Promise<{ token: string; user: UserRow; expiresAt: Date }> {
  const now = deps.now();
  const user = await findUserByUsername(deps.pool, input.username.trim());
  const isValid = await verifyPassword(user?.passwordHash, input.password);
  if (!user) {
    // The same writes as a failure of an existing account (the lockout update, here of no row, and
    // an audit row), so that the unknown username is not the one answer without a commit (~20 ms
    // sooner, measured by `npm run bench -- login-timing`). The row names no username: what was
    // typed there may be a password.
    await withTransaction(deps.pool, async (tx) => {
      await recordFailedLogin(tx, NO_USER, deps.config.loginMaxFailures, deps.config.loginLockMs, now);
      await recordAudit(tx, ANONYMOUS_ACTOR, 'auth.login.failed', { type: 'user', id: null, regionCode: null }, { details: { reason: 'unknownUser', isLocked: false } });
    });
    throw invalidCredentials(deps);
  }
  const isLocked = !!user.lockedUntil && user.lockedUntil > now;
  if (!isValid || isLocked || user.isDisabled) {
    await withTransaction(deps.pool, async (tx) => {
      const until = await recordFailedLogin(tx, user.id, deps.config.loginMaxFailures, deps.config.loginLockMs, now);
      const reason = user.isDisabled ? 'disabled' : isLocked ? 'locked' : 'wrongPassword';
      await recordAudit(tx, { userId: user.id, username: user.username, role: user.role as never }, 'auth.login.failed', {
        type: 'user',
        id: user.id,
        regionCode: user.regionCode,
      }, { details: { reason, isLocked: !!until && until > now } });
    });
    throw invalidCredentials(deps);
  }
  const token = crypto.randomBytes(32).toString('base64url');
  const expiresAt = new Date(now.getTime() + deps.config.sessionAbsoluteMs);
  await withTransaction(deps.pool, async (tx) => {
    await recordSuccessfulLogin(tx, user.id, now);
    // The device as its county admin will see it (用户管理 → 登录设备); its IP is not kept (docs/field-app.md).
    await insertSession(tx, hashToken(token), user.id, now, expiresAt, device.userAgent?.slice(0, 300) || null);
    await recordAudit(tx, { userId: user.id, username: user.username, role: user.role as never }, 'auth.login', {
      type: 'user',
      id: user.id,
      regionCode: user.regionCode,
    });
  });
  return { token, user, expiresAt };
}
