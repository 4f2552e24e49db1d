import { z } from 'zod';
import { isInScope, normalizeRegionCode, scopeOf } from '@fangpin/domain';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { AppDeps } from '../../context.ts';
import { AppError } from '../../errors.ts';
import { requireActor } from '../../http/session.ts';
import { findSubtree, searchRegions } from './repo.ts';

type TreeNode = { code: string; name: string; level: string; children: TreeNode[] };
const TreeNodeSchema: z.ZodType<TreeNode> = z.lazy(() =>
  z.object({ code: z.string(), name: z.string(), level: z.string(), children: z.array(TreeNodeSchema) }).meta({ id: 'RegionTreeNode' }),
);

export function regionRoutes(deps: AppDeps): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/regions',
      {
        schema: {
          tags: ['regions'],
          summary: "Search regions by name within the actor's region",
          querystring: z.object({ q: z.string().min(1).max(50), limit: z.coerce.number().int().min(1).max(100).default(20) }),
          response: { 200: z.object({ items: z.array(z.object({ code: z.string(), name: z.string(), level: z.string(), path: z.string() })) }) },
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
          querystring: z.object({ root: z.string().max(15).optional(), depth: z.coerce.number().int().min(0).max(5).default(2) }),
          response: { 200: TreeNodeSchema },
        },
      },
      async (request) => {
        const actor = requireActor(request);
        let root: string;
        try {
          root = request.query.root ? normalizeRegionCode(request.query.root) : actor.regionCode;
        } catch {
          throw new AppError('VALIDATION_FAILED', 'root must be a region code / 行政区划代码格式不正确', { field: 'root' });
        }
        if (!isInScope(scopeOf(actor), root)) throw new AppError('NOT_FOUND', 'Region not found / 未找到该行政区划');
        const rows = await findSubtree(deps.pool, root, request.query.depth);
        const nodes = new Map<string, TreeNode>();
        for (const r of rows) {
          const node: TreeNode = { code: r.code, name: r.name, level: r.level, children: [] };
          nodes.set(r.code, node);
          if (r.parentCode && r.depth > 0) nodes.get(r.parentCode)?.children.push(node);
        }
        const top = nodes.get(root);
        if (!top) throw new AppError('NOT_FOUND', 'Region not found / 未找到该行政区划');
        return top;
      },
    );
  };
}
