import { sql } from 'drizzle-orm';
import {
  bigserial,
  boolean,
  date,
  index,
  integer,
  jsonb,
  pgTable,
  smallint,
  text,
  timestamp,
  uniqueIndex,
  uuid,
  varchar,
} from 'drizzle-orm/pg-core';
import { bytea } from './accounts.ts';
import { chainColumns } from './audit.ts';

/**
 * 农户 households. `county_code` is on every household-scoped table: the shard key (docs/ARCHITECTURE.md "Data").
 * The phone is encrypted (AES-256-GCM) with a keyed blind index for lookup; the masked form is stored
 * for listing without decryption.
 */
export const households = pgTable(
  'households',
  {
    id: uuid('id').primaryKey().default(sql`gen_random_uuid()`),
    countyCode: varchar('county_code', { length: 6 }).notNull(),
    regionCode: varchar('region_code', { length: 15 }).notNull(),
    householdNumber: text('household_number').notNull(),
    /** formerlyPoor 脱贫户 | ordinary 一般农户 */
    type: text('type').notNull(),
    address: text('address').notNull().default(''),
    phoneEnc: bytea('phone_enc'),
    phoneIndex: bytea('phone_index'),
    phoneMasked: text('phone_masked').notNull().default(''),
    version: integer('version').notNull().default(1),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('households_number_uq').on(t.householdNumber),
    index('households_region_idx').on(t.countyCode, t.regionCode),
    index('households_phone_idx').on(t.phoneIndex),
  ],
);

/**
 * 家庭成员 members. ID number encrypted + blind index (unique: one person, one household). Only the
 * birth YEAR is kept in clear (docs/personal-data.md, "At rest"): with a masked ID number the full
 * birth date would leave about 45 candidates; rules that need the exact date (the assessment's
 * ages) read it from the decrypted ID number.
 */
export const members = pgTable(
  'members',
  {
    id: uuid('id').primaryKey().default(sql`gen_random_uuid()`),
    householdId: uuid('household_id')
      .notNull()
      .references(() => households.id),
    countyCode: varchar('county_code', { length: 6 }).notNull(),
    name: text('name').notNull(),
    idEnc: bytea('id_enc').notNull(),
    idIndex: bytea('id_index').notNull(),
    idMasked: text('id_masked').notNull(),
    /** The member's own phone, as national exports list one per member (encrypted + blind index). */
    phoneEnc: bytea('phone_enc'),
    phoneIndex: bytea('phone_index'),
    phoneMasked: text('phone_masked').notNull().default(''),
    sex: text('sex').notNull(),
    birthYear: smallint('birth_year').notNull(),
    relation: text('relation').notNull(),
    health: text('health'),
    labourCapacity: text('labour_capacity'),
    schooling: text('schooling'),
    migrantMonths: smallint('migrant_months'),
    hasMedicalInsurance: boolean('has_medical_insurance'),
    hasPensionInsurance: boolean('has_pension_insurance'),
    isDibao: boolean('is_dibao'),
    isTekun: boolean('is_tekun'),
    version: integer('version').notNull().default(1),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('members_id_index_uq').on(t.idIndex),
    index('members_household_idx').on(t.householdId),
    index('members_name_idx').on(t.countyCode, t.name),
    index('members_phone_idx').on(t.phoneIndex),
  ],
);

/** Registry history: every change kept with who, when, before/after (never overwritten). */
export const registryHistory = pgTable(
  'registry_history',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    countyCode: varchar('county_code', { length: 6 }).notNull(),
    householdId: uuid('household_id').notNull(),
    memberId: uuid('member_id'),
    /** household.created | household.updated | member.created | member.updated */
    action: text('action').notNull(),
    actorId: uuid('actor_id'),
    actorName: text('actor_name').notNull(),
    /** 'api', 'import:<batchId>' or 'case:<caseNumber>' (a county decision, a household registered on a case) */
    source: text('source').notNull(),
    at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
    /** The day the change took effect when it is not the day it was recorded (a decision entered days late: its occurredOn). */
    effectiveOn: date('effective_on', { mode: 'string' }),
    before: jsonb('before'),
    after: jsonb('after'),
    ...chainColumns(),
  },
  (t) => [
    index('registry_history_household_idx').on(t.householdId, t.at),
    uniqueIndex('registry_history_chain_seq_uq').on(t.chainSeq),
    index('registry_history_unsealed_idx').on(t.id).where(sql`hash IS NULL`),
  ],
);

/** One registry import run, with its counts; file hash kept so a repeat is recognisable. */
export const importBatches = pgTable('import_batches', {
  id: uuid('id').primaryKey().default(sql`gen_random_uuid()`),
  kind: text('kind').notNull(),
  fileName: text('file_name').notNull(),
  fileSha256: text('file_sha256').notNull(),
  actorId: uuid('actor_id'),
  actorName: text('actor_name').notNull(),
  /** The importer's region, or the county a CLI import was run for: who may see the batch and its errors. */
  regionCode: varchar('region_code', { length: 15 }),
  /** The county the import was for (null for a province or city account's import). */
  countyCode: varchar('county_code', { length: 6 }),
  /** running | completed | failed. A batch is written whole or not at all: `failed` means none of its rows were kept. */
  status: text('status').notNull(),
  /** Why a failed batch failed (the file's problem, or the importing process that died). */
  error: text('error'),
  rows: integer('rows').notNull().default(0),
  imported: integer('imported').notNull().default(0),
  unchanged: integer('unchanged').notNull().default(0),
  rejected: integer('rejected').notNull().default(0),
  startedAt: timestamp('started_at', { withTimezone: true }).notNull().defaultNow(),
  finishedAt: timestamp('finished_at', { withTimezone: true }),
});

/** Every rejected import row: row number, column, code and the zh-CN message. */
export const importErrors = pgTable(
  'import_errors',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    batchId: uuid('batch_id')
      .notNull()
      .references(() => importBatches.id),
    row: integer('row').notNull(),
    column: text('column').notNull(),
    code: text('code').notNull(),
    message: text('message').notNull(),
    raw: jsonb('raw'),
  },
  (t) => [index('import_errors_batch_idx').on(t.batchId, t.row)],
);
