import { customType, date, index, integer, jsonb, pgTable, primaryKey, timestamp, uuid, varchar } from 'drizzle-orm/pg-core';
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

/** PostgreSQL's `xid8` (a transaction id that never wraps), read as its text form. */
export const xid8 = customType<{ data: string; driverData: string }>({ dataType: () => 'xid8' });
/** PostgreSQL's `pg_snapshot` (which transactions a snapshot sees), read as its text form. */
export const pgSnapshot = customType<{ data: string; driverData: string }>({ dataType: () => 'pg_snapshot' });

/**
 * Which transactions wrote what the statistics read, per county (docs/statistics.md "Kept results"):
 * one row per county and writing transaction, added by statement triggers on the tables the
 * overview reads (migration stats_change_triggers); `*` for a table without a county (a change of
 * every county). A kept result is valid while every change its snapshot did not see is invisible to
 * the reader too. Written only by the owner's trigger function; the app may read it.
 */
export const statsChanges = pgTable(
  'stats_changes',
  {
    countyCode: varchar('county_code', { length: 6 }).notNull(),
    txid: xid8('txid').notNull(),
    /** When the change was noted (pruning: rows older than the kept results' life are dropped). */
    notedAt: timestamp('noted_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.countyCode, t.txid] })],
);

/**
 * One county's statistics kept for reuse (docs/statistics.md "Kept results"): the figures of `kind`
 * for the county as of `as_of`, counted on `today`, with the snapshot they were computed under.
 * A region's figures are the sum of its counties' parts; a part is recomputed when a change of its
 * county (stats_changes) is visible to the reader and was not to the part's snapshot. Derived, never
 * backed up; written by the app (any request may compute a missing part).
 */
export const statsParts = pgTable(
  'stats_parts',
  {
    kind: varchar('kind', { length: 40 }).notNull(),
    countyCode: varchar('county_code', { length: 6 }).notNull(),
    asOf: date('as_of', { mode: 'string' }).notNull(),
    today: date('today', { mode: 'string' }).notNull(),
    snapshot: pgSnapshot('snapshot').notNull(),
    payload: jsonb('payload').notNull(),
    computedMs: integer('computed_ms').notNull(),
    computedAt: timestamp('computed_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.kind, t.countyCode, t.asOf, t.today] })],
);

/**
 * One county's figures as a timeline (docs/statistics.md "Timelines"): for each figure (`kind`, and
 * `key` — a category, risk type, township, channel …; '' for none) its value from `day` on, up to the
 * next row's day: the running sum of the changes a day brought (a household identified, eliminated,
 * given a helper …). The value as of any date is the last row on or before it, so a date nobody asked
 * before costs one index lookup per figure instead of a pass over the records. Replaced whole for a
 * county, in the transaction that keeps the county's `timeline` part in stats_parts (whose snapshot
 * says whether these rows are still valid). Derived, never backed up; written by the app.
 */
export const statsTimelineRows = pgTable(
  'stats_timeline_rows',
  {
    countyCode: varchar('county_code', { length: 6 }).notNull(),
    kind: varchar('kind', { length: 40 }).notNull(),
    key: varchar('key', { length: 40 }).notNull(),
    /** From this day on ('-infinity' for what counts on any date: a record imported without its day). */
    day: date('day', { mode: 'string' }).notNull(),
    households: integer('households').notNull(),
    persons: integer('persons').notNull(),
  },
  (t) => [primaryKey({ columns: [t.countyCode, t.kind, t.key, t.day] })],
);
