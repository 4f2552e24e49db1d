import { PassThrough } from 'node:stream';
import { ImportBatchParamsSchema, RegistryImportResultSchema, can, scopeOf, type Actor } from '@fangpin/domain';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { AppDeps } from '../../context.ts';
import { AppError } from '../../errors.ts';
import { localDate } from '../../clock.ts';
import { requireActor } from '../../http/session.ts';
import { withUploadedFile } from '../../http/upload.ts';
import { importRegistry } from './import-registry.ts';
import { recordAudit } from '../audit/record-audit.ts';
import { findImportBatch } from './import-batches.ts';
import { writeImportErrorsXlsx } from './import-errors-xlsx.ts';

function assertMayImport(actor: Actor): void {
  if (!can(actor, 'registry.import')) throw new AppError('FORBIDDEN', 'Your role may not import the registry');
}

export function importRoutes(deps: AppDeps): FastifyPluginAsyncZod {
  return async (app) => {
    app.post(
      '/imports/registry',
      {
        schema: {
          tags: ['imports'],
          summary: 'Import a registry export (multipart field `file`: CSV in UTF-8/GBK or XLSX)',
          consumes: ['multipart/form-data'],
          response: { 200: RegistryImportResultSchema },
        },
      },
      async (request) => {
        const actor = requireActor(request);
        assertMayImport(actor);
        return withUploadedFile(request, (file, fileName) => importRegistry({ pool: deps.pool, cipher: deps.cipher, today: localDate(deps.now()), limits: deps.config.importLimits }, actor, file, { fileName }));
      },
    );
    app.get(
      '/imports/:batchId/errors.xlsx',
      { schema: { tags: ['imports'], summary: 'Rejected rows of an import as XLSX (ID numbers and phones masked, birth dates cut to the year); audited', params: ImportBatchParamsSchema } },
      async (request, reply) => {
        const actor = requireActor(request);
        assertMayImport(actor);
        // The batch's county must be the actor's (another county's batch is not found, whoever ran it).
        if (!(await findImportBatch(deps.pool, scopeOf(actor), request.params.batchId))) throw new AppError('NOT_FOUND', 'Import not found');
        await recordAudit(deps.pool, actor, 'registry.importErrors.exported', { type: 'import_batch', id: request.params.batchId, regionCode: actor.regionCode });
        const stream = new PassThrough();
        void writeImportErrorsXlsx(deps.pool, request.params.batchId, stream).catch((error: unknown) => stream.destroy(error as Error));
        return reply
          .type('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
          .header('content-disposition', `attachment; filename="import-errors-${request.params.batchId}.xlsx"`)
          .send(stream);
      },
    );
  };
}
