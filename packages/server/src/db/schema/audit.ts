import { sql } from 'drizzle-orm';
import { bigint, bigserial, boolean, check, index, jsonb, pgTable, text, timestamp, uniqueIndex, uuid, varchar } from 'drizzle-orm/pg-core';
import { bytea } from './accounts.ts';

/**
 * The hash-chain columns of an append-only table (docs/design/tamper-evident-records.md): filled at
 * commit by the database (a deferred trigger), never by a writer. `hash = sha256(prev_hash ||
 * sha256(canonical row))`, `chain_seq` 1, 2, 3 … in commit order. A column added to a chained table
 * must be nullable with no default (a NULL column is left out of the canonical row, so older rows keep their hash).
 */
export function chainColumns() {
  return {
    chainSeq: bigint('chain_seq', { mode: 'number' }),
    prevHash: bytea('prev_hash'),
    hash: bytea('hash'),
  };
}

/**
 * Append-only audit log: every write and every reveal of personal data (actor, time, action, object,
 * before/after). A trigger (migration 0001) refuses UPDATE and DELETE; the rows form a hash chain.
 * Personal values in before/after are masked or encrypted, never plain.
 */
export const auditLog = pgTable(
  'audit_log',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
    actorId: uuid('actor_id'),
    actorUsername: text('actor_username').notNull(),
    actorRole: text('actor_role').notNull(),
    action: text('action').notNull(),
    objectType: text('object_type').notNull(),
    objectId: text('object_id'),
    regionCode: varchar('region_code', { length: 15 }),
    countyCode: varchar('county_code', { length: 6 }),
    before: jsonb('before'),
    after: jsonb('after'),
    details: jsonb('details'),
    ...chainColumns(),
  },
  (t) => [
    index('audit_county_at_idx').on(t.countyCode, t.at),
    index('audit_object_idx').on(t.objectType, t.objectId),
    // Per-user limits on reveals and identifier searches count the actor's recent rows.
    index('audit_actor_at_idx').on(t.actorId, t.at),
    uniqueIndex('audit_log_chain_seq_uq').on(t.chainSeq),
    index('audit_log_unsealed_idx').on(t.id).where(sql`hash IS NULL`),
  ],
);

/**
 * The head of each hash chain (audit_log, case_events, registry_history): its last sequence number
 * and hash, moved on at commit by the sealing trigger, which also takes this row's lock so two
 * transactions never fork a chain. The application's role may only read it; verification compares it
 * with the table, so a deleted or truncated tail shows.
 */
export const chainHeads = pgTable('chain_heads', {
  chain: text('chain').primaryKey(),
  seq: bigint('seq', { mode: 'number' }).notNull(),
  hash: bytea('hash').notNull(),
  sealedAt: timestamp('sealed_at', { withTimezone: true }).notNull().defaultNow(),
});

/**
 * One row per statement that appended to a chained table, inserted by a statement trigger: its
 * deferred trigger seals the transaction's new rows at commit, and the sealing deletes it. Never
 * holds a committed row.
 */
export const chainSealRequests = pgTable('chain_seal_requests', {
  id: bigserial('id', { mode: 'number' }).primaryKey(),
});

/**
 * The fingerprint (HMAC of a constant, never the key) of the personal-data key this database's ID
 * numbers and phones are encrypted with: recorded on first start, checked at every start and restore,
 * so a missing or different key is refused instead of silently replaced.
 */
export const personalDataKey = pgTable(
  'personal_data_key',
  {
    /** One row per database. */
    isSingleton: boolean('singleton').primaryKey().default(true),
    fingerprint: text('fingerprint').notNull(),
    recordedAt: timestamp('recorded_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [check('personal_data_key_one_row', sql`${t.isSingleton}`)],
);
