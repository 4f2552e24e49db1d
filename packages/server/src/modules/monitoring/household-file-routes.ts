import { PassThrough } from 'node:stream';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { HouseholdFileQuerySchema, HouseholdFileSchema, MonitoringHouseholdParams } from '@fangpin/domain';
import { localDate } from '../../clock.ts';
import type { AppDeps } from '../../context.ts';
import { withTransaction } from '../../db/client.ts';
import { AppError } from '../../errors.ts';
import { requireActor } from '../../http/session.ts';
import { buildHouseholdFile } from './household-file.ts';
import { writeHouseholdFileXlsx } from './household-file-xlsx.ts';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
function uuidOrNotFound(id: string): string {
  if (!UUID.test(id)) throw new AppError('NOT_FOUND', 'Household not found');
  return id;
}

/** 一户一档 (issue 13 item 6): the household's whole file as JSON (the print page reads it) and as XLSX; every read audited. */
export function householdFileRoutes(deps: AppDeps): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/households/:id/file',
      {
        schema: {
          tags: ['monitoring'],
          summary:
            "一户一档: the household's whole record — members (ID numbers masked), monitoring history, risks, helpers, measures with coverage, visits, income against the line per year, every decision with its date, rule-set version and who made it. `purpose=print` when the print page asks (audited as printed, else as viewed). Scoped like the household (out of region: 404).",
          params: MonitoringHouseholdParams,
          querystring: HouseholdFileQuerySchema,
          response: { 200: HouseholdFileSchema },
        },
      },
      async (request) => {
        const actor = requireActor(request);
        return withTransaction(deps.pool, (tx) => buildHouseholdFile(tx, actor, localDate(deps.now()), uuidOrNotFound(request.params.id), request.query.purpose));
      },
    );
    app.get(
      '/households/:id/file.xlsx',
      { schema: { tags: ['monitoring'], summary: '一户一档 as an XLSX workbook (one sheet per part; ID numbers masked); audited as exported', params: MonitoringHouseholdParams } },
      async (request, reply) => {
        const actor = requireActor(request);
        const file = await withTransaction(deps.pool, (tx) => buildHouseholdFile(tx, actor, localDate(deps.now()), uuidOrNotFound(request.params.id), 'export'));
        const stream = new PassThrough();
        void writeHouseholdFileXlsx(file, stream).catch((error: unknown) => stream.destroy(error as Error));
        return reply
          .type('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
          .header('content-disposition', `attachment; filename="household-file-${file.household.householdNumber}.xlsx"`)
          .send(stream);
      },
    );
  };
}
