import { RegionSearchQuerySchema, RegionSearchSchema, RegionTreeNodeSchema, RegionTreeQuerySchema, isInScope, normalizeRegionCode, scopeOf, type RegionTreeNode } from '@fangpin/domain';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { AppDeps } from '../../context.ts';
import { AppError } from '../../errors.ts';
import { requireActor } from '../../http/session.ts';
import { findSubtree, searchRegions } from './repo.ts';

export function regionRoutes(deps: AppDeps): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/regions',
      {
        schema: {
          tags: ['regions'],
          summary: "Search regions by name within the actor's region",
          querystring: RegionSearchQuerySchema,
          response: { 200: RegionSearchSchema },
        },
      },
      async (request) => {
        const rows = await searchRegions(deps.pool, scopeOf(requireActor(request)), request.query.q, request.query.limit);
        return { items: rows.map((r) => ({ code: r.code, name: r.name, level: r.level, path: r.path })) };
      },
    );
    app.get(
      '/regions/tree',
      {
        schema: {
          tags: ['regions'],
          summary: "The region tree under `root` (default: the actor's region), `depth` levels deep",
          querystring: RegionTreeQuerySchema,
          response: { 200: RegionTreeNodeSchema },
        },
      },
      async (request) => {
        const actor = requireActor(request);
        let root: string;
        try {
          root = request.query.root ? normalizeRegionCode(request.query.root) : actor.regionCode;
        } catch {
          throw new AppError('VALIDATION_FAILED', 'root must be a region code', { field: 'root', reason: 'notARegionCode', params: { code: request.query.root ?? '' } });
        }
        if (!isInScope(scopeOf(actor), root)) throw new AppError('NOT_FOUND', 'Region not found', { reason: 'notFound' });
        const rows = await findSubtree(deps.pool, root, request.query.depth);
        const nodes = new Map<string, RegionTreeNode>();
        for (const r of rows) {
          const node: RegionTreeNode = { code: r.code, name: r.name, level: r.level, children: [] };
          nodes.set(r.code, node);
          if (r.parentCode && r.depth > 0) nodes.get(r.parentCode)?.children.push(node);
        }
        const top = nodes.get(root);
        if (!top) throw new AppError('NOT_FOUND', 'Region not found', { reason: 'notFound' });
        return top;
      },
    );
  };
}
