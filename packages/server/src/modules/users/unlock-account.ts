import { withTransaction } from '../../db/client.ts';
import { recordAudit } from '../audit/record-audit.ts';
import { auditObject, loadManagedUser, type AccountAdmin, type UserDeps } from './managed-user.ts';
import { clearLockout, type ManagedUserRow } from './repo.ts';

/** Lifts a lockout after repeated failed logins (解锁) and forgets the failures. Audited. */
export async function unlockAccount(deps: UserDeps, admin: AccountAdmin, key: { id: string } | { username: string }): Promise<ManagedUserRow> {
  return withTransaction(deps.pool, async (tx) => {
    const user = await loadManagedUser(tx, admin, key);
    await clearLockout(tx, user.id);
    await recordAudit(tx, admin, 'user.unlocked', auditObject(user), { before: { failedLogins: user.failedLogins, lockedUntil: user.lockedUntil } });
    return { ...user, failedLogins: 0, lockedUntil: null };
  });
}
