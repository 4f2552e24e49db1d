import { z } from 'zod';
import { can, IsoDateSchema, scopeOf } from '@fangpin/domain';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { AppDeps } from '../../context.ts';
import { AppError } from '../../errors.ts';
import { requireActor } from '../../http/session.ts';
import { findAuditRows } from './repo.ts';


export function auditRoutes(deps: AppDeps): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/audit',
      {
        schema: {
          tags: ['audit'],
          summary: "The audit log of the actor's region (county admins)",
          querystring: z.object({
            action: z.string().max(100).optional(),
            objectType: z.string().max(50).optional(),
            objectId: z.string().max(100).optional(),
            actor: z.string().max(100).optional(),
            from: IsoDateSchema.optional(),
            to: IsoDateSchema.optional(),
            page: z.coerce.number().int().min(1).default(1),
            pageSize: z.coerce.number().int().min(1).max(500).default(50),
          }),
          response: {
            200: z.object({
              items: z.array(
                z.object({
                  id: z.number(),
                  at: z.string(),
                  actorUsername: z.string(),
                  actorRole: z.string(),
                  action: z.string(),
                  objectType: z.string(),
                  objectId: z.string().nullable(),
                  regionCode: z.string().nullable(),
                  before: z.unknown(),
                  after: z.unknown(),
                  details: z.unknown(),
                }),
              ),
              total: z.number(),
            }),
          },
        },
      },
      async (request) => {
        const actor = requireActor(request);
        if (!can(actor, 'audit.read')) throw new AppError('FORBIDDEN', 'Only county admins may read the audit log / 仅县级管理员可查看审计日志');
        const { page, pageSize, ...filter } = request.query;
        const { rows, total } = await findAuditRows(deps.pool, scopeOf(actor), { ...filter, limit: pageSize, offset: (page - 1) * pageSize });
        return { items: rows.map((r) => ({ ...r, at: r.at.toISOString() })), total };
      },
    );
  };
}
