import { sql } from 'drizzle-orm';
import { bigserial, boolean, date, index, integer, jsonb, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid, varchar } from 'drizzle-orm/pg-core';
import { bytea } from './accounts.ts';
import { chainColumns } from './audit.ts';

/**
 * 咨询热线电话记录 — one row per call, the call-record table (咨询热线电话记录处理情况表). Repeat calls
 * about the same household link to the same clue. The caller's phone is encrypted with a blind index
 * (lookup of earlier calls) and a masked form for lists.
 */
export const hotlineCalls = pgTable(
  'hotline_calls',
  {
    id: uuid('id').primaryKey().default(sql`gen_random_uuid()`),
    countyCode: varchar('county_code', { length: 6 }).notNull(),
    regionCode: varchar('region_code', { length: 15 }).notNull(),
    householdId: uuid('household_id'),
    clueId: uuid('clue_id'),
    calledAt: timestamp('called_at', { withTimezone: true }).notNull(),
    callerName: text('caller_name').notNull(),
    callerPhoneEnc: bytea('caller_phone_enc'),
    callerPhoneIndex: bytea('caller_phone_index'),
    callerPhoneMasked: text('caller_phone_masked').notNull().default(''),
    content: text('content').notNull(),
    policyExplained: text('policy_explained').notNull().default(''),
    /** answered 政策解答 | dispatched 转交核实 */
    result: text('result').notNull(),
    handlerName: text('handler_name').notNull(),
    handlerId: uuid('handler_id'),
    callbackDueOn: date('callback_due_on', { mode: 'string' }),
    callbackAt: timestamp('callback_at', { withTimezone: true }),
    callbackNote: text('callback_note'),
    objection: boolean('objection'),
    /** open 办理中 | closed 已办结 */
    status: text('status').notNull().default('open'),
    remarks: text('remarks').notNull().default(''),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('hotline_calls_scope_idx').on(t.countyCode, t.calledAt), index('hotline_calls_clue_idx').on(t.clueId)],
);

/** 自主申报: a household's own application from the public page (no login), with its reference number. */
export const selfApplications = pgTable(
  'self_applications',
  {
    id: uuid('id').primaryKey().default(sql`gen_random_uuid()`),
    referenceNo: text('reference_no').notNull(),
    countyCode: varchar('county_code', { length: 6 }).notNull(),
    regionCode: varchar('region_code', { length: 15 }).notNull(),
    applicantName: text('applicant_name').notNull().default(''),
    phoneEnc: bytea('phone_enc').notNull(),
    phoneIndex: bytea('phone_index').notNull(),
    phoneMasked: text('phone_masked').notNull(),
    description: text('description').notNull(),
    consent: boolean('consent').notNull(),
    clueId: uuid('clue_id'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('self_applications_ref_uq').on(t.referenceNo),
    index('self_applications_phone_idx').on(t.phoneIndex, t.createdAt),
    // The case page's clue list finds a clue's application; the statistics' funnel counts a county's (0044).
    index('self_applications_clue_idx').on(t.clueId),
    index('self_applications_scope_idx').on(t.countyCode, t.createdAt),
  ],
);

/** 走访记录: a grid worker's or cadre's visit, reviewed by the township and forwarded as a clue. */
export const visitReports = pgTable(
  'visit_reports',
  {
    id: uuid('id').primaryKey().default(sql`gen_random_uuid()`),
    /** Client-generated id so that a field app re-sending after a lost connection creates nothing twice. */
    clientId: text('client_id'),
    countyCode: varchar('county_code', { length: 6 }).notNull(),
    regionCode: varchar('region_code', { length: 15 }).notNull(),
    householdId: uuid('household_id'),
    visitedOn: date('visited_on', { mode: 'string' }).notNull(),
    visitorName: text('visitor_name').notNull(),
    visitorId: uuid('visitor_id'),
    observed: text('observed').notNull(),
    riskTypes: text('risk_types').array().notNull().default([]),
    /** submitted 待审核 | forwarded 已转县 | dismissed 不予转交 */
    status: text('status').notNull().default('submitted'),
    reviewedBy: text('reviewed_by'),
    reviewedAt: timestamp('reviewed_at', { withTimezone: true }),
    reviewNote: text('review_note'),
    clueId: uuid('clue_id'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('visit_reports_client_uq').on(t.clientId), index('visit_reports_scope_idx').on(t.countyCode, t.status), index('visit_reports_clue_idx').on(t.clueId)],
);

/** Photos and scans (signed consent, minutes, notice photos) kept in the database so backups hold them. */
export const attachments = pgTable(
  'attachments',
  {
    id: uuid('id').primaryKey().default(sql`gen_random_uuid()`),
    /** visit | case */
    ownerKind: text('owner_kind').notNull(),
    ownerId: uuid('owner_id').notNull(),
    /** What the file is: photo, consent, minutes, notice, other. */
    purpose: text('purpose').notNull(),
    fileName: text('file_name').notNull(),
    mimeType: text('mime_type').notNull(),
    size: integer('size').notNull(),
    sha256: text('sha256').notNull(),
    content: bytea('content').notNull(),
    uploadedBy: text('uploaded_by').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('attachments_owner_idx').on(t.ownerKind, t.ownerId)],
);

/**
 * 识别认定案件: one identification procedure per clue. `state` is the domain IdentificationState;
 * `version` is bumped by every move so that two people acting at once cannot both succeed.
 */
export const cases = pgTable(
  'cases',
  {
    id: uuid('id').primaryKey().default(sql`gen_random_uuid()`),
    caseNumber: text('case_number').notNull(),
    /** The clue an identification case answers; null for a risk-elimination case (kind `elimination`), which starts from a proposal. */
    clueId: uuid('clue_id'),
    countyCode: varchar('county_code', { length: 6 }).notNull(),
    regionCode: varchar('region_code', { length: 15 }).notNull(),
    householdId: uuid('household_id'),
    /** identification 识别认定 | elimination 风险消除 (state is then the domain EliminationState). */
    kind: text('kind').notNull().default('identification'),
    step: text('step').notNull(),
    state: jsonb('state').notNull(),
    version: integer('version').notNull().default(1),
    clueDate: date('clue_date', { mode: 'string' }).notNull(),
    stepDueOn: date('step_due_on', { mode: 'string' }),
    dueOn: date('due_on', { mode: 'string' }).notNull(),
    /**
     * The deadline that comes first (modules/cases/deadline-sql.ts): the callback's own at 电话回访,
     * else the nearer of the 15-day limit and the step's own. Derived, stored so that the to-do, the
     * case list and the dashboard read "late" and "due soon" as ranges of one indexed column.
     */
    nearestDueOn: date('nearest_due_on', { mode: 'string' }).generatedAlwaysAs(
      sql`CASE WHEN step = 'callback' THEN step_due_on ELSE LEAST(due_on, coalesce(step_due_on, due_on)) END`,
    ),
    greenChannel: boolean('green_channel').notNull().default(false),
    /** The latest facts recorded by the steps (verification form, property findings, assessment). */
    facts: jsonb('facts').notNull().default({}),
    decision: jsonb('decision'),
    openedAt: timestamp('opened_at', { withTimezone: true }).notNull().defaultNow(),
    closedAt: timestamp('closed_at', { withTimezone: true }),
  },
  (t) => [
    uniqueIndex('cases_clue_uq').on(t.clueId),
    uniqueIndex('cases_number_uq').on(t.caseNumber),
    index('cases_scope_idx').on(t.countyCode, t.step, t.dueOn),
    // cases_open_deadline_idx (migration 0039, INCLUDE is not expressible here): the open identification
    // cases of a county by their first deadline, the to-do's ranking and counts from the index alone.
    // GET /api/cases?householdId= : one household's identification history.
    index('cases_household_idx').on(t.householdId),
  ],
);

/**
 * 草稿: a half-filled step form of a case (today the home check, 入户核实), saved from any device so a
 * cadre can stop, reopen the case later or on another phone and go on. One per case and event; what
 * was typed is sealed with the personal-data cipher (it holds members' health and the family's money:
 * docs/personal-data.md "Drafts"). Deleted when the case moves on (any step), when discarded, and
 * never part of the case's history.
 */
export const caseDrafts = pgTable(
  'case_drafts',
  {
    caseId: uuid('case_id').notNull(),
    eventType: text('event_type').notNull(),
    countyCode: varchar('county_code', { length: 6 }).notNull(),
    regionCode: varchar('region_code', { length: 15 }).notNull(),
    /** The part of the stepped form the author was on (0-based). */
    formStep: integer('form_step').notNull().default(0),
    /** JSON of the form's values, AES-256-GCM sealed. */
    valuesEnc: bytea('values_enc').notNull(),
    savedById: uuid('saved_by_id'),
    savedByName: text('saved_by_name').notNull(),
    savedAt: timestamp('saved_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.caseId, t.eventType] }), index('case_drafts_scope_idx').on(t.countyCode)],
);

/** The case timeline: every step taken, by whom, when, with its form data; append-only. */
export const caseEvents = pgTable(
  'case_events',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    caseId: uuid('case_id').notNull(),
    seq: integer('seq').notNull(),
    type: text('type').notNull(),
    fromStep: text('from_step').notNull(),
    toStep: text('to_step').notNull(),
    onDate: date('on_date', { mode: 'string' }).notNull(),
    actorId: uuid('actor_id'),
    actorName: text('actor_name').notNull(),
    actorRole: text('actor_role').notNull(),
    comment: text('comment').notNull().default(''),
    data: jsonb('data').notNull().default({}),
    /** For decisions: the facts and assessment the decision was based on. */
    snapshot: jsonb('snapshot'),
    ruleSetVersion: text('rule_set_version'),
    at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
    ...chainColumns(),
  },
  (t) => [
    uniqueIndex('case_events_seq_uq').on(t.caseId, t.seq),
    uniqueIndex('case_events_chain_seq_uq').on(t.chainSeq),
    index('case_events_unsealed_idx').on(t.id).where(sql`hash IS NULL`),
  ],
);
