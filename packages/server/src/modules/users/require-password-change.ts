import { withTransaction } from '../../db/client.ts';
import { recordAudit } from '../audit/record-audit.ts';
import { auditObject, loadManagedUser, type AccountAdmin, type UserDeps } from './managed-user.ts';
import { setMustChangePassword, type ManagedUserRow } from './repo.ts';

/**
 * Requires the person to choose a new password at the next request (要求修改密码), keeping the
 * current one for the login: e.g. after it was written down or shared. Open sessions are held at the
 * change-password page too. Audited.
 */
export async function requirePasswordChange(deps: UserDeps, admin: AccountAdmin, key: { id: string } | { username: string }): Promise<ManagedUserRow> {
  return withTransaction(deps.pool, async (tx) => {
    const user = await loadManagedUser(tx, admin, key);
    await setMustChangePassword(tx, user.id, true);
    await recordAudit(tx, admin, 'user.password.changeRequired', auditObject(user));
    return { ...user, mustChangePassword: true };
  });
}
