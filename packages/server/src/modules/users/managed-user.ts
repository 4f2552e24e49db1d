import { can, isInScope, scopeOf, type Actor } from '@fangpin/domain';
import type pg from 'pg';
import type { Tx } from '../../db/client.ts';
import { AppError } from '../../errors.ts';
import type { AuditActor } from '../audit/record-audit.ts';
import { findManagedUser, type ManagedUserRow } from './repo.ts';

/** Who administers accounts: a signed-in county admin (within their region) or the CLI (the system, everywhere). */
export type AccountAdmin = Actor | AuditActor;

/** The use cases' dependencies: the database and the clock. */
export type UserDeps = { pool: pg.Pool; now: () => Date };

export function isSignedIn(admin: AccountAdmin): admin is Actor {
  return 'regionCode' in admin;
}

/** The region prefix an administrator works in ('' for the system). */
export function adminRegionPrefix(admin: AccountAdmin): string {
  return isSignedIn(admin) ? scopeOf(admin).regionPrefix : '';
}

/** Refuses roles that may not administer accounts (403). */
export function assertMayManageUsers(admin: AccountAdmin): void {
  if (isSignedIn(admin) && !can(admin, 'user.manage')) {
    throw new AppError('FORBIDDEN', 'Your role may not administer accounts');
  }
}

/**
 * The account an administrator acts on: it must lie in the administrator's region (otherwise 404,
 * as for any record outside the region), and it must not be the administrator's own account — one
 * changes one's own password on 修改密码, with the current password.
 */
export async function loadManagedUser(tx: Tx, admin: AccountAdmin, key: { id: string } | { username: string }): Promise<ManagedUserRow> {
  assertMayManageUsers(admin);
  const user = await findManagedUser(tx, adminRegionPrefix(admin), key);
  if (!user || (isSignedIn(admin) && !isInScope(scopeOf(admin), user.regionCode))) {
    throw new AppError('NOT_FOUND', `No account ${'username' in key ? `"${key.username}" ` : ''}in your region`);
  }
  if (admin.userId && admin.userId === user.id) {
    throw new AppError('FORBIDDEN', 'You cannot do this to your own account; change your own password on the account page', { reason: 'ownAccount' });
  }
  return user;
}

/** What the audit row names as the object. */
export function auditObject(user: Pick<ManagedUserRow, 'id' | 'regionCode'>): { type: string; id: string; regionCode: string } {
  return { type: 'user', id: user.id, regionCode: user.regionCode };
}
