import type { DeviceSession } from '@fangpin/domain';
import { withTransaction } from '../../db/client.ts';
import { AppError } from '../../errors.ts';
import { recordAudit } from '../audit/record-audit.ts';
import { listOpenSessions, revokeSessions, type DeviceSessionRow } from '../auth/repo.ts';
import { auditObject, loadManagedUser, type AccountAdmin, type UserDeps } from './managed-user.ts';

/** The use cases' dependencies, with the idle limit that decides which sessions are still open. */
export type DeviceDeps = UserDeps & { sessionIdleMs: number };

export function presentDeviceSession(row: DeviceSessionRow): DeviceSession {
  return {
    id: row.id,
    userAgent: row.userAgent,
    signedInAt: row.createdAt.toISOString(),
    lastSeenAt: row.lastSeenAt.toISOString(),
    expiresAt: row.expiresAt.toISOString(),
  };
}

/** The devices an account is signed in on (county admins, inside their region; not their own account). */
export async function listDeviceSessions(deps: DeviceDeps, admin: AccountAdmin, key: { id: string }): Promise<DeviceSession[]> {
  return withTransaction(deps.pool, async (tx) => {
    const user = await loadManagedUser(tx, admin, key);
    return (await listOpenSessions(tx, user.id, deps.now(), deps.sessionIdleMs)).map(presentDeviceSession);
  });
}

/**
 * Signs one device of an account out, or all of them (a phone lost or handed on, issue 15 item 5).
 * The device's next request is a 401 with the reason `sessionRevoked`, on which the field app wipes
 * its offline store. Audited with the sessions ended; a session that is not open is a 404.
 */
export async function signOutDevices(
  deps: DeviceDeps,
  admin: AccountAdmin,
  key: { id: string },
  sessionId?: string,
): Promise<{ endedSessions: number; items: DeviceSession[] }> {
  return withTransaction(deps.pool, async (tx) => {
    const user = await loadManagedUser(tx, admin, key);
    const now = deps.now();
    const open = await listOpenSessions(tx, user.id, now, deps.sessionIdleMs);
    const targets = sessionId ? open.filter((s) => s.id === sessionId) : open;
    if (sessionId && targets.length === 0) throw AppError.because('NOT_FOUND', 'sessionNotOpen');
    const ended = targets.length > 0 ? await revokeSessions(tx, user.id, targets.map((s) => s.id), now) : [];
    await recordAudit(tx, admin, 'user.signedOut', auditObject(user), {
      details: { endedSessions: ended.length, sessionIds: ended, scope: sessionId ? 'one' : 'all' },
    });
    return { endedSessions: ended.length, items: open.filter((s) => !ended.includes(s.id)).map(presentDeviceSession) };
  });
}
