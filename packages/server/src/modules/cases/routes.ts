import {
  can,
  CaseDetailSchema,
  CaseDraftParamsSchema,
  CaseDraftResultSchema,
  CaseDraftSchema,
  SaveCaseDraftBodySchema,
  CaseEventBodySchema,
  CaseIdParamsSchema,
  CaseListQuerySchema,
  CaseListSchema,
  CaseNoticeSchema,
  CaseRefParamsSchema,
  AttachmentSchema,
  TodoSchema,
  fieldPolicyOf,
  isInScope,
  normalizeRegionCode,
  regionSignificantPrefix,
  scopeOf,
  type Actor,
} from '@fangpin/domain';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { localDate } from '../../clock.ts';
import type { AppDeps } from '../../context.ts';
import { AppError } from '../../errors.ts';
import { requireActor } from '../../http/session.ts';
import { recordAudit } from '../audit/record-audit.ts';
import { readAttachmentUpload } from '../attachments/attachments.ts';
import { advanceCase } from './advance-case.ts';
import { attachCaseFile } from './attach-case-file.ts';
import { discardCaseDraft, readCaseDraft, saveCaseDraft } from './case-drafts.ts';
import { caseDetail, listCases, noticeOf, todoFor } from './case-view.ts';

function requireCaseReader(actor: Actor): void {
  if (!can(actor, 'case.read')) throw AppError.because('FORBIDDEN', 'mayNotReadCases');
}

/** The region prefix of a drill-down, or null when the region lies outside the actor's (nothing to list). */
function drillDownPrefix(actor: Actor, regionCode: string): string | null {
  let code: string;
  try {
    code = normalizeRegionCode(regionCode);
  } catch {
    throw AppError.because('VALIDATION_FAILED', 'regionCodeInvalid', undefined, { field: 'regionCode' });
  }
  return isInScope(scopeOf(actor), code) ? regionSignificantPrefix(code) : null;
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
          querystring: CaseListQuerySchema,
          response: { 200: CaseListSchema },
        },
      },
      async (request) => {
        const actor = requireActor(request);
        requireCaseReader(actor);
        const { page, pageSize, regionCode, ...filter } = request.query;
        const regionPrefix = regionCode ? drillDownPrefix(actor, regionCode) : undefined;
        if (regionPrefix === null) return { items: [], total: 0 };
        return listCases(deps.pool, scopeOf(actor), today(), { ...filter, regionPrefix, limit: pageSize, offset: (page - 1) * pageSize }, fieldPolicyOf(actor.role));
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
          params: CaseRefParamsSchema,
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
            'Advance a case by one step (or record green-channel assistance). `data` has its own schema per `type`. A role that never acts on cases is 403 FORBIDDEN; a case outside the region 404; a stale `version` 409 CONFLICT (someone else acted first); a move the procedure does not allow 422 WORKFLOW_REFUSED with the reason. `occurredOn` (default today) is the day the step really happened.',
          params: CaseIdParamsSchema,
          body: CaseEventBodySchema,
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
          summary: 'Attach a scan or photo to a case (multipart `file`, field `purpose`: consent | minutes | notice | photo | evidence | other); JPEG/PNG/WebP/PDF ≤ 10 MB. A risk-elimination case takes files while open, from the roles acting at its current step',
          params: CaseIdParamsSchema,
          consumes: ['multipart/form-data'],
          response: { 201: AttachmentSchema },
        },
      },
      async (request, reply) => {
        const actor = requireActor(request);
        requireCaseReader(actor);
        return reply.status(201).send(await attachCaseFile(deps.pool, actor, request.params.id, () => readAttachmentUpload(request), today()));
      },
    );
    app.get(
      '/cases/:id/drafts/:eventType',
      {
        schema: {
          tags: ['cases'],
          summary:
            "The saved draft (草稿) of a step's form (today `recordVerification`, the home check), to go on where the author stopped, on any device; `draft` is null when there is none or the case has left the step. For the roles acting in the step, in their region; audited",
          params: CaseDraftParamsSchema,
          response: { 200: CaseDraftResultSchema },
        },
      },
      async (request) => readCaseDraft(deps.pool, deps.cipher, requireActor(request), request.params.id, request.params.eventType),
    );
    app.put(
      '/cases/:id/drafts/:eventType',
      {
        schema: {
          tags: ['cases'],
          summary:
            "Save (replace) the draft of a step's form: the values as typed (checked only when the step is submitted) and the part of the form the author is on. Sealed at rest, deleted when the case moves on; 422 draftStepOver once the case has left the step",
          params: CaseDraftParamsSchema,
          body: SaveCaseDraftBodySchema,
          response: { 200: CaseDraftSchema },
        },
      },
      async (request) => saveCaseDraft(deps.pool, deps.cipher, requireActor(request), request.params.id, request.params.eventType, request.body),
    );
    app.delete(
      '/cases/:id/drafts/:eventType',
      {
        schema: {
          tags: ['cases'],
          summary: "Discard the draft of a step's form (start over); 204 also when there was none",
          params: CaseDraftParamsSchema,
        },
      },
      async (request, reply) => {
        await discardCaseDraft(deps.pool, requireActor(request), request.params.id, request.params.eventType);
        return reply.status(204).send();
      },
    );
    app.get(
      '/cases/:id/notice',
      {
        schema: {
          tags: ['cases'],
          summary: 'The public notice (公示) of a case, for printing on A4: no ID number, phone, bank or health detail; printing is audited',
          params: CaseRefParamsSchema,
          response: { 200: CaseNoticeSchema },
        },
      },
      async (request) => {
        const actor = requireActor(request);
        requireCaseReader(actor);
        return noticeOf(deps.pool, actor, request.params.id);
      },
    );
  };
}
