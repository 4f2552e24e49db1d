/**
 * The API contract of the field app's sync (外勤同步, docs/field-app.md): the snapshot the phone keeps
 * offline and the outbox actions it sends, each applied exactly once.
 */
import { z } from 'zod';
import type { IsoDate } from '../calendar/dates.ts';
import { RISK_TYPE_CODES } from '../codes/risk-types.ts';
import { entryDateSchema } from '../rulesets/rule-set.schema.ts';
import { EliminationModeSchema, EliminationVerificationDataSchema, helperVisitBodySchema } from './monitoring.ts';
import { FIELD_WARNING_OUTCOMES } from '../workflow/warning.ts';

/** A photo resized on the phone is a few hundred KB; base64 adds a third. */
export const FIELD_ATTACHMENT_BASE64_MAX = 14 * 1024 * 1024;

/** The case steps the field app records on the phone (home verification, screening out, village deliberation). */
export const FIELD_CASE_EVENTS = ['recordVerification', 'screenOut', 'recordDeliberation'] as const;

/**
 * The elimination steps at which the phone records the home check (风险消除 入户核实): at `proposed`
 * the home check is dispatched and recorded in one go (`startVerification`, then `recordVerification`).
 */
export const FIELD_ELIMINATION_STEPS = ['proposed', 'homeVerification'] as const;

export const FieldAttachmentSchema = z.strictObject({
  /** `evidence`: the elimination home check's signed record or photo (as the web's elimination page uploads it). */
  purpose: z.enum(['consent', 'photo', 'minutes', 'evidence']),
  fileName: z.string().max(200),
  contentBase64: z.string().min(1).max(FIELD_ATTACHMENT_BASE64_MAX),
});
export type FieldAttachment = z.infer<typeof FieldAttachmentSchema>;

/**
 * `POST /api/field/actions`: one outbox item — a visit report, a helper visit (帮扶走访: the same body
 * as `POST /api/households/:id/helper-visits`, with its household), a warning's verification (预警核实:
 * as `POST /api/warnings/transition` records it for one warning, on the day it happened), or a case event made against the step
 * and version the phone saw (`expected`), after the one queued before it (`after`). Dates may not be
 * after `today` (the server passes its clock; the static {@link FieldActionSchema} is for types).
 */
export function fieldActionSchema(today: () => IsoDate) {
  const EntryDate = entryDateSchema(today, 'notAfterToday');
  return z.discriminatedUnion('kind', [
    z.strictObject({
      clientId: z.uuid(),
      kind: z.literal('visitReport'),
      visit: z.strictObject({
        householdId: z.uuid().nullable().optional(),
        regionCode: z.string().regex(/^\d{12}(\d{3})?$/, 'choose the village'),
        visitedOn: EntryDate,
        observed: z.string().trim().min(1, 'describe what the visit found').max(4000),
        riskTypes: z.array(z.enum(RISK_TYPE_CODES as [string, ...string[]])).max(5).default([]),
      }),
      attachments: z.array(FieldAttachmentSchema).max(3).optional(),
    }),
    z.strictObject({
      clientId: z.uuid(),
      kind: z.literal('helperVisit'),
      householdId: z.uuid(),
      visit: helperVisitBodySchema(today).extend({ visitedOn: EntryDate }),
      attachments: z.array(FieldAttachmentSchema).max(3).optional(),
    }),
    z.strictObject({
      clientId: z.uuid(),
      kind: z.literal('warningVerification'),
      warningId: z.uuid(),
      outcome: z.enum(FIELD_WARNING_OUTCOMES),
      /** What the verification found: required for riskConfirmed and noRisk (the server says so, field `reason`). */
      reason: z.string().max(2000).optional(),
      occurredOn: EntryDate,
    }),
    z.strictObject({
      clientId: z.uuid(),
      kind: z.literal('eliminationCheck'),
      eliminationId: z.uuid(),
      /** The elimination's step and version the phone saw (409 `caseMovedOn` when it moved on). */
      expected: z.strictObject({ step: z.enum(FIELD_ELIMINATION_STEPS), version: z.number().int().min(1) }),
      after: z.uuid().optional(),
      /** The home check's form, as `POST /api/eliminations/:id/events` `recordVerification` takes it. */
      check: EliminationVerificationDataSchema,
      comment: z.string().max(2000).optional(),
      occurredOn: EntryDate,
      attachments: z.array(FieldAttachmentSchema).max(3).optional(),
    }),
    z.strictObject({
      clientId: z.uuid(),
      kind: z.literal('caseEvent'),
      caseId: z.uuid(),
      expected: z.strictObject({ step: z.string().max(40), version: z.number().int().min(1) }),
      after: z.uuid().optional(),
      event: z.strictObject({
        type: z.enum(FIELD_CASE_EVENTS),
        /** The case event's own form data (its contract is the case event's; checked by the case procedure). */
        data: z.record(z.string(), z.unknown()).optional(),
        comment: z.string().max(2000).optional(),
        occurredOn: EntryDate.optional(),
      }),
      attachments: z.array(FieldAttachmentSchema).max(3).optional(),
    }),
  ]);
}
export const FieldActionSchema = fieldActionSchema(() => '9999-12-31');
export type FieldAction = z.infer<typeof FieldActionSchema>;
export type FieldActionInput = z.input<typeof FieldActionSchema>;

export const FieldActionResultSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('visitReport'), visitReportId: z.string(), attachmentIds: z.array(z.string()) }),
  z.object({ kind: z.literal('helperVisit'), householdId: z.string(), helperVisitId: z.string(), nextVisitDueOn: z.string().nullable(), attachmentIds: z.array(z.string()) }),
  z.object({ kind: z.literal('warningVerification'), warningId: z.string(), status: z.string(), caseId: z.string().nullable(), caseNumber: z.string().nullable() }),
  z.object({ kind: z.literal('eliminationCheck'), eliminationId: z.string(), caseNumber: z.string(), step: z.string(), version: z.number(), attachmentIds: z.array(z.string()) }),
  z.object({ kind: z.literal('caseEvent'), caseId: z.string(), caseNumber: z.string(), step: z.string(), version: z.number(), attachmentIds: z.array(z.string()) }),
]);
export type FieldActionResult = z.infer<typeof FieldActionResultSchema>;

/** The answer: 201 the first time, 200 with `replayed: true` for a re-send. */
export const FieldActionAppliedSchema = z.object({ clientId: z.string(), status: z.literal('applied'), replayed: z.boolean(), result: FieldActionResultSchema });
export type FieldActionApplied = z.infer<typeof FieldActionAppliedSchema>;

/** What the case looks like now (in a 409 `caseMovedOn` problem's `current`), for the phone to show beside the draft. */
export const FieldCaseNowSchema = z.object({
  step: z.string(),
  version: z.number(),
  lastEvent: z.object({ type: z.string(), typeZh: z.string(), on: z.string(), by: z.string(), comment: z.string(), reason: z.string().nullable() }).nullable(),
});
export type FieldCaseNow = z.infer<typeof FieldCaseNowSchema>;

export const FieldMemberSchema = z.object({ id: z.string(), name: z.string(), relation: z.string(), sex: z.string(), birthYear: z.number(), idMasked: z.string() });
export const FieldHouseholdSchema = z.object({ id: z.string(), householdNumber: z.string(), regionCode: z.string(), headName: z.string(), members: z.array(FieldMemberSchema) });
export type FieldHousehold = z.infer<typeof FieldHouseholdSchema>;

export const FieldVisitDueSchema = z.object({ householdId: z.string(), lastVisitOn: z.string().nullable(), nextVisitDueOn: z.string().nullable(), intervalMonths: z.number() });
export type FieldVisitDue = z.infer<typeof FieldVisitDueSchema>;

/**
 * A case the phone fills a form for: the case as `GET /api/cases/:id` shows it (the cases contract
 * owns that shape; the fields the field app reads are named here, the rest passes through) and the
 * rule set in force, for the provisional assessment on the phone.
 */
export const FieldCaseSchema = z.looseObject({
  id: z.string(),
  caseNumber: z.string(),
  step: z.string(),
  version: z.number(),
  regionCode: z.string(),
  clueDate: z.string(),
  householdId: z.string().nullable(),
  villageName: z.string().nullable().optional(),
  headName: z.string().nullable().optional(),
  incomeWindow: z.object({ fromMonth: z.string(), toMonth: z.string(), months: z.number() }),
  household: z
    .looseObject({
      id: z.string(),
      householdNumber: z.string().nullable(),
      headName: z.string().nullable(),
      type: z.string().nullable(),
      size: z.number(),
      members: z.array(
        z.looseObject({
          id: z.string(),
          name: z.string(),
          relation: z.string(),
          sex: z.string(),
          birthYear: z.number(),
          idMasked: z.string(),
          labourCapacity: z.string().nullable().optional(),
          health: z.string().nullable().optional(),
          schooling: z.string().nullable().optional(),
          migrantMonths: z.number().nullable().optional(),
        }),
      ),
    })
    .nullable(),
  /** The rule set in force (rulesets/rule-set.schema.ts); passed through as stored. */
  ruleSet: z.looseObject({ version: z.string() }),
});

/**
 * A risk elimination (风险消除) waiting for its home check (入户核实) that the user records: the case's
 * step and version (what the action states as `expected`), the household, the proposal, and the
 * monitoring line in force (the phone says whether the income typed is above it).
 */
export const FieldEliminationSchema = z.object({
  id: z.string(),
  caseNumber: z.string(),
  step: z.enum(FIELD_ELIMINATION_STEPS),
  version: z.number(),
  regionCode: z.string(),
  householdId: z.string(),
  householdNumber: z.string(),
  headName: z.string(),
  villageName: z.string(),
  stepEnteredOn: z.string(),
  stepDueOn: z.string().nullable(),
  mode: EliminationModeSchema,
  proposal: z.object({ reason: z.string(), perCapitaIncome: z.number(), resolvedRiskTypes: z.array(z.string()), by: z.string(), on: z.string() }),
  monitoringLine: z.number(),
});
export type FieldElimination = z.infer<typeof FieldEliminationSchema>;

/** `GET /api/field/snapshot`: what the phone keeps offline for the user's villages. */
export const FieldSnapshotSchema = z
  .object({
    syncedAt: z.string(),
    today: z.string(),
    villages: z.array(z.object({ code: z.string(), name: z.string(), townshipName: z.string().nullable() })),
    cases: z.array(FieldCaseSchema),
    warnings: z.array(
      z.looseObject({
        id: z.string(),
        householdId: z.string().nullable(),
        riskType: z.string(),
        message: z.string(),
        headName: z.string().nullable().optional(),
        // Optional: snapshots kept on a phone from before these fields existed show `message`.
        signal: z.string().nullable().optional(),
        numbers: z.record(z.string(), z.number()).optional(),
        sources: z.array(z.string()).optional(),
        detailWithheld: z.boolean().optional(),
      }),
    ),
    households: z.array(FieldHouseholdSchema),
    /**
     * The monitoring objects among `households` the user records helper visits for (a helping cadre:
     * those they help), with the rhythm: last visit, next due day (the rule set's interval for the
     * category), most overdue first.
     */
    visitsDue: z.array(FieldVisitDueSchema),
    /** The risk eliminations waiting for the home check that the user records (step order: dispatched first), nearest deadline first. */
    eliminations: z.array(FieldEliminationSchema),
    householdsTruncated: z.boolean(),
    riskTypes: z.array(z.object({ code: z.string(), zh: z.string(), en: z.string() })),
  })
  .meta({ id: 'FieldSnapshot' });
export type FieldSnapshotResponse = z.infer<typeof FieldSnapshotSchema>;
