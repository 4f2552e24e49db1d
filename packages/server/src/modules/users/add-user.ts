import { ROLES, ROLE_MIN_LEVEL, isInScope, normalizeRegionCode, regionLevelOf, scopeOf, type Actor, type Role } from '@fangpin/domain';
import type pg from 'pg';
import { withTransaction } from '../../db/client.ts';
import { AppError } from '../../errors.ts';
import { recordAudit, type AuditActor } from '../audit/record-audit.ts';
import { hashPassword, passwordProblem } from '../auth/passwords.ts';
import { findRegion } from '../regions/repo.ts';

export type AddUserInput = { username: string; password: string; role: string; region: string; displayName?: string | undefined };

/**
 * Creates an account with one role scoped to one region subtree. A logged-in creator (county admin)
 * may only create accounts inside its own region; the CLI acts as the system.
 */
export async function addUser(pool: pg.Pool, creator: AuditActor | Actor, input: AddUserInput): Promise<{ id: string; username: string; role: Role; regionCode: string; regionName: string }> {
  const username = input.username.trim();
  if (!/^[A-Za-z0-9._-]{3,50}$/.test(username)) {
    throw new AppError('VALIDATION_FAILED', 'Username: 3–50 letters, digits, dot, dash or underscore / 用户名须为 3–50 位字母、数字、点、横线或下划线', { field: 'username' });
  }
  if (!ROLES.includes(input.role as Role)) {
    throw new AppError('VALIDATION_FAILED', `Unknown role "${input.role}"; one of: ${ROLES.join(', ')}`, { field: 'role' });
  }
  const role = input.role as Role;
  const problem = passwordProblem(input.password);
  if (problem) throw new AppError('VALIDATION_FAILED', problem, { field: 'password' });
  let regionCode: string;
  try {
    regionCode = normalizeRegionCode(input.region);
  } catch {
    throw new AppError('VALIDATION_FAILED', `"${input.region}" is not a region code / 不是有效的行政区划代码`, { field: 'region' });
  }
  const region = await findRegion(pool, regionCode);
  if (!region) throw new AppError('VALIDATION_FAILED', `Region ${regionCode} is not loaded; import the region tree first / 行政区划 ${regionCode} 不存在`, { field: 'region' });
  const level = regionLevelOf(regionCode);
  if (!ROLE_MIN_LEVEL[role].includes(level)) {
    throw new AppError('VALIDATION_FAILED', `Role ${role} cannot be scoped to a ${level}; allowed: ${ROLE_MIN_LEVEL[role].join(', ')}`, { field: 'region' });
  }
  if ('regionCode' in creator && !isInScope(scopeOf(creator), regionCode)) {
    throw new AppError('FORBIDDEN', 'You may only create accounts inside your own region / 只能在本辖区内创建账号', { field: 'region' });
  }
  const passwordHash = await hashPassword(input.password);
  return withTransaction(pool, async (tx) => {
    const { rows } = await tx.query<{ id: string }>(
      `INSERT INTO users (username, display_name, password_hash, role, region_code) VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (username) DO NOTHING RETURNING id`,
      [username, input.displayName?.trim() || username, passwordHash, role, regionCode],
    );
    const id = rows[0]?.id;
    if (!id) throw new AppError('CONFLICT', `User "${username}" already exists / 用户名已存在`, { field: 'username' });
    await recordAudit(tx, creator, 'user.created', { type: 'user', id, regionCode }, { after: { username, role, regionCode } });
    return { id, username, role, regionCode, regionName: region.name };
  });
}

export type UserListRow = { id: string; username: string; displayName: string; role: string; regionCode: string; regionName: string | null; isDisabled: boolean; lastLoginAt: Date | null };

/** Accounts whose region lies in `regionPrefix` (all when empty). */
export async function listUsers(pool: pg.Pool, regionPrefix: string): Promise<UserListRow[]> {
  const { rows } = await pool.query<UserListRow>(
    `SELECT u.id, u.username, u.display_name AS "displayName", u.role, u.region_code AS "regionCode", r.name AS "regionName",
       u.is_disabled AS "isDisabled", u.last_login_at AS "lastLoginAt"
     FROM users u LEFT JOIN regions r ON r.code = u.region_code WHERE u.region_code LIKE $1 || '%' ORDER BY u.region_code, u.username`,
    [regionPrefix],
  );
  return rows;
}
