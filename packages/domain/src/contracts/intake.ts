/**
 * The contract of the channels that bring clues in (issue 12): the hotline desk (一键报告, 咨询热线电话记录),
 * self-application (自主申报: the public `/apply` page and its QR posters) and grassroots visit reports
 * (走访记录). Request bodies are strict (an unknown field is 400 VALIDATION_FAILED); responses list
 * every field the server writes, with the nullability it really writes. The server validates and
 * documents its routes with these schemas; the web takes its types from them.
 */
import { z } from 'zod';
import type { IsoDate } from '../calendar/dates.ts';
import { RISK_TYPE_CODES } from '../codes/risk-types.ts';
import { entryDateSchema, IsoDateSchema } from '../rulesets/rule-set.schema.ts';

const VillageCodeSchema = z.string().regex(/^\d{12}(\d{3})?$/, 'Choose a village (12- or 15-digit code)');
const RiskTypeCodesSchema = z.array(z.enum(RISK_TYPE_CODES as [string, ...string[]])).max(5);
const PageSchema = {
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(500).default(50),
};

// ─── hotline (一键报告) ────────────────────────────────────────────────────────────────────────────

/** 处理结果: answered only (仅解答, closed at once) or dispatched for a home check (转交入户核实). */
export const HotlineResultSchema = z.enum(['answered', 'dispatched']);
export type HotlineResult = z.infer<typeof HotlineResultSchema>;

/** 办理状态 of a call: open until answered or until the case's callback closes it. */
export const HotlineStatusSchema = z.enum(['open', 'closed']);
export type HotlineStatus = z.infer<typeof HotlineStatusSchema>;

/** POST /api/hotline-calls. A call time in the future is refused by the use case (reason `callTimeInFuture`). */
export const NewHotlineCallSchema = z.strictObject({
  calledAt: z
    .string()
    .datetime({ offset: true })
    .refine((t) => Date.parse(t) >= Date.UTC(1900, 0, 1), { message: 'The call time is before 1900' })
    .optional(),
  callerName: z.string().trim().min(1, 'The caller name is required').max(50),
  callerPhone: z.string().trim().min(1, 'The caller phone is required').max(30),
  regionCode: VillageCodeSchema,
  householdId: z.string().uuid().nullable().optional(),
  content: z.string().trim().min(1, 'What the caller said is required').max(4000),
  policyExplained: z.string().max(4000).optional(),
  result: HotlineResultSchema,
  riskTypes: RiskTypeCodesSchema.optional(),
  remarks: z.string().max(1000).optional(),
});
export type NewHotlineCall = z.input<typeof NewHotlineCallSchema>;

/** One row of the call-record table (咨询热线电话记录处理情况表). */
export const HotlineCallSchema = z.object({
  id: z.string(),
  calledAt: z.string().describe('ISO time'),
  callerName: z.string(),
  callerPhoneMasked: z.string(),
  regionCode: z.string(),
  villageName: z.string().nullable(),
  townshipName: z.string().nullable(),
  householdId: z.string().nullable(),
  householdNumber: z.string().nullable(),
  content: z.string(),
  policyExplained: z.string(),
  result: HotlineResultSchema,
  handlerName: z.string(),
  clueId: z.string().nullable(),
  caseId: z.string().nullable(),
  caseNumber: z.string().nullable().describe("the case's number when the call reached a case"),
  caseStep: z.string().nullable(),
  caseStepZh: z.string().nullable().describe("the case's current step in Chinese, e.g. 入户核实"),
  verificationResult: z.string().describe('核实结果, from the case decision; empty before one'),
  callbackDueOn: z.string().nullable().describe('YYYY-MM-DD'),
  isCallbackOverdue: z.boolean().describe('the server’s judgement (China date) that the callback is late'),
  callbackAt: z.string().nullable(),
  callbackNote: z.string().nullable(),
  objection: z.boolean().nullable(),
  status: HotlineStatusSchema,
  statusZh: z.string(),
  remarks: z.string().describe('e.g. 经回访，已办结'),
});
export type HotlineCall = z.infer<typeof HotlineCallSchema>;

/** 201 of POST /api/hotline-calls. */
export const HotlineCallCreatedSchema = z.object({
  call: HotlineCallSchema,
  clueId: z.string().nullable(),
  caseId: z.string().nullable(),
  linkedToExistingClue: z.boolean().describe('the call joined an open clue about the same household (or caller phone and village)'),
});
export type HotlineCallCreated = z.infer<typeof HotlineCallCreatedSchema>;

/** POST /api/hotline-calls/open-case (POST so the phone number stays out of URLs and logs). */
export const OpenCaseCheckSchema = z.strictObject({
  householdId: z.string().uuid().nullable().optional(),
  regionCode: VillageCodeSchema.optional(),
  callerPhone: z.string().trim().max(30).optional(),
});
export type OpenCaseCheckBody = z.input<typeof OpenCaseCheckSchema>;

/** The open case a dispatched call would join, asked before saving. */
export const OpenCaseOfCallSchema = z.object({
  caseId: z.string(),
  caseNumber: z.string(),
  step: z.string(),
  stepZh: z.string(),
  clueDate: z.string(),
  dueOn: z.string(),
  /** `household`: a case about the chosen household; `caller`: a clue this phone reported in this village. */
  matchedBy: z.enum(['household', 'caller']),
});
export type OpenCaseOfCall = z.infer<typeof OpenCaseOfCallSchema>;

export const OpenCaseAnswerSchema = z.object({ openCase: OpenCaseOfCallSchema.nullable() });
export type OpenCaseAnswer = z.infer<typeof OpenCaseAnswerSchema>;

/** GET /api/hotline-calls/export.xlsx: China-time dates of the call, and the status. */
export const HotlineExportQuerySchema = z.strictObject({
  from: IsoDateSchema.optional(),
  to: IsoDateSchema.optional(),
  status: HotlineStatusSchema.optional(),
});

/** GET /api/hotline-calls. */
export const HotlineCallsQuerySchema = z.strictObject({ ...HotlineExportQuerySchema.shape, ...PageSchema });
export type HotlineQuery = z.output<typeof HotlineCallsQuerySchema>;

export const HotlineCallPageSchema = z.object({ items: z.array(HotlineCallSchema), total: z.number() });
export type HotlineCallPage = z.infer<typeof HotlineCallPageSchema>;

// ─── self-application (自主申报, public) ──────────────────────────────────────────────────────────

/** GET /api/public/villages?county= */
export const PublicVillagesQuerySchema = z.strictObject({ county: z.string().regex(/^\d{6}$/) });

/** A village as a pick-list entry (from the region tree, or the public village list). */
export const VillageOptionSchema = z.object({ code: z.string(), name: z.string(), townshipName: z.string() });
export type VillageOption = z.infer<typeof VillageOptionSchema>;

export const PublicVillageListSchema = z.object({
  county: z.object({ code: z.string(), name: z.string() }),
  villages: z.array(VillageOptionSchema),
});
export type PublicVillageList = z.infer<typeof PublicVillageListSchema>;

export const VillageCodeParamsSchema = z.strictObject({ code: z.string().max(15) });

/** GET /api/public/villages/:code — a village named in a QR code. */
export const PublicVillageSchema = z.object({
  code: z.string(),
  name: z.string(),
  townshipName: z.string(),
  countyName: z.string(),
  supervisionPhone: z.string().nullable().describe("the county's supervision / hotline number (县级设置); null when not set"),
});
export type PublicVillage = z.infer<typeof PublicVillageSchema>;

/** POST /api/public/applications. */
export const NewApplicationSchema = z.strictObject({
  villageCode: z.string().max(15),
  name: z.string().trim().max(30).optional(),
  phone: z.string().trim().min(1, 'The mobile number is required').max(30),
  description: z.string().trim().min(10, 'Describe the difficulty in at least 10 characters').max(500, 'At most 500 characters'),
  consent: z.literal(true, { message: 'Consent to the home check and the property enquiry is required' }),
  /** Honeypot: people leave it empty, form-filling robots do not. */
  website: z.string().max(200).optional(),
});
export type NewApplication = z.input<typeof NewApplicationSchema>;

export const ApplicationReceiptSchema = z.object({ referenceNo: z.string().describe('SQ<date>-<6 letters>: ask about progress with it and the phone') });
export type ApplicationReceipt = z.infer<typeof ApplicationReceiptSchema>;

export const ApplicationParamsSchema = z.strictObject({ referenceNo: z.string().max(40) });
export const ApplicationStatusQuerySchema = z.strictObject({ phone: z.string().max(30) });

/** What the applicant may know about progress: the stage, never the decision's details. */
export const ApplicationStageSchema = z.enum(['received', 'inProgress', 'approved', 'notEligible', 'closed', 'withdrawn']);
export type ApplicationStage = z.infer<typeof ApplicationStageSchema>;

/** GET /api/public/applications/:referenceNo?phone= */
export const ApplicationStatusSchema = z.object({
  referenceNo: z.string(),
  createdAt: z.string(),
  status: ApplicationStageSchema,
  statusZh: z.string(),
});
export type ApplicationStatus = z.infer<typeof ApplicationStatusSchema>;

// ─── visit reports (走访记录) ─────────────────────────────────────────────────────────────────────

/** 走访记录 status: submitted (待审核) → forwarded (已转县, a clue) or dismissed (不予转交). */
export const VisitStatusSchema = z.enum(['submitted', 'forwarded', 'dismissed']);
export type VisitStatus = z.infer<typeof VisitStatusSchema>;

/**
 * POST /api/visit-reports. `today` is the server's clock (the visit day may not be after it); the
 * domain reads no clock, so the schema is built with it.
 */
export function newVisitReportSchema(today: () => IsoDate) {
  return z.strictObject({
    clientId: z.string().min(8).max(100).optional(),
    householdId: z.string().uuid().nullable().optional(),
    regionCode: VillageCodeSchema,
    visitedOn: entryDateSchema(today, 'notAfterToday'),
    observed: z.string().trim().min(1, 'What was seen is required').max(4000),
    riskTypes: RiskTypeCodesSchema.default([]),
  });
}
export type NewVisitReport = z.input<ReturnType<typeof newVisitReportSchema>>;

/** A photo or scan attached to a visit report (JPEG/PNG/WebP/PDF ≤ 10 MB). */
export const VisitAttachmentSchema = z.object({
  id: z.string(),
  purpose: z.string(),
  fileName: z.string(),
  mimeType: z.string(),
  size: z.number(),
  uploadedBy: z.string(),
  createdAt: z.string(),
  url: z.string().describe('GET it to download (same region rules as the report)'),
});
export type VisitAttachment = z.infer<typeof VisitAttachmentSchema>;

export const VisitReportSchema = z.object({
  id: z.string(),
  clientId: z.string().nullable(),
  regionCode: z.string(),
  villageName: z.string().nullable(),
  townshipName: z.string().nullable(),
  householdId: z.string().nullable(),
  householdNumber: z.string().nullable(),
  headName: z.string().nullable(),
  visitedOn: z.string().describe('YYYY-MM-DD'),
  visitorName: z.string(),
  observed: z.string(),
  riskTypes: z.array(z.string()),
  status: VisitStatusSchema,
  reviewedBy: z.string().nullable(),
  reviewedAt: z.string().nullable(),
  reviewNote: z.string().nullable(),
  clueId: z.string().nullable(),
  caseId: z.string().nullable(),
  attachments: z.array(VisitAttachmentSchema),
});
export type VisitReport = z.infer<typeof VisitReportSchema>;

/** GET /api/visit-reports. */
export const VisitReportsQuerySchema = z.strictObject({ status: VisitStatusSchema.optional(), ...PageSchema });
export const VisitReportPageSchema = z.object({ items: z.array(VisitReportSchema), total: z.number() });
export type VisitReportPage = z.infer<typeof VisitReportPageSchema>;

export const VisitReportParamsSchema = z.strictObject({ id: z.string().uuid() });

/** POST /api/visit-reports/:id/forward (the township sends it to the county as a clue). */
export const ForwardVisitSchema = z.strictObject({ note: z.string().max(2000).optional() });
/** POST /api/visit-reports/:id/dismiss (no identification needed; the reason is required). */
export const DismissVisitSchema = z.strictObject({ note: z.string().trim().min(1, 'The reason is required').max(2000) });

export const VisitForwardedSchema = z.object({ report: VisitReportSchema, clueId: z.string(), caseId: z.string() });
export const VisitDismissedSchema = z.object({ report: VisitReportSchema });
/** The answer of forward or dismiss: the reviewed report, and the clue and case a forward opened. */
export type VisitReviewed = { report: VisitReport; clueId?: string; caseId?: string };
