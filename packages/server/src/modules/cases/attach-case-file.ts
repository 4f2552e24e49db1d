import { can, eliminationRolesFor, isInScope, scopeOf, type Actor, type Attachment, type EliminationStep } from '@fangpin/domain';
import type pg from 'pg';
import { withTransaction, type Tx } from '../../db/client.ts';
import { AppError } from '../../errors.ts';
import { recordAudit } from '../audit/record-audit.ts';
import { insertAttachment } from '../attachments/attachments.ts';
import { actsOnHousehold, seesHousehold } from '../monitoring/show-monitoring-record.ts';
import { ruleSetInForce } from '../rules/rule-set-in-force.ts';
import { findCasePlace } from './repo.ts';

/** The steps after which an elimination case takes no more files (decided, rejected, withdrawn, rolled back). */
const ELIMINATION_FINAL: ReadonlySet<string> = new Set<EliminationStep>(['eliminated', 'rejected', 'withdrawn', 'rolledBack']);

/**
 * Attaches a scan or photo (read by `readUpload`) to an open case: those who carry out the steps may (`case.attach`; else
 * 403), in their region (else 404), while the case is open (else 422 caseClosed). Audited.
 *
 * A risk-elimination case (风险消除) takes the evidence of its step from whoever acts in that step
 * (the home check's signed record, the deliberation's minutes, the notice's photo): the household
 * must be one the actor sees (else 404, as its page), and the actor's role must act at the case's
 * current step, on a household it acts on (else 403 roleNotAllowed / notAssignedHelper).
 */
export async function attachCaseFile(
  pool: pg.Pool,
  actor: Actor & { displayName?: string },
  caseId: string,
  readUpload: () => Promise<{ purpose: string | undefined; fileName: string; mimeType: string; content: Buffer }>,
  today: string,
): Promise<Attachment> {
  if (!can(actor, 'case.attach')) throw AppError.because('FORBIDDEN', 'mayNotAttachToCases');
  // Read only once the role may attach (up to 10 MB), and before the transaction opens.
  const upload = await readUpload();
  return withTransaction(pool, async (tx) => {
    const c = await findCasePlace(tx, caseId);
    if (!c || !isInScope(scopeOf(actor), c.regionCode)) throw AppError.because('NOT_FOUND', 'caseNotFound');
    if (c.kind === 'elimination') await mayAttachToElimination(tx, actor, { ...c, householdId: c.householdId ?? '' }, today);
    else if (c.step === 'closed' || c.step === 'withdrawn') throw AppError.because('WORKFLOW_REFUSED', 'caseClosed');
    const saved = await insertAttachment(tx, { ownerKind: 'case', ownerId: caseId, purpose: upload.purpose ?? 'other', fileName: upload.fileName, mimeType: upload.mimeType, content: upload.content, uploadedBy: actor.displayName || actor.username });
    await recordAudit(tx, actor, 'case.attachment.added', { type: 'case', id: caseId, regionCode: c.regionCode }, { details: { attachmentId: saved.id, purpose: saved.purpose, size: saved.size } });
    return saved;
  });
}

/** The elimination rules above: seen household (404), open case (422), acting at its step (403). */
async function mayAttachToElimination(tx: Tx, actor: Actor, c: { regionCode: string; step: string; householdId: string }, today: string): Promise<void> {
  if (!(await seesHousehold(tx, actor, { id: c.householdId, regionCode: c.regionCode }, today))) throw AppError.because('NOT_FOUND', 'caseNotFound');
  if (ELIMINATION_FINAL.has(c.step)) throw AppError.because('WORKFLOW_REFUSED', 'caseClosed');
  const ruleSet = await ruleSetInForce(tx, c.regionCode, today);
  if (!(eliminationRolesFor(c.step as EliminationStep, ruleSet) as readonly string[]).includes(actor.role)) throw AppError.because('FORBIDDEN', 'roleNotAllowed');
  if (!(await actsOnHousehold(tx, actor, c.householdId))) throw AppError.because('FORBIDDEN', 'notAssignedHelper');
}
