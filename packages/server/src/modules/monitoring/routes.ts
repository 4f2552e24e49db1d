import { isIsoDate, HELPER_KINDS, MEASURE_STATUSES, MONITORING_FLAGS, MONITORING_STATUSES, can, isWithinRegion, scopeOf } from '@fangpin/domain';
import { findHousehold } from '../registry/repo.ts';
import { findHelpingCadresOfCounty } from './repo.ts';
import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { AppDeps } from '../../context.ts';
import { AppError } from '../../errors.ts';
import { requireActor } from '../../http/session.ts';
import { withUploadedFile } from '../../http/upload.ts';
import { localDate } from '../../clock.ts';
import { importMonitoring } from './import-monitoring.ts';
import { runRegistryQualityCheck } from './run-quality-check.ts';
import { withTransaction } from '../../db/client.ts';
import { assignHelper, reassignHelper } from './assign-helper.ts';
import { HELPER_TIMELINESS } from './as-of-sql.ts';
import { listMonitoringObjects } from './list-monitoring-objects.ts';
import { attachMeasureEvidence, householdForMeasures, moveMeasure, recordMeasure } from './record-measure.ts';
import { readAttachmentUpload } from '../attachments/attachments.ts';
import { showMonitoringRecord } from './show-monitoring-record.ts';
import { helperVisitRoutes } from './helper-visit-routes.ts';
import { householdFileRoutes } from './household-file-routes.ts';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** An id that is not a uuid is simply not found (same answer as out-of-scope ids). */
function uuidOrNotFound(id: string): string {
  if (!UUID.test(id)) throw new AppError('NOT_FOUND', 'Household not found / 未找到该农户');
  return id;
}
const IsoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'YYYY-MM-DD');

const HelperSummary = z.object({ id: z.string(), kind: z.enum(HELPER_KINDS), name: z.string(), unit: z.string(), phoneMasked: z.string(), assignedOn: z.string(), userId: z.string().nullable() });

/** One item of `GET /api/monitoring-objects` (automation contract of issue 13, plus place names and income). */
export const MonitoringObjectItem = z
  .object({
    householdId: z.string(),
    householdNumber: z.string(),
    headName: z.string(),
    regionCode: z.string(),
    villageName: z.string(),
    townshipName: z.string(),
    category: z.string().nullable(),
    riskTypes: z.array(z.string()),
    status: z.enum(MONITORING_STATUSES),
    identifiedOn: z.string().nullable(),
    helpers: z.array(HelperSummary),
    /** Risk types without a measure of a matching category (docs/DOMAIN.md coverage rules). */
    uncoveredRiskTypes: z.array(z.string()),
    helperDueOn: z.string().nullable(),
    isHelperOverdue: z.boolean(),
    hasHelper: z.boolean(),
    incomeYear: z.number(),
    perCapitaIncome: z.number(),
    eliminatedOn: z.string().nullable(),
    /** The last helper visit (帮扶走访), and the day the next is due by the rule set's visit interval (null once eliminated). */
    lastVisitOn: z.string().nullable(),
    nextVisitDueOn: z.string().nullable(),
    isVisitOverdue: z.boolean(),
  })
  .meta({ id: 'MonitoringObject' });

const HelperBody = z.object({
  kind: z.enum(HELPER_KINDS),
  userId: z.string().max(40).optional(),
  name: z.string().max(50).optional(),
  unit: z.string().max(100).optional(),
  phone: z.string().max(30).optional(),
  assignedOn: IsoDate.optional(),
});
const MeasureBody = z.object({
  riskType: z.string().regex(/^\d{2,4}$/),
  category: z.string().max(40),
  measure: z.string().max(200),
  department: z.string().max(100).optional(),
  amount: z.number().nonnegative().max(100_000_000).nullable().optional(),
  startOn: IsoDate,
  endOn: IsoDate.nullable().optional(),
  status: z.enum(MEASURE_STATUSES).optional(),
});
const Assigned = z.object({ id: z.string(), assignedOn: z.string(), dueOn: z.string().nullable(), isLate: z.boolean() });

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
      '/monitoring-objects',
      {
        schema: {
          tags: ['monitoring'],
          summary: "The register of monitoring objects (监测对象) in the actor's scope; a helping cadre sees the households assigned to them",
          querystring: z.object({
            status: z.enum([...MONITORING_STATUSES, 'eliminated']).optional().describe('`eliminated`: either eliminated status'),
            category: z.enum(['unstable', 'marginal', 'sudden', 'none']).optional().describe('`none`: no category recorded'),
            riskType: z.string().regex(/^\d{2,4}$/).optional(),
            regionCode: z.string().max(15).optional(),
            flag: z.enum(MONITORING_FLAGS).optional(),
            asOf: IsoDate.refine(isIsoDate, 'not a calendar date / 不是有效日期').optional().describe('Read the register as of this day (docs/statistics.md): households identified by then, status and flags on that day'),
            helper: z.enum(HELPER_TIMELINESS).optional().describe('Helper assignment timeliness as of `asOf` (default today): onTime | late | unassigned'),
            identifiedIn: z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'YYYY-MM').optional().describe('Identified in this month (not after `asOf`)'),
            eliminatedIn: z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'YYYY-MM').optional().describe('Eliminated in this month (not after `asOf`)'),
            page: z.coerce.number().int().min(1).default(1),
            pageSize: z.coerce.number().int().min(1).max(200).default(20),
          }),
          response: { 200: z.object({ items: z.array(MonitoringObjectItem), total: z.number(), page: z.number(), pageSize: z.number() }) },
        },
      },
      async (request) => listMonitoringObjects(deps.pool, requireActor(request), localDate(deps.now()), request.query),
    );

    app.get(
      '/households/:id/monitoring',
      { schema: { tags: ['monitoring'], summary: 'The monitoring record of a household: status, risks, helpers with their history', params: z.object({ id: z.string() }) } },
      async (request) => showMonitoringRecord(deps.pool, requireActor(request), localDate(deps.now()), uuidOrNotFound(request.params.id)),
    );

    app.get(
      '/households/:id/helper-candidates',
      {
        schema: {
          tags: ['monitoring'],
          summary: 'Helping-cadre accounts that may be assigned to this household (their region contains it)',
          params: z.object({ id: z.string() }),
          response: { 200: z.object({ items: z.array(z.object({ id: z.string(), displayName: z.string(), regionCode: z.string(), regionName: z.string().nullable() })) }) },
        },
      },
      async (request) => {
        const actor = requireActor(request);
        const household = await findHousehold(deps.pool, scopeOf(actor), uuidOrNotFound(request.params.id));
        if (!household) throw new AppError('NOT_FOUND', 'Household not found / 未找到该农户');
        if (!can(actor, 'helper.assign', { regionCode: household.regionCode })) throw new AppError('FORBIDDEN', 'Your role may not assign helpers / 您的角色无权落实帮扶责任人');
        const cadres = await findHelpingCadresOfCounty(deps.pool, household.countyCode);
        return { items: cadres.filter((c) => isWithinRegion(household.regionCode, c.regionCode)) };
      },
    );

    app.post(
      '/households/:id/helpers',
      {
        schema: {
          tags: ['monitoring'],
          summary: 'Assign a helper (帮扶责任人): a helping-cadre account, or a named person with unit and phone, or the first secretary / work team',
          params: z.object({ id: z.string() }),
          body: HelperBody,
          response: { 201: Assigned },
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
          params: z.object({ id: z.string(), helperId: z.string() }),
          body: HelperBody.extend({ reason: z.string().max(200) }),
          response: { 201: Assigned },
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
          params: z.object({ id: z.string() }),
          body: MeasureBody,
          response: { 201: z.object({ id: z.string() }) },
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
          params: z.object({ id: z.string(), measureId: z.string() }),
          body: z.object({ status: z.enum(MEASURE_STATUSES), version: z.number().int(), on: IsoDate.optional() }),
          response: { 200: z.object({ id: z.string(), status: z.enum(MEASURE_STATUSES), version: z.number() }) },
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
          params: z.object({ id: z.string(), measureId: z.string() }),
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
        if (!can(actor, 'quality.read')) throw new AppError('FORBIDDEN', 'Your role may not read quality reports / 您的角色无权查看数据质量报告');
        return runRegistryQualityCheck(deps.pool, scopeOf(actor), { today: localDate(deps.now()) });
      },
    );

    await app.register(helperVisitRoutes(deps));
    await app.register(householdFileRoutes(deps));
  };
}
