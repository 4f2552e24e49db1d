import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import {
  EliminationCheckSchema,
  EliminationDetailSchema,
  EliminationEventBodySchema,
  EliminationListSchema,
  EliminationNoticeSchema,
  MonitoringHouseholdParams,
  ProposalBodySchema,
  RollbackBodySchema,
  RolledBackSchema,
} from '@fangpin/domain';
import { z } from 'zod';
import { localDate } from '../../clock.ts';
import type { AppDeps } from '../../context.ts';
import { withTransaction } from '../../db/client.ts';
import { AppError } from '../../errors.ts';
import { requireActor } from '../../http/session.ts';
import { recordAudit } from '../audit/record-audit.ts';
import {
  advanceElimination,
  checkElimination,
  eliminationDetail,
  listEliminationsOfHousehold,
  proposeRiskElimination,
  rollBackElimination,
} from './eliminate-risk.ts';
import { eliminationNoticeOf } from './elimination-notice.ts';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
function householdIdOf(id: string): string {
  if (!UUID.test(id)) throw new AppError('NOT_FOUND', 'Household not found');
  return id;
}

/** Risk elimination (风险消除), its rollback (回退): issue 13 item 5, docs/DOMAIN.md "Risk elimination". */
export function eliminationRoutes(deps: AppDeps): FastifyPluginAsyncZod {
  return async (app) => {
    const today = () => localDate(deps.now());
    app.get(
      '/households/:id/elimination-check',
      {
        schema: {
          tags: ['monitoring'],
          summary: 'Whether the system suggests eliminating the household’s risk today (assisted), with every blocker (a code with its figures), and whether the actor may propose it',
          params: MonitoringHouseholdParams,
          response: { 200: EliminationCheckSchema },
        },
      },
      async (request) => withTransaction(deps.pool, (tx) => checkElimination({ tx, actor: requireActor(request), today: today() }, householdIdOf(request.params.id))),
    );
    app.get(
      '/households/:id/eliminations',
      { schema: { tags: ['monitoring'], summary: 'The risk-elimination cases of a household, newest first', params: MonitoringHouseholdParams, response: { 200: EliminationListSchema } } },
      async (request) => withTransaction(deps.pool, (tx) => listEliminationsOfHousehold({ tx, actor: requireActor(request), today: today() }, householdIdOf(request.params.id))),
    );
    app.post(
      '/households/:id/eliminations',
      {
        schema: {
          tags: ['monitoring'],
          summary:
            'Propose eliminating the risk of a monitored household (assisted 帮扶消除 or natural 自然消除). Refused with 422 `eliminationNotAllowed` and every blocker in `details` (codes with their figures: incomeNotAboveLine, basicNeedsNotSecured, riskMeasureNotDelivered, riskNotResolved, noLabour, monitoredTooShort, tooFewMeasures) when the conditions do not hold (income not above the line, 三保障/water, a risk without a delivered measure, monitored fewer than the rule set’s eliminationMinMonths months or fewer than its eliminationMinMeasures measures delivered, no member can work). `occurredOn` is the day of the proposal.',
          params: MonitoringHouseholdParams,
          body: ProposalBodySchema,
          response: { 201: z.object({ id: z.string(), caseNumber: z.string() }) },
        },
      },
      async (request, reply) => {
        const actor = requireActor(request);
        const created = await withTransaction(deps.pool, (tx) => proposeRiskElimination({ tx, actor, today: today() }, householdIdOf(request.params.id), request.body));
        return reply.status(201).send(created);
      },
    );
    app.post(
      '/households/:id/elimination-rollback',
      {
        schema: {
          tags: ['monitoring'],
          summary: 'Roll back (回退) a wrong elimination: the county, with a reason; the household is monitored again (status rolledBack). Audited.',
          params: MonitoringHouseholdParams,
          body: RollbackBodySchema,
          response: { 200: RolledBackSchema },
        },
      },
      async (request) => {
        const actor = requireActor(request);
        const householdId = householdIdOf(request.params.id);
        await withTransaction(deps.pool, (tx) => rollBackElimination({ tx, actor, today: today() }, householdId, request.body));
        return { householdId, status: 'rolledBack' as const };
      },
    );
    app.get(
      '/eliminations/:id',
      { schema: { tags: ['monitoring'], summary: 'A risk-elimination case: state, deadlines, facts, timeline and the events the actor may send', params: z.object({ id: z.string() }), response: { 200: EliminationDetailSchema } } },
      async (request) => {
        const actor = requireActor(request);
        return withTransaction(deps.pool, async (tx) => {
          const detail = await eliminationDetail({ tx, actor, today: today() }, request.params.id);
          await recordAudit(tx, actor, 'elimination.viewed', { type: 'case', id: detail.id, regionCode: detail.regionCode }, { details: { caseNumber: detail.caseNumber, householdId: detail.householdId } });
          return detail;
        });
      },
    );
    app.get(
      '/eliminations/:id/notice',
      {
        schema: {
          tags: ['monitoring'],
          summary: 'The public notice (公示) of a risk elimination, for printing on A4: no ID number, phone, bank, risk or health detail; 422 notInNotice before its notice starts; printing is audited',
          params: z.object({ id: z.string() }),
          response: { 200: EliminationNoticeSchema },
        },
      },
      async (request) => withTransaction(deps.pool, (tx) => eliminationNoticeOf({ tx, actor: requireActor(request), today: today() }, request.params.id)),
    );
    app.post(
      '/eliminations/:id/events',
      {
        schema: {
          tags: ['monitoring'],
          summary:
            'Advance a risk-elimination case by one step: `type` names the step and `data` is that step\'s form (recordVerification, recordDeliberation, raiseObjection `{note}`, townshipReturn/withdraw `{reason}`, countyDecide). `version` must be the one the actor saw (409 otherwise); a move the procedure does not allow is 422 WORKFLOW_REFUSED with the reason; the county decision re-checks the conditions. `occurredOn` (default today) is the day the step happened.',
          params: z.object({ id: z.string() }),
          body: EliminationEventBodySchema,
          response: { 200: EliminationDetailSchema },
        },
      },
      async (request) => {
        const actor = requireActor(request);
        return withTransaction(deps.pool, async (tx) => {
          await advanceElimination({ tx, actor, today: today() }, request.params.id, request.body);
          return eliminationDetail({ tx, actor, today: today() }, request.params.id);
        });
      },
    );
  };
}

