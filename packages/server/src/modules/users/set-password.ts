import { withTransaction } from '../../db/client.ts';
import { recordAudit } from '../audit/record-audit.ts';
import { assertPasswordAllowed, hashPassword, isPublishedPassword } from '../auth/passwords.ts';
import { deleteSessionsOfUser, storePassword } from '../auth/repo.ts';
import { auditObject, loadManagedUser, type AccountAdmin, type UserDeps } from './managed-user.ts';
import { clearLockout, type ManagedUserRow } from './repo.ts';

/**
 * An administrator sets another account's password (设置密码, `fangpin users passwd`): it must pass
 * the policy; with `mustChangePassword` the person chooses their own at the next login. The account's
 * sessions end and a lockout is lifted. Audited without the password.
 */
export async function setPassword(
  deps: UserDeps,
  admin: AccountAdmin,
  key: { id: string } | { username: string },
  input: { password: string; mustChangePassword: boolean },
  auditAction = 'user.password.set',
): Promise<ManagedUserRow & { endedSessions: number }> {
  const user = await loadManagedUser(deps.pool, admin, key);
  assertPasswordAllowed(input.password, user.username);
  const passwordHash = await hashPassword(input.password);
  return withTransaction(deps.pool, async (tx) => {
    const now = deps.now();
    await storePassword(tx, user.id, passwordHash, { mustChangePassword: input.mustChangePassword, hasPublishedPassword: isPublishedPassword(input.password), now });
    await clearLockout(tx, user.id);
    const endedSessions = await deleteSessionsOfUser(tx, user.id);
    await recordAudit(tx, admin, auditAction, auditObject(user), { details: { mustChangePassword: input.mustChangePassword, endedSessions } });
    return { ...user, mustChangePassword: input.mustChangePassword, failedLogins: 0, lockedUntil: null, passwordChangedAt: now, endedSessions };
  });
}
