import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppDeps } from '../../context.ts';
import { requireActor } from '../../http/session.ts';
import { findCountySettings } from './repo.ts';
import { countyOfActor, updateCountySettings } from './update-county-settings.ts';

const CountySettings = z
  .object({
    countyCode: z.string(),
    /** 监督举报电话, printed on the public notice (公示) and the self-application QR poster. */
    supervisionPhone: z.string().nullable(),
    updatedBy: z.string().nullable(),
    updatedAt: z.string().nullable(),
  })
  .meta({ id: 'CountySettings' });

/** The signed-in user's county settings (read by everyone in the county; saved by the county admin). */
export function countySettingsRoutes(deps: AppDeps): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/county-settings',
      { schema: { tags: ['regions'], summary: "The user's county settings (supervision / hotline number)", response: { 200: CountySettings } } },
      async (request) => findCountySettings(deps.pool, countyOfActor(requireActor(request))),
    );
    app.put(
      '/county-settings',
      {
        schema: {
          tags: ['regions'],
          summary: "Save the county's settings (county admin; audited)",
          body: z.object({ supervisionPhone: z.string().max(60).nullable() }),
          response: { 200: CountySettings },
        },
      },
      async (request) => updateCountySettings(deps.pool, requireActor(request), request.body),
    );
  };
}
