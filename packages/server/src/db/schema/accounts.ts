import { sql } from 'drizzle-orm';
import { boolean, customType, index, integer, pgTable, text, timestamp, uuid, varchar } from 'drizzle-orm/pg-core';

export const bytea = customType<{ data: Buffer; driverData: Buffer }>({ dataType: () => 'bytea' });

/** Accounts: one role, scoped to one region subtree (docs/DOMAIN.md "Roles"). */
export const users = pgTable('users', {
  id: uuid('id').primaryKey().default(sql`gen_random_uuid()`),
  username: text('username').notNull().unique(),
  displayName: text('display_name').notNull(),
  passwordHash: text('password_hash').notNull(),
  role: text('role').notNull(),
  regionCode: varchar('region_code', { length: 15 }).notNull(),
  isDisabled: boolean('is_disabled').notNull().default(false),
  failedLogins: integer('failed_logins').notNull().default(0),
  lockedUntil: timestamp('locked_until', { withTimezone: true }),
  lastLoginAt: timestamp('last_login_at', { withTimezone: true }),
  /** Set by an administrator (new account, reset): the user must choose a new password before anything else. */
  mustChangePassword: boolean('must_change_password').notNull().default(false),
  passwordChangedAt: timestamp('password_changed_at', { withTimezone: true }),
  /** One of the demo county's seeded accounts (`fangpin seed-demo`, demo mode). */
  isDemo: boolean('is_demo').notNull().default(false),
  /**
   * Whether the password is the published demo password (set whenever a password is stored; NULL for
   * accounts from before this column, which `serve` checks once with argon2 and fills in).
   */
  hasPublishedPassword: boolean('has_published_password'),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});

/**
 * Cookie sessions; only a SHA-256 of the token is stored. Idle and absolute expiry. `id` names a
 * session to its county admin (who may sign it out: `revoked_at`, so that the device's next request
 * learns why and wipes its offline store); the device is known by its user agent, never its IP.
 */
export const sessions = pgTable(
  'sessions',
  {
    tokenHash: bytea('token_hash').primaryKey(),
    id: uuid('id').notNull().unique().default(sql`gen_random_uuid()`),
    /** The browser's User-Agent at sign-in (at most 300 characters): which phone or computer. */
    userAgent: text('user_agent'),
    /** Signed out by a county admin: the next request with this token is a 401 `sessionRevoked`, then the row goes. */
    revokedAt: timestamp('revoked_at', { withTimezone: true }),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    lastSeenAt: timestamp('last_seen_at', { withTimezone: true }).notNull().defaultNow(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
  },
  (t) => [index('sessions_user_idx').on(t.userId)],
);
