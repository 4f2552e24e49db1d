import { sql } from 'drizzle-orm';
import { date, index, jsonb, numeric, pgTable, smallint, text, timestamp, uuid, varchar } from 'drizzle-orm/pg-core';
import { households } from './registry.ts';

/**
 * 帮扶走访: a helper's visit to a monitoring object (issue 13 item 4): the day, who, what they saw,
 * the problems found and, when the visit updated the household's income, the figures and the
 * assessment recomputed from them with its rule-set version. Photos are attachments (owner_kind
 * 'helperVisit'). Append-only by use: a wrong visit is corrected by a later one.
 */
export const helperVisits = pgTable(
  'helper_visits',
  {
    id: uuid('id').primaryKey().default(sql`gen_random_uuid()`),
    countyCode: varchar('county_code', { length: 6 }).notNull(),
    householdId: uuid('household_id')
      .notNull()
      .references(() => households.id),
    visitedOn: date('visited_on', { mode: 'string' }).notNull(),
    visitorId: uuid('visitor_id'),
    visitorName: text('visitor_name').notNull(),
    visitorRole: text('visitor_role').notNull(),
    /** What the visitor saw and heard (ID numbers typed in it are stored masked). */
    observed: text('observed').notNull(),
    /** Problems found (困难和问题), empty when none. */
    problems: text('problems').notNull().default(''),
    /** The income update of the 12 months before the visit's month (yuan per component), or null. */
    incomeUpdate: jsonb('income_update'),
    /** The year the updated income counts for, and the per-capita net income the assessment computed. */
    incomeYear: smallint('income_year'),
    perCapitaIncome: numeric('per_capita_income', { precision: 12, scale: 2, mode: 'number' }),
    /** The domain assessment recomputed from the update (snapshot), and the rule-set version it used. */
    assessment: jsonb('assessment'),
    ruleSetVersion: text('rule_set_version'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('helper_visits_household_idx').on(t.householdId, t.visitedOn), index('helper_visits_county_idx').on(t.countyCode)],
);
