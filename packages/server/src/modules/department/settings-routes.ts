import { CountyQuerySchema, DepartmentSourceSettingsBodySchema, DepartmentSourceSettingsSchema, RecompareResultSchema, SourceParamsSchema } from '@fangpin/domain';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { localDate } from '../../clock.ts';
import type { AppDeps } from '../../context.ts';
import { requireActor } from '../../http/session.ts';
import { getSourceSettings, recompareSourceNow, updateSourceSettings } from './source-settings.ts';

/** Per county and source: the saved header mapping, the monthly re-comparison, and re-comparing now. */
export function departmentSettingsRoutes(deps: AppDeps): FastifyPluginAsyncZod {
  const depsNow = () => ({ pool: deps.pool, cipher: deps.cipher, today: localDate(deps.now()) });
  return async (app) => {
    app.get(
      '/department-sources/:source/settings',
      { schema: { tags: ['department'], summary: "The county's settings for a source (header mapping, monthly re-comparison)", params: SourceParamsSchema, querystring: CountyQuerySchema, response: { 200: DepartmentSourceSettingsSchema } } },
      async (request) => getSourceSettings(depsNow(), requireActor(request), request.params.source, request.query.countyCode),
    );
    app.put(
      '/department-sources/:source/settings',
      {
        schema: {
          tags: ['department'],
          summary: "Save the county's header mapping (file header → field) and/or monthly re-comparison (county admin or monitor)",
          params: SourceParamsSchema,
          querystring: CountyQuerySchema,
          body: DepartmentSourceSettingsBodySchema,
          response: { 200: DepartmentSourceSettingsSchema },
        },
      },
      async (request) => updateSourceSettings(depsNow(), requireActor(request), request.params.source, request.body, request.query.countyCode),
    );
    app.post(
      '/department-sources/:source/recompare',
      {
        schema: {
          tags: ['department'],
          summary: "Re-run the source's rules over the county's stored rows now (county admin)",
          params: SourceParamsSchema,
          querystring: CountyQuerySchema,
          response: { 200: RecompareResultSchema },
        },
      },
      async (request) => recompareSourceNow(depsNow(), requireActor(request), request.params.source, request.query.countyCode),
    );
  };
}
