import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { AppDeps } from '../../context.ts';

/** What every page needs to know before login: whether this is a demo (the 演示环境 banner). */
export function instanceRoutes(deps: AppDeps): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/instance',
      {
        config: { isPublic: true },
        schema: {
          tags: ['system'],
          summary: 'Whether this install runs in demo mode (demo data, published passwords): every page shows a banner',
          security: [],
          response: { 200: z.object({ isDemo: z.boolean() }) },
        },
      },
      async () => ({ isDemo: deps.config.isDemo }),
    );
  };
}
