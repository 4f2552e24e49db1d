import { ROLE_LABELS, type ManagedUser } from '@fangpin/domain';
import type { AccountAdmin } from './managed-user.ts';
import type { ManagedUserRow } from './repo.ts';

export type ManagedUserView = ManagedUser;

export function presentUser(row: ManagedUserRow, viewer: AccountAdmin, now: Date): ManagedUserView {
  const isLocked = !!row.lockedUntil && row.lockedUntil > now;
  return {
    id: row.id,
    username: row.username,
    displayName: row.displayName,
    role: row.role,
    roleLabel: ROLE_LABELS[row.role],
    regionCode: row.regionCode,
    regionName: row.regionName,
    isDisabled: row.isDisabled,
    isLocked,
    lockedUntil: isLocked ? row.lockedUntil!.toISOString() : null,
    failedLogins: row.failedLogins,
    mustChangePassword: row.mustChangePassword,
    isDemo: row.isDemo,
    lastLoginAt: row.lastLoginAt?.toISOString() ?? null,
    passwordChangedAt: row.passwordChangedAt?.toISOString() ?? null,
    createdAt: row.createdAt.toISOString(),
    canManage: viewer.userId !== row.id,
  };
}
