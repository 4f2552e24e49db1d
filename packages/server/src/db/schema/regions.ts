import { index, pgTable, smallint, text, varchar } from 'drizzle-orm/pg-core';

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
