import { z } from 'zod';

/**
 * Response shapes of the clue and case endpoints, for the OpenAPI document (the automation contract
 * of issue 5). Objects are loose: fields added later reach clients without breaking this contract.
 */
export const AttachmentSchema = z.looseObject({
  id: z.string(),
  purpose: z.string(),
  fileName: z.string(),
  mimeType: z.string(),
  size: z.number(),
  uploadedBy: z.string(),
  createdAt: z.string(),
  url: z.string().describe('GET it to download (same region rules as the case)'),
  origin: z
    .looseObject({ kind: z.literal('visit'), visitReportId: z.string(), visitedOn: z.string(), visitorName: z.string() })
    .optional()
    .describe("on a case: the visit report the file came with (its photos go into the case it opens)"),
});

export const CaseSummarySchema = z.looseObject({
  id: z.string(),
  caseNumber: z.string().describe('county-year-sequence, e.g. 451028-2026-0007'),
  channel: z.enum(['hotline', 'application', 'visit', 'warning']),
  householdId: z.string().nullable(),
  householdNumber: z.string().nullable(),
  headName: z.string().nullable(),
  regionCode: z.string(),
  villageName: z.string().nullable(),
  townshipName: z.string().nullable(),
  step: z.string().describe('identification step: clueRegistered … callback, closed, withdrawn'),
  stepZh: z.string(),
  clueDate: z.string(),
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

/** A warning in a to-do list: `dispatch` (send it to the village) or `verify` (check it at home). */
export const WarningTodoSchema = z.looseObject({
  id: z.string(),
  householdId: z.string(),
  householdNumber: z.string(),
  headName: z.string().nullable(),
  regionCode: z.string(),
  villageName: z.string().nullable(),
  riskType: z.string(),
  message: z.string(),
  status: z.string(),
  dueOn: z.string().nullable(),
  action: z.enum(['dispatch', 'verify']),
});

/** GET /api/cases/todo. The first six fields are the automation contract of issue 11; the rest were added since. */
export const TodoSchema = z.looseObject({
  items: z.array(CaseSummarySchema).describe('cases whose current step the actor acts in (first 500)'),
  total: z.number().describe('how many such cases'),
  overdue: z.number(),
  dueSoon: z.number(),
  visitReports: z.number().describe('visit reports waiting for review (township, county)'),
  callbacksDue: z.number().describe('hotline callbacks due (county centre)'),
  warningsToDispatch: z.number().describe('new warnings to send to their villages (county, township)'),
  warningsToVerify: z.number().describe('dispatched warnings to verify at home (village)'),
  warnings: z.array(WarningTodoSchema).describe('the first 100 of those warnings, soonest due first'),
  count: z.number().describe('everything above together: the number on the menu badge'),
});

export const TimelineEntrySchema = z.looseObject({
  seq: z.number(),
  type: z.string(),
  typeZh: z.string(),
  fromStep: z.string(),
  toStep: z.string(),
  onDate: z.string().describe('the day it happened'),
  at: z.string().describe('when it was recorded'),
  actorName: z.string(),
  /** The actor's display name (e.g. 李新旺); null for the system or the public. */
  actorDisplayName: z.string().nullable(),
  actorRole: z.string(),
  comment: z.string(),
  data: z.unknown(),
  ruleSetVersion: z.string().nullable(),
});

export const CaseDetailSchema = CaseSummarySchema.extend({
  state: z.looseObject({ step: z.string(), clueDate: z.string(), stepEnteredOn: z.string(), objections: z.number(), noticeStartedOn: z.string().nullable() }),
  facts: z.record(z.string(), z.unknown()).describe('verification form, property findings, assessment, deliberation, objections, assistance, callback'),
  decision: z.unknown(),
  assessment: z.unknown().describe('the policy engine result (reasons in zh-CN) or null; at the assessment step computed now from the facts so far'),
  assessmentIsPreview: z.boolean(),
  propertyPreview: z.unknown().describe('at the property check: what the asset sources hold for the members'),
  allowedEvents: z.array(z.string()).describe('the event types this actor may send now'),
  noticeDays: z.number(),
  noticeEndsOn: z.string().nullable(),
  timeline: z.array(TimelineEntrySchema),
  attachments: z.array(AttachmentSchema),
  clock: z.object({ clueDate: z.string(), dueOn: z.string(), daysUsed: z.number(), daysLimit: z.number(), unit: z.enum(['calendar', 'working']) }),
  incomeWindow: z
    .object({ fromMonth: z.string(), toMonth: z.string(), months: z.number(), clueDate: z.string() })
    .describe('the months whose income counts: the 12 before the clue date’s month, whatever day a step is entered; a home check with a row outside is refused (400)'),
  household: z.looseObject({ id: z.string(), householdNumber: z.string().nullable(), headName: z.string().nullable(), size: z.number(), members: z.array(z.looseObject({ id: z.string(), name: z.string(), idMasked: z.string() })) }).nullable(),
  warning: z
    .looseObject({
      id: z.string(),
      riskType: z.string(),
      message: z.string(),
      sources: z.array(z.string()),
      period: z.string(),
      status: z.string(),
      statusReason: z.string().nullable(),
      verifiedBy: z.string().nullable(),
      verifiedAt: z.string().nullable(),
    })
    .nullable()
    .describe('for a case opened by a confirmed warning (channel warning): that warning and what its verification found'),
});

export const HotlineCallSchema = z.looseObject({
  id: z.string(),
  calledAt: z.string(),
  callerName: z.string(),
  callerPhoneMasked: z.string(),
  regionCode: z.string(),
  villageName: z.string().nullable(),
  townshipName: z.string().nullable(),
  householdId: z.string().nullable(),
  content: z.string(),
  policyExplained: z.string(),
  result: z.enum(['answered', 'dispatched']),
  handlerName: z.string(),
  clueId: z.string().nullable(),
  caseId: z.string().nullable(),
  verificationResult: z.string().describe('核实结果, from the case decision'),
  callbackDueOn: z.string().nullable(),
  isCallbackOverdue: z.boolean(),
  callbackAt: z.string().nullable(),
  callbackNote: z.string().nullable(),
  objection: z.boolean().nullable(),
  status: z.enum(['open', 'closed']),
  statusZh: z.string(),
  remarks: z.string().describe('e.g. 经回访，已办结'),
});

export const VisitReportSchema = z.looseObject({
  id: z.string(),
  clientId: z.string().nullable(),
  regionCode: z.string(),
  householdId: z.string().nullable(),
  visitedOn: z.string(),
  visitorName: z.string(),
  observed: z.string(),
  riskTypes: z.array(z.string()),
  status: z.enum(['submitted', 'forwarded', 'dismissed']),
  clueId: z.string().nullable(),
  caseId: z.string().nullable(),
  attachments: z.array(AttachmentSchema),
});
