import {
  can,
  fieldPolicyOf,
  freeTextFor,
  HotlineCallCreatedSchema,
  HotlineCallPageSchema,
  HotlineCallsQuerySchema,
  HotlineExportQuerySchema,
  NewHotlineCallSchema,
  OpenCaseAnswerSchema,
  OpenCaseCheckSchema,
  scopeOf,
  type Actor,
  type FieldPolicy,
} from '@fangpin/domain';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { localDate } from '../../clock.ts';
import type { AppDeps } from '../../context.ts';
import { AppError } from '../../errors.ts';
import { requireActor } from '../../http/session.ts';
import { findCalls, findOpenClueOfCall, writeCallRecordXlsx, type HotlineCallView } from './calls-repo.ts';
import { recordAudit } from '../audit/record-audit.ts';
import { isPhone, normalizePhone } from '../registry/phone.ts';
import { recordHotlineCall } from './record-call.ts';
import { findCounty } from '../applications/repo.ts';
import { findHousehold } from '../registry/repo.ts';

function requireHotline(actor: Actor): void {
  if (!can(actor, 'hotline.record')) throw AppError.because('FORBIDDEN', 'hotlineForbidden');
}

/** A call as `policy` lets it out: what was said and noted, with numbers masked for roles without the reveal right. */
function presentCall(policy: FieldPolicy, c: HotlineCallView): HotlineCallView {
  return {
    ...c,
    content: freeTextFor(policy, c.content),
    policyExplained: freeTextFor(policy, c.policyExplained),
    callbackNote: freeTextFor(policy, c.callbackNote),
    remarks: freeTextFor(policy, c.remarks),
  };
}

export function hotlineRoutes(deps: AppDeps): FastifyPluginAsyncZod {
  return async (app) => {
    app.post(
      '/hotline-calls',
      {
        schema: {
          tags: ['hotline'],
          summary:
            'Log a hotline call (一键报告). `dispatched` opens a clue and its identification case with the home check dispatched — or joins the open clue about the same household / caller — and tracks the callback; `answered` closes the call.',
          body: NewHotlineCallSchema,
          response: { 201: HotlineCallCreatedSchema },
        },
      },
      async (request, reply) => {
        const actor = requireActor(request);
        requireHotline(actor);
        const saved = await recordHotlineCall(deps, actor, request.body);
        const { items } = await findCalls(deps.pool, scopeOf(actor), localDate(deps.now()), { id: saved.callId }, { limit: 1, offset: 0 });
        return reply.status(201).send({ call: presentCall(fieldPolicyOf(actor.role), items[0]!), clueId: saved.clueId, caseId: saved.caseId, linkedToExistingClue: saved.linkedToExistingClue });
      },
    );
    app.post(
      '/hotline-calls/open-case',
      {
        schema: {
          tags: ['hotline'],
          summary:
            'Before saving a call: the open identification case a dispatched call would join (same household, or same caller and village), or null. POST so the phone number stays out of URLs and logs.',
          body: OpenCaseCheckSchema,
          response: { 200: OpenCaseAnswerSchema },
        },
      },
      async (request) => {
        const actor = requireActor(request);
        requireHotline(actor);
        const householdId = request.body.householdId ?? null;
        if (householdId) {
          // As when saving: a household outside the region is not found (ids cannot be probed).
          if (!(await findHousehold(deps.pool, scopeOf(actor), householdId))) throw AppError.because('NOT_FOUND', 'notFound', undefined, { field: 'householdId' });
        }
        const phone = normalizePhone(request.body.callerPhone ?? '');
        const found = await findOpenClueOfCall(deps.pool, scopeOf(actor), {
          householdId,
          regionCode: request.body.regionCode ?? null,
          phoneIndex: isPhone(phone) ? deps.cipher.blindIndex(phone) : null,
        });
        if (!found) return { openCase: null };
        const { clueId, ...openCase } = found;
        void clueId;
        return { openCase };
      },
    );
    app.get(
      '/hotline-calls',
      { schema: { tags: ['hotline'], summary: 'The call-record table (咨询热线电话记录处理情况表), newest first; audited', querystring: HotlineCallsQuerySchema, response: { 200: HotlineCallPageSchema } } },
      async (request) => {
        const actor = requireActor(request);
        requireHotline(actor);
        const { page, pageSize, ...filter } = request.query;
        const { items, total } = await findCalls(deps.pool, scopeOf(actor), localDate(deps.now()), filter, { limit: pageSize, offset: (page - 1) * pageSize });
        await recordAudit(deps.pool, actor, 'hotline.listed', { type: 'hotline_call', regionCode: actor.regionCode }, { details: { total, callIds: items.map((c) => c.id) } });
        const policy = fieldPolicyOf(actor.role);
        return { items: items.map((c) => presentCall(policy, c)), total };
      },
    );
    app.get(
      '/hotline-calls/export.xlsx',
      { schema: { tags: ['hotline'], summary: 'The call-record table as XLSX in the usual layout (phones masked); audited', querystring: HotlineExportQuerySchema } },
      async (request, reply) => {
        const actor = requireActor(request);
        requireHotline(actor);
        const { items: found } = await findCalls(deps.pool, scopeOf(actor), localDate(deps.now()), request.query, { limit: 50_000, offset: 0 });
        const policy = fieldPolicyOf(actor.role);
        const items = found.map((c) => presentCall(policy, c));
        await recordAudit(deps.pool, actor, 'hotline.exported', { type: 'hotline_call', regionCode: actor.regionCode }, { details: { from: request.query.from ?? null, to: request.query.to ?? null, rows: items.length } });
        const county = await findCounty(deps.pool, actor.regionCode.slice(0, 6));
        const buffer = await writeCallRecordXlsx(items, { countyName: county?.name ?? '', from: request.query.from, to: request.query.to });
        const name = `咨询热线电话记录处理情况表${request.query.from ? `-${request.query.from}` : ''}${request.query.to ? `-${request.query.to}` : ''}.xlsx`;
        return reply
          .type('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
          .header('content-disposition', `attachment; filename="hotline-calls.xlsx"; filename*=UTF-8''${encodeURIComponent(name)}`)
          .send(buffer);
      },
    );
  };
}
