import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { CountySettingsBodySchema, CountySettingsSchema } from '@fangpin/domain';
import type { AppDeps } from '../../context.ts';
import { requireActor } from '../../http/session.ts';
import { findCountySettings } from './repo.ts';
import { countyOfActor, updateCountySettings } from './update-county-settings.ts';

/** The signed-in user's county settings (read by everyone in the county; saved by the county admin). */
export function countySettingsRoutes(deps: AppDeps): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/county-settings',
      { schema: { tags: ['regions'], summary: "The user's county settings (supervision / hotline number)", response: { 200: CountySettingsSchema } } },
      async (request) => findCountySettings(deps.pool, countyOfActor(requireActor(request))),
    );
    app.put(
      '/county-settings',
      {
        schema: {
          tags: ['regions'],
          summary: "Save the county's settings (county admin; audited)",
          body: CountySettingsBodySchema,
          response: { 200: CountySettingsSchema },
        },
      },
      async (request) => updateCountySettings(deps.pool, requireActor(request), request.body),
    );
  };
}
