/**
 * The identification API (识别认定): clues, cases, their events and attachments (issue 12 item 1).
 * Requests are strict (an unknown field is 400 VALIDATION_FAILED); responses describe what the
 * server writes. The case event body is a union on `type`: each event's `data` has its own schema,
 * so the OpenAPI document shows it and the web's types follow it.
 */
import { z } from 'zod';
import type { HouseholdAssessment } from '../assessment/assess-household.ts';
import { HouseholdAssessmentInputSchema } from '../assessment/household-input.schema.ts';
import { IsoDateSchema } from '../rulesets/rule-set.schema.ts';
import { CASE_EVENT_TYPES, IDENTIFICATION_STEPS, type CaseEventType } from '../workflow/identification.ts';
import { ELIMINATION_STEPS } from '../workflow/elimination.ts';
import { WarningSchema } from './department.ts';

// ---------------------------------------------------------------------------------------------
// Vocabulary

/** How the clue reached the county: hotline call, self-application, visit report or department warning. */
export const CLUE_CHANNELS = ['hotline', 'application', 'visit', 'warning'] as const;
export type ClueChannel = (typeof CLUE_CHANNELS)[number];

/**
 * A timeline entry's type: an event, the clue's registration that opens the case, or a clue leaving
 * a case that goes on (`withdrawClue`: a warning's verification corrected while other clues keep the
 * case; its data carries `note`, a code and params the web writes in the reader's language).
 */
export const TIMELINE_ENTRY_TYPES = ['registerClue', ...CASE_EVENT_TYPES, 'withdrawClue'] as const;
export type TimelineEntryType = (typeof TIMELINE_ENTRY_TYPES)[number];

/** What an attachment is for: the signed consent, the deliberation minutes, the notice, a photo… */
export const ATTACHMENT_PURPOSES = ['photo', 'consent', 'minutes', 'notice', 'evidence', 'other'] as const;
export type AttachmentPurpose = (typeof ATTACHMENT_PURPOSES)[number];

// ---------------------------------------------------------------------------------------------
// The data of each case event

const inputShape = HouseholdAssessmentInputSchema.shape;
/** Vehicles, urban housing, business licences, hired labour, large-scale farming. */
export const AssetsSchema = inputShape.assets;

/**
 * A member on the verification form. A registry member (its `id`) needs no birth date: the server
 * reads it from the ID number; anyone else needs one. Stored without it (birth year only).
 */
export const VerificationMemberSchema = inputShape.members.element.extend({
  birthDate: IsoDateSchema.optional(),
  birthYear: z.number().int().min(1900).max(2100).nullable().optional(),
});

/** The home-verification form (入户核实): what the cadre saw and was told, with the signed consent. */
export const VerificationDataSchema = z.strictObject({
  consentSigned: z.boolean(),
  members: z.array(VerificationMemberSchema).max(30).optional(),
  incomes: inputShape.incomes.default([]),
  operatingCosts: inputShape.operatingCosts,
  insuranceClaims: inputShape.insuranceClaims,
  compliantOutOfPocket: inputShape.compliantOutOfPocket,
  rigidSpending: inputShape.rigidSpending,
  assets: AssetsSchema,
  problems: inputShape.problems,
  suddenEvents: inputShape.suddenEvents,
  signals: inputShape.signals,
  notes: z.string().max(4000).optional(),
});
export type VerificationData = z.output<typeof VerificationDataSchema>;

/** The property check (财产检索): what manual enquiries found beside the asset sources. */
export const PropertyCheckDataSchema = z.strictObject({
  manualFindings: AssetsSchema.optional(),
  notes: z.string().max(4000).optional(),
});

/** The village deliberation (村级评议); `heldOn` may not be after today (checked by the server). */
export const DeliberationDataSchema = z.strictObject({
  result: z.enum(['recommend', 'notRecommend']),
  heldOn: IsoDateSchema,
  attendees: z.number().int().min(0).max(10_000),
  minutes: z.string().max(10_000).default(''),
  reason: z.string().max(2000).optional(),
});

/** The county's decision (县级审定); `effectiveOn` (default: the day of the decision) within a year of today. */
export const CountyDecisionDataSchema = z.strictObject({
  decision: z.enum(['approved', 'rejected']),
  category: z.enum(['unstable', 'marginal', 'sudden']).nullable().optional(),
  riskTypes: z.array(z.string().regex(/^\d{2,4}$/)).max(10).optional(),
  effectiveOn: IsoDateSchema.optional(),
  reason: z.string().max(2000).optional(),
});

/**
 * Giving a case without a household its household: one of the registry (found in the case's
 * village), or a new one with its members. The new household's fields are the registry's own
 * (checked by the registry's write path, which names the field: `data.newHousehold.members.0.idNumber`).
 */
export const LinkHouseholdDataSchema = z.union([
  z.strictObject({ householdId: z.string().uuid() }),
  z.strictObject({ newHousehold: z.record(z.string(), z.unknown()).describe('the registry form of a new household: type, address, phone, members') }),
]);

export const CallbackDataSchema = z.strictObject({ result: z.string().trim().min(1, 'Record what the callback found').max(2000), objection: z.boolean() });
/** A reason (screen out, reject, return, withdraw): required by the procedure, checked there (422 reasonRequired). */
export const ReasonDataSchema = z.strictObject({ reason: z.string().max(2000).default('') });
export const NoteDataSchema = z.strictObject({ note: z.string().max(2000).default('') });
/** Green-channel assistance before approval (先行帮扶); `on` may not be after today. */
export const AssistanceDataSchema = z.strictObject({
  measure: z.string().trim().min(1, 'Record the assistance measure').max(500),
  amount: z.number().nonnegative().optional(),
  on: IsoDateSchema,
});
/** Events that carry nothing but the step itself. */
export const EmptyDataSchema = z.strictObject({});

/** Each event type's data schema: the server parses `data` with it whoever sends the event (API, hotline, field app). */
export const CASE_EVENT_DATA = {
  linkHousehold: LinkHouseholdDataSchema,
  startVerification: EmptyDataSchema,
  recordVerification: VerificationDataSchema,
  screenOut: ReasonDataSchema,
  recordPropertyCheck: PropertyCheckDataSchema,
  recordAssessment: EmptyDataSchema,
  rejectAfterAssessment: ReasonDataSchema,
  recordDeliberation: DeliberationDataSchema,
  raiseObjection: NoteDataSchema,
  endNotice: EmptyDataSchema,
  townshipApprove: EmptyDataSchema,
  townshipReturn: ReasonDataSchema,
  countyDecide: CountyDecisionDataSchema,
  recordCallback: CallbackDataSchema,
  recordAssistance: AssistanceDataSchema,
  withdraw: ReasonDataSchema,
} as const satisfies Record<CaseEventType, z.ZodType>;
export type CaseEventData<T extends CaseEventType> = z.output<(typeof CASE_EVENT_DATA)[T]>;

const eventFields = {
  version: z.number().int().min(1).describe('the version the actor saw: a stale version is 409 CONFLICT'),
  comment: z.string().max(2000).optional(),
  occurredOn: IsoDateSchema.optional().describe('the day the step really happened (default today; not after today)'),
};
/** An event whose data may be left out (it has defaults). */
const eventWithOptionalData = <T extends CaseEventType, S extends z.ZodType>(type: T, data: S) =>
  z.strictObject({ type: z.literal(type), ...eventFields, data: data.optional() });
/** An event whose data is required. */
const eventWithData = <T extends CaseEventType, S extends z.ZodType>(type: T, data: S) =>
  z.strictObject({ type: z.literal(type), ...eventFields, data });

/** POST /api/cases/:id/events. */
export const CaseEventBodySchema = z.discriminatedUnion('type', [
  eventWithData('linkHousehold', LinkHouseholdDataSchema),
  eventWithOptionalData('startVerification', EmptyDataSchema),
  eventWithData('recordVerification', VerificationDataSchema),
  eventWithOptionalData('screenOut', ReasonDataSchema),
  eventWithOptionalData('recordPropertyCheck', PropertyCheckDataSchema),
  eventWithOptionalData('recordAssessment', EmptyDataSchema),
  eventWithOptionalData('rejectAfterAssessment', ReasonDataSchema),
  eventWithData('recordDeliberation', DeliberationDataSchema),
  eventWithOptionalData('raiseObjection', NoteDataSchema),
  eventWithOptionalData('endNotice', EmptyDataSchema),
  eventWithOptionalData('townshipApprove', EmptyDataSchema),
  eventWithOptionalData('townshipReturn', ReasonDataSchema),
  eventWithData('countyDecide', CountyDecisionDataSchema),
  eventWithData('recordCallback', CallbackDataSchema),
  eventWithData('recordAssistance', AssistanceDataSchema),
  eventWithOptionalData('withdraw', ReasonDataSchema),
]);
export type CaseEventBody = z.input<typeof CaseEventBodySchema>;

// ---------------------------------------------------------------------------------------------
// Requests

export const CaseIdParamsSchema = z.strictObject({ id: z.string().uuid() });
export const AttachmentIdParamsSchema = z.strictObject({ id: z.string().uuid() });
/** Reading a case by id: any string (a malformed id is simply not found, 404). */
export const CaseRefParamsSchema = z.strictObject({ id: z.string() });

/** The step forms that keep a draft (草稿) on the server: today the home check (入户核实). */
export const CASE_DRAFT_EVENTS = ['recordVerification'] as const;
/** The most a draft's values may weigh, as JSON (a full home check of a large family is ~10 KB). */
export const CASE_DRAFT_MAX_CHARS = 100_000;
export const CaseDraftParamsSchema = z.strictObject({ id: z.string().uuid(), eventType: z.enum(CASE_DRAFT_EVENTS) });
/**
 * Saving a draft: the form's values as typed (not yet valid: checked only when the step is
 * submitted) and the part of the stepped form the author is on.
 */
export const SaveCaseDraftBodySchema = z.strictObject({
  formStep: z.number().int().min(0).max(20),
  values: z.record(z.string(), z.unknown()),
});
export type SaveCaseDraftBody = z.input<typeof SaveCaseDraftBodySchema>;

export const CaseListQuerySchema = z.strictObject({
  step: z.enum(IDENTIFICATION_STEPS).optional(),
  due: z.enum(['overdue', 'soon']).optional(),
  status: z.enum(['open', 'all']).default('open'),
  regionCode: z.string().max(15).optional().describe("Only cases in this region (a statistics drill-down); outside the actor's region: nothing"),
  householdId: z.string().uuid().optional().describe("One household's cases (with status=all: its whole identification history)"),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(500).default(50),
});
export type CaseListQuery = z.input<typeof CaseListQuerySchema>;

export const ClueListQuerySchema = z.strictObject({
  channel: z.enum(CLUE_CHANNELS).optional(),
  status: z.string().max(30).optional(),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(500).default(50),
});

// ---------------------------------------------------------------------------------------------
// Responses

export const AttachmentSchema = z.object({
  id: z.string(),
  purpose: z.enum(ATTACHMENT_PURPOSES),
  fileName: z.string(),
  mimeType: z.string(),
  size: z.number(),
  uploadedBy: z.string(),
  createdAt: z.string(),
  url: z.string().describe('GET it to download (same region rules as the case)'),
  origin: z
    .object({ kind: z.literal('visit'), visitReportId: z.string(), visitedOn: z.string(), visitorName: z.string() })
    .optional()
    .describe('on a case: the visit report the file came with (its photos go into the case it opens)'),
});
export type Attachment = z.infer<typeof AttachmentSchema>;

export const CaseSummarySchema = z.object({
  id: z.string(),
  caseNumber: z.string().describe('county-year-sequence, e.g. 451028-2026-0007'),
  channel: z.enum(CLUE_CHANNELS),
  householdId: z.string().nullable(),
  householdNumber: z.string().nullable(),
  headName: z.string().nullable(),
  regionCode: z.string(),
  villageName: z.string().nullable(),
  townshipName: z.string().nullable(),
  step: z.enum(IDENTIFICATION_STEPS),
  stepZh: z.string(),
  clueDate: z.string().describe('the day the clue was found: the whole-procedure limit counts from here'),
  stepDueOn: z.string().nullable().describe("the current step's deadline"),
  dueOn: z.string().describe('whole-procedure deadline (15 days from the clue by default)'),
  daysLeft: z.number(),
  isOverdue: z.boolean(),
  isStepOverdue: z.boolean(),
  greenChannel: z.boolean().describe('disaster or accident: assistance may be recorded before approval'),
  version: z.number().describe('send it back with the next event: a stale version is 409'),
  summary: z.string(),
  riskTypes: z.array(z.string()),
});
export type CaseSummary = z.infer<typeof CaseSummarySchema>;

export const CaseListSchema = z.object({ items: z.array(CaseSummarySchema), total: z.number() });
export type CaseList = z.infer<typeof CaseListSchema>;

/** A warning in a to-do list: `dispatch` (send it to the village) or `verify` (check it at home). */
export const WarningTodoSchema = WarningSchema.pick({
  id: true,
  householdId: true,
  householdNumber: true,
  headName: true,
  regionCode: true,
  villageName: true,
  riskType: true,
  sources: true,
  message: true,
  signal: true,
  detailWithheld: true,
  numbers: true,
  dueOn: true,
}).extend({
  status: z.enum(['new', 'dispatched']),
  action: z.enum(['dispatch', 'verify']),
});
export type WarningTodo = z.infer<typeof WarningTodoSchema>;

/**
 * A running risk elimination (风险消除) waiting in a to-do list: its current step is one the actor's
 * role acts in. `stepDueOn` is the step's deadline (home check, notice end) or null.
 */
export const EliminationTodoSchema = z.object({
  id: z.string(),
  caseNumber: z.string(),
  householdId: z.string(),
  householdNumber: z.string().nullable(),
  headName: z.string().nullable(),
  regionCode: z.string(),
  villageName: z.string().nullable(),
  step: z.enum(ELIMINATION_STEPS),
  proposedOn: z.string(),
  stepDueOn: z.string().nullable(),
});
export type EliminationTodo = z.infer<typeof EliminationTodoSchema>;

/** The to-do's groups of cases: late, due within DUE_SOON_DAYS, the rest. */
export const TODO_GROUPS = ['overdue', 'soon', 'others'] as const;
export type TodoGroup = (typeof TODO_GROUPS)[number];
/** How many cases of each group the to-do lists; the counts cover them all, the cases list pages through the rest. */
export const TODO_GROUP_SIZE = 20;

export const TodoCaseSchema = CaseSummarySchema.extend({
  group: z.enum(TODO_GROUPS).describe('the group the server counts the case in (overdue as `due=overdue`, soon as `due=soon`)'),
});
export type TodoCase = z.infer<typeof TodoCaseSchema>;

/** GET /api/cases/todo. The first six fields are the automation contract of issue 11; the rest were added since. */
export const TodoSchema = z.object({
  items: z.array(TodoCaseSchema).describe(`cases whose current step the actor acts in: the ${TODO_GROUP_SIZE} nearest deadlines of each group (overdue, soon, others), in that order`),
  total: z.number().describe('how many such cases'),
  overdue: z.number().describe('of `total`, how many are late (group `overdue`)'),
  dueSoon: z.number().describe('of `total`, how many are due within a few days (group `soon`); the rest are group `others`'),
  visitReports: z.number().describe('visit reports waiting for review (township, county)'),
  callbacksDue: z.number().describe('hotline callbacks due (county centre)'),
  warningsToDispatch: z.number().describe('new warnings to send to their villages (county, township)'),
  warningsToVerify: z.number().describe('dispatched warnings to verify at home (village)'),
  warnings: z.array(WarningTodoSchema).describe('the first 100 of those warnings, soonest due first'),
  eliminationsTotal: z.number().describe('running risk eliminations whose current step the actor acts in'),
  eliminations: z.array(EliminationTodoSchema).describe('the first 100 of those eliminations, soonest step deadline first'),
  count: z.number().describe('everything above together: the number on the menu badge'),
});
export type CaseTodo = z.infer<typeof TodoSchema>;

export const TimelineEntrySchema = z.object({
  seq: z.number(),
  type: z.enum(TIMELINE_ENTRY_TYPES),
  typeZh: z.string(),
  fromStep: z.enum(IDENTIFICATION_STEPS),
  toStep: z.enum(IDENTIFICATION_STEPS),
  onDate: z.string().describe('the day it happened'),
  at: z.string().describe('when it was recorded'),
  actorName: z.string(),
  actorDisplayName: z.string().nullable().describe("the actor's display name (e.g. 李新旺); null for the system or the public"),
  actorRole: z.string(),
  comment: z.string(),
  data: z.record(z.string(), z.unknown()).describe("what the step recorded (the event's data as stored, with what the server added)"),
  ruleSetVersion: z.string().nullable(),
});
export type TimelineEntry = z.infer<typeof TimelineEntrySchema>;

/** The decision recorded with the case (the domain's IdentificationDecision). */
export const CaseDecisionSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('screenedOut'), reason: z.string(), on: z.string() }),
  z.object({ kind: z.literal('notRecommended'), reason: z.string(), on: z.string() }),
  z.object({ kind: z.literal('approved'), on: z.string(), category: z.enum(['unstable', 'marginal', 'sudden']).nullable(), riskTypes: z.array(z.string()), ruleSetVersion: z.string() }),
  z.object({ kind: z.literal('rejected'), reason: z.string(), on: z.string(), ruleSetVersion: z.string() }),
]);
export type CaseDecision = z.infer<typeof CaseDecisionSchema>;

/** The policy engine's result (the domain's `HouseholdAssessment`; its reasons are in zh-CN). */
const AssessmentSchema = z.custom<HouseholdAssessment>((v) => typeof v === 'object' && v !== null).describe('the policy engine result (domain HouseholdAssessment)');

/** Where an asset finding came from: a department source, a line about one member. */
const PropertySourceSchema = z.object({ source: z.string(), detail: z.string(), memberName: z.string() });

/**
 * What the steps recorded on a case (the latest of each). `verification` is the home check as
 * entered (the form's fields, members with birth years), `property` the property check: the
 * asset sources' findings (`automatic`) — the one place the web reads them.
 */
export const CaseFactsSchema = z.object({
  verification: z.record(z.string(), z.unknown()).optional().describe('the last home verification: the form (VerificationData) with recordedOn and recordedBy'),
  property: z
    .object({
      automatic: AssetsSchema,
      manual: AssetsSchema.nullable(),
      merged: AssetsSchema,
      sources: z.array(PropertySourceSchema),
      notes: z.string().optional(),
      checkedOn: z.string(),
    })
    .optional(),
  assessment: AssessmentSchema.optional(),
  deliberation: z.object({ result: z.enum(['recommend', 'notRecommend']), heldOn: z.string(), attendees: z.number(), minutes: z.string(), reason: z.string().optional() }).optional(),
  objections: z.array(z.object({ note: z.string(), on: z.string(), by: z.string() })).optional(),
  assistance: z.array(z.object({ measure: z.string(), amount: z.number().optional(), on: z.string(), by: z.string() })).optional(),
  callback: z.object({ result: z.string(), objection: z.boolean(), on: z.string() }).optional(),
  reentry: z
    .object({
      householdId: z.string(),
      status: z.string(),
      identifiedOn: z.string().nullable(),
      eliminatedOn: z.string(),
      eliminationCaseId: z.string().nullable(),
      eliminationCaseNumber: z.string().nullable(),
    })
    .optional()
    .describe('the eliminated monitoring record this case reopens (re-entry)'),
});
export type CaseFactsView = z.infer<typeof CaseFactsSchema>;

export const CaseMemberSchema = z.object({
  id: z.string(),
  name: z.string(),
  relation: z.string(),
  sex: z.string(),
  birthYear: z.number().describe('the birth year only: the server reads exact ages from the ID number'),
  labourCapacity: z.string().nullable(),
  health: z.string().nullable().describe("null when the role's field policy withholds health"),
  schooling: z.string().nullable(),
  migrantMonths: z.number().nullable(),
  idMasked: z.string(),
});
export type CaseMember = z.infer<typeof CaseMemberSchema>;

export const CaseHouseholdSchema = z.object({
  id: z.string(),
  householdNumber: z.string().nullable(),
  headName: z.string().nullable(),
  type: z.string().nullable().describe('formerlyPoor | ordinary'),
  size: z.number(),
  members: z.array(CaseMemberSchema),
});
export type CaseHousehold = z.infer<typeof CaseHouseholdSchema>;

export const CaseWarningSchema = z.object({
  id: z.string(),
  riskType: z.string(),
  message: z.string(),
  signal: z.string().nullable().describe('as on Warning: the signal code the web writes the sentence from, with `numbers`'),
  numbers: z.record(z.string(), z.number()),
  detailWithheld: z.boolean(),
  sources: z.array(z.string()),
  period: z.string(),
  status: z.string(),
  statusReason: z.string().nullable(),
  verifiedBy: z.string().nullable(),
  verifiedAt: z.string().nullable().describe('when the verification was typed in'),
  verifiedOn: z.string().nullable().describe('the day the home check really happened (occurredOn): what the case page shows'),
});
export type CaseWarning = z.infer<typeof CaseWarningSchema>;

/** A clue of a case (the first one, or one that joined it): where it came from and when it arose. */
export const CaseClueSchema = z.object({
  id: z.string(),
  channel: z.enum(CLUE_CHANNELS),
  status: z.string().describe('case | closed | withdrawn'),
  withdrawn: z.boolean().describe('withdrawn from the case (e.g. a warning whose verification was corrected) or with it'),
  isFirst: z.boolean().describe('the clue that opened the case (cases.clue_id); the others joined it'),
  aroseOn: z.string().describe("the day it arose: the warning's home verification, the visit, the call, the application"),
  riskTypes: z.array(z.string()),
  warning: z.object({ id: z.string(), sources: z.array(z.string()), riskType: z.string(), status: z.string() }).nullable().describe('channel warning: the warning and its departments'),
  visit: z.object({ id: z.string(), visitorName: z.string() }).nullable().describe('channel visit: the visit report and who visited'),
  call: z.object({ id: z.string() }).nullable().describe('channel hotline: the call'),
  application: z.object({ referenceNo: z.string() }).nullable().describe('channel application: the self-application'),
});
export type CaseClue = z.infer<typeof CaseClueSchema>;

export const IncomeWindowSchema = z.object({ fromMonth: z.string(), toMonth: z.string(), months: z.number(), clueDate: z.string() });
export type CaseIncomeWindow = z.infer<typeof IncomeWindowSchema>;

export const CaseClockSchema = z.object({ clueDate: z.string(), dueOn: z.string(), daysUsed: z.number(), daysLimit: z.number(), unit: z.enum(['calendar', 'working']) });
export type CaseClock = z.infer<typeof CaseClockSchema>;

export const CaseStateSchema = z.object({
  kind: z.literal('identification'),
  step: z.enum(IDENTIFICATION_STEPS),
  clueDate: z.string(),
  stepEnteredOn: z.string(),
  consentSigned: z.boolean(),
  noticeStartedOn: z.string().nullable(),
  objections: z.number(),
  isGreenChannel: z.boolean(),
  decision: CaseDecisionSchema.nullable(),
});

export const CaseDetailSchema = CaseSummarySchema.extend({
  state: CaseStateSchema,
  facts: CaseFactsSchema.describe('verification form, property findings, assessment, deliberation, objections, assistance, callback'),
  decision: CaseDecisionSchema.nullable(),
  assessment: AssessmentSchema.nullable().describe('the policy engine result (reasons in zh-CN) or null; at the assessment step computed now from the facts so far'),
  assessmentIsPreview: z.boolean().describe('true when `assessment` is computed now from the facts so far and not yet recorded'),
  propertyPreview: z
    .object({ automatic: AssetsSchema, sources: z.array(PropertySourceSchema) })
    .nullable()
    .describe('at the property check: what the asset sources hold for the members'),
  allowedEvents: z.array(z.enum(CASE_EVENT_TYPES)).describe('the event types this actor may send now'),
  noticeDays: z.number(),
  noticeEndsOn: z.string().nullable(),
  timeline: z.array(TimelineEntrySchema),
  attachments: z.array(AttachmentSchema),
  clock: CaseClockSchema,
  incomeWindow: IncomeWindowSchema.describe(
    'the months whose income counts: the 12 before the clue date’s month, whatever day a step is entered; a home check with a row outside is refused (400)',
  ),
  household: CaseHouseholdSchema.nullable(),
  warning: CaseWarningSchema.nullable().describe('for a case opened by a confirmed warning (channel warning): that warning and what its verification found'),
  clues: z.array(CaseClueSchema).describe('every clue of the case: the first, then those that joined it in order; withdrawn ones marked'),
});
export type CaseDetail = z.infer<typeof CaseDetailSchema>;

/** GET /api/cases/:id/notice: only what a public notice may show. */
export const CaseNoticeSchema = z.object({
  caseNumber: z.string(),
  countyName: z.string(),
  townshipName: z.string(),
  villageName: z.string(),
  startOn: z.string(),
  endOn: z.string(),
  days: z.number(),
  entries: z.array(z.object({ headName: z.string(), householdSize: z.number(), category: z.enum(['unstable', 'marginal', 'sudden']).nullable(), categoryZh: z.string() })),
  contact: z.string(),
  supervisionPhone: z.string().nullable().describe('the county supervision / hotline number (县级设置), null when not set'),
  objectionsNote: z.string(),
});
export type CaseNotice = z.infer<typeof CaseNoticeSchema>;

/** A saved draft of a step form (草稿), with who saved it and when; null when there is none. */
export const CaseDraftSchema = z.object({
  caseId: z.string(),
  eventType: z.enum(CASE_DRAFT_EVENTS),
  formStep: z.number(),
  values: z.record(z.string(), z.unknown()),
  savedByName: z.string(),
  savedAt: z.string(),
});
export type CaseDraft = z.infer<typeof CaseDraftSchema>;
export const CaseDraftResultSchema = z.object({ draft: CaseDraftSchema.nullable() });
export type CaseDraftResult = z.infer<typeof CaseDraftResultSchema>;

export const ClueSchema = z.object({
  id: z.string(),
  householdId: z.string().nullable(),
  householdNumber: z.string().nullable(),
  regionCode: z.string(),
  villageName: z.string().nullable(),
  channel: z.enum(CLUE_CHANNELS),
  warningId: z.string().nullable(),
  riskTypes: z.array(z.string()),
  summary: z.string(),
  status: z.string(),
  createdBy: z.string(),
  createdAt: z.string(),
  caseId: z.string().nullable().describe('the identification case the clue opened'),
  caseNumber: z.string().nullable(),
  clueDate: z.string().nullable().describe('the day the 15-day clock starts'),
});
export const ClueListSchema = z.object({ items: z.array(ClueSchema), total: z.number() });
export type Clue = z.infer<typeof ClueSchema>;
export type ClueList = z.infer<typeof ClueListSchema>;
