import { sql } from 'drizzle-orm';
import { date, index, jsonb, pgTable, text, timestamp, uuid, varchar } from 'drizzle-orm/pg-core';

/**
 * Rule-set versions (monitoring line, deadlines, thresholds…) per region with an effective date.
 * Append-only: a change is a new version. The one in force for a region and date is resolved by
 * inheritance (province default → county override) in @fangpin/domain `resolveRuleSet`.
 */
export const ruleSetVersions = pgTable(
  'rule_set_versions',
  {
    id: uuid('id').primaryKey().default(sql`gen_random_uuid()`),
    version: text('version').notNull().unique(),
    regionCode: varchar('region_code', { length: 15 }).notNull(),
    effectiveFrom: date('effective_from', { mode: 'string' }).notNull(),
    /** A (partial) RuleSetOverride, validated by the domain schema before it is stored. */
    rules: jsonb('rules').notNull(),
    note: text('note'),
    createdBy: text('created_by').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('rule_set_versions_region_idx').on(t.regionCode, t.effectiveFrom)],
);
