import { z } from 'zod';
import { PassThrough } from 'node:stream';
import { DEPARTMENT_SOURCES, DEPARTMENT_SOURCE_CODES, can, fieldPolicyOf, freeTextFor, mayReadWarningRows, withholdsSourceDetail, WITHHELD_HEALTH_TEXT, normalizeRegionCode, regionSignificantPrefix, scopeOf, type DepartmentSourceCode, type FieldPolicy, IsoDateSchema, WARNING_OUTCOMES, WARNING_STATUSES, entryDateSchema } from '@fangpin/domain';
import { writeDepartmentErrorsXlsx } from './batch-errors-xlsx.ts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { AppDeps } from '../../context.ts';
import { AppError } from '../../errors.ts';
import { requireActor } from '../../http/session.ts';
import { withUploadedFile } from '../../http/upload.ts';
import { localDate } from '../../clock.ts';
import { batchScopeCondition } from '../registry/import-batches.ts';
import { importUploadedDepartmentFile } from './import-upload.ts';
import { correctWarning } from './correct-warning.ts';
import { moveWarnings } from './update-warnings.ts';
import { findWarningEvidence, findWarnings, type WarningEvidenceRow, type WarningRow } from './warnings-repo.ts';
import { recordAudit } from '../audit/record-audit.ts';

const Source = z.enum(DEPARTMENT_SOURCE_CODES);
const WarningStatus = z.enum(WARNING_STATUSES);

const Warning = z
  .object({
    id: z.string(),
    householdId: z.string(),
    householdNumber: z.string(),
    headName: z.string().nullable(),
    regionCode: z.string(),
    villageName: z.string().nullable(),
    riskType: z.string(),
    period: z.string(),
    sources: z.array(z.string()),
    message: z.string(),
    numbers: z.record(z.string(), z.number()),
    ruleSetVersion: z.string(),
    isMonitored: z.boolean(),
    status: z.string(),
    statusReason: z.string().nullable(),
    dueOn: z.string().nullable(),
    createdAt: z.string(),
    /** The day the village really verified it (`occurredOn` of the verification), or null. */
    verifiedOn: z.string().nullable(),
    /** The identification case a confirmed risk opened (the latest, withdrawn or not). */
    caseId: z.string().nullable(),
    caseNumber: z.string().nullable(),
    caseStep: z.string().nullable(),
  })
  .meta({ id: 'Warning' });

/**
 * A warning as `policy` lets it out: for a role without health (or disability) detail, a warning
 * from the medical, health or disability source keeps its risk type but not its wording and numbers
 * (the amounts a family spent on illness, the kind of disability).
 */
function presentWarning(policy: FieldPolicy, w: WarningRow) {
  const isWithheld = withholdsSourceDetail(policy, w.sources);
  return {
    ...w,
    message: isWithheld ? `${w.sources.map((s) => DEPARTMENT_SOURCES[s as DepartmentSourceCode]?.zh ?? s).join('、')}：${WITHHELD_HEALTH_TEXT}` : w.message,
    numbers: isWithheld ? {} : w.numbers,
    statusReason: freeTextFor(policy, w.statusReason),
    createdAt: w.createdAt.toISOString(),
  };
}

function presentEvidence(policy: FieldPolicy, r: WarningEvidenceRow) {
  const { amountFen, ...rest } = r;
  const isWithheld = withholdsSourceDetail(policy, [r.source]);
  return { ...rest, kind: isWithheld ? null : r.kind, amount: isWithheld || amountFen === null ? null : amountFen / 100 };
}

export function departmentRoutes(deps: AppDeps): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/department-sources',
      { schema: { tags: ['department'], summary: 'The department sources, their columns and signal rules' } },
      async (request) => {
        requireActor(request);
        return { items: DEPARTMENT_SOURCE_CODES.map((code) => DEPARTMENT_SOURCES[code]) };
      },
    );
    app.post(
      '/imports/department/:source',
      {
        schema: {
          tags: ['department'],
          summary: 'Import a department file (multipart `file`); `?dryRun=true` previews without committing',
          params: z.object({ source: Source }),
          // asOf: the list's date for a per-record source's file without a date column whose title rows name none.
          querystring: z.object({ dryRun: z.enum(['true', 'false']).optional(), asOf: IsoDateSchema.optional() }),
          consumes: ['multipart/form-data'],
        },
      },
      async (request) => {
        const actor = requireActor(request);
        if (!can(actor, 'department.import')) throw new AppError('FORBIDDEN', 'Your role may not import department data / 您的角色无权导入部门数据');
        // With the county's saved header mapping; a preview also reports unrecognised headers and missing fields.
        return withUploadedFile(request, (file, fileName) =>
          importUploadedDepartmentFile({ pool: deps.pool, cipher: deps.cipher, today: localDate(deps.now()), limits: deps.config.importLimits }, actor, request.params.source, file, { dryRun: request.query.dryRun === 'true', fileName, ...(request.query.asOf ? { asOf: request.query.asOf } : {}) }),
        );
      },
    );
    app.get(
      '/department-batches',
      {
        schema: {
          tags: ['department'],
          summary: 'Department import history with counts (newest first)',
          querystring: z.object({ source: Source.optional(), limit: z.coerce.number().int().min(1).max(500).default(100) }),
        },
      },
      async (request) => {
        const actor = requireActor(request);
        if (!can(actor, 'department.read')) throw new AppError('FORBIDDEN', 'Your role may not see department imports / 您的角色无权查看部门导入记录');
        const params: unknown[] = [request.query.source ?? null, request.query.limit];
        const { rows } = await deps.pool.query(
          `SELECT id, source, file_name AS "fileName", compared_on AS "comparedOn", actor_name AS "actorName", rows, accepted, matched, unmatched, rejected,
             rejected_by_code AS "rejectedByCode", warnings, created_at AS "createdAt"
           FROM department_batches b WHERE ($1::text IS NULL OR source = $1) AND ${batchScopeCondition(scopeOf(actor), 'b', params)}
           ORDER BY created_at DESC LIMIT $2`,
          params,
        );
        return { items: rows };
      },
    );
    app.get(
      '/department-batches/:id/errors.xlsx',
      { schema: { tags: ['department'], summary: 'Rejected rows of a department batch as XLSX', params: z.object({ id: z.string().uuid() }) } },
      async (request, reply) => {
        const actor = requireActor(request);
        if (!can(actor, 'department.read')) throw new AppError('FORBIDDEN', 'Your role may not see department imports / 您的角色无权查看部门导入记录');
        const params: unknown[] = [request.params.id];
        const { rows } = await deps.pool.query<{ source: DepartmentSourceCode }>(`SELECT source FROM department_batches b WHERE b.id = $1 AND ${batchScopeCondition(scopeOf(actor), 'b', params)}`, params);
        if (!rows[0]) throw new AppError('NOT_FOUND', 'Batch not found / 未找到该导入批次');
        await recordAudit(deps.pool, actor, 'department.batchErrors.exported', { type: 'department_batch', id: request.params.id, regionCode: actor.regionCode }, { details: { source: rows[0].source } });
        const stream = new PassThrough();
        void writeDepartmentErrorsXlsx(deps.pool, request.params.id, rows[0].source, stream).catch((error: unknown) => stream.destroy(error as Error));
        return reply
          .type('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
          .header('content-disposition', `attachment; filename="department-errors-${request.params.id}.xlsx"`)
          .send(stream);
      },
    );
    app.get(
      '/warnings',
      {
        schema: {
          tags: ['department'],
          summary: "Warnings (预警) in the actor's region",
          querystring: z.object({
            source: Source.optional(),
            status: WarningStatus.optional(),
            riskType: z.string().max(4).optional(),
            regionCode: z.string().max(15).optional(),
            dueBefore: IsoDateSchema.optional(),
            /** One household's warnings (its page shows them, monitored or not). */
            householdId: z.string().uuid().optional(),
            page: z.coerce.number().int().min(1).default(1),
            pageSize: z.coerce.number().int().min(1).max(500).default(50),
          }),
          response: { 200: z.object({ items: z.array(Warning), total: z.number() }) },
        },
      },
      async (request) => {
        const actor = requireActor(request);
        if (!can(actor, 'warning.read')) throw new AppError('FORBIDDEN', 'Your role may not read warnings / 您的角色无权查看预警');
        const { page, pageSize, regionCode, ...filter } = request.query;
        let regionPrefix: string | undefined;
        try {
          regionPrefix = regionCode ? regionSignificantPrefix(normalizeRegionCode(regionCode)) : undefined;
        } catch {
          throw new AppError('VALIDATION_FAILED', 'regionCode must be a region code / 行政区划代码格式不正确', { field: 'regionCode' });
        }
        const { rows, total } = await findWarnings(deps.pool, scopeOf(actor), { ...filter, regionPrefix, limit: pageSize, offset: (page - 1) * pageSize });
        const policy = fieldPolicyOf(actor.role);
        return { items: rows.map((w) => presentWarning(policy, w)), total };
      },
    );
    app.get(
      '/warnings/:id/rows',
      {
        schema: {
          tags: ['department'],
          summary: 'The department rows a warning rests on: who, when, how much, and file and row they came from (masked ID numbers); audited',
          params: z.object({ id: z.string().uuid() }),
          response: {
            200: z.object({
              items: z.array(
                z
                  .object({
                    source: z.string(),
                    batchId: z.string(),
                    fileName: z.string(),
                    comparedOn: z.string(),
                    sheet: z.string().nullable(),
                    row: z.number(),
                    memberName: z.string().nullable(),
                    idMasked: z.string().nullable(),
                    eventDate: z.string().nullable(),
                    /** Yuan (the row's amount column: out-of-pocket for medical, the cost or income for others). */
                    amount: z.number().nullable(),
                    kind: z.string().nullable(),
                  })
                  .meta({ id: 'WarningEvidenceRow' }),
              ),
            }),
          },
        },
      },
      async (request) => {
        const actor = requireActor(request);
        if (!mayReadWarningRows(actor)) {
          throw new AppError('FORBIDDEN', "Only those who dispatch or verify warnings see their source rows / 仅负责下发或核实预警的人员可查看预警依据");
        }
        const rows = await findWarningEvidence(deps.pool, scopeOf(actor), request.params.id);
        if (!rows) throw new AppError('NOT_FOUND', 'Warning not found / 未找到该预警');
        await recordAudit(deps.pool, actor, 'warning.rows.viewed', { type: 'warning', id: request.params.id, regionCode: actor.regionCode }, { details: { rows: rows.length } });
        const policy = fieldPolicyOf(actor.role);
        return { items: rows.map((r) => presentEvidence(policy, r)) };
      },
    );
    app.post(
      '/warnings/transition',
      {
        schema: {
          tags: ['department'],
          summary:
            'Bulk: dispatch warnings to villages, or record the verification result (per-id outcome). `reason` is the verification note, required for riskConfirmed and noRisk; a confirmed risk returns the clue and the identification case it opened. `occurredOn` (default today, not after today) is the day the verification really happened: the clue date and the 15-day clock start there; a day before the warning was raised is refused for that warning (reason beforeWarning).',
          body: z.object({
            ids: z.array(z.string().uuid()).min(1).max(500),
            to: z.enum(['dispatched', 'riskConfirmed', 'noRisk', 'alreadyMonitored']),
            reason: z.string().max(500).optional(),
            occurredOn: entryDateSchema(() => localDate(deps.now()), 'notAfterToday').optional(),
          }),
        },
      },
      async (request) => {
        const today = localDate(deps.now());
        const { ids, to, reason, occurredOn } = request.body;
        return { results: await moveWarnings(deps.pool, requireActor(request), ids, to, reason, today, occurredOn ?? today) };
      },
    );
    app.post(
      '/warnings/:id/correction',
      {
        schema: {
          tags: ['department'],
          summary:
            "Correct a recorded verification result (county centre). `to`: another outcome, or `reopen` (back to where it stood before verification). While the case a confirmed risk opened is still at 线索登记 it is withdrawn with the reason; later the correction is 422 WORKFLOW_REFUSED (reason caseMoved).",
          params: z.object({ id: z.string().uuid() }),
          body: z.object({ to: z.enum(['reopen', ...WARNING_OUTCOMES]), reason: z.string().max(500) }),
          response: {
            200: z.object({
              warning: Warning,
              withdrawnCase: z.object({ id: z.string(), caseNumber: z.string() }).nullable(),
              openedCase: z.object({ id: z.string(), caseNumber: z.string() }).nullable(),
            }),
          },
        },
      },
      async (request) => {
        const actor = requireActor(request);
        const corrected = await correctWarning({ pool: deps.pool, today: localDate(deps.now()), cipher: deps.cipher }, actor, request.params.id, request.body);
        const { rows } = await findWarnings(deps.pool, scopeOf(actor), { id: request.params.id, limit: 1, offset: 0 });
        const w = rows[0]!;
        return { warning: { ...w, createdAt: w.createdAt.toISOString() }, withdrawnCase: corrected.withdrawnCase, openedCase: corrected.openedCase };
      },
    );
  };
}
