import {
  can,
  DismissVisitSchema,
  fieldPolicyOf,
  ForwardVisitSchema,
  newVisitReportSchema,
  scopeOf,
  VisitAttachmentSchema,
  VisitDismissedSchema,
  VisitForwardedSchema,
  VisitReportPageSchema,
  VisitReportParamsSchema,
  VisitReportSchema,
  VisitReportsQuerySchema,
} from '@fangpin/domain';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { localDate } from '../../clock.ts';
import type { AppDeps } from '../../context.ts';
import { withTransaction } from '../../db/client.ts';
import { AppError } from '../../errors.ts';
import { requireActor } from '../../http/session.ts';
import { recordAudit } from '../audit/record-audit.ts';
import { insertAttachment, readAttachmentUpload } from '../attachments/attachments.ts';
import { fileVisitReportInTx } from './file-visit-report.ts';
import { presentVisit } from './present.ts';
import { findVisits } from './repo.ts';
import { dismissVisitReport, forwardVisitReport } from './review-visit-report.ts';

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
        const forwarded = await withTransaction(deps.pool, (tx) => forwardVisitReport(tx, actor, request.params.id, request.body.note));
        return { ...forwarded, report: presentVisit(fieldPolicyOf(actor.role), forwarded.report) };
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
        const { report } = await withTransaction(deps.pool, (tx) => dismissVisitReport(tx, actor, request.params.id, request.body.note));
        return { report: presentVisit(fieldPolicyOf(actor.role), report) };
      },
    );
  };
}
