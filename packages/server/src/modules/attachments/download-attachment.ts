import { attachmentAccess, isInScope, scopeOf, type Actor } from '@fangpin/domain';
import type { Tx } from '../../db/client.ts';
import { AppError } from '../../errors.ts';
import { recordAudit } from '../audit/record-audit.ts';
import { seesHousehold } from '../monitoring/show-monitoring-record.ts';
import { findAttachmentWithOwner, type AttachmentWithOwner } from './repo.ts';

/**
 * An attachment to download, audited: only in the actor's region (else 404), and for a role that may
 * read the record it belongs to (domain `attachmentAccess`: else 403, or 404 for a role that sees no
 * persons or a helping cadre not assigned to the household where the rule set limits it to those).
 */
export async function downloadAttachment(tx: Tx, actor: Actor, id: string, today: string): Promise<AttachmentWithOwner> {
  const a = await findAttachmentWithOwner(tx, id);
  const notFound = () => AppError.because('NOT_FOUND', 'attachmentNotFound');
  if (!a || !a.regionCode || !isInScope(scopeOf(actor), a.regionCode)) throw notFound();
  const access = attachmentAccess(actor, { kind: a.ownerKind, visitOnCase: a.visitOnCase, householdId: a.householdId, caseKind: a.caseKind });
  if (!access.ok && access.status === 'hidden') throw notFound();
  if (access.ok && access.assignedOnly && a.householdId && !(await seesHousehold(tx, actor, { id: a.householdId, regionCode: a.regionCode }, today))) throw notFound();
  if (!access.ok) throw AppError.because('FORBIDDEN', access.reason);
  await recordAudit(tx, actor, 'attachment.downloaded', { type: 'attachment', id: a.id, regionCode: a.regionCode }, { details: { ownerKind: a.ownerKind, ownerId: a.ownerId } });
  return a;
}
