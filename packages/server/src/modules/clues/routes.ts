import { can, ClueListQuerySchema, ClueListSchema, fieldPolicyOf, freeTextFor, scopeOf, withholdsSourceDetail, WITHHELD_HEALTH_TEXT } from '@fangpin/domain';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { AppDeps } from '../../context.ts';
import { AppError } from '../../errors.ts';
import { requireActor } from '../../http/session.ts';
import { findClues } from './repo.ts';

export function clueRoutes(deps: AppDeps): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/clues',
      {
        schema: {
          tags: ['clues'],
          summary: "Clues (线索) in the actor's region from every channel (hotline, self-application, visit, confirmed warning); each has an identification case (GET /api/cases)",
          querystring: ClueListQuerySchema,
          response: { 200: ClueListSchema },
        },
      },
      async (request) => {
        const actor = requireActor(request);
        if (!can(actor, 'warning.read') && !can(actor, 'household.read')) throw AppError.because('FORBIDDEN', 'mayNotReadClues');
        const { page, pageSize, ...filter } = request.query;
        const { rows, total } = await findClues(deps.pool, scopeOf(actor), { ...filter, limit: pageSize, offset: (page - 1) * pageSize });
        const policy = fieldPolicyOf(actor.role);
        return {
          items: rows.map(({ warningSources, ...c }) => ({
            ...c,
            summary: withholdsSourceDetail(policy, warningSources ?? []) ? WITHHELD_HEALTH_TEXT : freeTextFor(policy, c.summary),
            createdAt: c.createdAt.toISOString(),
          })),
          total,
        };
      },
    );
  };
}
