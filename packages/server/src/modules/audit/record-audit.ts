import type { Actor } from '@fangpin/domain';
import { SYSTEM_ROLE, countyCodeOf, regionLevelOf } from '@fangpin/domain';
import type { Tx } from '../../db/client.ts';

/** Who did it: a logged-in actor, the system (CLI, jobs) under a named account, or no one known (a failed login with an unknown username). */
export type AuditActor = Pick<Actor, 'username'> & { role: Actor['role'] | 'anonymous'; userId: string | null };

/**
 * Appends one audit row in the caller's transaction (docs/STYLE.md rule 7): every write and every reveal.
 * `before`/`after` must already be masked or encrypted: plain personal data never goes here.
 */
export async function recordAudit(
  tx: Tx,
  actor: AuditActor,
  action: string,
  object: { type: string; id?: string | null; regionCode?: string | null },
  change: { before?: unknown; after?: unknown; details?: unknown } = {},
): Promise<void> {
  const regionCode = object.regionCode ?? null;
  // A province or city (a provincial admin's account) has no single county.
  const level = regionCode && regionCode.length >= 6 ? regionLevelOf(regionCode) : null;
  const countyCode = regionCode && level && level !== 'province' && level !== 'city' ? countyCodeOf(regionCode) : null;
  await tx.query(
    `INSERT INTO audit_log (actor_id, actor_username, actor_role, action, object_type, object_id, region_code, county_code, before, after, details)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)`,
    [
      actor.userId,
      actor.username,
      actor.role,
      action,
      object.type,
      object.id ?? null,
      regionCode,
      countyCode,
      change.before === undefined ? null : JSON.stringify(change.before),
      change.after === undefined ? null : JSON.stringify(change.after),
      change.details === undefined ? null : JSON.stringify(change.details),
    ],
  );
}

/** The system actor for CLI commands and jobs. */
export const SYSTEM_ACTOR: AuditActor = { userId: null, username: 'system', role: SYSTEM_ROLE };
