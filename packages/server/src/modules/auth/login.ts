import crypto from 'node:crypto';
import type { AppDeps } from '../../context.ts';
import { withTransaction } from '../../db/client.ts';
import { AppError } from '../../errors.ts';
import { recordAudit } from '../audit/record-audit.ts';
import { verifyPassword } from './passwords.ts';
import { findUserByUsername, insertSession, recordFailedLogin, recordSuccessfulLogin, type UserRow } from './repo.ts';

export function hashToken(token: string): Buffer {
  return crypto.createHash('sha256').update(token).digest();
}

/**
 * Checks the password (argon2id), applies the lockout after repeated failures, and opens a session.
 * Returns the session token (for the httpOnly cookie) and the user. Failures and lockouts are audited.
 */
export async function login(
  deps: AppDeps,
  input: { username: string; password: string },
): Promise<{ token: string; user: UserRow; expiresAt: Date }> {
  const now = deps.now();
  const user = await findUserByUsername(deps.pool, input.username.trim());
  if (user?.lockedUntil && user.lockedUntil > now) {
    throw lockedError(user.lockedUntil, now);
  }
  const isValid = await verifyPassword(user?.passwordHash, input.password);
  if (!user || !isValid || user.isDisabled) {
    if (user) {
      const lockedUntil = await withTransaction(deps.pool, async (tx) => {
        const until = await recordFailedLogin(tx, user.id, deps.config.loginMaxFailures, deps.config.loginLockMs, now);
        await recordAudit(tx, { userId: user.id, username: user.username, role: user.role as never }, 'auth.login.failed', {
          type: 'user',
          id: user.id,
          regionCode: user.regionCode,
        }, { details: { isLocked: !!until && until > now } });
        return until;
      });
      if (lockedUntil && lockedUntil > now) throw lockedError(lockedUntil, now);
    }
    throw new AppError('INVALID_CREDENTIALS', 'Wrong username or password / 用户名或密码错误');
  }
  const token = crypto.randomBytes(32).toString('base64url');
  const expiresAt = new Date(now.getTime() + deps.config.sessionAbsoluteMs);
  await withTransaction(deps.pool, async (tx) => {
    await recordSuccessfulLogin(tx, user.id, now);
    await insertSession(tx, hashToken(token), user.id, now, expiresAt);
    await recordAudit(tx, { userId: user.id, username: user.username, role: user.role as never }, 'auth.login', {
      type: 'user',
      id: user.id,
      regionCode: user.regionCode,
    });
  });
  return { token, user, expiresAt };
}

function lockedError(until: Date, now: Date): AppError {
  const minutes = Math.max(1, Math.ceil((until.getTime() - now.getTime()) / 60_000));
  return new AppError(
    'ACCOUNT_LOCKED',
    `Too many failed logins: the account is locked for ${minutes} more minute(s) / 登录失败次数过多，账号已锁定，请 ${minutes} 分钟后再试`,
    { extra: { retryAfterMinutes: minutes } },
  );
}
