import { AuditPageSchema, AuditQuerySchema, can, scopeOf } from '@fangpin/domain';
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
          querystring: AuditQuerySchema,
          response: { 200: AuditPageSchema },
        },
      },
      async (request) => {
        const actor = requireActor(request);
        if (!can(actor, 'audit.read')) throw new AppError('FORBIDDEN', 'Only county admins may read the audit log');
        const { page, pageSize, ...filter } = request.query;
        const { rows, total } = await findAuditRows(deps.pool, scopeOf(actor), { ...filter, limit: pageSize, offset: (page - 1) * pageSize });
        return { items: rows.map((r) => ({ ...r, at: r.at.toISOString() })), total };
      },
    );
  };
}
