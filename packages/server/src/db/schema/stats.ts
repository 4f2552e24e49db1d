import { customType, date, index, integer, pgTable, uuid, varchar } from 'drizzle-orm/pg-core';
import { households } from './registry.ts';

/** PostgreSQL's `datemultirange` (a set of day ranges), read as its text form. */
const datemultirange = customType<{ data: string; driverData: string }>({ dataType: () => 'datemultirange' });

/**
 * The statistics' per-household summary (docs/statistics.md "Pre-aggregation"): what every figure
 * used to look up household by household — persons (members now), the first own helper's day and the
 * days an own helper was assigned — kept by triggers in the writing transaction (migration
 * household_stats_summary), one row per household. Never written by the application: derived from
 * households, members and household_helpers, checked against them by `fangpin stats verify`.
 */
export const householdStats = pgTable(
  'household_stats',
  {
    householdId: uuid('household_id')
      .primaryKey()
      .references(() => households.id, { onDelete: 'cascade' }),
    /** The household's county and region (households.county_code / region_code), for the region filter. */
    countyCode: varchar('county_code', { length: 6 }).notNull(),
    regionCode: varchar('region_code', { length: 15 }).notNull(),
    /** Members in the registry now. */
    persons: integer('persons').notNull().default(0),
    /** The earliest `assigned_on` of an own helper (kind cadre or person), ended or not. */
    firstHelperOn: date('first_helper_on', { mode: 'string' }),
    /** The days an own helper was assigned: the union of [assigned_on, ended_on) of the own helpers. */
    helperDays: datemultirange('helper_days').notNull().default('{}'),
  },
  (t) => [index('household_stats_region_idx').on(t.countyCode, t.regionCode)],
);
