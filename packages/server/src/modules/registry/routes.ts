import {
  HistorySchema,
  HouseholdDetailSchema,
  HouseholdPageSchema,
  HouseholdPatchSchema,
  HouseholdRevealBodySchema,
  HouseholdSearchQuerySchema,
  IdParamsSchema,
  MemberPatchSchema,
  MemberRevealBodySchema,
  RevealedSchema,
  UpdatedSchema,
  can, fieldPolicyOf, scopeOf, type Actor } from '@fangpin/domain';
import { findMonitoringOfHousehold } from '../monitoring/repo.ts';
import { seesHousehold } from '../monitoring/show-monitoring-record.ts';
import { localDate } from '../../clock.ts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { AppDeps } from '../../context.ts';
import { withTransaction } from '../../db/client.ts';
import { AppError } from '../../errors.ts';
import { requireActor } from '../../http/session.ts';
import { recordAudit } from '../audit/record-audit.ts';
import { findRegionPath } from '../regions/repo.ts';
import { presentHistory, presentHousehold } from './present.ts';
import { findHistory, findHousehold, findMembersOfHousehold } from './repo.ts';
import { revealHouseholdPhone, revealMemberField } from './reveal-personal-data.ts';
import { searchHouseholdsInScope } from './search-households.ts';
import { updateHousehold } from './update-household.ts';
import { updateMember } from './update-member.ts';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** An id that is not a uuid is simply not found (same answer as out-of-scope ids). */
function uuidOrNotFound(id: string, what: string): string {
  if (!UUID.test(id)) throw new AppError('NOT_FOUND', `${what} not found`);
  return id;
}

function assertMayRead(actor: Actor): void {
  if (!can(actor, 'household.read')) throw new AppError('FORBIDDEN', 'Your role may not read the registry');
}

/**
 * A household the actor may read: in its region and, for a helping cadre whose rule set says
 * `helperReadScope: 'assigned'`, one it helps now (issue 13). Anything else is 404, as a missing id.
 */
async function findReadableHousehold(deps: AppDeps, actor: Actor, id: string) {
  const household = await findHousehold(deps.pool, scopeOf(actor), uuidOrNotFound(id, 'Household'));
  if (!household || !(await seesHousehold(deps.pool, actor, household, localDate(deps.now())))) throw new AppError('NOT_FOUND', 'Household not found');
  return household;
}

export function registryRoutes(deps: AppDeps): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/households',
      {
        schema: {
          tags: ['registry'],
          summary: "Search households in the actor's region (masked); audited",
          description:
            'q: name prefix, household-number prefix, full ID number or phone. A full ID number or phone is searched only for roles that may reveal (others: 403 for an ID number; a phone is read as a household-number prefix), at most IDENTIFIER_SEARCHES_PER_HOUR per user (429 with retryAfter).',
          querystring: HouseholdSearchQuerySchema,
          response: { 200: HouseholdPageSchema },
        },
      },
      async (request) => searchHouseholdsInScope(deps, requireActor(request), request.query),
    );

    app.get(
      '/households/:id',
      { schema: { tags: ['registry'], summary: "One household with its members (masked, by the role's field policy); audited", params: IdParamsSchema, response: { 200: HouseholdDetailSchema } } },
      async (request) => {
        const actor = requireActor(request);
        assertMayRead(actor);
        const household = await findReadableHousehold(deps, actor, request.params.id);
        const [members, path, monitoring] = await Promise.all([findMembersOfHousehold(deps.pool, household.id), findRegionPath(deps.pool, household.regionCode), findMonitoringOfHousehold(deps.pool, household.id)]);
        await withTransaction(deps.pool, (tx) => recordAudit(tx, actor, 'household.viewed', { type: 'household', id: household.id, regionCode: household.regionCode }, { details: { memberIds: members.map((m) => m.id) } }), { accessLogOnly: true });
        return presentHousehold(actor, household, members, path, monitoring ?? null);
      },
    );

    app.patch(
      '/households/:id',
      {
        schema: {
          tags: ['registry'],
          summary: 'Edit a household (optimistic concurrency by version); kept in history',
          params: IdParamsSchema,
          body: HouseholdPatchSchema,
          response: { 200: UpdatedSchema },
        },
      },
      async (request) => updateHousehold(deps, requireActor(request), uuidOrNotFound(request.params.id, 'Household'), request.body),
    );

    app.patch(
      '/members/:id',
      {
        schema: {
          tags: ['registry'],
          summary: 'Edit a member (optimistic concurrency by version); kept in history',
          params: IdParamsSchema,
          body: MemberPatchSchema,
          response: { 200: UpdatedSchema },
        },
      },
      async (request) => updateMember(deps, requireActor(request), uuidOrNotFound(request.params.id, 'Member'), request.body),
    );

    app.post(
      '/households/:id/reveal',
      {
        schema: {
          tags: ['registry'],
          summary: 'Reveal the full phone number, giving the reason (audited; at most REVEALS_PER_HOUR per user, else 429 with retryAfter)',
          params: IdParamsSchema,
          body: HouseholdRevealBodySchema,
          response: { 200: RevealedSchema },
        },
      },
      async (request) => ({ value: await revealHouseholdPhone(deps, requireActor(request), uuidOrNotFound(request.params.id, 'Household'), request.body.reason) }),
    );

    app.post(
      '/members/:id/reveal',
      {
        schema: {
          tags: ['registry'],
          summary: "Reveal a member's full ID number or phone, giving the reason (audited; at most REVEALS_PER_HOUR per user, else 429 with retryAfter)",
          params: IdParamsSchema,
          body: MemberRevealBodySchema,
          response: { 200: RevealedSchema },
        },
      },
      async (request) => ({ value: await revealMemberField(deps, requireActor(request), uuidOrNotFound(request.params.id, 'Member'), request.body.field, request.body.reason) }),
    );

    app.get(
      '/households/:id/history',
      {
        schema: {
          tags: ['registry'],
          summary: "Change history of a household and its members (masked, by the role's field policy); audited",
          params: IdParamsSchema,
          response: { 200: HistorySchema },
        },
      },
      async (request) => {
        const actor = requireActor(request);
        assertMayRead(actor);
        const household = await findReadableHousehold(deps, actor, request.params.id);
        await recordAudit(deps.pool, actor, 'household.history.viewed', { type: 'household', id: household.id, regionCode: household.regionCode });
        return { items: presentHistory(await findHistory(deps.pool, household.id), fieldPolicyOf(actor.role)) };
      },
    );
  };
}
