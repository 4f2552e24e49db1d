import { withTransaction } from '../../db/client.ts';
import { recordAudit } from '../audit/record-audit.ts';
import { deleteSessionsOfUser } from '../auth/repo.ts';
import { auditObject, loadManagedUser, type AccountAdmin, type UserDeps } from './managed-user.ts';
import { setDisabled, type ManagedUserRow } from './repo.ts';

/**
 * Disables an account (停用: the person left, the phone was lost) or enables it again (启用).
 * Disabling ends its sessions at once; a disabled account cannot log in. Audited.
 */
export async function setAccountDisabled(
  deps: UserDeps,
  admin: AccountAdmin,
  key: { id: string } | { username: string },
  isDisabled: boolean,
): Promise<ManagedUserRow & { endedSessions: number }> {
  return withTransaction(deps.pool, async (tx) => {
    const user = await loadManagedUser(tx, admin, key);
    await setDisabled(tx, user.id, isDisabled);
    const endedSessions = isDisabled ? await deleteSessionsOfUser(tx, user.id) : 0;
    await recordAudit(tx, admin, isDisabled ? 'user.disabled' : 'user.enabled', auditObject(user), {
      before: { isDisabled: user.isDisabled },
      after: { isDisabled },
      details: { endedSessions },
    });
    return { ...user, isDisabled, endedSessions };
  });
}
