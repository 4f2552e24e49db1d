import type pg from 'pg';

/**
 * Database roles (docs/design/tamper-evident-records.md). The schema OWNER (the embedded cluster's
 * superuser, or DATABASE_OWNER_URL) runs migrations, installs the jobs schema, backs up and
 * restores. The server's request pool runs as the APP role: a login role with only the DML it
 * needs, so a bug or an injected statement cannot rewrite history: it may read and append to the
 * history tables, never update, delete or truncate them, never alter their triggers (it owns
 * nothing), never set session_replication_role (superusers only), and create nothing in the schema.
 */

/** History, kept and never overwritten: the app may SELECT and INSERT only. */
export const APPEND_ONLY_TABLES = ['audit_log', 'case_events', 'registry_history', 'rule_set_versions', 'personal_data_key'] as const;
/** The hash-chained tables (migration hash_chain_triggers). */
export const CHAINED_TABLES = ['audit_log', 'case_events', 'registry_history'] as const;
export type ChainedTable = (typeof CHAINED_TABLES)[number];
/**
 * Written only by the owner's functions: the chain heads by the sealing function, the statistics'
 * per-household summary and change notes by their triggers (migrations household_stats_triggers,
 * stats_change_triggers), the registry's index's change notes by theirs (0048). The app may read them.
 */
const READ_ONLY_TABLES = ['chain_heads', 'household_stats', 'stats_changes', 'registry_index_changes'] as const;

/** The role name of the embedded cluster's application login. */
export const EMBEDDED_APP_ROLE = 'fangpin_app';

const ident = (name: string) => `"${name.replace(/"/g, '""')}"`;
const literal = (value: string) => `'${value.replace(/'/g, "''")}'`;

/**
 * Creates (or updates) a plain login role: no superuser, no role or database creation, no
 * replication, no RLS bypass, no inherited membership. Needs CREATEROLE (the embedded superuser,
 * the test suite's administrator).
 */
export async function ensureLoginRole(admin: pg.Pool | pg.Client, role: string, password: string): Promise<void> {
  const { rowCount } = await admin.query('SELECT 1 FROM pg_roles WHERE rolname = $1', [role]);
  if (!rowCount) await admin.query(`CREATE ROLE ${ident(role)} LOGIN`).catch((error: { code?: string }) => {
    if (error.code !== '42710') throw error; // created meanwhile by a second process
  });
  await admin.query(
    `ALTER ROLE ${ident(role)} WITH LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION NOBYPASSRLS NOINHERIT PASSWORD ${literal(password)}`,
  );
}

/**
 * Grants the app role what the server needs, and nothing more, on the owner's objects; run by the
 * owner after every migration (idempotent), so tables added later are covered.
 */
export async function grantAppRole(owner: pg.Pool | pg.Client, role: string, options: { jobsSchema?: string } = {}): Promise<void> {
  const r = ident(role);
  const statements = [
    // PostgreSQL 15 no longer lets PUBLIC create in schema public; a cluster upgraded from 14 might.
    `DO $$ BEGIN REVOKE CREATE ON SCHEMA public FROM PUBLIC; EXCEPTION WHEN insufficient_privilege THEN NULL; END $$`,
    `GRANT USAGE ON SCHEMA public TO ${r}`,
    `GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO ${r}`,
    `REVOKE UPDATE, DELETE, TRUNCATE, REFERENCES, TRIGGER ON ${[...APPEND_ONLY_TABLES, ...READ_ONLY_TABLES].join(', ')} FROM ${r}`,
    `REVOKE INSERT ON ${READ_ONLY_TABLES.join(', ')} FROM ${r}`,
    // Filed and cleared by the owner's triggers only (migration hash_chain_triggers).
    `REVOKE ALL ON chain_seal_requests FROM ${r}`,
    `GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO ${r}`,
    // Which migrations are applied (the start-up check, backups).
    `GRANT USAGE ON SCHEMA drizzle TO ${r}`,
    `GRANT SELECT ON ALL TABLES IN SCHEMA drizzle TO ${r}`,
  ];
  for (const sql of statements) await owner.query(sql);
  if (options.jobsSchema) await grantJobsSchema(owner, role, options.jobsSchema);
}

/** The background jobs' schema (pg-boss, installed by the owner): the app role uses its tables and functions. */
export async function grantJobsSchema(owner: pg.Pool | pg.Client, role: string, jobsSchema: string): Promise<void> {
  const r = ident(role);
  const s = ident(jobsSchema);
  await owner.query(`GRANT USAGE ON SCHEMA ${s} TO ${r}`);
  await owner.query(`GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA ${s} TO ${r}`);
  await owner.query(`GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA ${s} TO ${r}`);
  await owner.query(`GRANT EXECUTE ON ALL FUNCTIONS IN SCHEMA ${s} TO ${r}`);
}

/**
 * Refuses to run the server as a role that could rewrite history: a superuser, the owner of the
 * tables (or a member of the owner's role), a role that may create roles or objects in the schema,
 * or one granted UPDATE/DELETE/TRUNCATE on the history tables. Returns the role's name.
 */
export async function assertRestrictedRole(app: pg.Pool | pg.Client): Promise<string> {
  const { rows } = await app.query<{
    role: string;
    isSuperuser: boolean;
    mayCreateRole: boolean;
    mayCreateInSchema: boolean;
    ownsHistory: boolean | null;
    rewritable: string[] | null;
  }>(
    `SELECT current_user AS role, r.rolsuper AS "isSuperuser", r.rolcreaterole AS "mayCreateRole",
            has_schema_privilege('public', 'CREATE') AS "mayCreateInSchema",
            (SELECT bool_or(pg_has_role(c.relowner, 'USAGE')) FROM pg_class c WHERE c.oid IN (SELECT to_regclass(t) FROM unnest($1::text[]) AS t)) AS "ownsHistory",
            (SELECT array_agg(p || ' ' || t) FROM unnest($2::text[]) AS t, unnest(ARRAY['UPDATE', 'DELETE', 'TRUNCATE']) AS p
              WHERE to_regclass(t) IS NOT NULL AND has_table_privilege(t, p)) AS rewritable
     FROM pg_roles r WHERE r.rolname = current_user`,
    [CHAINED_TABLES.map((t) => `public.${t}`), APPEND_ONLY_TABLES.map((t) => `public.${t}`)],
  );
  const r = rows[0]!;
  const problems = [
    r.isSuperuser && 'it is a superuser (it can disable the append-only triggers and rewrite anything)',
    r.ownsHistory && 'it owns the tables, or is a member of their owner’s role (it can drop the triggers)',
    r.mayCreateRole && 'it may create roles',
    r.mayCreateInSchema && 'it may create objects in schema public',
    r.rewritable?.length && `it may ${r.rewritable.join(', ')}`,
  ].filter((p): p is string => typeof p === 'string');
  if (problems.length > 0) {
    throw new Error(
      `The database role "${r.role}" of DATABASE_URL may rewrite the audit records: ${problems.join('; ')}.\n` +
        `The server runs as a restricted login role: create one (CREATE ROLE fangpin_app LOGIN PASSWORD '…'), set DATABASE_URL to it ` +
        `and DATABASE_OWNER_URL to the owner of the schema (this URL, if it is the owner); at start the server grants the new role ` +
        `what it needs. README, "External PostgreSQL".`,
    );
  }
  return r.role;
}
