import { DEPARTMENT_SOURCE_CODES, IsoDateSchema, can, scopeOf } from '@fangpin/domain';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppDeps } from '../../context.ts';
import { AppError } from '../../errors.ts';
import { requireActor } from '../../http/session.ts';
import { createDepartmentImportJob } from './create-import-job.ts';
import { IMPORT_STEPS, type ImportStep } from '../department/import-department.ts';
import { findImportJob } from './repo.ts';

const ImportJob = z
  .object({
    id: z.string(),
    kind: z.string(),
    source: z.string().nullable(),
    fileName: z.string(),
    status: z.enum(['queued', 'running', 'done', 'failed']),
    rowsDone: z.number(),
    rowsTotal: z.number().nullable(),
    /** While running: waiting for the county's previous import of the same source, reading the rows (rowsDone counts them), matching them to the registry, or writing warnings. */
    step: z.enum(IMPORT_STEPS).nullable(),
    /** The import's result (counts, batchId, first rejected rows) once done. */
    result: z.unknown().nullable(),
    error: z.string().nullable(),
    actorName: z.string(),
    createdAt: z.string(),
    startedAt: z.string().nullable(),
    finishedAt: z.string().nullable(),
  })
  .meta({ id: 'ImportJob' });

/** Background imports (pg-boss): start one with an upload, then poll its progress. */
export function importJobRoutes(deps: AppDeps): FastifyPluginAsyncZod {
  return async (app) => {
    app.post(
      '/import-jobs/department/:source',
      {
        schema: {
          tags: ['department'],
          summary: 'Start a background department import (multipart `file`); poll GET /import-jobs/:id',
          params: z.object({ source: z.enum(DEPARTMENT_SOURCE_CODES) }),
          // asOf: the list's date for a per-record source's file without a date column whose title rows name none.
          querystring: z.object({ asOf: IsoDateSchema.optional() }),
          consumes: ['multipart/form-data'],
          response: { 202: z.object({ jobId: z.string() }) },
        },
      },
      async (request, reply) => {
        const answer = await createDepartmentImportJob(deps, requireActor(request), request.params.source, request, request.query.asOf);
        return reply.status(202).send(answer);
      },
    );
    app.get(
      '/import-jobs/:id',
      {
        schema: {
          tags: ['department'],
          summary: "A background import's status and progress (rows done / total), then its result",
          params: z.object({ id: z.string().uuid() }),
          response: { 200: ImportJob },
        },
      },
      async (request) => {
        const actor = requireActor(request);
        if (!can(actor, 'department.read') && !can(actor, 'registry.import')) throw new AppError('FORBIDDEN', 'Not allowed / 无权操作');
        const job = await findImportJob(deps.pool, scopeOf(actor), request.params.id);
        if (!job) throw new AppError('NOT_FOUND', 'Import job not found / 未找到该导入任务');
        const iso = (d: Date | null) => (d ? new Date(d).toISOString() : null);
        return {
          id: job.id,
          kind: job.kind,
          source: job.source,
          fileName: job.fileName,
          status: job.status,
          rowsDone: job.rowsDone,
          rowsTotal: job.rowsTotal,
          step: (job.step as ImportStep | null) ?? null,
          result: job.result ?? null,
          error: job.error,
          actorName: job.actorName,
          createdAt: new Date(job.createdAt).toISOString(),
          startedAt: iso(job.startedAt),
          finishedAt: iso(job.finishedAt),
        };
      },
    );
  };
}
