import type { Role } from '../api/types';

/** An account as `GET /api/users` presents it to a county admin (never a password). */
export interface ManagedUser {
  id: string;
  username: string;
  displayName: string;
  role: Role;
  roleLabel: { zh: string; en: string };
  regionCode: string;
  regionName: string | null;
  isDisabled: boolean;
  /** Locked after repeated failed logins, until `lockedUntil`. */
  isLocked: boolean;
  lockedUntil: string | null;
  failedLogins: number;
  mustChangePassword: boolean;
  isDemo: boolean;
  lastLoginAt: string | null;
  passwordChangedAt: string | null;
  createdAt: string;
  /** False for the admin's own account (changed under 修改密码). */
  canManage: boolean;
}

export type UserState = 'active' | 'disabled' | 'locked' | 'mustChange';
