/**
 * The API contract of monitoring and assistance (监测帮扶): monitoring objects (监测对象), helpers
 * (帮扶责任人), measures (帮扶措施), helper visits (帮扶走访), risk elimination (风险消除, rollback
 * 回退) and the household file (一户一档). Requests are strict (an unknown field is 400); responses
 * describe every field the server writes (issue 12).
 */
import { z } from 'zod';
import { isIsoDate, type IsoDate as Day } from '../calendar/dates.ts';
import { HELPER_KINDS } from '../monitoring/helpers.ts';
import { entryDateSchema } from '../rulesets/rule-set.schema.ts';
import { MEASURE_STATUSES } from '../monitoring/measures.ts';
import { MONITORING_FLAGS, MONITORING_STATUSES } from '../monitoring/monitoring-object.ts';
import { ELIMINATION_STEPS, type EliminationBlocker } from '../workflow/elimination.ts';
import { AttachmentSchema, CaseNoticeSchema } from './cases.ts';

const IsoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'YYYY-MM-DD');
const Month = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'YYYY-MM');
const MonitoringCategory = z.enum(['unstable', 'marginal', 'sudden']);
export const EliminationModeSchema = z.enum(['assisted', 'natural']);

/** `:id` of a household (any string: an id that is not a uuid is simply not found). */
export const MonitoringHouseholdParams = z.object({ id: z.string() });

// ---------------------------------------------------------------- helpers (帮扶责任人)

/** An active helper as the register lists it (the phone only masked). */
export const HelperSummarySchema = z.object({ id: z.string(), kind: z.enum(HELPER_KINDS), name: z.string(), unit: z.string(), phoneMasked: z.string(), assignedOn: z.string(), userId: z.string().nullable() });
export type HelperSummary = z.infer<typeof HelperSummarySchema>;

/** A helper with the history of the assignment (reassigned: ended with the reason, replaced by the next). */
export const HelperSchema = HelperSummarySchema.extend({ assignedBy: z.string(), endedOn: z.string().nullable(), endReason: z.string().nullable(), replacedBy: z.string().nullable() });
export type Helper = z.infer<typeof HelperSchema>;

/** `POST /api/households/:id/helpers`: a helping-cadre account, or a named person with unit and phone, or the first secretary / work team. */
export const HelperBodySchema = z.strictObject({
  kind: z.enum(HELPER_KINDS),
  userId: z.string().max(40).optional(),
  name: z.string().max(50).optional(),
  unit: z.string().max(100).optional(),
  phone: z.string().max(30).optional(),
  assignedOn: IsoDate.optional(),
});
export type HelperInput = z.infer<typeof HelperBodySchema>;
/** `POST /api/households/:id/helpers/:helperId/reassign`. */
export const ReassignHelperBodySchema = HelperBodySchema.extend({ reason: z.string().max(200) });
export const ReassignHelperParams = z.object({ id: z.string(), helperId: z.string() });

/** What an assignment answers: whether it met the rule set's deadline. */
export const HelperAssignedSchema = z.object({ id: z.string(), assignedOn: z.string(), dueOn: z.string().nullable(), isLate: z.boolean() });
export type HelperAssigned = z.infer<typeof HelperAssignedSchema>;

export const HelperCandidateSchema = z.object({ id: z.string(), displayName: z.string(), regionCode: z.string(), regionName: z.string().nullable() });
export type HelperCandidate = z.infer<typeof HelperCandidateSchema>;
export const HelperCandidatesSchema = z.object({ items: z.array(HelperCandidateSchema) });

// ---------------------------------------------------------------- monitoring objects (监测对象)

/** One item of `GET /api/monitoring-objects` (automation contract of issue 13, plus place names and income). */
export const MonitoringObjectSchema = z
  .object({
    householdId: z.string(),
    householdNumber: z.string(),
    headName: z.string(),
    regionCode: z.string(),
    villageName: z.string(),
    townshipName: z.string(),
    category: MonitoringCategory.nullable(),
    riskTypes: z.array(z.string()),
    status: z.enum(MONITORING_STATUSES),
    identifiedOn: z.string().nullable(),
    helpers: z.array(HelperSummarySchema),
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
export type MonitoringObject = z.infer<typeof MonitoringObjectSchema>;

/** Helper assignment timeliness as of a day (statistics drill-down). */
export const HELPER_TIMELINESS = ['onTime', 'late', 'unassigned'] as const;

/** `GET /api/monitoring-objects` query string. */
export const MonitoringObjectsQuerySchema = z.strictObject({
  status: z.enum([...MONITORING_STATUSES, 'eliminated']).optional().describe('`eliminated`: either eliminated status'),
  category: z.enum(['unstable', 'marginal', 'sudden', 'none']).optional().describe('`none`: no category recorded'),
  riskType: z.string().regex(/^\d{2,4}$/).optional(),
  regionCode: z.string().max(15).optional(),
  flag: z.enum(MONITORING_FLAGS).optional(),
  asOf: IsoDate.refine(isIsoDate, 'not a calendar date').optional().describe('Read the register as of this day (docs/statistics.md): households identified by then, status and flags on that day'),
  helper: z.enum(HELPER_TIMELINESS).optional().describe('Helper assignment timeliness as of `asOf` (default today): onTime | late | unassigned'),
  identifiedIn: Month.optional().describe('Identified in this month (not after `asOf`)'),
  eliminatedIn: Month.optional().describe('Eliminated in this month (not after `asOf`)'),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(20),
});
/** What the web sends (page and pageSize given). */
export type MonitoringQuery = z.input<typeof MonitoringObjectsQuerySchema> & { page: number; pageSize: number };

export const MonitoringObjectsPageSchema = z.object({ items: z.array(MonitoringObjectSchema), total: z.number(), page: z.number(), pageSize: z.number() });
export type MonitoringObjectsPage = z.infer<typeof MonitoringObjectsPageSchema>;

// ---------------------------------------------------------------- measures (帮扶措施)

/** A file attached to a measure or a visit (served from `url`). */
export const EvidenceFileSchema = z.object({ id: z.string(), purpose: z.string(), fileName: z.string(), mimeType: z.string(), size: z.number(), uploadedBy: z.string(), createdAt: z.string(), url: z.string() });
export type EvidenceFile = z.infer<typeof EvidenceFileSchema>;

export const MeasureSchema = z.object({
  id: z.string(),
  householdId: z.string(),
  riskType: z.string(),
  category: z.string(),
  measure: z.string(),
  department: z.string(),
  amount: z.number().nullable(),
  startOn: z.string(),
  endOn: z.string().nullable(),
  status: z.enum(MEASURE_STATUSES),
  deliveredOn: z.string().nullable(),
  createdBy: z.string(),
  version: z.number(),
  attachments: z.array(EvidenceFileSchema),
});
export type Measure = z.infer<typeof MeasureSchema>;

/** A coverage problem (the domain's checkCoverage): its code, the risk, and the rule's words (zh-CN). */
export const CoverageProblemViewSchema = z.object({ code: z.string(), riskType: z.string().optional(), message: z.string(), rule: z.string(), expected: z.array(z.string()).optional() });
export type CoverageProblemView = z.infer<typeof CoverageProblemViewSchema>;
export const CoverageViewSchema = z.object({ uncoveredRiskTypes: z.array(z.string()), problems: z.array(CoverageProblemViewSchema), isChecked: z.boolean() });

/** `POST /api/households/:id/measures`. */
export const MeasureBodySchema = z.strictObject({
  riskType: z.string().regex(/^\d{2,4}$/),
  category: z.string().max(40),
  measure: z.string().max(200),
  department: z.string().max(100).optional(),
  amount: z.number().nonnegative().max(100_000_000).nullable().optional(),
  startOn: IsoDate,
  endOn: IsoDate.nullable().optional(),
  status: z.enum(MEASURE_STATUSES).optional(),
  /** The day it was really delivered (paper work entered later); only with status `delivered`, default today. */
  deliveredOn: IsoDate.optional(),
});
export type MeasureInput = z.infer<typeof MeasureBodySchema>;
export const MeasureParams = z.object({ id: z.string(), measureId: z.string() });
/** `POST /api/households/:id/measures/:measureId/status`: forward only; a stale version is 409. */
export const MoveMeasureBodySchema = z.strictObject({ status: z.enum(MEASURE_STATUSES), version: z.number().int(), on: IsoDate.optional() });
export const MeasureMovedSchema = z.object({ id: z.string(), status: z.enum(MEASURE_STATUSES), version: z.number() });
export const MeasureCreatedSchema = z.object({ id: z.string() });

// ---------------------------------------------------------------- the monitoring record of a household

/** One entry of a household's history (the registry's history, monitoring entries only). */
export const MonitoringHistoryEntrySchema = z.object({
  id: z.union([z.string(), z.number()]),
  at: z.string(),
  effectiveOn: z.string().nullable(),
  actorName: z.string(),
  actorDisplayName: z.string().nullable(),
  action: z.string(),
  source: z.string(),
  memberId: z.string().nullable(),
  subject: z.string(),
  changes: z.array(z.object({ field: z.string(), before: z.unknown(), after: z.unknown() })),
});

/** `GET /api/households/:id/monitoring`: status, risks, helpers with their history, measures, coverage (`record: null`: never monitored). */
export const MonitoringRecordSchema = z.object({
  householdId: z.string(),
  record: z
    .object({
      status: z.enum(MONITORING_STATUSES),
      category: MonitoringCategory.nullable(),
      riskTypes: z.array(z.string()),
      identifiedOn: z.string().nullable(),
      incomeYear: z.number(),
      perCapitaIncome: z.number(),
      helperDueOn: z.string().nullable(),
      isHelperOverdue: z.boolean(),
      eliminatedOn: z.string().nullable(),
      eliminationMode: EliminationModeSchema.nullable(),
      rolledBackOn: z.string().nullable(),
      rollbackReason: z.string().nullable(),
    })
    .nullable(),
  helpers: z.array(HelperSchema),
  measures: z.array(MeasureSchema),
  coverage: CoverageViewSchema.nullable(),
  history: z.array(MonitoringHistoryEntrySchema),
  abilities: z.object({ canAssignHelpers: z.boolean(), canRecordMeasures: z.boolean() }),
});
export type MonitoringRecord = z.infer<typeof MonitoringRecordSchema>;

// ---------------------------------------------------------------- helper visits (帮扶走访)

const Yuan = z.number().nonnegative().max(100_000_000);
/** Yearly totals of the 12 months before the visit's month (docs/DOMAIN.md "Income accounting"). */
export const VisitIncomeUpdateSchema = z.strictObject({ wage: Yuan, operating: Yuan, property: Yuan, transfer: Yuan, operatingCosts: Yuan, compliantOutOfPocket: Yuan });


/** The assessment a visit's income update recomputed (the domain's assessHousehold), with its rule-set version. */
export const VisitAssessmentSchema = z.object({
  assessedOn: z.string(),
  ruleSetVersion: z.string(),
  perCapitaNetIncome: z.number(),
  monitoringLine: z.number(),
  withinLine: z.boolean(),
  householdSize: z.number(),
  reasons: z.array(z.object({ code: z.string(), message: z.string() })),
});
export type VisitAssessment = z.infer<typeof VisitAssessmentSchema>;

export const HelperVisitSchema = z
  .object({
    id: z.string(),
    visitedOn: z.string(),
    visitorName: z.string(),
    visitorRole: z.string(),
    observed: z.string(),
    problems: z.string(),
    incomeUpdate: VisitIncomeUpdateSchema.nullable(),
    incomeYear: z.number().nullable(),
    perCapitaIncome: z.number().nullable(),
    assessment: VisitAssessmentSchema.nullable(),
    ruleSetVersion: z.string().nullable(),
    attachments: z.array(EvidenceFileSchema),
  })
  .meta({ id: 'HelperVisit' });
export type HelperVisit = z.infer<typeof HelperVisitSchema>;

/** `GET /api/households/:id/helper-visits`. */
export const HelperVisitsSchema = z.object({
  items: z.array(HelperVisitSchema),
  lastVisitOn: z.string().nullable(),
  nextVisitDueOn: z.string().nullable(),
  intervalMonths: z.number().nullable(),
  canRecord: z.boolean(),
});
export type HelperVisits = z.infer<typeof HelperVisitsSchema>;

/** `POST /api/households/:id/helper-visits`: `visitedOn` (default today) not after `today` (the server's clock). */
export function helperVisitBodySchema(today: () => Day) {
  return z.strictObject({
    visitedOn: entryDateSchema(today, 'notAfterToday').optional(),
    observed: z.string().max(2000),
    problems: z.string().max(2000).optional(),
    incomeUpdate: VisitIncomeUpdateSchema.nullable().optional(),
  });
}
export const HelperVisitBodySchema = helperVisitBodySchema(() => '9999-12-31');
export type HelperVisitInput = z.infer<typeof HelperVisitBodySchema>;
export const HelperVisitRecordedSchema = z.object({ id: z.string(), assessment: VisitAssessmentSchema.nullable(), nextVisitDueOn: z.string().nullable() });
export const HelperVisitParams = z.object({ id: z.string(), visitId: z.string() });

// ---------------------------------------------------------------- risk elimination (风险消除)

/**
 * One thing that stands against eliminating the risk (the domain's EliminationBlocker): a code with
 * its figures; the web writes the sentence.
 */
export const EliminationBlockerSchema = z.discriminatedUnion('code', [
  z.object({ code: z.literal('incomeNotAboveLine'), perCapita: z.number(), line: z.number() }),
  z.object({ code: z.literal('basicNeedsNotSecured') }),
  z.object({ code: z.literal('riskNotGone') }),
  z.object({ code: z.literal('riskMeasureNotDelivered'), riskType: z.string(), undelivered: z.array(z.string()).readonly().optional().describe('the measures against the risk not delivered yet (planned or in progress), by name') }),
  z.object({ code: z.literal('riskNotResolved'), riskType: z.string() }),
  z.object({ code: z.literal('noLabour') }),
  z.object({ code: z.literal('monitoredTooShort'), months: z.number(), minMonths: z.number() }),
  z.object({ code: z.literal('tooFewMeasures'), minMeasures: z.number() }),
]);
/** Checked against the domain's blocker union: a code added there without a schema here fails the typecheck. */
const _blockersMatch: z.infer<typeof EliminationBlockerSchema>['code'] extends EliminationBlocker['code'] ? (EliminationBlocker['code'] extends z.infer<typeof EliminationBlockerSchema>['code'] ? true : never) : never = true;
void _blockersMatch;

const OpenCase = z.object({ id: z.string(), caseNumber: z.string() });
/** `GET /api/households/:id/elimination-check`: the system's suggestion, every blocker, whether the actor may propose. */
export const EliminationCheckSchema = z.object({
  householdId: z.string(),
  isMonitored: z.boolean(),
  isSuggested: z.boolean(),
  mode: z.literal('assisted'),
  blockers: z.array(EliminationBlockerSchema),
  /** Absent when the household is not under monitoring. */
  monitoringLine: z.number().optional(),
  perCapitaIncome: z.number().optional(),
  openCase: OpenCase.nullable(),
  mayPropose: z.boolean(),
});
export type EliminationCheck = z.infer<typeof EliminationCheckSchema>;

export const EliminationSummarySchema = z.object({
  id: z.string(),
  caseNumber: z.string(),
  step: z.enum(ELIMINATION_STEPS),
  stepZh: z.string(),
  proposedOn: z.string(),
  mode: EliminationModeSchema,
  stepDueOn: z.string().nullable(),
});
export type EliminationSummary = z.infer<typeof EliminationSummarySchema>;
export const EliminationListSchema = z.object({ items: z.array(EliminationSummarySchema) });

/** `POST /api/households/:id/eliminations`; `occurredOn` is the day of the proposal. */
export const ProposalBodySchema = z.strictObject({
  mode: EliminationModeSchema,
  reason: z.string().trim().min(1, 'say why').max(1000),
  resolvedRiskTypes: z.array(z.string().regex(/^\d{2,4}$/)).max(5).optional(),
  occurredOn: z.string().max(10).optional(),
});
export type ProposalInput = z.input<typeof ProposalBodySchema>;

/** `POST /api/households/:id/elimination-rollback` (the county, with a reason). */
export const RollbackBodySchema = z.strictObject({ reason: z.string().max(500), occurredOn: z.string().max(10).optional() });
export const RolledBackSchema = z.object({ householdId: z.string(), status: z.literal('rolledBack') });
export type RolledBack = z.infer<typeof RolledBackSchema>;

/** The data of each elimination event (`type` → its `data`). */
export const EliminationReasonDataSchema = z.strictObject({ reason: z.string().trim().min(1, 'a reason is required').max(500) });
export const EliminationVerificationDataSchema = z.strictObject({ perCapitaIncome: z.number().min(0).max(10_000_000), basicNeedsSecured: z.boolean(), notes: z.string().max(2000).default('') });
export const EliminationDeliberationDataSchema = z.strictObject({
  result: z.enum(['recommend', 'notRecommend']),
  attendees: z.number().int().min(0).max(1000),
  minutes: z.string().max(5000).default(''),
  reason: z.string().max(500).optional(),
});
export const ObjectionDataSchema = z.strictObject({ note: z.string().trim().min(1, 'a note is required').max(500) });
export const DecisionDataSchema = z.strictObject({ decision: z.enum(['eliminate', 'reject']), outcome: z.enum(['stable', 'tracking']).optional(), reason: z.string().max(500).optional() });

const eventOf = <T extends string, D extends z.ZodType>(type: T, data: D) =>
  z.strictObject({ type: z.literal(type), version: z.number().int().min(1), data, comment: z.string().max(2000).optional(), occurredOn: z.string().max(10).optional() });
const NoData = z.strictObject({}).optional();

/**
 * `POST /api/eliminations/:id/events`: one step of the procedure, `type` → its `data`. `version` is
 * the one the actor saw (409 otherwise); `occurredOn` (default today) the day the step happened.
 */
export const EliminationEventBodySchema = z.discriminatedUnion('type', [
  eventOf('startVerification', NoData),
  eventOf('recordVerification', EliminationVerificationDataSchema),
  eventOf('recordDeliberation', EliminationDeliberationDataSchema),
  eventOf('raiseObjection', ObjectionDataSchema),
  eventOf('endNotice', NoData),
  eventOf('townshipApprove', NoData),
  eventOf('townshipReturn', EliminationReasonDataSchema),
  eventOf('countyDecide', DecisionDataSchema),
  eventOf('withdraw', EliminationReasonDataSchema),
]);
export type EliminationEventBody = z.infer<typeof EliminationEventBodySchema>;
export type EliminationEventInput = z.input<typeof EliminationEventBodySchema>;
export type EliminationEventType = EliminationEventBody['type'];
export const ELIMINATION_EVENT_TYPES = EliminationEventBodySchema.options.map((o) => o.shape.type.value) as [EliminationEventType, ...EliminationEventType[]];

/** The facts an elimination case gathers step by step (cases.facts). */
export const EliminationCaseFactsSchema = z.object({
  proposal: z.object({ mode: EliminationModeSchema, reason: z.string(), resolvedRiskTypes: z.array(z.string()), perCapitaIncome: z.number(), by: z.string(), byRole: z.string(), on: z.string() }),
  verification: z.object({ perCapitaIncome: z.number(), basicNeedsSecured: z.boolean(), notes: z.string(), on: z.string(), by: z.string() }).optional(),
  deliberation: z.object({ result: z.enum(['recommend', 'notRecommend']), attendees: z.number(), minutes: z.string(), reason: z.string().optional(), on: z.string() }).optional(),
  objections: z.array(z.object({ note: z.string(), on: z.string(), by: z.string() })).optional(),
  decision: z
    .object({ decision: z.enum(['eliminate', 'reject']), outcome: z.enum(['stable', 'tracking']).nullable(), reason: z.string().nullable(), on: z.string(), by: z.string(), blockers: z.array(z.unknown()) })
    .optional(),
  rollback: z.object({ reason: z.string(), on: z.string(), by: z.string() }).optional(),
});
export type EliminationCaseFacts = z.infer<typeof EliminationCaseFactsSchema>;

export const EliminationTimelineEntrySchema = z.object({
  seq: z.number(),
  type: z.string(),
  typeZh: z.string(),
  fromStep: z.string(),
  toStep: z.string(),
  toStepZh: z.string(),
  onDate: z.string(),
  actorName: z.string(),
  actorDisplayName: z.string().nullable().describe("the actor's display name; null for the system"),
  actorRole: z.string(),
  comment: z.string(),
  /** The event's form data as recorded (its shape is the event's `data` above, older rows may differ). */
  data: z.unknown(),
  ruleSetVersion: z.string().nullable(),
});

/** `GET /api/eliminations/:id` (and the answer of an event): state, deadlines, facts, timeline, what the actor may send. */
export const EliminationDetailSchema = z
  .object({
    id: z.string(),
    caseNumber: z.string(),
    householdId: z.string(),
    householdNumber: z.string(),
    headName: z.string(),
    villageName: z.string(),
    townshipName: z.string(),
    regionCode: z.string(),
    step: z.enum(ELIMINATION_STEPS),
    stepZh: z.string(),
    mode: EliminationModeSchema,
    version: z.number(),
    proposedOn: z.string(),
    stepEnteredOn: z.string(),
    stepDueOn: z.string().nullable(),
    noticeStartedOn: z.string().nullable(),
    noticeEndsOn: z.string().nullable(),
    eliminatedOn: z.string().nullable(),
    ruleSetVersion: z.string().nullable(),
    facts: EliminationCaseFactsSchema,
    timeline: z.array(EliminationTimelineEntrySchema),
    availableEvents: z.array(z.enum(ELIMINATION_EVENT_TYPES)),
    mayRollBack: z.boolean(),
    /** The files of the case, oldest first (the home check's signed record, the minutes, the notice's photo…): `POST /api/cases/:id/attachments` adds one. */
    attachments: z.array(AttachmentSchema),
  })
  .meta({ id: 'EliminationDetail' });
export type EliminationDetail = z.infer<typeof EliminationDetailSchema>;

/**
 * `GET /api/eliminations/:id/notice`: the public notice (公示) of a risk elimination, for the village
 * board on A4 — the same frame as the identification notice (period ≥ 5 days, objections how-to, the
 * county's supervision number) and per household only the head's name, household size, monitoring
 * category and the mode of elimination. Never an ID number, phone, bank account, risk or health detail.
 */
export const EliminationNoticeSchema = CaseNoticeSchema.omit({ entries: true })
  .extend({
    entries: z.array(z.object({ headName: z.string(), householdSize: z.number(), categoryZh: z.string(), mode: EliminationModeSchema, modeZh: z.string() })),
  })
  .meta({ id: 'EliminationNotice' });
export type EliminationNotice = z.infer<typeof EliminationNoticeSchema>;

// ---------------------------------------------------------------- the household file (一户一档)

export const HouseholdFileQuerySchema = z.strictObject({ purpose: z.enum(['view', 'print']).default('view') });

/** `GET /api/households/:id/file`: the household's whole record (ID numbers masked, free text by the role's field policy). */
export const HouseholdFileSchema = z
  .object({
    generatedOn: z.string(),
    generatedBy: z.string(),
    household: z.object({
      id: z.string(),
      householdNumber: z.string(),
      type: z.string(),
      regionCode: z.string(),
      countyName: z.string(),
      townshipName: z.string(),
      villageName: z.string(),
      address: z.string(),
      phoneMasked: z.string(),
    }),
    members: z.array(
      z.object({
        name: z.string(),
        relation: z.string(),
        sex: z.string(),
        birthYear: z.number(),
        idNumberMasked: z.string(),
        health: z.string().nullable(),
        labourCapacity: z.string().nullable(),
        schooling: z.string().nullable(),
        migrantMonths: z.number().nullable(),
      }),
    ),
    monitoring: z
      .object({
        status: z.enum(MONITORING_STATUSES),
        statusZh: z.string(),
        category: MonitoringCategory.nullable(),
        identifiedOn: z.string().nullable(),
        helperDueOn: z.string().nullable(),
        eliminatedOn: z.string().nullable(),
        eliminationMode: EliminationModeSchema.nullable(),
        rolledBackOn: z.string().nullable(),
        rollbackReason: z.string().nullable(),
        lastVisitOn: z.string().nullable(),
        nextVisitDueOn: z.string().nullable(),
      })
      .nullable(),
    monitoringHistory: z.array(MonitoringHistoryEntrySchema),
    risks: z.array(z.object({ code: z.string(), name: z.string(), isCovered: z.boolean() })),
    helpers: z.array(HelperSchema),
    measures: z.array(MeasureSchema.omit({ attachments: true }).extend({ evidence: z.array(z.string()) })),
    coverage: CoverageViewSchema.nullable(),
    visits: z.array(HelperVisitSchema.omit({ attachments: true }).extend({ attachments: z.array(z.string()) })),
    incomes: z.array(
      z.object({
        year: z.number(),
        perCapitaIncome: z.number(),
        monitoringLine: z.number().nullable(),
        isWithinLine: z.boolean().nullable(),
        source: z.enum(['monitoring', 'visit']),
        on: z.string().nullable(),
        ruleSetVersion: z.string().nullable(),
      }),
    ),
    decisions: z.array(
      z.object({
        caseId: z.string(),
        caseNumber: z.string(),
        kind: z.string(),
        type: z.string(),
        typeZh: z.string(),
        summaryZh: z.string(),
        toStep: z.string(),
        on: z.string(),
        by: z.string(),
        byDisplayName: z.string().nullable().describe("the actor's display name; null for the system"),
        byRole: z.string(),
        ruleSetVersion: z.string().nullable(),
        comment: z.string(),
        /** The outcome fields of the event's form (decision, category, riskTypes, result, outcome, mode, reason, effectiveOn). */
        data: z.record(z.string(), z.unknown()),
      }),
    ),
  })
  .meta({ id: 'HouseholdFile' });
export type HouseholdFile = z.infer<typeof HouseholdFileSchema>;
