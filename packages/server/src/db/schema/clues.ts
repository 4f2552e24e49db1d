import { sql } from 'drizzle-orm';
import { index, pgTable, text, timestamp, uniqueIndex, uuid, varchar } from 'drizzle-orm/pg-core';

/**
 * 线索: anything that says a household may be at risk — a hotline call, an application, a visit or a
 * confirmed warning — and the start of the identification procedure. A warning has at most one clue
 * that is not withdrawn.
 */
export const clues = pgTable(
  'clues',
  {
    id: uuid('id').primaryKey().default(sql`gen_random_uuid()`),
    countyCode: varchar('county_code', { length: 6 }).notNull(),
    regionCode: varchar('region_code', { length: 15 }).notNull(),
    householdId: uuid('household_id'),
    /** hotline 一键报告 | application 自主申报 | visit 排查走访 | warning 部门预警 */
    channel: text('channel').notNull(),
    warningId: uuid('warning_id'),
    /**
     * The identification case the clue belongs to: the case it opened, or the household's case already
     * running when the clue came (a second clue about the same household joins it: one case per household).
     */
    caseId: uuid('case_id'),
    riskTypes: text('risk_types').array().notNull().default([]),
    summary: text('summary').notNull(),
    /** case (its identification case is running) → closed | withdrawn; `open` only for clues from before cases existed */
    status: text('status').notNull().default('open'),
    createdBy: text('created_by').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    // One live clue per warning; a correction withdraws it, and a later confirmation opens a new one.
    uniqueIndex('clues_warning_uq').on(t.warningId).where(sql`status <> 'withdrawn'`),
    index('clues_warning_idx').on(t.warningId),
    index('clues_scope_idx').on(t.countyCode, t.status),
    index('clues_case_idx').on(t.caseId),
  ],
);
