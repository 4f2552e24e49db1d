import { BatchParamsSchema, ImportJobQuerySchema, ImportJobSchema, ImportJobStartedSchema, SourceParamsSchema, can, scopeOf, type DepartmentImportResult, type ImportStep } from '@fangpin/domain';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { AppDeps } from '../../context.ts';
import { AppError } from '../../errors.ts';
import { requireActor } from '../../http/session.ts';
import { createDepartmentImportJob } from './create-import-job.ts';
import { findImportJob, storedJobError } from './repo.ts';

/** Background imports (pg-boss): start one with an upload, then poll its progress. */
export function importJobRoutes(deps: AppDeps): FastifyPluginAsyncZod {
  return async (app) => {
    app.post(
      '/import-jobs/department/:source',
      {
        schema: {
          tags: ['department'],
          summary: 'Start a background department import (multipart `file`); poll GET /import-jobs/:id',
          params: SourceParamsSchema,
          // asOf: the list's date for a per-record source's file without a date column whose title rows name none.
          querystring: ImportJobQuerySchema,
          consumes: ['multipart/form-data'],
          response: { 202: ImportJobStartedSchema },
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
          params: BatchParamsSchema,
          response: { 200: ImportJobSchema },
        },
      },
      async (request) => {
        const actor = requireActor(request);
        if (!can(actor, 'department.read') && !can(actor, 'registry.import')) throw new AppError('FORBIDDEN', 'Not allowed');
        const job = await findImportJob(deps.pool, scopeOf(actor), request.params.id);
        if (!job) throw new AppError('NOT_FOUND', 'Import job not found');
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
          result: (job.result as DepartmentImportResult | null) ?? null,
          error: storedJobError(job.error)?.detail ?? null,
          problem: job.status === 'failed' ? (storedJobError(job.error)?.problem ?? { code: 'INTERNAL' as const }) : null,
          actorName: job.actorName,
          createdAt: new Date(job.createdAt).toISOString(),
          startedAt: iso(job.startedAt),
          finishedAt: iso(job.finishedAt),
        };
      },
    );
  };
}
