import { withTransaction } from '../../db/client.ts';
import { recordAudit } from '../audit/record-audit.ts';
import { revokeAllSessionsOfUser } from '../auth/repo.ts';
import { auditObject, loadManagedUser, type AccountAdmin, type UserDeps } from './managed-user.ts';
import { setDisabled, type ManagedUserRow } from './repo.ts';

/**
 * Disables an account (停用: the person left, the phone was lost) or enables it again (启用).
 * Disabling signs every device out at once, as 登录设备 → 全部退出 does (each device's next request is
 * a 401 `sessionRevoked`, on which the field app wipes its offline store); a disabled account cannot
 * log in. Audited.
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
    const endedSessions = isDisabled ? await revokeAllSessionsOfUser(tx, user.id, deps.now()) : 0;
    await recordAudit(tx, admin, isDisabled ? 'user.disabled' : 'user.enabled', auditObject(user), {
      before: { isDisabled: user.isDisabled },
      after: { isDisabled },
      details: { endedSessions },
    });
    return { ...user, isDisabled, endedSessions };
  });
}
