import { MIN_ID_CANDIDATES } from '@fangpin/domain';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { candidatesFor, hasBirthDate } from '../id-rebuild.ts';
import { buildActivity, type Activity } from '../personal-data-activity.ts';
import { createPrivateDatabase } from '../private-database.ts';
import { createTestContext, type TestContext } from '../test-app.ts';

/**
 * Issue #10 item 1, at rest: the database read without the key yields no ID number. After a working
 * week of activity (in a database of its own, so every row is this test's), every column of every
 * table that is not ciphertext (bytea) is read — found through information_schema, so a new table or
 * column is covered without being listed — and for every person who went in, the ID numbers
 * consistent with all of it (plus the county, the birth year and the sex, assumed known) are counted.
 */
let ctx: TestContext;
let activity: Activity;
let drop: () => Promise<void>;
const columns: { table: string; column: string; text: string }[] = [];

beforeAll(async () => {
  const db = await createPrivateDatabase();
  drop = db.drop;
  ctx = await createTestContext({}, { databaseUrl: db.url });
  activity = await buildActivity(ctx);
  const { rows } = await ctx.pool.query<{ schema: string; table: string; column: string }>(
    `SELECT c.table_schema AS schema, c.table_name AS "table", c.column_name AS "column"
     FROM information_schema.columns c JOIN information_schema.tables t ON t.table_schema = c.table_schema AND t.table_name = c.table_name
     WHERE t.table_type = 'BASE TABLE' AND c.table_schema NOT IN ('pg_catalog', 'information_schema') AND c.data_type <> 'bytea'
     ORDER BY 1, 2, 3`,
  );
  expect(rows.some((r) => r.table === 'members')).toBe(true);
  for (const r of rows) {
    const q = (name: string) => `"${name.replace(/"/g, '""')}"`;
    const { rows: values } = await ctx.pool.query<{ v: string | null }>(
      `SELECT string_agg(${q(r.column)}::text, E'\\n') AS v FROM ${q(r.schema)}.${q(r.table)}`,
    );
    if (values[0]?.v) columns.push({ table: `${r.schema}.${r.table}`, column: r.column, text: values[0].v });
  }
}, 300_000);

afterAll(async () => {
  await ctx?.app.close();
  await ctx?.pool.end().catch(() => undefined);
  await drop?.();
});

describe('the database without the key', () => {
  it('holds rows of every kind the activity wrote', () => {
    const tables = new Set(columns.map((c) => c.table));
    for (const t of [
      'members',
      'registry_history',
      'audit_log',
      'case_events',
      'cases',
      'import_errors',
      'department_rows',
      'hotline_calls',
      'self_applications',
      'visit_reports',
      'warnings',
      'clues',
    ]) {
      expect(tables.has(`public.${t}`), t).toBe(true);
    }
  });

  it('no column holds a full ID number or a full birth date of anyone', () => {
    const found: string[] = [];
    for (const c of columns) {
      for (const p of activity.persons) {
        if (c.text.includes(p.idNumber)) found.push(`${c.table}.${c.column}: ID number of ${p.name}`);
        if (hasBirthDate(c.text, p.birthDate))
          found.push(`${c.table}.${c.column}: birth date ${p.birthDate} of ${p.name}`);
      }
    }
    expect(found).toEqual([]);
  });

  it('all clear columns together leave every person ≥ 10,000 candidate ID numbers', () => {
    const all = columns.map((c) => c.text).join('\n');
    const failures = activity.persons
      .map((p) => ({ p, ...candidatesFor(all, p) }))
      .filter((r) => r.candidates < MIN_ID_CANDIDATES)
      .map((r) => {
        const where = columns
          .filter(
            (c) => r.forms.some((f) => c.text.includes(f)) || (r.sawBirthDate && hasBirthDate(c.text, r.p.birthDate)),
          )
          .map((c) => `${c.table}.${c.column}`);
        return `${r.p.name} ${r.p.idNumber}: ${r.candidates} candidates (forms: ${[...new Set(r.forms)].join(', ')}; birth date seen: ${r.sawBirthDate}; in ${[...new Set(where)].join(', ')})`;
      });
    expect(failures).toEqual([]);
  });
});
