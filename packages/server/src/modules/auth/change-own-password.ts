import type { AppDeps } from '../../context.ts';
import { withTransaction } from '../../db/client.ts';
import { AppError } from '../../errors.ts';
import type { SessionActor } from '../../http/session.ts';
import { recordAudit } from '../audit/record-audit.ts';
import { assertPasswordAllowed, hashPassword, isPublishedPassword, verifyPassword } from './passwords.ts';
import { deleteSessionsOfUser, findUserById, recordFailedLogin, storePassword } from './repo.ts';

/**
 * A user changes their own password (修改密码): the current one is required (a wrong one counts
 * as a failed login), the new one must pass the policy and differ from the current one. Clears a
 * forced change, ends the user's other sessions (this one stays), and is audited without either
 * password.
 */
export async function changeOwnPassword(
  deps: Pick<AppDeps, 'pool' | 'now' | 'config'>,
  actor: SessionActor,
  input: { currentPassword: string; newPassword: string },
  currentSession: Buffer | undefined,
): Promise<{ endedSessions: number }> {
  const now = deps.now();
  const user = await findUserById(deps.pool, actor.userId);
  if (!user) throw new AppError('UNAUTHENTICATED', 'Please log in');
  if (!(await verifyPassword(user.passwordHash, input.currentPassword))) {
    await withTransaction(deps.pool, async (tx) => {
      await recordFailedLogin(tx, user.id, deps.config.loginMaxFailures, deps.config.loginLockMs, now);
      await recordAudit(tx, actor, 'user.password.changeRefused', { type: 'user', id: user.id, regionCode: user.regionCode }, { details: { reason: 'wrongCurrentPassword' } });
    });
    throw AppError.because('VALIDATION_FAILED', 'wrongCurrentPassword', undefined, { field: 'currentPassword' });
  }
  assertPasswordAllowed(input.newPassword, user.username, 'newPassword');
  if (await verifyPassword(user.passwordHash, input.newPassword)) {
    throw AppError.because('VALIDATION_FAILED', 'newPasswordSame', undefined, { field: 'newPassword' });
  }
  const passwordHash = await hashPassword(input.newPassword);
  return withTransaction(deps.pool, async (tx) => {
    await storePassword(tx, user.id, passwordHash, { mustChangePassword: false, hasPublishedPassword: isPublishedPassword(input.newPassword), now });
    const endedSessions = await deleteSessionsOfUser(tx, user.id, currentSession);
    await recordAudit(tx, actor, 'user.password.changed', { type: 'user', id: user.id, regionCode: user.regionCode }, {
      details: { wasForced: user.mustChangePassword, endedSessions },
    });
    return { endedSessions };
  });
}
