import { ROLES, ROLE_MIN_LEVEL, isInScope, normalizeRegionCode, regionLevelOf, scopeOf, type Role } from '@fangpin/domain';
import { withTransaction } from '../../db/client.ts';
import { AppError } from '../../errors.ts';
import { recordAudit } from '../audit/record-audit.ts';
import { assertPasswordAllowed, hashPassword, isPublishedPassword } from '../auth/passwords.ts';
import { findRegion } from '../regions/repo.ts';
import { assertMayManageUsers, isSignedIn, type AccountAdmin, type UserDeps } from './managed-user.ts';
import { insertUser } from './repo.ts';

export type AddUserInput = {
  username: string;
  password: string;
  role: string;
  region: string;
  displayName?: string | undefined;
  /** The person must choose their own password at the first login (default for accounts an administrator creates). */
  mustChangePassword?: boolean | undefined;
};

/** Usernames: 3–50 letters, digits, dot, dash or underscore (typed on phones, read out over the phone). */
export function assertUsernameAllowed(username: string): void {
  if (!/^[A-Za-z0-9._-]{3,50}$/.test(username)) {
    throw new AppError('VALIDATION_FAILED', 'Username: 3–50 letters, digits, dot, dash or underscore', { field: 'username', reason: 'usernameInvalid' });
  }
}

export type AddedUser = { id: string; username: string; role: Role; regionCode: string; regionName: string };

/**
 * Creates an account with one role scoped to one region subtree. A signed-in county admin may only
 * create accounts inside its own region; the CLI acts as the system. The password must pass the
 * policy — except for the demo county's seeded accounts (`unsafeDemoAccount`), whose published
 * password is the point of the demo. Audited without the password.
 */
export async function addUser(deps: UserDeps, creator: AccountAdmin, input: AddUserInput, options: { unsafeDemoAccount?: boolean } = {}): Promise<AddedUser> {
  assertMayManageUsers(creator);
  const username = input.username.trim();
  assertUsernameAllowed(username);
  if (!ROLES.includes(input.role as Role)) {
    throw new AppError('VALIDATION_FAILED', `Unknown role "${input.role}"; one of: ${ROLES.join(', ')}`, { field: 'role', reason: 'unknownRole', params: { role: input.role } });
  }
  const role = input.role as Role;
  if (!options.unsafeDemoAccount) assertPasswordAllowed(input.password, username);
  let regionCode: string;
  try {
    regionCode = normalizeRegionCode(input.region);
  } catch {
    throw new AppError('VALIDATION_FAILED', `"${input.region}" is not a region code`, { field: 'region', reason: 'notARegionCode', params: { code: input.region } });
  }
  const region = await findRegion(deps.pool, regionCode);
  if (!region) throw new AppError('VALIDATION_FAILED', `Region ${regionCode} is not loaded; import the region tree first`, { field: 'region', reason: 'regionNotLoaded', params: { code: regionCode } });
  const level = regionLevelOf(regionCode);
  if (!ROLE_MIN_LEVEL[role].includes(level)) {
    throw new AppError('VALIDATION_FAILED', `Role ${role} cannot be scoped to a ${level}; allowed: ${ROLE_MIN_LEVEL[role].join(', ')}`, { field: 'region', reason: 'roleLevelMismatch' });
  }
  if (isSignedIn(creator) && !isInScope(scopeOf(creator), regionCode)) {
    throw new AppError('FORBIDDEN', 'You may only create accounts inside your own region', { field: 'region', reason: 'accountOutsideRegion' });
  }
  const passwordHash = await hashPassword(input.password);
  const mustChangePassword = input.mustChangePassword ?? false;
  return withTransaction(deps.pool, async (tx) => {
    const id = await insertUser(tx, {
      username,
      displayName: input.displayName?.trim() || username,
      passwordHash,
      role,
      regionCode,
      mustChangePassword,
      isDemo: !!options.unsafeDemoAccount,
      hasPublishedPassword: isPublishedPassword(input.password),
      now: deps.now(),
    });
    if (!id) throw new AppError('CONFLICT', `User "${username}" already exists`, { field: 'username', reason: 'usernameTaken', params: { username } });
    await recordAudit(tx, creator, 'user.created', { type: 'user', id, regionCode }, { after: { username, role, regionCode, mustChangePassword } });
    return { id, username, role, regionCode, regionName: region.name };
  });
}
