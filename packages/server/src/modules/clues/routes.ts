import { z } from 'zod';
import { can, fieldPolicyOf, freeTextFor, scopeOf, withholdsSourceDetail, WITHHELD_HEALTH_TEXT } from '@fangpin/domain';
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
          querystring: z.object({
            channel: z.enum(['hotline', 'application', 'visit', 'warning']).optional(),
            status: z.string().max(30).optional(),
            page: z.coerce.number().int().min(1).default(1),
            pageSize: z.coerce.number().int().min(1).max(500).default(50),
          }),
        },
      },
      async (request) => {
        const actor = requireActor(request);
        if (!can(actor, 'warning.read') && !can(actor, 'household.read')) throw new AppError('FORBIDDEN', 'Your role may not read clues / 您的角色无权查看线索');
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
