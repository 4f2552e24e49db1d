import { temporaryPassword } from '../auth/passwords.ts';
import type { AccountAdmin, UserDeps } from './managed-user.ts';
import type { ManagedUserRow } from './repo.ts';
import { setPassword } from './set-password.ts';

/**
 * Resets a forgotten password (重置密码, `fangpin users reset`): a random one-time password that the
 * administrator passes on to the person, who must replace it at the next login. Returned once, never
 * stored or logged in clear.
 */
export async function resetPassword(
  deps: UserDeps,
  admin: AccountAdmin,
  key: { id: string } | { username: string },
): Promise<{ user: ManagedUserRow; temporaryPassword: string; endedSessions: number }> {
  const password = temporaryPassword();
  const { endedSessions, ...user } = await setPassword(deps, admin, key, { password, mustChangePassword: true }, 'user.password.reset');
  return { user, temporaryPassword: password, endedSessions };
}
