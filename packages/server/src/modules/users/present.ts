import { ROLE_LABELS, isRole } from '@fangpin/domain';
import { z } from 'zod';
import type { AccountAdmin } from './managed-user.ts';
import type { ManagedUserRow } from './repo.ts';

export const ManagedUser = z
  .object({
    id: z.string(),
    username: z.string(),
    displayName: z.string(),
    role: z.string(),
    roleLabel: z.object({ zh: z.string(), en: z.string() }),
    regionCode: z.string(),
    regionName: z.string().nullable(),
    isDisabled: z.boolean(),
    /** Locked after repeated failed logins, until `lockedUntil` (an administrator can unlock). */
    isLocked: z.boolean(),
    lockedUntil: z.string().nullable(),
    failedLogins: z.number().int(),
    /** Must choose a new password at the next login (set by an administrator). */
    mustChangePassword: z.boolean(),
    /** One of the demo county's seeded accounts (published password). */
    isDemo: z.boolean(),
    lastLoginAt: z.string().nullable(),
    passwordChangedAt: z.string().nullable(),
    createdAt: z.string(),
    /** Whether the viewer may act on this account (not on their own: that is 修改密码). */
    canManage: z.boolean(),
  })
  .meta({ id: 'ManagedUser' });

export type ManagedUserView = z.infer<typeof ManagedUser>;

export function presentUser(row: ManagedUserRow, viewer: AccountAdmin, now: Date): ManagedUserView {
  const isLocked = !!row.lockedUntil && row.lockedUntil > now;
  return {
    id: row.id,
    username: row.username,
    displayName: row.displayName,
    role: row.role,
    roleLabel: isRole(row.role) ? ROLE_LABELS[row.role] : { zh: row.role, en: row.role },
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
