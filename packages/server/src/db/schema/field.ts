import { index, jsonb, pgTable, text, timestamp, uuid, varchar } from 'drizzle-orm/pg-core';

/**
 * 外勤离线操作: every action the field app sends from its outbox, once applied, keyed by the
 * client id the phone gave it. A re-send (the answer was lost on a bad line) finds the row and gets
 * the first result back; nothing is applied twice. Refused actions are not stored: nothing of
 * them was applied, and the phone keeps them until the user decides.
 */
export const fieldActions = pgTable(
  'field_actions',
  {
    clientId: uuid('client_id').primaryKey(),
    userId: uuid('user_id').notNull(),
    countyCode: varchar('county_code', { length: 6 }).notNull(),
    /** visitReport | caseEvent */
    kind: text('kind').notNull(),
    caseId: uuid('case_id'),
    /** What the first send answered (ids, the case's step and version after the action). */
    result: jsonb('result').notNull(),
    appliedAt: timestamp('applied_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('field_actions_case_idx').on(t.caseId)],
);
