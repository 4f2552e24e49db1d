/**
 * Department data comparison (部门数据比对) API: the sources and their county settings, file
 * imports (at once or as background jobs), the import history, and the warnings (预警) they raise
 * with their verification and correction (issue 12: one contract for server and web).
 */
import { z } from 'zod';
import { DEPARTMENT_SOURCE_CODES } from '../department/sources.ts';
import { IsoDateSchema } from '../rulesets/rule-set.schema.ts';
import { WARNING_OUTCOMES, WARNING_STATUSES } from '../workflow/warning.ts';
import { ERROR_CODE_LIST, PROBLEM_REASONS } from './problems.ts';
import { IMPORT_ROW_CODES } from './registry.ts';

export const DepartmentSourceCodeSchema = z.enum(DEPARTMENT_SOURCE_CODES);
export const SourceParamsSchema = z.object({ source: DepartmentSourceCodeSchema });

/** How a department source's records become warnings. */
export const SignalRuleSchema = z.enum(['rollingSum', 'perRecord', 'yearOnYear', 'none']);

export const DepartmentSourceFieldSchema = z.object({
  field: z.string(),
  zh: z.string(),
  type: z.enum(['idNumber', 'text', 'date', 'amount', 'kind']),
  /** Column headers recognised for this field. */
  aliases: z.array(z.string()).readonly(),
  isRequired: z.boolean().optional(),
  /** For `kind` fields: cell text → record kind. */
  kinds: z.record(z.string(), z.string()).optional(),
});
export type DepartmentSourceField = z.infer<typeof DepartmentSourceFieldSchema>;

/** One department that sends data for comparison (GET /api/department-sources). */
export const DepartmentSourceSchema = z
  .object({
    code: DepartmentSourceCodeSchema,
    zh: z.string(),
    en: z.string(),
    signal: SignalRuleSchema,
    dateField: z.string().optional(),
    amountField: z.string().optional(),
    fields: z.array(DepartmentSourceFieldSchema).readonly(),
  })
  .meta({ id: 'DepartmentSource' });
export const DepartmentSourcesSchema = z.object({ items: z.array(DepartmentSourceSchema) });

/** A rejected row of a department file. */
export const DepartmentImportErrorSchema = z.object({
  sheet: z.string().nullable(),
  row: z.number(),
  /** The column(s) as the file names them (several joined with 、). */
  column: z.string(),
  code: z.enum(IMPORT_ROW_CODES),
  /** The clerk's Chinese sentence(s) with the cell's text (what the errors spreadsheet holds). */
  message: z.string(),
});
export type DepartmentImportError = z.infer<typeof DepartmentImportErrorSchema>;

const FieldName = z.object({ field: z.string(), zh: z.string() });
/** Preview only: the file's headers, recognised or not, and the fields no header supplies. */
export const DepartmentHeaderCheckSchema = z.object({
  sheet: z.string().nullable(),
  /** Row number of the header (title rows above it are skipped); null when no header row was found. */
  rowNumber: z.number().nullable(),
  recognised: z.array(z.object({ header: z.string(), field: z.string(), isMapped: z.boolean() })),
  /** Headers as written that match no field; the preview offers a field for each. */
  unrecognised: z.array(z.string()),
  /** Required fields no header supplies: the file cannot be imported until mapped. */
  missingFields: z.array(FieldName),
  /** Optional fields no header supplies (with nothing required missing, the unrecognised headers are simply not read). */
  missingOptionalFields: z.array(FieldName),
  /**
   * A per-record source's list without its date column: the list's date from the title rows or the
   * uploader; null while neither gives one (the page asks for it). Absent when the file has the column.
   */
  listDate: z.object({ date: z.string(), from: z.enum(['title', 'uploader']) }).nullable().optional(),
});
export type DepartmentHeaderCheck = z.infer<typeof DepartmentHeaderCheckSchema>;

/** What a department import counted, as its answer and the import history both report it. */
const importCountFields = {
  rows: z.number(),
  accepted: z.number(),
  matched: z.number(),
  unmatched: z.number(),
  rejected: z.number(),
  rejectedByCode: z.record(z.string(), z.number()),
  warnings: z.number(),
};

/** Answer of POST /api/imports/department/:source (preview with dryRun=true, or the import), and a finished job's result. */
export const DepartmentImportResultSchema = z
  .object({
    ...importCountFields,
    newWarnings: z.number(),
    batchId: z.string(),
    isDryRun: z.boolean(),
    /** This exact file was imported before for this county and source: nothing was changed. */
    isRepeat: z.boolean(),
    /** Lines repeating an earlier line of the same file (the same settlement twice): counted once. */
    duplicates: z.number(),
    /** A list without a date column: the date every row took, from its title rows or the uploader. */
    listDate: z.string().nullable(),
    listDateFrom: z.enum(['title', 'uploader']).nullable(),
    /** The first rejected rows (at most 1000). */
    errors: z.array(DepartmentImportErrorSchema),
    headerCheck: DepartmentHeaderCheckSchema.optional(),
  })
  .meta({ id: 'DepartmentImportResult' });
export type DepartmentImportResult = z.infer<typeof DepartmentImportResultSchema>;

export const DepartmentImportQuerySchema = z.strictObject({
  dryRun: z.enum(['true', 'false']).optional(),
  /** The list's date for a per-record source's file without a date column whose title rows name none. */
  asOf: IsoDateSchema.optional(),
});
export const ImportJobQuerySchema = z.strictObject({ asOf: IsoDateSchema.optional() });

export const DepartmentBatchQuerySchema = z.strictObject({ source: DepartmentSourceCodeSchema.optional(), limit: z.coerce.number().int().min(1).max(500).default(100) });

/** One stored department import (GET /api/department-batches), newest first. */
export const DepartmentBatchSchema = z
  .object({
    id: z.string(),
    source: DepartmentSourceCodeSchema,
    fileName: z.string(),
    comparedOn: z.string(),
    actorName: z.string(),
    ...importCountFields,
    createdAt: z.string(),
  })
  .meta({ id: 'DepartmentBatch' });
export type DepartmentBatch = z.infer<typeof DepartmentBatchSchema>;
export const DepartmentBatchesSchema = z.object({ items: z.array(DepartmentBatchSchema) });
export const BatchParamsSchema = z.object({ id: z.string().uuid() });

/** Which county's settings (an account above county level names it). */
export const CountyQuerySchema = z.strictObject({ countyCode: z.string().regex(/^\d{6}(\d{6}(\d{3})?)?$/).optional() });

/** A county's settings for one source (GET/PUT /api/department-sources/:source/settings). */
export const DepartmentSourceSettingsSchema = z
  .object({
    countyCode: z.string(),
    source: DepartmentSourceCodeSchema,
    /** Normalized file header → field. */
    headerMapping: z.record(z.string(), z.string()),
    monthlyRecompare: z.boolean(),
    lastRecomparedOn: z.string().nullable(),
    updatedBy: z.string().nullable(),
    updatedAt: z.string().nullable(),
  })
  .meta({ id: 'DepartmentSourceSettings' });
export type DepartmentSourceSettings = z.infer<typeof DepartmentSourceSettingsSchema>;
export const DepartmentSourceSettingsBodySchema = z.strictObject({ headerMapping: z.record(z.string().min(1).max(100), z.string().max(50)).optional(), monthlyRecompare: z.boolean().optional() });
export type DepartmentSourceSettingsBody = z.infer<typeof DepartmentSourceSettingsBodySchema>;
export const RecompareResultSchema = z.object({ households: z.number(), warnings: z.number(), newWarnings: z.number(), recomparedOn: z.string() });
export type RecompareResult = z.infer<typeof RecompareResultSchema>;

/** While running: waiting for the county's previous import of the source, reading the rows, matching them to the registry, or writing warnings. */
export const IMPORT_STEPS = ['waiting', 'reading', 'matching', 'warnings'] as const;
export type ImportStep = (typeof IMPORT_STEPS)[number];

/** Why a background import failed, as data: the problem's code, reason and params (the page writes the text). */
export const ImportJobProblemSchema = z.object({
  code: z.enum(ERROR_CODE_LIST),
  reason: z.enum(PROBLEM_REASONS).optional(),
  params: z.record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.null(), z.array(z.string()).readonly()])).optional(),
  row: z.number().int().optional(),
  field: z.string().optional(),
  /** For IMPORT_LIMIT_EXCEEDED: which limit. */
  limit: z.string().optional(),
});
export type ImportJobProblem = z.infer<typeof ImportJobProblemSchema>;

/** A background import (GET /api/import-jobs/:id). */
export const ImportJobSchema = z
  .object({
    id: z.string(),
    kind: z.string(),
    source: DepartmentSourceCodeSchema.nullable(),
    fileName: z.string(),
    status: z.enum(['queued', 'running', 'done', 'failed']),
    rowsDone: z.number(),
    rowsTotal: z.number().nullable(),
    step: z.enum(IMPORT_STEPS).nullable(),
    /** The import's result (counts, batchId, first rejected rows) once done. */
    result: DepartmentImportResultSchema.nullable(),
    /** English text of the failure, for logs and API users. */
    error: z.string().nullable(),
    /** The failure as data (code, reason, params), for the page to write in the reader's language. */
    problem: ImportJobProblemSchema.nullable(),
    actorName: z.string(),
    createdAt: z.string(),
    startedAt: z.string().nullable(),
    finishedAt: z.string().nullable(),
  })
  .meta({ id: 'ImportJob' });
export type ImportJob = z.infer<typeof ImportJobSchema>;
export const ImportJobStartedSchema = z.object({ jobId: z.string() });

export const WarningStatusSchema = z.enum(WARNING_STATUSES);
export type WarningTransition = Exclude<z.infer<typeof WarningStatusSchema>, 'new'>;

export const WarningSchema = z
  .object({
    id: z.string(),
    householdId: z.string(),
    householdNumber: z.string(),
    headName: z.string().nullable(),
    regionCode: z.string(),
    villageName: z.string().nullable(),
    /** 风险类型 code: '01' 因病, '09' 因学… */
    riskType: z.string(),
    /** YYYY-MM */
    period: z.string(),
    sources: z.array(z.string()),
    /** zh-CN explanation written by the server (stored; the fallback when `signal` is null). */
    message: z.string(),
    signal: z
      .string()
      .nullable()
      .describe('the signal behind the warning (domain DepartmentSignalCode: medicalOutOfPocket, suspectedDropout …): the web writes the sentence from it and `numbers` in the reader\'s language; null on warnings raised before it was stored (then `message`) and when the detail is withheld'),
    /** The role may not read the health or disability detail: `message` is the withheld notice, `numbers` empty. */
    detailWithheld: z.boolean().describe('true when the health or disability detail is withheld from this role (message and numbers left out)'),
    numbers: z.record(z.string(), z.number()),
    ruleSetVersion: z.string(),
    isMonitored: z.boolean(),
    status: WarningStatusSchema,
    statusReason: z.string().nullable(),
    /** YYYY-MM-DD */
    dueOn: z.string().nullable(),
    createdAt: z.string(),
    /** The day the village really verified it (`occurredOn` of the verification), or null. */
    verifiedOn: z.string().nullable(),
    /** The identification case a confirmed risk opened (the latest, withdrawn or not). */
    caseId: z.string().nullable(),
    caseNumber: z.string().nullable(),
    caseStep: z.string().nullable(),
    /** The case has other live clues (a visit, a call): a correction withdraws only this warning's clue and the case goes on. */
    caseKeepsOtherClues: z.boolean().optional(),
  })
  .meta({ id: 'Warning' });
export type Warning = z.infer<typeof WarningSchema>;

export const WarningQuerySchema = z.strictObject({
  source: DepartmentSourceCodeSchema.optional(),
  status: WarningStatusSchema.optional(),
  riskType: z.string().max(4).optional(),
  regionCode: z.string().max(15).optional(),
  dueBefore: IsoDateSchema.optional(),
  /** One household's warnings (its page shows them, monitored or not). */
  householdId: z.string().uuid().optional(),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(500).default(50),
});
/** What the web sends (page and size always given). */
export type WarningQuery = z.input<typeof WarningQuerySchema> & { page: number; pageSize: number };
export const WarningListSchema = z.object({ items: z.array(WarningSchema), total: z.number() });

/** A department row behind a warning (GET /api/warnings/:id/rows). */
export const WarningEvidenceRowSchema = z
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
  .meta({ id: 'WarningEvidenceRow' });
export type WarningEvidenceRow = z.infer<typeof WarningEvidenceRowSchema>;
export const WarningEvidenceSchema = z.object({ items: z.array(WarningEvidenceRowSchema) });

/** `occurredOn` is checked against today by the server (entryDateSchema), so the body is built per request. */
export function warningTransitionBodySchema(occurredOn: z.ZodType<string>) {
  return z.strictObject({
    ids: z.array(z.string().uuid()).min(1).max(500),
    to: z.enum(['dispatched', ...WARNING_OUTCOMES]),
    reason: z.string().max(500).optional(),
    occurredOn: occurredOn.optional(),
  });
}
export type WarningTransitionBody = { ids: string[]; to: WarningTransition; reason?: string; occurredOn?: string };

/** Why one warning of a bulk move was not moved. */
export const WARNING_MOVE_REFUSALS = ['notFound', 'noPermission', 'wrongStatus', 'beforeWarning'] as const;
export const WarningTransitionResultSchema = z.union([
  z.object({
    id: z.string(),
    ok: z.literal(true),
    clueId: z.string().optional(),
    caseId: z.string().optional(),
    caseNumber: z.string().optional(),
    /** true when the confirmed risk joined the household's identification case already running (one case per household), instead of opening one */
    joinedCase: z.boolean().optional(),
  }),
  z.object({ id: z.string(), ok: z.literal(false), reason: z.enum(WARNING_MOVE_REFUSALS) }),
]);
export type WarningTransitionResult = z.infer<typeof WarningTransitionResultSchema>;
export const WarningTransitionResultsSchema = z.object({ results: z.array(WarningTransitionResultSchema) });

/** A correction of a recorded verification result: another outcome, or back to verification. */
export const WARNING_CORRECTION_TARGETS = ['reopen', ...WARNING_OUTCOMES] as const;
export type WarningCorrectionTarget = (typeof WARNING_CORRECTION_TARGETS)[number];
export const WarningCorrectionBodySchema = z.strictObject({ to: z.enum(WARNING_CORRECTION_TARGETS), reason: z.string().max(500) });
const CaseRef = z.object({ id: z.string(), caseNumber: z.string() });
export const WarningCorrectionResultSchema = z.object({
  warning: WarningSchema,
  withdrawnCase: CaseRef.nullable(),
  openedCase: CaseRef.nullable(),
  withdrawnClue: z
    .object({ id: z.string(), caseId: z.string(), caseNumber: z.string() })
    .nullable()
    .optional()
    .describe("the warning's clue withdrawn from a case that other live clues keep open (the case goes on); null when none"),
});
export type WarningCorrectionResult = z.infer<typeof WarningCorrectionResultSchema>;
