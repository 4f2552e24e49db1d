import { can, scopeOf } from '@fangpin/domain';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { AppDeps } from '../../context.ts';
import { AppError } from '../../errors.ts';
import { requireActor } from '../../http/session.ts';
import { withUploadedFile } from '../../http/upload.ts';
import { localDate } from '../../clock.ts';
import { importMonitoring } from './import-monitoring.ts';
import { runRegistryQualityCheck } from './run-quality-check.ts';

export function monitoringRoutes(deps: AppDeps): FastifyPluginAsyncZod {
  return async (app) => {
    app.post(
      '/imports/monitoring',
      { schema: { tags: ['imports'], summary: 'Import monitoring facts of households (national export; multipart field `file`)', consumes: ['multipart/form-data'] } },
      async (request) => {
        const actor = requireActor(request);
        if (!can(actor, 'registry.import')) throw new AppError('FORBIDDEN', 'Your role may not import / 您的角色无权导入');
        return withUploadedFile(request, (file, fileName) => importMonitoring(deps.pool, actor, file, { today: localDate(deps.now()), fileName, limits: deps.config.importLimits }));
      },
    );
    app.get(
      '/quality-report',
      { schema: { tags: ['quality'], summary: "The eight national data-quality checks over the monitored households of the actor's region" } },
      async (request) => {
        const actor = requireActor(request);
        if (!can(actor, 'quality.read')) throw new AppError('FORBIDDEN', 'Your role may not read quality reports / 您的角色无权查看数据质量报告');
        return runRegistryQualityCheck(deps.pool, scopeOf(actor), { today: localDate(deps.now()) });
      },
    );
  };
}
