import { can, isInScope, scopeOf, type Actor, type Attachment } from '@fangpin/domain';
import type pg from 'pg';
import { withTransaction } from '../../db/client.ts';
import { AppError } from '../../errors.ts';
import { recordAudit } from '../audit/record-audit.ts';
import { insertAttachment } from '../attachments/attachments.ts';
import { findCasePlace } from './repo.ts';

/**
 * Attaches a scan or photo (read by `readUpload`) to an open case: those who carry out the steps may (`case.attach`; else
 * 403), in their region (else 404), while the case is open (else 422 caseClosed). Audited.
 */
export async function attachCaseFile(
  pool: pg.Pool,
  actor: Actor & { displayName?: string },
  caseId: string,
  readUpload: () => Promise<{ purpose: string | undefined; fileName: string; mimeType: string; content: Buffer }>,
): Promise<Attachment> {
  if (!can(actor, 'case.attach')) throw AppError.because('FORBIDDEN', 'mayNotAttachToCases');
  // Read only once the role may attach (up to 10 MB), and before the transaction opens.
  const upload = await readUpload();
  return withTransaction(pool, async (tx) => {
    const c = await findCasePlace(tx, caseId);
    if (!c || !isInScope(scopeOf(actor), c.regionCode)) throw AppError.because('NOT_FOUND', 'caseNotFound');
    if (c.step === 'closed' || c.step === 'withdrawn') throw AppError.because('WORKFLOW_REFUSED', 'caseClosed');
    const saved = await insertAttachment(tx, { ownerKind: 'case', ownerId: caseId, purpose: upload.purpose ?? 'other', fileName: upload.fileName, mimeType: upload.mimeType, content: upload.content, uploadedBy: actor.displayName || actor.username });
    await recordAudit(tx, actor, 'case.attachment.added', { type: 'case', id: caseId, regionCode: c.regionCode }, { details: { attachmentId: saved.id, purpose: saved.purpose, size: saved.size } });
    return saved;
  });
}
