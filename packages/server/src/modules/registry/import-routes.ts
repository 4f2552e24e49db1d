import { PassThrough } from 'node:stream';
import { z } from 'zod';
import { can, scopeOf, type Actor } from '@fangpin/domain';
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

const ImportResult = z
  .object({
    rows: z.number(),
    imported: z.number(),
    rejected: z.number(),
    created: z.number(),
    updated: z.number(),
    unchanged: z.number(),
    errors: z.array(z.object({ row: z.number(), column: z.string(), code: z.string(), message: z.string() })),
    batchId: z.string(),
    fileSha256: z.string(),
  })
  .meta({ id: 'RegistryImportResult' });

function assertMayImport(actor: Actor): void {
  if (!can(actor, 'registry.import')) throw new AppError('FORBIDDEN', 'Your role may not import the registry / 您的角色无权导入户籍数据');
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
          response: { 200: ImportResult },
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
      { schema: { tags: ['imports'], summary: 'Rejected rows of an import as XLSX (ID numbers and phones masked, birth dates cut to the year); audited', params: z.object({ batchId: z.string().uuid() }) } },
      async (request, reply) => {
        const actor = requireActor(request);
        assertMayImport(actor);
        // The batch's county must be the actor's (another county's batch is not found, whoever ran it).
        if (!(await findImportBatch(deps.pool, scopeOf(actor), request.params.batchId))) throw new AppError('NOT_FOUND', 'Import not found / 未找到该导入批次');
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
