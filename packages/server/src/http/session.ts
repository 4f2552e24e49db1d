import type { FastifyReply, FastifyRequest } from 'fastify';
import { ROLES, type Actor, type Role } from '@fangpin/domain';
import type { AppDeps } from '../context.ts';
import { AppError } from '../errors.ts';
import { hashToken } from '../modules/auth/login.ts';
import { deleteSession, findSession, touchSession } from '../modules/auth/repo.ts';

export const SESSION_COOKIE = 'fangpin_session';

export type SessionActor = Actor & {
  displayName: string;
  /** An administrator set the password: only the routes marked `allowedBeforePasswordChange` answer. */
  mustChangePassword: boolean;
};

declare module 'fastify' {
  interface FastifyRequest {
    actor?: SessionActor;
  }
  interface FastifyContextConfig {
    /** The route works while the user must still change the password an administrator set (me, own password). */
    allowedBeforePasswordChange?: boolean;
  }
}

/**
 * Cookie → actor. Sessions expire when idle longer than the idle limit or older than the absolute
 * limit; an expired or unknown session is a 401, one signed out by a county admin a 401 with the
 * reason `sessionRevoked`. `last_seen_at` is written at most once a minute.
 * A user whose password an administrator set gets 403 PASSWORD_CHANGE_REQUIRED from every route
 * but those marked `allowedBeforePasswordChange`, until they choose their own.
 */
export async function resolveActor(deps: AppDeps, request: FastifyRequest): Promise<SessionActor> {
  const token = request.cookies[SESSION_COOKIE];
  if (!token) throw new AppError('UNAUTHENTICATED', 'Please log in');
  const tokenHash = hashToken(token);
  const session = await findSession(deps.pool, tokenHash);
  const now = deps.now();
  if (!session) throw new AppError('UNAUTHENTICATED', 'Session expired, please log in again');
  if (session.revokedAt) {
    // Signed out by the county admin (用户管理 → 登录设备): said once, so the field app wipes its offline store.
    await deleteSession(deps.pool, tokenHash);
    throw AppError.because('UNAUTHENTICATED', 'sessionRevoked');
  }
  const isIdle = now.getTime() - session.lastSeenAt.getTime() > deps.config.sessionIdleMs;
  if (isIdle || session.expiresAt <= now || session.isDisabled || !ROLES.includes(session.role as Role)) {
    await deleteSession(deps.pool, tokenHash);
    throw new AppError('UNAUTHENTICATED', 'Session expired, please log in again');
  }
  if (now.getTime() - session.lastSeenAt.getTime() > 60_000) await touchSession(deps.pool, tokenHash, now);
  if (session.mustChangePassword && !request.routeOptions.config.allowedBeforePasswordChange) {
    throw new AppError('PASSWORD_CHANGE_REQUIRED', 'Choose a new password before you continue');
  }
  return {
    userId: session.userId,
    username: session.username,
    displayName: session.displayName,
    role: session.role as Role,
    regionCode: session.regionCode,
    mustChangePassword: session.mustChangePassword,
  };
}

/** The session cookie's token hash of this request (to keep this session when the others end). */
export function sessionTokenHash(request: FastifyRequest): Buffer | undefined {
  const token = request.cookies[SESSION_COOKIE];
  return token ? hashToken(token) : undefined;
}

export function requireActor(request: FastifyRequest): SessionActor {
  if (!request.actor) throw new AppError('UNAUTHENTICATED', 'Please log in');
  return request.actor;
}

export function setSessionCookie(reply: FastifyReply, token: string, expiresAt: Date, secure: boolean): void {
  reply.setCookie(SESSION_COOKIE, token, { httpOnly: true, sameSite: 'strict', path: '/', expires: expiresAt, secure });
}
