import { DEPARTMENT_SOURCE_CODES } from '@fangpin/domain';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { localDate } from '../../clock.ts';
import type { AppDeps } from '../../context.ts';
import { requireActor } from '../../http/session.ts';
import { getSourceSettings, recompareSourceNow, updateSourceSettings } from './source-settings.ts';

const Params = z.object({ source: z.enum(DEPARTMENT_SOURCE_CODES) });
const CountyQuery = z.object({ countyCode: z.string().regex(/^\d{6}(\d{6}(\d{3})?)?$/).optional() });

const Settings = z
  .object({
    countyCode: z.string(),
    source: z.string(),
    headerMapping: z.record(z.string(), z.string()),
    monthlyRecompare: z.boolean(),
    lastRecomparedOn: z.string().nullable(),
    updatedBy: z.string().nullable(),
    updatedAt: z.string().nullable(),
  })
  .meta({ id: 'DepartmentSourceSettings' });

/** Per county and source: the saved header mapping, the monthly re-comparison, and re-comparing now. */
export function departmentSettingsRoutes(deps: AppDeps): FastifyPluginAsyncZod {
  const depsNow = () => ({ pool: deps.pool, cipher: deps.cipher, today: localDate(deps.now()) });
  return async (app) => {
    app.get(
      '/department-sources/:source/settings',
      { schema: { tags: ['department'], summary: "The county's settings for a source (header mapping, monthly re-comparison)", params: Params, querystring: CountyQuery, response: { 200: Settings } } },
      async (request) => getSourceSettings(depsNow(), requireActor(request), request.params.source, request.query.countyCode),
    );
    app.put(
      '/department-sources/:source/settings',
      {
        schema: {
          tags: ['department'],
          summary: "Save the county's header mapping (file header → field) and/or monthly re-comparison (county admin or monitor)",
          params: Params,
          querystring: CountyQuery,
          body: z.object({ headerMapping: z.record(z.string().min(1).max(100), z.string().max(50)).optional(), monthlyRecompare: z.boolean().optional() }),
          response: { 200: Settings },
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
          params: Params,
          querystring: CountyQuery,
          response: { 200: z.object({ households: z.number(), warnings: z.number(), newWarnings: z.number(), recomparedOn: z.string() }) },
        },
      },
      async (request) => recompareSourceNow(depsNow(), requireActor(request), request.params.source, request.query.countyCode),
    );
  };
}
