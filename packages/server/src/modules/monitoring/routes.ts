import {
  HelperAssignedSchema,
  HelperBodySchema,
  HelperCandidatesSchema,
  MeasureBodySchema,
  MeasureCreatedSchema,
  MeasureMovedSchema,
  MeasureParams,
  MonitoringHouseholdParams,
  MonitoringObjectsPageSchema,
  MonitoringObjectsQuerySchema,
  MonitoringRecordSchema,
  MoveMeasureBodySchema,
  ReassignHelperBodySchema,
  ReassignHelperParams,
  can,
  scopeOf,
} from '@fangpin/domain';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { AppDeps } from '../../context.ts';
import { AppError } from '../../errors.ts';
import { requireActor } from '../../http/session.ts';
import { withUploadedFile } from '../../http/upload.ts';
import { localDate } from '../../clock.ts';
import { importMonitoring } from './import-monitoring.ts';
import { runRegistryQualityCheck } from './run-quality-check.ts';
import { withTransaction } from '../../db/client.ts';
import { assignHelper, listHelperCandidates, reassignHelper } from './assign-helper.ts';
import { listMonitoringObjects } from './list-monitoring-objects.ts';
import { attachMeasureEvidence, householdForMeasures, moveMeasure, recordMeasure } from './record-measure.ts';
import { readAttachmentUpload } from '../attachments/attachments.ts';
import { showMonitoringRecord } from './show-monitoring-record.ts';
import { helperVisitRoutes } from './helper-visit-routes.ts';
import { householdFileRoutes } from './household-file-routes.ts';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** An id that is not a uuid is simply not found (same answer as out-of-scope ids). */
function uuidOrNotFound(id: string): string {
  if (!UUID.test(id)) throw new AppError('NOT_FOUND', 'Household not found');
  return id;
}
export function monitoringRoutes(deps: AppDeps): FastifyPluginAsyncZod {
  return async (app) => {
    app.post(
      '/imports/monitoring',
      { schema: { tags: ['imports'], summary: 'Import monitoring facts of households (national export; multipart field `file`)', consumes: ['multipart/form-data'] } },
      async (request) => {
        const actor = requireActor(request);
        if (!can(actor, 'registry.import')) throw new AppError('FORBIDDEN', 'Your role may not import');
        return withUploadedFile(request, (file, fileName) => importMonitoring(deps.pool, actor, file, { today: localDate(deps.now()), fileName, limits: deps.config.importLimits }));
      },
    );
    app.get(
      '/monitoring-objects',
      {
        schema: {
          tags: ['monitoring'],
          summary: "The register of monitoring objects (监测对象) in the actor's scope; a helping cadre sees the households assigned to them",
          querystring: MonitoringObjectsQuerySchema,
          response: { 200: MonitoringObjectsPageSchema },
        },
      },
      async (request) => listMonitoringObjects(deps.pool, requireActor(request), localDate(deps.now()), request.query),
    );

    app.get(
      '/households/:id/monitoring',
      { schema: { tags: ['monitoring'], summary: 'The monitoring record of a household: status, risks, helpers with their history', params: MonitoringHouseholdParams, response: { 200: MonitoringRecordSchema } } },
      async (request) => showMonitoringRecord(deps.pool, requireActor(request), localDate(deps.now()), uuidOrNotFound(request.params.id)),
    );

    app.get(
      '/households/:id/helper-candidates',
      {
        schema: {
          tags: ['monitoring'],
          summary: 'Helping-cadre accounts that may be assigned to this household (their region contains it)',
          params: MonitoringHouseholdParams,
          response: { 200: HelperCandidatesSchema },
        },
      },
      async (request) => listHelperCandidates(deps.pool, requireActor(request), uuidOrNotFound(request.params.id)),
    );

    app.post(
      '/households/:id/helpers',
      {
        schema: {
          tags: ['monitoring'],
          summary: 'work team',
          params: MonitoringHouseholdParams,
          body: HelperBodySchema,
          response: { 201: HelperAssignedSchema },
        },
      },
      async (request, reply) => {
        const actor = requireActor(request);
        const result = await withTransaction(deps.pool, (tx) => assignHelper({ tx, actor, today: localDate(deps.now()), cipher: deps.cipher }, uuidOrNotFound(request.params.id), request.body));
        return reply.status(201).send(result);
      },
    );

    app.post(
      '/households/:id/helpers/:helperId/reassign',
      {
        schema: {
          tags: ['monitoring'],
          summary: 'Reassign a helper: the old assignment ends with the reason, the new helper takes over (history kept)',
          params: ReassignHelperParams,
          body: ReassignHelperBodySchema,
          response: { 201: HelperAssignedSchema },
        },
      },
      async (request, reply) => {
        const actor = requireActor(request);
        const result = await withTransaction(deps.pool, (tx) =>
          reassignHelper({ tx, actor, today: localDate(deps.now()), cipher: deps.cipher }, uuidOrNotFound(request.params.id), request.params.helperId, request.body),
        );
        return reply.status(201).send(result);
      },
    );

    app.post(
      '/households/:id/measures',
      {
        schema: {
          tags: ['monitoring'],
          summary: 'Record an assistance measure (帮扶措施) against one of the household risks; the coverage is re-checked',
          params: MonitoringHouseholdParams,
          body: MeasureBodySchema,
          response: { 201: MeasureCreatedSchema },
        },
      },
      async (request, reply) => {
        const actor = requireActor(request);
        const result = await withTransaction(deps.pool, (tx) => recordMeasure({ tx, actor, today: localDate(deps.now()) }, uuidOrNotFound(request.params.id), request.body));
        return reply.status(201).send(result);
      },
    );

    app.post(
      '/households/:id/measures/:measureId/status',
      {
        schema: {
          tags: ['monitoring'],
          summary: 'Move a measure forward: planned → inProgress → delivered (stale version: 409)',
          params: MeasureParams,
          body: MoveMeasureBodySchema,
          response: { 200: MeasureMovedSchema },
        },
      },
      async (request) => {
        const actor = requireActor(request);
        return withTransaction(deps.pool, (tx) => moveMeasure({ tx, actor, today: localDate(deps.now()) }, uuidOrNotFound(request.params.id), request.params.measureId, request.body));
      },
    );

    app.post(
      '/households/:id/measures/:measureId/attachments',
      {
        schema: {
          tags: ['monitoring'],
          summary: 'Attach evidence (photo or PDF scan, ≤ 10 MB; multipart field `file`) to a measure',
          params: MeasureParams,
          consumes: ['multipart/form-data'],
        },
      },
      async (request, reply) => {
        const actor = requireActor(request);
        const householdId = uuidOrNotFound(request.params.id);
        // Checked before the upload is read: no file is taken in from someone who may not attach it.
        await withTransaction(deps.pool, (tx) => householdForMeasures({ tx, actor, today: localDate(deps.now()) }, householdId));
        const file = await readAttachmentUpload(request);
        const view = await withTransaction(deps.pool, (tx) => attachMeasureEvidence({ tx, actor, today: localDate(deps.now()) }, householdId, request.params.measureId, file));
        return reply.status(201).send(view);
      },
    );

    app.get(
      '/quality-report',
      { schema: { tags: ['quality'], summary: "The eight national data-quality checks over the monitored households of the actor's region" } },
      async (request) => {
        const actor = requireActor(request);
        if (!can(actor, 'quality.read')) throw new AppError('FORBIDDEN', 'Your role may not read quality reports');
        return runRegistryQualityCheck(deps.pool, scopeOf(actor), { today: localDate(deps.now()) });
      },
    );

    await app.register(helperVisitRoutes(deps));
    await app.register(householdFileRoutes(deps));
  };
}
