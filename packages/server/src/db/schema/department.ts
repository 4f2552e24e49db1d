import { sql } from 'drizzle-orm';
import { boolean, date, index, integer, json, jsonb, pgTable, primaryKey, text, timestamp, unique, uniqueIndex, uuid, varchar } from 'drizzle-orm/pg-core';
import { bytea } from './accounts.ts';
import { pgSnapshot, xid8 } from './stats.ts';

/**
 * One department file, with its counts. A file is imported once per county and source: (county, source,
 * file hash) is unique, so the same provincial file imported by two counties is two batches, each
 * matching its own county's registry.
 */
export const departmentBatches = pgTable(
  'department_batches',
  {
    id: uuid('id').primaryKey().default(sql`gen_random_uuid()`),
    source: text('source').notNull(),
    fileName: text('file_name').notNull(),
    fileSha256: text('file_sha256').notNull(),
    comparedOn: date('compared_on', { mode: 'string' }).notNull(),
    actorName: text('actor_name').notNull(),
    /** The importer's region, or the county a CLI import was run for: who may see the batch. */
    regionCode: varchar('region_code', { length: 15 }),
    /** The county the file was imported for (null for a province or city account's import, or a batch older than the column). */
    countyCode: varchar('county_code', { length: 6 }),
    rows: integer('rows').notNull(),
    accepted: integer('accepted').notNull(),
    matched: integer('matched').notNull(),
    unmatched: integer('unmatched').notNull(),
    rejected: integer('rejected').notNull(),
    rejectedByCode: jsonb('rejected_by_code').notNull(),
    warnings: integer('warnings').notNull(),
    /** Accepted rows repeating an earlier row of the same file (the same settlement twice): counted once. */
    duplicates: integer('duplicates').notNull().default(0),
    /** The list's "as of" date for a file without a date column (per-record sources), and where it came from: `title` rows or the `uploader`. */
    listDate: date('list_date', { mode: 'string' }),
    listDateFrom: text('list_date_from'),
    /** The day retention dropped the batch's rows (its counts stay; rows still evidence of a protected warning were kept), or null. */
    rowsRetiredOn: date('rows_retired_on', { mode: 'string' }),
    /**
     * Where the batch's rows are: `table` (every row in department_rows) or `files` (every row in its
     * Parquet file, department_row_files; department_rows holds its rejected rows and the evidence of
     * its warnings). docs/department-rows.md.
     */
    rowStore: text('row_store').notNull().default('table'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [unique('department_batches_county_file_uq').on(t.countyCode, t.source, t.fileSha256).nullsNotDistinct()],
);

/**
 * Every input row with its fate: `matched` (to a person and household), `unmatched` (valid, not in
 * the registry) or `rejected` (code, column, zh-CN message). The ID number is kept only as its
 * blind index and masked form.
 *
 * Partitioned by RANGE on `compared_on`, one partition per month a batch was received
 * (`department_rows_YYYY_MM`, created on demand by `fangpin_department_rows_partition`), plus
 * `department_rows_kept` for the rows retention kept as evidence (migration 0038, hand-written:
 * drizzle cannot declare partitioning; docs/design/department-compare-performance.md "A year of data").
 */
export const departmentRows = pgTable(
  'department_rows',
  {
    /**
     * The batch (no foreign key: the import writes batch and rows in one transaction, and a per-row
     * key check cost ~40 % of the insert at 2M rows).
     */
    batchId: uuid('batch_id').notNull(),
    /** Position of the row in the batch (the key); `sheet` and `row` say where it is in the file. */
    seq: integer('seq').notNull(),
    /**
     * The batch's comparison date (the day it was received and compared), repeated on each row: the
     * partition key. No row's event date is after it (the import refuses dates after its day), so a
     * window of event dates is also a window of partitions.
     */
    comparedOn: date('compared_on', { mode: 'string' }).notNull(),
    sheet: text('sheet'),
    row: integer('row').notNull(),
    source: text('source').notNull(),
    fate: text('fate').notNull(),
    errorCode: text('error_code'),
    errorColumn: text('error_column'),
    errorMessage: text('error_message'),
    idIndex: bytea('id_index'),
    idMasked: text('id_masked'),
    memberId: uuid('member_id'),
    householdId: uuid('household_id'),
    countyCode: varchar('county_code', { length: 6 }),
    eventDate: date('event_date', { mode: 'string' }),
    amount: integer('amount_fen'),
    kind: text('kind'),
    /**
     * The row's fields as read. `json`, not `jsonb`: it is written millions of times and read a
     * household at a time, and converting to jsonb cost ~15 % of writing a provincial file.
     */
    values: json('values').notNull(),
  },
  (t) => [
    // The partition key must be part of the primary key.
    primaryKey({ columns: [t.batchId, t.seq, t.comparedOn] }),
    // A household's matched rows (rolling windows, the property check). A hash index: rows arrive in
    // file order, i.e. households at random, and keeping a B-tree in order cost ~4 s per 2M rows, a
    // hash index ~1.5 s; the source and date are checked on the few rows of a household.
    index('department_rows_household_idx').using('hash', t.householdId).where(sql`fate = 'matched'`),
  ],
);

/**
 * A batch's rows as one zstd Parquet file written by DuckDB (every row with its fate), cut into parts
 * of at most 16 MB: read back by concatenating the parts in order. In PostgreSQL rather than beside
 * the database so that the batch and its rows commit together and the backup carries them.
 * `data` is stored uncompressed by PostgreSQL (migration 0047: STORAGE EXTERNAL; Parquet is compressed).
 */
export const departmentRowFiles = pgTable(
  'department_row_files',
  {
    batchId: uuid('batch_id')
      .notNull()
      .references(() => departmentBatches.id, { onDelete: 'cascade' }),
    part: integer('part').notNull(),
    /** The batch's comparison date: retention deletes the files of the months it drops. */
    comparedOn: date('compared_on', { mode: 'string' }).notNull(),
    data: bytea('data').notNull(),
  },
  (t) => [primaryKey({ columns: [t.batchId, t.part] }), index('department_row_files_compared_on_idx').on(t.comparedOn)],
);

/**
 * The registry's blind indexes kept ready for the files engine (docs/department-rows.md "The
 * registry's index"): one Parquet file per county of its members' keys (the blind index as two
 * unsigned 64-bit halves), member, household and county, read under `snapshot` with the key named by
 * `key_fingerprint`. Derived from members, never backed up (a restore empties it). A county's part
 * is valid while no change of its members (registry_index_changes) is visible to the reader and was
 * not to the part's snapshot, and for six days at most (the change notes are pruned after seven).
 */
export const registryIndexParts = pgTable('registry_index_parts', {
  countyCode: varchar('county_code', { length: 6 }).primaryKey(),
  snapshot: pgSnapshot('snapshot').notNull(),
  keyFingerprint: text('key_fingerprint').notNull(),
  persons: integer('persons').notNull(),
  builtAt: timestamp('built_at', { withTimezone: true }).notNull().defaultNow(),
  data: bytea('data').notNull(),
});

/**
 * Which transactions changed a county's members (their keys, household or county), for the
 * registry's index: one row per county and writing transaction, added by statement triggers on
 * members (migration 0048); `*` for a TRUNCATE. Written only by the owner's trigger function.
 */
export const registryIndexChanges = pgTable(
  'registry_index_changes',
  {
    countyCode: varchar('county_code', { length: 6 }).notNull(),
    txid: xid8('txid').notNull(),
    notedAt: timestamp('noted_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.countyCode, t.txid] })],
);

/**
 * 预警: one per household, risk type and period (the comparison month), deduplicated across files and
 * sources, with the signal, its numbers, the threshold and the rule-set version.
 * Lifecycle: new → dispatched → riskConfirmed | noRisk | alreadyMonitored.
 */
export const warnings = pgTable(
  'warnings',
  {
    id: uuid('id').primaryKey().default(sql`gen_random_uuid()`),
    countyCode: varchar('county_code', { length: 6 }).notNull(),
    regionCode: varchar('region_code', { length: 15 }).notNull(),
    householdId: uuid('household_id').notNull(),
    riskType: text('risk_type').notNull(),
    period: text('period').notNull(),
    sources: text('sources').array().notNull(),
    message: text('message').notNull(),
    /** The signal's code (domain DepartmentSignalCode): the web writes the sentence from it and `numbers`; null on warnings raised before it existed (then `message`). */
    signal: text('signal'),
    numbers: jsonb('numbers').notNull(),
    ruleSetVersion: text('rule_set_version').notNull(),
    batchIds: uuid('batch_ids').array().notNull(),
    /** The household is already a monitoring object: the warning goes to its case, not to a new clue. */
    isMonitored: boolean('is_monitored').notNull().default(false),
    status: text('status').notNull().default('new'),
    statusReason: text('status_reason'),
    dueOn: date('due_on', { mode: 'string' }),
    /** The comparison date the numbers were last computed on (the rolling window ends there). */
    comparedOn: date('compared_on', { mode: 'string' }),
    dispatchedAt: timestamp('dispatched_at', { withTimezone: true }),
    verifiedAt: timestamp('verified_at', { withTimezone: true }),
    /** The day the village really verified it (`occurredOn`, entered days late): the clue date and the 15-day clock start here. */
    verifiedOn: date('verified_on', { mode: 'string' }),
    verifiedBy: text('verified_by'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('warnings_household_risk_period_uq').on(t.householdId, t.riskType, t.period), index('warnings_scope_idx').on(t.countyCode, t.status)],
);

/**
 * Per county and source: the header mapping saved from the preview screen (file header → field)
 * and whether the source's rules re-run monthly over stored rows (scheduled comparison).
 */
export const departmentSourceSettings = pgTable(
  'department_source_settings',
  {
    countyCode: varchar('county_code', { length: 6 }).notNull(),
    source: text('source').notNull(),
    headerMapping: jsonb('header_mapping').notNull().default({}),
    monthlyRecompare: boolean('monthly_recompare').notNull().default(false),
    lastRecomparedOn: date('last_recompared_on', { mode: 'string' }),
    updatedBy: text('updated_by').notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.countyCode, t.source] })],
);

/**
 * A background import (pg-boss job) as the user sees it: progress rows done / total, then the
 * result or the error. Written outside the import's own transaction so progress is visible.
 */
export const importJobs = pgTable(
  'import_jobs',
  {
    id: uuid('id').primaryKey().default(sql`gen_random_uuid()`),
    kind: text('kind').notNull(),
    source: text('source'),
    countyCode: varchar('county_code', { length: 6 }),
    regionCode: varchar('region_code', { length: 15 }),
    fileName: text('file_name').notNull(),
    filePath: text('file_path').notNull(),
    options: jsonb('options').notNull().default({}),
    /** queued | running | done | failed */
    status: text('status').notNull().default('queued'),
    rowsDone: integer('rows_done').notNull().default(0),
    rowsTotal: integer('rows_total'),
    /** What a running import is doing: reading | matching | warnings (the rows count only while reading). */
    step: text('step'),
    result: jsonb('result'),
    error: text('error'),
    actorName: text('actor_name').notNull(),
    actorId: uuid('actor_id'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    startedAt: timestamp('started_at', { withTimezone: true }),
    finishedAt: timestamp('finished_at', { withTimezone: true }),
  },
  (t) => [index('import_jobs_created_idx').on(t.createdAt)],
);
