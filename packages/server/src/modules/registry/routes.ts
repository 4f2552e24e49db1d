import { z } from 'zod';
import { MONITORING_STATUSES, can, fieldPolicyOf, scopeOf, type Actor } from '@fangpin/domain';
import { findMonitoringOfHousehold } from '../monitoring/repo.ts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { AppDeps } from '../../context.ts';
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
    /** The household's monitoring status (监测中, 风险已消除 …), null when it was never a monitoring object. */
    monitoringStatus: z.enum(MONITORING_STATUSES).nullable(),
  })
  .meta({ id: 'HouseholdSummary' });

const Member = z
  .object({
    id: z.string(),
    name: z.string(),
    sex: z.string(),
    /** The birth year only: the full date is part of the ID number (docs/personal-data.md). */
    birthYear: z.number(),
    idNumberMasked: z.string().describe('first 6 and the check character, e.g. 451028***********X'),
    phoneMasked: z.string(),
    relation: z.string(),
    health: z.string().nullable().describe("null when the role's field policy withholds health (abilities.canSeeHealth)"),
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
    /** Whether the household is a monitoring object, and its status; null when it never was. */
    monitoring: z.object({ status: z.enum(MONITORING_STATUSES), category: z.string().nullable(), riskTypes: z.array(z.string()), identifiedOn: z.string().nullable() }).nullable(),
    abilities: z.object({ canReveal: z.boolean(), canEdit: z.boolean(), canSeeHealth: z.boolean() }),
  })
  .meta({ id: 'HouseholdDetail' });

const Revealed = z.object({ value: z.string() });
/**
 * What the audit row (jsonb) cannot hold or a reader cannot see: control characters other than tab and
 * line breaks, U+FFFE/U+FFFF, and UTF-16 surrogates without their pair.
 */
// eslint-disable-next-line no-control-regex -- finding control characters is the point
const UNSTORABLE = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;
/** Why the full value is needed: kept in the audit row (PIPL: access to personal data has a purpose). */
const RevealReason = z
  .string()
  .trim()
  .min(2, '请填写查看原因 / Give the reason')
  .max(200)
  .refine((text) => !UNSTORABLE.test(text), '查看原因含有无法保存的字符（控制字符或残缺的 Unicode 字符） / The reason holds characters that cannot be stored (control characters or broken Unicode)');
const Updated = z.object({ version: z.number(), isChanged: z.boolean() });

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
      { schema: { tags: ['registry'], summary: "One household with its members (masked, by the role's field policy); audited", params: Id, response: { 200: HouseholdDetail } } },
      async (request) => {
        const actor = requireActor(request);
        assertMayRead(actor);
        const household = await findHousehold(deps.pool, scopeOf(actor), uuidOrNotFound(request.params.id, 'Household'));
        if (!household) throw new AppError('NOT_FOUND', 'Household not found / 未找到该农户');
        const [members, path, monitoring] = await Promise.all([findMembersOfHousehold(deps.pool, household.id), findRegionPath(deps.pool, household.regionCode), findMonitoringOfHousehold(deps.pool, household.id)]);
        await recordAudit(deps.pool, actor, 'household.viewed', { type: 'household', id: household.id, regionCode: household.regionCode }, { details: { memberIds: members.map((m) => m.id) } });
        return presentHousehold(actor, household, members, path, monitoring ?? null);
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
      {
        schema: {
          tags: ['registry'],
          summary: 'Reveal the full phone number, giving the reason (audited; at most REVEALS_PER_HOUR per user, else 429 with retryAfter)',
          params: Id,
          body: z.object({ field: z.literal('phone'), reason: RevealReason }),
          response: { 200: Revealed },
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
          params: Id,
          body: z.object({ field: z.enum(['idNumber', 'phone']), reason: RevealReason }),
          response: { 200: Revealed },
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
          params: Id,
          response: {
            200: z.object({
              items: z.array(
                z.object({
                  id: z.number(),
                  at: z.string(),
                  effectiveOn: z.string().nullable().describe('the day the change took effect when recorded later (e.g. a county decision entered days late)'),
                  actorName: z.string(),
                  actorDisplayName: z.string().nullable().describe('the display name of the account (e.g. 马庄村村干部); null for the system'),
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
        await recordAudit(deps.pool, actor, 'household.history.viewed', { type: 'household', id: household.id, regionCode: household.regionCode });
        return { items: presentHistory(await findHistory(deps.pool, household.id), fieldPolicyOf(actor.role)) };
      },
    );
  };
}
