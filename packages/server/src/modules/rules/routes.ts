import { AddWorkingDaysQuerySchema, AddWorkingDaysSchema, AssessmentAnswerSchema, AssessmentBodySchema, HouseholdAssessmentInputSchema, NewRuleSetVersionSchema, RuleSetInForceQuerySchema, RuleSetInForceSchema, RuleSetPublishResultSchema, RuleSetVersionsQuerySchema, RuleSetVersionsSchema, assessHousehold, calendarForRuleSet, addWorkingDays, can, isInScope, normalizeRegionCode, regionSignificantPrefix, scopeOf, type Actor } from '@fangpin/domain';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { AppDeps } from '../../context.ts';
import { AppError } from '../../errors.ts';
import { requireActor } from '../../http/session.ts';
import { localDate } from '../../clock.ts';
import { publishRuleSetVersion } from './publish-rule-set-version.ts';
import { findVersionsForRegion } from './repo.ts';
import { ruleSetInForce } from './rule-set-in-force.ts';
import { displayNamesOf } from '../users/display-names.ts';


function regionInScope(actor: Actor, raw: string | undefined, action: 'ruleset.read' | 'assessment.run'): string {
  if (!can(actor, action)) throw new AppError('FORBIDDEN', 'Your role may not do this', { reason: 'noPermission' });
  let code: string;
  try {
    code = raw ? normalizeRegionCode(raw) : actor.regionCode;
  } catch {
    throw new AppError('VALIDATION_FAILED', 'regionCode must be a region code', { field: 'regionCode', reason: 'notARegionCode', params: { code: raw ?? '' } });
  }
  // Rules of the actor's own ancestors are readable too (a village sees the county's rules).
  const scope = scopeOf(actor);
  if (!isInScope(scope, code) && !isInScope({ ...scope, regionPrefix: regionSignificantPrefix(code) }, actor.regionCode)) {
    throw new AppError('NOT_FOUND', 'Region not found', { field: 'regionCode', reason: 'notFound' });
  }
  return code;
}

export function rulesRoutes(deps: AppDeps): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/rule-sets/in-force',
      {
        schema: {
          tags: ['rules'],
          summary: 'The rule set in force for a region on a date (resolved: province default → county override)',
          querystring: RuleSetInForceQuerySchema,
          response: { 200: RuleSetInForceSchema },
        },
      },
      async (request) => {
        const actor = requireActor(request);
        const regionCode = regionInScope(actor, request.query.regionCode, 'ruleset.read');
        return { ruleSet: await ruleSetInForce(deps.pool, regionCode, request.query.date ?? localDate(deps.now())) };
      },
    );
    app.get(
      '/rule-sets/versions',
      {
        schema: {
          tags: ['rules'],
          summary: 'History: every stored version for the region and its ancestors',
          querystring: RuleSetVersionsQuerySchema,
          response: { 200: RuleSetVersionsSchema },
        },
      },
      async (request) => {
        const actor = requireActor(request);
        const regionCode = regionInScope(actor, request.query.regionCode, 'ruleset.read');
        const rows = await findVersionsForRegion(deps.pool, regionCode);
        const names = await displayNamesOf(deps.pool, rows.map((v) => v.createdBy));
        return { items: rows.reverse().map((v) => ({ ...v, note: v.note ?? null, createdAt: v.createdAt.toISOString(), createdByDisplayName: names.get(v.createdBy) ?? null })) };
      },
    );
    app.post(
      '/rule-sets/versions/preview',
      { schema: { tags: ['rules'], summary: 'Validate a new version and show its diff, without storing it', body: NewRuleSetVersionSchema, response: { 200: RuleSetPublishResultSchema } } },
      async (request) => publishRuleSetVersion(deps.pool, requireActor(request), request.body, { dryRun: true }),
    );
    app.post(
      '/rule-sets/versions',
      { schema: { tags: ['rules'], summary: 'Publish a new rule-set version (county admins; e.g. next year’s monitoring line)', body: NewRuleSetVersionSchema, response: { 201: RuleSetPublishResultSchema } } },
      async (request, reply) => reply.status(201).send(await publishRuleSetVersion(deps.pool, requireActor(request), request.body)),
    );
    app.post(
      '/assessments',
      {
        schema: {
          tags: ['rules'],
          summary: 'System assessment of a household under the rule set in force on its application date (advice; never a decision)',
          body: AssessmentBodySchema,
          response: { 200: AssessmentAnswerSchema },
        },
      },
      async (request) => {
        const actor = requireActor(request);
        const parsed = HouseholdAssessmentInputSchema.safeParse(request.body.household);
        if (!parsed.success) {
          const issue = parsed.error.issues[0]!;
          throw new AppError('VALIDATION_FAILED', `household.${issue.path.join('.')}: ${issue.message}`, { field: `household.${issue.path.join('.')}` });
        }
        const household = parsed.data;
        const regionCode = regionInScope(actor, household.regionCode, 'assessment.run');
        const ruleSet = await ruleSetInForce(deps.pool, regionCode, household.applicationDate);
        return { assessment: assessHousehold(household, ruleSet, localDate(deps.now())) as unknown as Record<string, unknown> };
      },
    );
    app.get(
      '/calendar/add-working-days',
      {
        schema: {
          tags: ['rules'],
          summary: 'Date + N working days on the official calendar (调休 included) and the region’s manual years',
          querystring: AddWorkingDaysQuerySchema,
          response: { 200: AddWorkingDaysSchema },
        },
      },
      async (request) => {
        const actor = requireActor(request);
        const regionCode = regionInScope(actor, request.query.regionCode, 'ruleset.read');
        const ruleSet = await ruleSetInForce(deps.pool, regionCode, request.query.date);
        return { date: request.query.date, days: request.query.days, result: addWorkingDays(calendarForRuleSet(ruleSet), request.query.date, request.query.days) };
      },
    );
  };
}
