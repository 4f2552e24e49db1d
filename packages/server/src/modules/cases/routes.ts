import { can, fieldPolicyOf, isInScope, normalizeRegionCode, regionSignificantPrefix, scopeOf, type Actor, entryDateSchema } from '@fangpin/domain';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { localDate } from '../../clock.ts';
import type { AppDeps } from '../../context.ts';
import { withTransaction } from '../../db/client.ts';
import { AppError } from '../../errors.ts';
import { requireActor } from '../../http/session.ts';
import { recordAudit } from '../audit/record-audit.ts';
import { insertAttachment, readAttachmentUpload } from '../attachments/attachments.ts';
import { advanceCase, CASE_EVENT_TYPES } from './advance-case.ts';
import { caseDetail, listCases, noticeOf, todoFor } from './case-view.ts';
import { AttachmentSchema, CaseDetailSchema, CaseSummarySchema, TodoSchema } from './schemas.ts';

function requireCaseReader(actor: Actor): void {
  if (!can(actor, 'case.read')) throw new AppError('FORBIDDEN', 'Your role may not read identification cases / 您的角色无权查看识别认定案件');
}

export function caseRoutes(deps: AppDeps): FastifyPluginAsyncZod {
  return async (app) => {
    const today = () => localDate(deps.now());
    app.get(
      '/cases',
      {
        schema: {
          tags: ['cases'],
          summary: "Identification cases (识别认定) in the actor's region, soonest deadline first",
          querystring: z.object({
            step: z.string().max(40).optional(),
            due: z.enum(['overdue', 'soon']).optional(),
            status: z.enum(['open', 'all']).default('open'),
            regionCode: z.string().max(15).optional().describe("Only cases in this region (a statistics drill-down); outside the actor's region: nothing"),
            /** One household's cases (with status=all: its whole identification history). */
            householdId: z.string().uuid().optional(),
            page: z.coerce.number().int().min(1).default(1),
            pageSize: z.coerce.number().int().min(1).max(500).default(50),
          }),
          response: { 200: z.object({ items: z.array(CaseSummarySchema), total: z.number() }) },
        },
      },
      async (request) => {
        const actor = requireActor(request);
        requireCaseReader(actor);
        const { page, pageSize, regionCode, ...filter } = request.query;
        const scope = scopeOf(actor);
        let regionPrefix: string | undefined;
        if (regionCode) {
          let code: string;
          try {
            code = normalizeRegionCode(regionCode);
          } catch {
            throw new AppError('VALIDATION_FAILED', 'regionCode must be a region code / 行政区划代码格式不正确', { field: 'regionCode' });
          }
          if (!isInScope(scope, code)) return { items: [], total: 0 };
          regionPrefix = regionSignificantPrefix(code);
        }
        return listCases(deps.pool, scope, today(), { ...filter, regionPrefix, limit: pageSize, offset: (page - 1) * pageSize }, fieldPolicyOf(actor.role));
      },
    );
    app.get(
      '/cases/todo',
      {
        schema: {
          tags: ['cases'],
          summary:
            "The actor's to-do list (待办): cases whose current step the actor's role acts in, warnings to dispatch or to verify, visit reports to review, callbacks due. `count` is everything together (the menu badge).",
          response: { 200: TodoSchema },
        },
      },
      async (request) => {
        const actor = requireActor(request);
        requireCaseReader(actor);
        return todoFor(deps.pool, actor, today());
      },
    );
    app.get(
      '/cases/:id',
      {
        schema: {
          tags: ['cases'],
          summary: 'A case with its state, deadlines and clock, facts, assessment, timeline, attachments and the events the actor may send',
          params: z.object({ id: z.string() }),
          response: { 200: CaseDetailSchema },
        },
      },
      async (request) => {
        const actor = requireActor(request);
        requireCaseReader(actor);
        const detail = await caseDetail(deps.pool, deps.cipher, actor, request.params.id, today());
        await recordAudit(deps.pool, actor, 'case.viewed', { type: 'case', id: detail.id, regionCode: detail.regionCode }, { details: { caseNumber: detail.caseNumber, householdId: detail.householdId } });
        return detail;
      },
    );
    app.post(
      '/cases/:id/events',
      {
        schema: {
          tags: ['cases'],
          summary:
            'Advance a case by one step (or record green-channel assistance). `version` must be the version the actor saw: a stale version is 409 CONFLICT (someone else acted first). A move the procedure does not allow is 422 WORKFLOW_REFUSED with the reason. `occurredOn` (default today) is the day the step really happened.',
          params: z.object({ id: z.string().uuid() }),
          body: z.object({
            type: z.enum(CASE_EVENT_TYPES),
            version: z.number().int().min(1),
            data: z.record(z.string(), z.unknown()).optional(),
            comment: z.string().max(2000).optional(),
            occurredOn: entryDateSchema(today, 'notAfterToday').optional(),
          }),
          response: { 200: CaseDetailSchema },
        },
      },
      async (request) => {
        const actor = requireActor(request);
        requireCaseReader(actor);
        await advanceCase({ pool: deps.pool, today: today(), cipher: deps.cipher }, actor, request.params.id, request.body);
        return caseDetail(deps.pool, deps.cipher, actor, request.params.id, today());
      },
    );
    app.post(
      '/cases/:id/attachments',
      {
        schema: {
          tags: ['cases'],
          summary: 'Attach a scan or photo to a case (multipart `file`, field `purpose`: consent | minutes | notice | photo | other); JPEG/PNG/WebP/PDF ≤ 10 MB',
          params: z.object({ id: z.string().uuid() }),
          consumes: ['multipart/form-data'],
          response: { 201: AttachmentSchema },
        },
      },
      async (request, reply) => {
        const actor = requireActor(request);
        requireCaseReader(actor);
        // Those who carry out the steps add scans and photos; leaders only read.
        if (!['county-admin', 'county-monitor', 'township-officer', 'village-cadre'].includes(actor.role))
          throw new AppError('FORBIDDEN', 'Your role may not add attachments to cases / 您的角色不能上传案件附件');
        const upload = await readAttachmentUpload(request);
        const view = await withTransaction(deps.pool, async (tx) => {
          const { rows } = await tx.query<{ regionCode: string; step: string }>(`SELECT region_code AS "regionCode", step FROM cases WHERE id = $1`, [request.params.id]);
          const c = rows[0];
          if (!c || !isInScope(scopeOf(actor), c.regionCode)) throw new AppError('NOT_FOUND', 'Case not found / 未找到该案件');
          if (c.step === 'closed' || c.step === 'withdrawn') throw new AppError('WORKFLOW_REFUSED', '案件已结束，不能再添加附件 / The case is closed', { reason: 'transitionNotAllowed' });
          const saved = await insertAttachment(tx, { ownerKind: 'case', ownerId: request.params.id, purpose: upload.purpose ?? 'other', fileName: upload.fileName, mimeType: upload.mimeType, content: upload.content, uploadedBy: actor.displayName || actor.username });
          await recordAudit(tx, actor, 'case.attachment.added', { type: 'case', id: request.params.id, regionCode: c.regionCode }, { details: { attachmentId: saved.id, purpose: saved.purpose, size: saved.size } });
          return saved;
        });
        return reply.status(201).send(view);
      },
    );
    app.get(
      '/cases/:id/notice',
      { schema: { tags: ['cases'], summary: 'The public notice (公示) of a case, for printing on A4: no ID number, phone, bank or health detail; printing is audited', params: z.object({ id: z.string() }) } },
      async (request) => {
        const actor = requireActor(request);
        requireCaseReader(actor);
        return noticeOf(deps.pool, actor, request.params.id);
      },
    );
  };
}
