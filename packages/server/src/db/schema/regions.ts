import { index, pgTable, smallint, text, timestamp, varchar } from 'drizzle-orm/pg-core';

/** 行政区划 region tree: province → city → county → township → village (→ group 组/屯). */
export const regions = pgTable(
  'regions',
  {
    code: varchar('code', { length: 15 }).primaryKey(),
    name: text('name').notNull(),
    /** province | city | county | township | village | group */
    level: text('level').notNull(),
    levelRank: smallint('level_rank').notNull(),
    parentCode: varchar('parent_code', { length: 15 }),
    countyCode: varchar('county_code', { length: 6 }),
  },
  (t) => [index('regions_parent_idx').on(t.parentCode), index('regions_name_idx').on(t.name)],
);

/**
 * A county's own settings, edited by its county admin (audited as `county.settings.updated`):
 * the supervision / hotline number (监督举报电话) printed on the public notice (公示) and the
 * self-application QR poster. No row: nothing set yet.
 */
export const countySettings = pgTable('county_settings', {
  countyCode: varchar('county_code', { length: 6 }).primaryKey(),
  supervisionPhone: text('supervision_phone'),
  updatedBy: text('updated_by').notNull(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});
