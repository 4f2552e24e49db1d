import {
  can,
  DismissVisitSchema,
  fieldPolicyOf,
  ForwardVisitSchema,
  freeTextFor,
  maskIdNumbersInText,
  newVisitReportSchema,
  scopeOf,
  VisitAttachmentSchema,
  VisitDismissedSchema,
  VisitForwardedSchema,
  VisitReportPageSchema,
  VisitReportParamsSchema,
  VisitReportSchema,
  VisitReportsQuerySchema,
  type Actor,
  type FieldPolicy,
  type Scope,
  type VisitReport,
} from '@fangpin/domain';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { localDate } from '../../clock.ts';
import type { AppDeps } from '../../context.ts';
import { withTransaction, type Tx } from '../../db/client.ts';
import { AppError } from '../../errors.ts';
import { requireActor } from '../../http/session.ts';
import { recordAudit } from '../audit/record-audit.ts';
import { insertAttachment, listAttachments, readAttachmentUpload } from '../attachments/attachments.ts';
import { openClueWithCase } from '../cases/open-case.ts';
import { scopeCondition } from '../registry/scope-sql.ts';
import { villageJoin } from '../regions/repo.ts';
import { fileVisitReportInTx } from './file-visit-report.ts';

/** A visit report as the API writes it (the contract's VisitReport). */
export type VisitReportView = VisitReport;

/** A visit report as `policy` lets it out: what the visitor wrote, with numbers masked for roles without the reveal right. */
function presentVisit(policy: FieldPolicy, v: VisitReportView): VisitReportView {
  return { ...v, observed: freeTextFor(policy, v.observed), reviewNote: freeTextFor(policy, v.reviewNote) };
}

async function findVisits(tx: Tx, scope: Scope, filter: { status?: string | undefined; id?: string | undefined; clientId?: string | undefined }, page = { limit: 200, offset: 0 }): Promise<{ items: VisitReportView[]; total: number }> {
  const params: unknown[] = [];
  const where = [scopeCondition(scope, 'vr', params)];
  for (const [column, value] of [['status', filter.status], ['id', filter.id], ['client_id', filter.clientId]] as const) {
    if (value === undefined) continue;
    params.push(value);
    where.push(`vr.${column} = $${params.length}`);
  }
  const { rows: count } = await tx.query<{ n: number }>(`SELECT count(*)::int AS n FROM visit_reports vr WHERE ${where.join(' AND ')}`, params);
  params.push(page.limit, page.offset);
  const { rows } = await tx.query<Omit<VisitReportView, 'attachments' | 'reviewedAt'> & { reviewedAt: Date | null }>(
    `SELECT vr.id, vr.client_id AS "clientId", vr.region_code AS "regionCode", v.name AS "villageName", t.name AS "townshipName", vr.household_id AS "householdId",
       h.household_number AS "householdNumber", (SELECT m.name FROM members m WHERE m.household_id = vr.household_id ORDER BY m.relation = 'head' DESC, m.birth_year, m.id LIMIT 1) AS "headName",
       vr.visited_on AS "visitedOn", vr.visitor_name AS "visitorName", vr.observed, vr.risk_types AS "riskTypes", vr.status, vr.reviewed_by AS "reviewedBy",
       vr.reviewed_at AS "reviewedAt", vr.review_note AS "reviewNote", vr.clue_id AS "clueId", c.id AS "caseId"
     FROM visit_reports vr LEFT JOIN households h ON h.id = vr.household_id LEFT JOIN cases c ON c.clue_id = vr.clue_id
       ${villageJoin('vr.region_code')}
     WHERE ${where.join(' AND ')} ORDER BY vr.created_at DESC, vr.id LIMIT $${params.length - 1} OFFSET $${params.length}`,
    params,
  );
  const attachments = await listAttachments(tx, 'visit', rows.map((r) => r.id));
  return { total: count[0]!.n, items: rows.map((r) => ({ ...r, reviewedAt: r.reviewedAt?.toISOString() ?? null, attachments: attachments.get(r.id) ?? [] })) };
}

async function loadForReview(tx: Tx, actor: Actor, id: string): Promise<VisitReportView> {
  const { items } = await findVisits(tx, scopeOf(actor), { id });
  const report = items[0];
  if (!report) throw AppError.because('NOT_FOUND', 'notFound');
  await tx.query(`SELECT 1 FROM visit_reports WHERE id = $1 FOR UPDATE`, [id]);
  const { rows } = await tx.query<{ status: string }>(`SELECT status FROM visit_reports WHERE id = $1`, [id]);
  if (rows[0]!.status !== 'submitted') throw AppError.because('CONFLICT', 'visitAlreadyReviewed');
  return report;
}

export function visitRoutes(deps: AppDeps): FastifyPluginAsyncZod {
  return async (app) => {
    const today = () => localDate(deps.now());
    app.post(
      '/visit-reports',
      {
        schema: {
          tags: ['visits'],
          summary: 'File a visit report (走访记录). A `clientId` makes re-sending safe: the same clientId returns the stored report (200) instead of a second one.',
          body: newVisitReportSchema(today),
          response: { 200: VisitReportSchema, 201: VisitReportSchema },
        },
      },
      async (request, reply) => {
        const actor = requireActor(request);
        if (!can(actor, 'visit.record')) throw AppError.because('FORBIDDEN', 'visitRecordForbidden');
        const body = request.body;
        const result = await withTransaction(deps.pool, async (tx) => {
          const filed = await fileVisitReportInTx(tx, actor, body);
          const { items } = await findVisits(tx, scopeOf(actor), { id: filed.id });
          // A clientId used by someone out of this actor's region is not theirs to read.
          if (!items[0]) throw AppError.because('CONFLICT', 'clientIdTaken', undefined, { field: 'clientId' });
          return { report: items[0], isNew: filed.isNew };
        });
        return reply.status(result.isNew ? 201 : 200).send(presentVisit(fieldPolicyOf(actor.role), result.report));
      },
    );
    app.get(
      '/visit-reports',
      {
        schema: {
          tags: ['visits'],
          summary: "Visit reports in the actor's region, newest first (free text by the role's field policy); audited",
          querystring: VisitReportsQuerySchema,
          response: { 200: VisitReportPageSchema },
        },
      },
      async (request) => {
        const actor = requireActor(request);
        if (!can(actor, 'visit.record') && !can(actor, 'visit.review')) throw AppError.because('FORBIDDEN', 'visitReadForbidden');
        const { page, pageSize, status } = request.query;
        const { items, total } = await findVisits(deps.pool, scopeOf(actor), { status }, { limit: pageSize, offset: (page - 1) * pageSize });
        await recordAudit(deps.pool, actor, 'visit.listed', { type: 'visit_report', regionCode: actor.regionCode }, { details: { total, visitReportIds: items.map((v) => v.id) } });
        const policy = fieldPolicyOf(actor.role);
        return { items: items.map((v) => presentVisit(policy, v)), total };
      },
    );
    app.post(
      '/visit-reports/:id/attachments',
      { schema: { tags: ['visits'], summary: 'Attach a photo to a visit report (multipart `file`; JPEG/PNG/WebP/PDF ≤ 10 MB)', params: VisitReportParamsSchema, consumes: ['multipart/form-data'], response: { 201: VisitAttachmentSchema } } },
      async (request, reply) => {
        const actor = requireActor(request);
        if (!can(actor, 'visit.record')) throw AppError.because('FORBIDDEN', 'visitRecordForbidden');
        const upload = await readAttachmentUpload(request);
        const saved = await withTransaction(deps.pool, async (tx) => {
          const { items } = await findVisits(tx, scopeOf(actor), { id: request.params.id });
          if (!items[0]) throw AppError.because('NOT_FOUND', 'notFound');
          const view = await insertAttachment(tx, { ownerKind: 'visit', ownerId: request.params.id, purpose: upload.purpose ?? 'photo', fileName: upload.fileName, mimeType: upload.mimeType, content: upload.content, uploadedBy: actor.displayName || actor.username });
          await recordAudit(tx, actor, 'visit.attachment.added', { type: 'visit_report', id: request.params.id, regionCode: items[0].regionCode }, { details: { attachmentId: view.id, size: view.size } });
          return view;
        });
        return reply.status(201).send(saved);
      },
    );
    app.post(
      '/visit-reports/:id/forward',
      {
        schema: {
          tags: ['visits'],
          summary: 'The township information officer forwards a visit report to the county: a clue and its identification case are opened (green channel when the risk is a disaster or accident)',
          params: VisitReportParamsSchema,
          body: ForwardVisitSchema,
          response: { 200: VisitForwardedSchema },
        },
      },
      async (request) => {
        const actor = requireActor(request);
        if (!can(actor, 'visit.review')) throw AppError.because('FORBIDDEN', 'visitReviewForbidden');
        return withTransaction(deps.pool, async (tx) => {
          const report = await loadForReview(tx, actor, request.params.id);
          const opened = await openClueWithCase(tx, actor, {
            regionCode: report.regionCode,
            householdId: report.householdId,
            channel: 'visit',
            riskTypes: report.riskTypes,
            summary: report.observed,
            // The risk was found at the visit: the 15-day clock runs from there, not from the review.
            clueDate: report.visitedOn,
          });
          await tx.query(`UPDATE visit_reports SET status = 'forwarded', reviewed_by = $2, reviewed_at = now(), review_note = $3, clue_id = $4 WHERE id = $1`, [
            report.id,
            actor.displayName || actor.username,
            maskIdNumbersInText(request.body.note ?? ''),
            opened.clueId,
          ]);
          await recordAudit(tx, actor, 'visit.forwarded', { type: 'visit_report', id: report.id, regionCode: report.regionCode }, { details: { clueId: opened.clueId, caseNumber: opened.caseNumber } });
          const { items } = await findVisits(tx, scopeOf(actor), { id: report.id });
          return { report: presentVisit(fieldPolicyOf(actor.role), items[0]!), clueId: opened.clueId, caseId: opened.caseId };
        });
      },
    );
    app.post(
      '/visit-reports/:id/dismiss',
      {
        schema: { tags: ['visits'], summary: 'The township decides a visit report needs no identification (reason required)', params: VisitReportParamsSchema, body: DismissVisitSchema, response: { 200: VisitDismissedSchema } },
      },
      async (request) => {
        const actor = requireActor(request);
        if (!can(actor, 'visit.review')) throw AppError.because('FORBIDDEN', 'visitReviewForbidden');
        return withTransaction(deps.pool, async (tx) => {
          const report = await loadForReview(tx, actor, request.params.id);
          const note = maskIdNumbersInText(request.body.note);
          await tx.query(`UPDATE visit_reports SET status = 'dismissed', reviewed_by = $2, reviewed_at = now(), review_note = $3 WHERE id = $1`, [report.id, actor.displayName || actor.username, note]);
          await recordAudit(tx, actor, 'visit.dismissed', { type: 'visit_report', id: report.id, regionCode: report.regionCode }, { details: { note } });
          const { items } = await findVisits(tx, scopeOf(actor), { id: report.id });
          return { report: presentVisit(fieldPolicyOf(actor.role), items[0]!) };
        });
      },
    );
  };
}
