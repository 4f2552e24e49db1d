import { PassThrough } from 'node:stream';
import {
  BatchParamsSchema,
  DepartmentBatchesSchema,
  DepartmentBatchQuerySchema,
  DepartmentImportQuerySchema,
  DepartmentImportResultSchema,
  DepartmentSourcesSchema,
  SourceParamsSchema,
  WarningCorrectionBodySchema,
  WarningCorrectionResultSchema,
  WarningEvidenceSchema,
  WarningListSchema,
  WarningQuerySchema,
  WarningTransitionResultsSchema,
  warningTransitionBodySchema,
  DEPARTMENT_SOURCES,
  DEPARTMENT_SOURCE_CODES,
  can, fieldPolicyOf, freeTextFor, mayReadWarningRows, withholdsSourceDetail, normalizeRegionCode, regionSignificantPrefix, scopeOf, type FieldPolicy, entryDateSchema } from '@fangpin/domain';
import { writeDepartmentErrorsXlsx } from './batch-errors-xlsx.ts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { AppDeps } from '../../context.ts';
import { AppError } from '../../errors.ts';
import { requireActor } from '../../http/session.ts';
import { withUploadedFile } from '../../http/upload.ts';
import { localDate } from '../../clock.ts';
import { findDepartmentBatches, findDepartmentBatchSource } from './repo.ts';
import { importUploadedDepartmentFile } from './import-upload.ts';
import { correctWarning } from './correct-warning.ts';
import { presentWarningText } from './present-warning.ts';
import { moveWarnings } from './update-warnings.ts';
import { findWarningEvidence, findWarnings, type WarningEvidenceRow, type WarningRow } from './warnings-repo.ts';
import { recordAudit } from '../audit/record-audit.ts';

/** A warning as `policy` lets it out (its words: presentWarningText). */
function presentWarning(policy: FieldPolicy, w: WarningRow) {
  return {
    ...w,
    ...presentWarningText(policy, w),
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
      { schema: { tags: ['department'], summary: 'The department sources, their columns and signal rules', response: { 200: DepartmentSourcesSchema } } },
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
          params: SourceParamsSchema,
          querystring: DepartmentImportQuerySchema,
          consumes: ['multipart/form-data'],
          response: { 200: DepartmentImportResultSchema },
        },
      },
      async (request) => {
        const actor = requireActor(request);
        if (!can(actor, 'department.import')) throw new AppError('FORBIDDEN', 'Your role may not import department data');
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
          querystring: DepartmentBatchQuerySchema,
          response: { 200: DepartmentBatchesSchema },
        },
      },
      async (request) => {
        const actor = requireActor(request);
        if (!can(actor, 'department.read')) throw new AppError('FORBIDDEN', 'Your role may not see department imports');
        return { items: await findDepartmentBatches(deps.pool, scopeOf(actor), request.query) };
      },
    );
    app.get(
      '/department-batches/:id/errors.xlsx',
      { schema: { tags: ['department'], summary: 'Rejected rows of a department batch as XLSX', params: BatchParamsSchema } },
      async (request, reply) => {
        const actor = requireActor(request);
        if (!can(actor, 'department.read')) throw new AppError('FORBIDDEN', 'Your role may not see department imports');
        const source = await findDepartmentBatchSource(deps.pool, scopeOf(actor), request.params.id);
        if (!source) throw new AppError('NOT_FOUND', 'Batch not found');
        await recordAudit(deps.pool, actor, 'department.batchErrors.exported', { type: 'department_batch', id: request.params.id, regionCode: actor.regionCode }, { details: { source } });
        const stream = new PassThrough();
        void writeDepartmentErrorsXlsx(deps.pool, request.params.id, source, stream).catch((error: unknown) => stream.destroy(error as Error));
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
          querystring: WarningQuerySchema,
          response: { 200: WarningListSchema },
        },
      },
      async (request) => {
        const actor = requireActor(request);
        if (!can(actor, 'warning.read')) throw new AppError('FORBIDDEN', 'Your role may not read warnings');
        const { page, pageSize, regionCode, ...filter } = request.query;
        let regionPrefix: string | undefined;
        try {
          regionPrefix = regionCode ? regionSignificantPrefix(normalizeRegionCode(regionCode)) : undefined;
        } catch {
          throw new AppError('VALIDATION_FAILED', 'regionCode must be a region code', { field: 'regionCode' });
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
          params: BatchParamsSchema,
          response: { 200: WarningEvidenceSchema },
        },
      },
      async (request) => {
        const actor = requireActor(request);
        if (!mayReadWarningRows(actor)) {
          throw new AppError('FORBIDDEN', "Only those who dispatch or verify warnings see their source rows");
        }
        const rows = await findWarningEvidence(deps.pool, scopeOf(actor), request.params.id);
        if (!rows) throw new AppError('NOT_FOUND', 'Warning not found');
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
            'Bulk: dispatch warnings to villages, or record the verification result (per-id outcome). `reason` is the verification note, required for riskConfirmed and noRisk; a confirmed risk returns the clue and the identification case it opened. `occurredOn` (default today, not after today) is the day the verification really happened: the clue date and the 15-day clock start there; a day before the warning was raised is refused for that warning (reason beforeWarning). A role that may never make the move (dispatch, or verify) gets 403 for the whole request.',
          body: warningTransitionBodySchema(entryDateSchema(() => localDate(deps.now()), 'notAfterToday')),
          response: { 200: WarningTransitionResultsSchema },
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
            "Correct a recorded verification result (county centre). `to`: another outcome, or `reopen` (back to where it stood before verification). When other live clues (a visit, a call) keep the case the warning's clue is in, only that clue is withdrawn (`withdrawnClue`) at any step before the county's decision, and the case goes on; otherwise, while the case is still at 线索登记 it is withdrawn with the reason; later the correction is 422 WORKFLOW_REFUSED (reason caseMoved).",
          params: BatchParamsSchema,
          body: WarningCorrectionBodySchema,
          response: { 200: WarningCorrectionResultSchema },
        },
      },
      async (request) => {
        const actor = requireActor(request);
        const corrected = await correctWarning({ pool: deps.pool, today: localDate(deps.now()), cipher: deps.cipher }, actor, request.params.id, request.body);
        const { rows } = await findWarnings(deps.pool, scopeOf(actor), { id: request.params.id, limit: 1, offset: 0 });
        const w = rows[0]!;
        return { warning: presentWarning(fieldPolicyOf(actor.role), w), withdrawnCase: corrected.withdrawnCase, openedCase: corrected.openedCase, withdrawnClue: corrected.withdrawnClue };
      },
    );
  };
}
