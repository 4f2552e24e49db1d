import { bigserial, index, jsonb, pgTable, text, timestamp, uuid, varchar } from 'drizzle-orm/pg-core';

/**
 * Append-only audit log: every write and every reveal of personal data (actor, time, action, object,
 * before/after). A trigger (migration 0001) refuses UPDATE and DELETE. Personal values in before/after
 * are masked or encrypted, never plain.
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
  },
  (t) => [
    index('audit_county_at_idx').on(t.countyCode, t.at),
    index('audit_object_idx').on(t.objectType, t.objectId),
    // Per-user limits on reveals and identifier searches count the actor's recent rows.
    index('audit_actor_at_idx').on(t.actorId, t.at),
  ],
);
