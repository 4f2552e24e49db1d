import type { AccessLimit } from '../../config.ts';
import type { Tx } from '../../db/client.ts';
import { AppError } from '../../errors.ts';

/** What a limit is about: its problem reason says which (contracts/reasons/access.ts). */
type LimitedAccess = 'reveal' | 'identifierSearch';

/**
 * Per-user limit on access to full personal data (docs/personal-data.md, "Limits"), counted from the
 * actor's own audit rows of `actions` in the last window — the audit log is the one record every
 * server process shares, so the limit holds behind a load balancer too. Call it in the transaction
 * that then writes the audit row: an advisory lock per user makes concurrent requests count one by
 * one. At the limit: 429 RATE_LIMITED with `retryAfter` (seconds until the oldest counted row leaves
 * the window) in the problem and in a Retry-After header.
 */
export async function assertWithinAccessLimit(
  tx: Tx,
  userId: string,
  actions: readonly string[],
  limit: AccessLimit,
  what: LimitedAccess,
): Promise<void> {
  await tx.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`personal-data-limit:${what}:${userId}`]);
  // Only the latest `max` rows are read (audit_limited_access_idx): the count stops at the limit, and
  // at the limit the next access is allowed when the oldest of them leaves the window.
  const { rows } = await tx.query<{ n: number; retryAfter: number | null }>(
    `SELECT count(*)::int AS n, ceil(extract(epoch FROM min(at) + $3 * interval '1 millisecond' - now()))::int AS "retryAfter"
     FROM (SELECT at FROM audit_log WHERE actor_id = $1 AND action = ANY($2::text[]) AND at > now() - $3 * interval '1 millisecond'
           ORDER BY at DESC LIMIT $4) latest`,
    [userId, actions, limit.windowMs, limit.max],
  );
  const { n, retryAfter } = rows[0]!;
  if (n < limit.max) return;
  const seconds = Math.max(1, retryAfter ?? 1);
  const minutes = Math.ceil(seconds / 60);
  throw AppError.because(
    'RATE_LIMITED',
    what === 'reveal' ? 'revealLimited' : 'identifierSearchLimited',
    { max: limit.max, windowMinutes: Math.round(limit.windowMs / 60_000), minutes },
    { extra: { retryAfter: seconds, limit: limit.max, windowSeconds: Math.round(limit.windowMs / 1000) } },
  );
}

