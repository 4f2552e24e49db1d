import crypto from 'node:crypto';
import { ATTACHMENT_PURPOSES, type Attachment, type AttachmentPurpose } from '@fangpin/domain';
import type { FastifyRequest } from 'fastify';
import type { Tx } from '../../db/client.ts';
import { AppError } from '../../errors.ts';
import { cleanFileName, malformedUpload, readFilePart } from '../../http/upload.ts';

export { ATTACHMENT_PURPOSES, type AttachmentPurpose } from '@fangpin/domain';
export const MAX_ATTACHMENT_BYTES = 10 * 1024 * 1024;

/** An attachment as the API shows it (contract `AttachmentSchema`): without its content. */
export type AttachmentView = Attachment;

const isPurpose = (value: string): value is AttachmentPurpose => (ATTACHMENT_PURPOSES as readonly string[]).includes(value);
/** A stored purpose (checked on insert); anything else reads as `other`. */
const purposeOf = (value: string): AttachmentPurpose => (isPurpose(value) ? value : 'other');

/** The file's type from its first bytes (the browser's claim is not trusted): photos and scans only. */
export function sniffMimeType(content: Buffer): string | undefined {
  if (content.length >= 3 && content[0] === 0xff && content[1] === 0xd8 && content[2] === 0xff) return 'image/jpeg';
  if (content.length >= 8 && content.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))) return 'image/png';
  if (content.length >= 5 && content.subarray(0, 5).toString('latin1') === '%PDF-') return 'application/pdf';
  if (content.length >= 12 && content.subarray(0, 4).toString('latin1') === 'RIFF' && content.subarray(8, 12).toString('latin1') === 'WEBP') return 'image/webp';
  return undefined;
}

/**
 * `Content-Disposition` of a download: `attachment`, with the name in RFC 5987 form (`filename*`,
 * UTF-8, for 入户照片.jpg) and an ASCII fallback (`filename`) for clients that only read that.
 */
export function attachmentDisposition(fileName: string): string {
  const ascii = fileName.replace(/[^\x20-\x7e]|["\\%;]/g, '_') || 'download';
  const encoded = encodeURIComponent(fileName).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encoded}`;
}

const tooLarge = () => AppError.because('VALIDATION_FAILED', 'fileTooLarge', { maxMb: MAX_ATTACHMENT_BYTES / 1024 / 1024 }, { field: 'file' });

/**
 * Reads the multipart upload (`file`, optional field `purpose`) into memory — attachments are photos
 * and scans of at most 10 MB — and checks its type from its content.
 */
export async function readAttachmentUpload(request: FastifyRequest): Promise<{ fileName: string; mimeType: string; content: Buffer; purpose: string | undefined }> {
  const part = await readFilePart(request, { limits: { fileSize: MAX_ATTACHMENT_BYTES } });
  const content = await part.toBuffer().catch((error: unknown) => {
    if (error instanceof Error && /too large|limit/i.test(error.message)) throw tooLarge();
    throw malformedUpload(error);
  });
  if (part.file.truncated) throw tooLarge();
  if (content.length === 0) throw AppError.because('VALIDATION_FAILED', 'fileEmpty', undefined, { field: 'file' });
  const mimeType = sniffMimeType(content);
  if (!mimeType) throw AppError.because('VALIDATION_FAILED', 'fileTypeNotAccepted', undefined, { field: 'file' });
  const purposeField = part.fields['purpose'];
  const purpose = purposeField && 'value' in purposeField ? String(purposeField.value) : undefined;
  const fileName = cleanFileName(part.filename, 'upload');
  return { fileName, mimeType, content, purpose };
}

export async function insertAttachment(
  tx: Tx,
  input: { ownerKind: 'visit' | 'case' | 'measure' | 'helperVisit'; ownerId: string; purpose: string; fileName: string; mimeType: string; content: Buffer; uploadedBy: string },
): Promise<AttachmentView> {
  const purpose = input.purpose;
  if (!isPurpose(purpose)) throw AppError.because('VALIDATION_FAILED', 'attachmentPurposeInvalid', { allowed: ATTACHMENT_PURPOSES.join(', ') }, { field: 'purpose' });
  const sha256 = crypto.createHash('sha256').update(input.content).digest('hex');
  const { rows } = await tx.query<{ id: string; createdAt: Date }>(
    `INSERT INTO attachments (owner_kind, owner_id, purpose, file_name, mime_type, size, sha256, content, uploaded_by)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id, created_at AS "createdAt"`,
    [input.ownerKind, input.ownerId, input.purpose, input.fileName, input.mimeType, input.content.length, sha256, input.content, input.uploadedBy],
  );
  const row = rows[0]!;
  return {
    id: row.id,
    purpose,
    fileName: input.fileName,
    mimeType: input.mimeType,
    size: input.content.length,
    uploadedBy: input.uploadedBy,
    createdAt: row.createdAt.toISOString(),
    url: `/api/attachments/${row.id}`,
  };
}

/** Attachments of some owners, without their content, oldest first. */
export async function listAttachments(tx: Tx, ownerKind: 'visit' | 'case' | 'measure' | 'helperVisit', ownerIds: string[]): Promise<Map<string, AttachmentView[]>> {
  const byOwner = new Map<string, AttachmentView[]>();
  if (ownerIds.length === 0) return byOwner;
  const { rows } = await tx.query<{ ownerId: string; id: string; purpose: string; fileName: string; mimeType: string; size: number; uploadedBy: string; createdAt: Date }>(
    `SELECT owner_id AS "ownerId", id, purpose, file_name AS "fileName", mime_type AS "mimeType", size, uploaded_by AS "uploadedBy", created_at AS "createdAt"
     FROM attachments WHERE owner_kind = $1 AND owner_id = ANY($2::uuid[]) ORDER BY created_at, id`,
    [ownerKind, ownerIds],
  );
  for (const r of rows) {
    const list = byOwner.get(r.ownerId) ?? [];
    list.push({ id: r.id, purpose: purposeOf(r.purpose), fileName: r.fileName, mimeType: r.mimeType, size: r.size, uploadedBy: r.uploadedBy, createdAt: r.createdAt.toISOString(), url: `/api/attachments/${r.id}` });
    byOwner.set(r.ownerId, list);
  }
  return byOwner;
}

/**
 * The files of a case, oldest first: those uploaded to the case, and those of the visit reports whose
 * clues opened or joined it (issue 11 item 4: the photo of a forwarded visit goes with the report into the case),
 * each of the latter with its origin. The visit's files are read where they are, not copied.
 */
export async function listCaseAttachments(tx: Tx, caseId: string): Promise<AttachmentView[]> {
  const { rows } = await tx.query<{ id: string; purpose: string; fileName: string; mimeType: string; size: number; uploadedBy: string; createdAt: Date; visitReportId: string | null; visitedOn: string | null; visitorName: string | null }>(
    `SELECT a.id, a.purpose, a.file_name AS "fileName", a.mime_type AS "mimeType", a.size, a.uploaded_by AS "uploadedBy", a.created_at AS "createdAt",
       NULL::uuid AS "visitReportId", NULL::text AS "visitedOn", NULL::text AS "visitorName"
     FROM attachments a WHERE a.owner_kind = 'case' AND a.owner_id = $1
     UNION ALL
     SELECT a.id, a.purpose, a.file_name, a.mime_type, a.size, a.uploaded_by, a.created_at, vr.id, vr.visited_on::text, vr.visitor_name
     FROM visit_reports vr JOIN clues cl ON cl.id = vr.clue_id JOIN attachments a ON a.owner_kind = 'visit' AND a.owner_id = vr.id
     WHERE cl.case_id = $1
     ORDER BY "createdAt", id`,
    [caseId],
  );
  return rows.map((r) => ({
    id: r.id,
    purpose: purposeOf(r.purpose),
    fileName: r.fileName,
    mimeType: r.mimeType,
    size: r.size,
    uploadedBy: r.uploadedBy,
    createdAt: r.createdAt.toISOString(),
    url: `/api/attachments/${r.id}`,
    ...(r.visitReportId ? { origin: { kind: 'visit' as const, visitReportId: r.visitReportId, visitedOn: r.visitedOn ?? '', visitorName: r.visitorName ?? '' } } : {}),
  }));
}
