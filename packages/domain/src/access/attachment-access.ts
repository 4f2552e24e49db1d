/**
 * Who may download an attachment (a case's scans, a visit report's photos, a measure's or helper
 * visit's evidence): the same rule as reading the record it belongs to (issue 10; issue 12 moved it
 * here from the server's route).
 */
import { can, type Actor } from './can.ts';
import { fieldPolicyOf } from './field-policy.ts';
import type { Role } from './roles.ts';

export type AttachmentOwnerKind = 'case' | 'visit' | 'measure' | 'helperVisit';

/** Roles that read only the households assigned to them (帮扶干部: their own monitoring objects). */
const ASSIGNED_HOUSEHOLDS_ONLY: readonly Role[] = ['helping-cadre'];

/**
 * The answer for one download, before the region check the server makes (outside the region: 404):
 * - `hidden`: answer as if it did not exist (a role that sees no persons: ids cannot be probed);
 * - `forbidden` with the reason: the role may not read that kind of record (403);
 * - `allowed`, with `assignedOnly` when the actor must also be assigned to the file's household.
 * A visit report's photos that opened a case are the case's files too (issue 11 item 4). A
 * risk-elimination case's files go with its household, like a measure's evidence (issue 13).
 */
export function attachmentAccess(
  actor: Actor,
  owner: { kind: string; visitOnCase: boolean; householdId: string | null; caseKind?: string | null },
): { ok: false; status: 'hidden' } | { ok: false; status: 'forbidden'; reason: 'mayNotReadCases' | 'mayNotReadVisitFiles' | 'mayNotReadHouseholdFiles' } | { ok: true; assignedOnly: boolean } {
  if (!fieldPolicyOf(actor.role).persons) return { ok: false, status: 'hidden' };
  const assignedOnly = owner.householdId !== null && ASSIGNED_HOUSEHOLDS_ONLY.includes(actor.role);
  switch (owner.kind) {
    case 'case':
      // A risk-elimination case's files are read as its page is: by who reads the household (a
      // helping cadre its assigned households only, where the rule set limits it to those).
      if (owner.caseKind === 'elimination') return can(actor, 'household.read') ? { ok: true, assignedOnly } : { ok: false, status: 'forbidden', reason: 'mayNotReadHouseholdFiles' };
      return can(actor, 'case.read') ? { ok: true, assignedOnly } : { ok: false, status: 'forbidden', reason: 'mayNotReadCases' };
    case 'visit':
      return can(actor, 'visit.record') || can(actor, 'visit.review') || (owner.visitOnCase && can(actor, 'case.read'))
        ? { ok: true, assignedOnly }
        : { ok: false, status: 'forbidden', reason: 'mayNotReadVisitFiles' };
    case 'measure':
    case 'helperVisit':
      return can(actor, 'household.read') ? { ok: true, assignedOnly } : { ok: false, status: 'forbidden', reason: 'mayNotReadHouseholdFiles' };
    default:
      return { ok: false, status: 'hidden' };
  }
}
