import { z } from 'zod';
import { can, scopeOf, type Actor } from '@fangpin/domain';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { AppDeps } from '../../context.ts';
import { AppError } from '../../errors.ts';
import { requireActor } from '../../http/session.ts';
import { findRegionPath } from '../regions/repo.ts';
import { presentHistory, presentHousehold } from './present.ts';
import { findHistory, findHousehold, findMembersOfHousehold } from './repo.ts';
import { revealHouseholdPhone, revealMemberField } from './reveal-personal-data.ts';
import { searchHouseholdsInScope } from './search-households.ts';
import { updateHousehold } from './update-household.ts';
import { updateMember } from './update-member.ts';

const HouseholdType = z.enum(['formerlyPoor', 'ordinary']);
const Id = z.object({ id: z.string() });
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** An id that is not a uuid is simply not found (same answer as out-of-scope ids). */
function uuidOrNotFound(id: string, what: string): string {
  if (!UUID.test(id)) throw new AppError('NOT_FOUND', `${what} not found`);
  return id;
}

function assertMayRead(actor: Actor): void {
  if (!can(actor, 'household.read')) throw new AppError('FORBIDDEN', 'Your role may not read the registry / 您的角色无权查看农户信息');
}

const HouseholdSummary = z
  .object({
    id: z.string(),
    householdNumber: z.string(),
    type: z.string(),
    regionCode: z.string(),
    villageName: z.string(),
    townshipName: z.string(),
    address: z.string(),
    headName: z.string(),
    memberCount: z.number(),
    phoneMasked: z.string(),
  })
  .meta({ id: 'HouseholdSummary' });

const Member = z
  .object({
    id: z.string(),
    name: z.string(),
    sex: z.string(),
    birthDate: z.string(),
    idNumberMasked: z.string(),
    phoneMasked: z.string(),
    relation: z.string(),
    health: z.string().nullable(),
    labourCapacity: z.string().nullable(),
    schooling: z.string().nullable(),
    migrantMonths: z.number().nullable(),
    hasMedicalInsurance: z.boolean().nullable(),
    hasPensionInsurance: z.boolean().nullable(),
    isDibao: z.boolean().nullable(),
    isTekun: z.boolean().nullable(),
    version: z.number(),
  })
  .meta({ id: 'Member' });

const HouseholdDetail = z
  .object({
    id: z.string(),
    householdNumber: z.string(),
    type: z.string(),
    regionCode: z.string(),
    regionPath: z.array(z.object({ code: z.string(), name: z.string(), level: z.string() })),
    address: z.string(),
    phoneMasked: z.string(),
    version: z.number(),
    members: z.array(Member),
    abilities: z.object({ canReveal: z.boolean(), canEdit: z.boolean() }),
  })
  .meta({ id: 'HouseholdDetail' });

const Revealed = z.object({ value: z.string() });
const Updated = z.object({ version: z.number(), isChanged: z.boolean() });

export function registryRoutes(deps: AppDeps): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/households',
      {
        schema: {
          tags: ['registry'],
          summary: "Search households in the actor's region (masked)",
          description: 'q: name prefix, household-number prefix, full ID number or phone.',
          querystring: z.object({
            q: z.string().max(100).optional(),
            type: HouseholdType.optional(),
            regionCode: z.string().max(15).optional(),
            page: z.coerce.number().int().min(1).default(1),
            pageSize: z.coerce.number().int().min(1).max(200).default(20),
          }),
          response: { 200: z.object({ items: z.array(HouseholdSummary), total: z.number(), page: z.number(), pageSize: z.number() }) },
        },
      },
      async (request) => searchHouseholdsInScope(deps, requireActor(request), request.query),
    );

    app.get(
      '/households/:id',
      { schema: { tags: ['registry'], summary: 'One household with its members (masked)', params: Id, response: { 200: HouseholdDetail } } },
      async (request) => {
        const actor = requireActor(request);
        assertMayRead(actor);
        const household = await findHousehold(deps.pool, scopeOf(actor), uuidOrNotFound(request.params.id, 'Household'));
        if (!household) throw new AppError('NOT_FOUND', 'Household not found / 未找到该农户');
        const [members, path] = await Promise.all([findMembersOfHousehold(deps.pool, household.id), findRegionPath(deps.pool, household.regionCode)]);
        return presentHousehold(actor, household, members, path);
      },
    );

    app.patch(
      '/households/:id',
      {
        schema: {
          tags: ['registry'],
          summary: 'Edit a household (optimistic concurrency by version); kept in history',
          params: Id,
          body: z.object({ version: z.number().int(), address: z.string().max(200).optional(), phone: z.string().max(30).optional(), type: HouseholdType.optional() }),
          response: { 200: Updated },
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
          params: Id,
          body: z.object({
            version: z.number().int(),
            name: z.string().min(1).max(50).optional(),
            relation: z.string().max(30).optional(),
            health: z.string().max(30).nullable().optional(),
            labourCapacity: z.string().max(30).nullable().optional(),
            schooling: z.string().max(30).nullable().optional(),
            migrantMonths: z.number().int().min(0).max(12).nullable().optional(),
            hasMedicalInsurance: z.boolean().nullable().optional(),
            hasPensionInsurance: z.boolean().nullable().optional(),
            isDibao: z.boolean().nullable().optional(),
            isTekun: z.boolean().nullable().optional(),
          }),
          response: { 200: Updated },
        },
      },
      async (request) => updateMember(deps, requireActor(request), uuidOrNotFound(request.params.id, 'Member'), request.body),
    );

    app.post(
      '/households/:id/reveal',
      { schema: { tags: ['registry'], summary: 'Reveal the full phone number (audited)', params: Id, body: z.object({ field: z.literal('phone') }), response: { 200: Revealed } } },
      async (request) => ({ value: await revealHouseholdPhone(deps, requireActor(request), uuidOrNotFound(request.params.id, 'Household')) }),
    );

    app.post(
      '/members/:id/reveal',
      {
        schema: {
          tags: ['registry'],
          summary: "Reveal a member's full ID number or phone (audited)",
          params: Id,
          body: z.object({ field: z.enum(['idNumber', 'phone']) }),
          response: { 200: Revealed },
        },
      },
      async (request) => ({ value: await revealMemberField(deps, requireActor(request), uuidOrNotFound(request.params.id, 'Member'), request.body.field) }),
    );

    app.get(
      '/households/:id/history',
      {
        schema: {
          tags: ['registry'],
          summary: 'Change history of a household and its members (masked)',
          params: Id,
          response: {
            200: z.object({
              items: z.array(
                z.object({
                  id: z.number(),
                  at: z.string(),
                  effectiveOn: z.string().nullable().describe('the day the change took effect when recorded later (e.g. a county decision entered days late)'),
                  actorName: z.string(),
                  action: z.string(),
                  source: z.string().describe("'api', 'import:<batchId>', 'case:<caseNumber>' …"),
                  memberId: z.string().nullable(),
                  subject: z.string(),
                  changes: z.array(z.object({ field: z.string(), before: z.unknown(), after: z.unknown() })),
                }),
              ),
            }),
          },
        },
      },
      async (request) => {
        const actor = requireActor(request);
        assertMayRead(actor);
        const household = await findHousehold(deps.pool, scopeOf(actor), uuidOrNotFound(request.params.id, 'Household'));
        if (!household) throw new AppError('NOT_FOUND', 'Household not found / 未找到该农户');
        return { items: presentHistory(await findHistory(deps.pool, household.id)) };
      },
    );
  };
}
