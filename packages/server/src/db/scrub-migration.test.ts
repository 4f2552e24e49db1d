import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { idChecksumChar } from '@fangpin/domain';
import type pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPrivateDatabase } from '../../test/private-database.ts';
import { createPool } from './client.ts';
import { MIGRATIONS_DIR, runMigrations } from './migrate.ts';

/**
 * Migrations 0015–0016 on a database written by the earlier versions: birth dates become years, the
 * old 6 + 4 masks and full ID numbers typed into free text become the policy's mask, in every table
 * that held them — the append-only ones included, whose triggers are back on afterwards — and
 * nothing else changes (event dates, household numbers, region codes).
 */
const id = (first17: string) => first17 + idChecksumChar(first17);
const HEAD = id('45102819771218001');
const WIFE = id('45102819830306000');
const old = (n: string) => `${n.slice(0, 6)}********${n.slice(14)}`;
const masked = (n: string) => `${n.slice(0, 6)}***********${n.slice(17)}`;
const HOUSEHOLD_NUMBER = '451028201201000123';
const GROUP_CODE = '451028100201001';

let pool: pg.Pool;
let drop: () => Promise<void>;
const ids: Record<string, string> = {};

beforeAll(async () => {
  const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'fangpin-migrations-'));
  fs.mkdirSync(path.join(folder, 'meta'));
  const journal = JSON.parse(fs.readFileSync(path.join(MIGRATIONS_DIR, 'meta', '_journal.json'), 'utf8')) as {
    entries: { idx: number; tag: string }[];
  };
  journal.entries = journal.entries.filter((e) => e.idx <= 14);
  fs.writeFileSync(path.join(folder, 'meta', '_journal.json'), JSON.stringify(journal));
  for (const e of journal.entries)
    fs.copyFileSync(path.join(MIGRATIONS_DIR, `${e.tag}.sql`), path.join(folder, `${e.tag}.sql`));
  const db = await createPrivateDatabase({ migrationsFolder: folder });
  drop = db.drop;
  pool = createPool(db.url, 2);
  const one = async (sql: string, params: unknown[]) =>
    (await pool.query<{ id: string }>(sql, params)).rows[0]?.id ?? '';

  // What the earlier versions wrote.
  ids.household = await one(
    `INSERT INTO households (county_code, region_code, household_number, type, address) VALUES ('451028', '451028201201', $1, 'ordinary', $2) RETURNING id`,
    [HOUSEHOLD_NUMBER, `马庄屯 身份证${HEAD}`],
  );
  ids.head = await one(
    `INSERT INTO members (household_id, county_code, name, id_enc, id_index, id_masked, sex, birth_date, relation) VALUES ($1, '451028', '莫明顺', '\\x00', '\\x01', $2, 'male', '1977-12-18', 'head') RETURNING id`,
    [ids.household, old(HEAD)],
  );
  await pool.query(
    `INSERT INTO registry_history (county_code, household_id, member_id, action, actor_name, source, before, after) VALUES ('451028', $1, $2, 'member.updated', 'admin', 'api', $3, $4)`,
    [
      ids.household,
      ids.head,
      { name: '莫明顺', idNumber: old(HEAD), birthDate: '1977-12-18', health: 'healthy' },
      { name: '莫明顺', idNumber: old(HEAD), birthDate: '1977-12-18', health: 'chronic' },
    ],
  );
  await pool.query(
    `INSERT INTO audit_log (actor_username, actor_role, action, object_type, object_id, region_code, county_code, details)
     VALUES ('monitor', 'county-monitor', 'member.idNumber.revealed', 'member', $1, '451028201201', '451028', $2)`,
    [
      ids.head,
      {
        householdId: ids.household,
        masked: old(HEAD),
        householdNumber: HOUSEHOLD_NUMBER,
        regionCode: GROUP_CODE,
        note: `核对 ${WIFE}`,
      },
    ],
  );
  ids.clue = await one(
    `INSERT INTO clues (county_code, region_code, household_id, channel, summary, created_by) VALUES ('451028', '451028201201', $1, 'hotline', $2, 'monitor') RETURNING id`,
    [ids.household, `户主身份证${HEAD}住院`],
  );
  const facts = {
    verification: {
      consentSigned: true,
      members: [
        { id: ids.head, name: '莫明顺', birthDate: '1977-12-18', health: 'serious' },
        { id: 'x-1', name: '王芳秀', birthDate: '1983-03-06' },
      ],
      notes: `户主 ${HEAD}`,
      incomes: [{ component: 'wage', amount: 12000, month: '2026-09' }],
    },
  };
  ids.case = await one(
    `INSERT INTO cases (case_number, clue_id, county_code, region_code, household_id, step, state, clue_date, due_on, facts)
     VALUES ('451028-2026-0001', $1, '451028', '451028201201', $2, 'propertyCheck', '{}', '2026-09-05', '2026-09-20', $3) RETURNING id`,
    [ids.clue, ids.household, facts],
  );
  await pool.query(
    `INSERT INTO case_events (case_id, seq, type, from_step, to_step, on_date, actor_name, actor_role, comment, data, snapshot)
     VALUES ($1, 1, 'recordVerification', 'homeVerification', 'propertyCheck', '2026-09-05', 'cadre', 'village-cadre', $2, $3, $4)`,
    [ids.case, `入户核实，户主 ${HEAD}`, facts.verification, { facts }],
  );
  await pool.query(
    `INSERT INTO hotline_calls (county_code, region_code, called_at, caller_name, content, result, handler_name) VALUES ('451028', '451028201201', now(), '张大姐', $1, 'dispatched', 'monitor')`,
    [`户主身份证${HEAD}，2026-09-05 住院，回电13977001234`],
  );
  ids.batch = await one(
    `INSERT INTO import_batches (kind, file_name, file_sha256, actor_name, status) VALUES ('registry', 'r.csv', 'x', 'admin', 'done') RETURNING id`,
    [],
  );
  await pool.query(
    `INSERT INTO import_errors (batch_id, row, "column", code, message, raw) VALUES ($1, 3, '出生日期', 'BIRTH_DATE_MISMATCH', '出生日期 1983-03-07 与身份证号中的 1983-03-06 不符', $2)`,
    [
      ids.batch,
      { 户编号: HOUSEHOLD_NUMBER, 姓名: '王芳秀', 证件号码: old(WIFE), 出生日期: '1983-03-06', 与户主关系: '配偶' },
    ],
  );
  await pool.query(
    `INSERT INTO department_rows (batch_id, seq, row, source, fate, id_masked, event_date, "values") VALUES (gen_random_uuid(), 1, 2, 'medical', 'unmatched', $1, '2026-09-05', '{"name":"王芳秀"}')`,
    [old(WIFE)],
  );
  await runMigrations(pool);
});

afterAll(async () => {
  await pool?.end();
  await drop?.();
});

describe('migrations 0015–0016 scrub what earlier versions stored', () => {
  it('members keep the birth year and the new mask; department rows the new mask', async () => {
    const { rows } = await pool.query(`SELECT birth_year, id_masked FROM members WHERE id = $1`, [ids.head]);
    expect(rows).toEqual([{ birth_year: 1977, id_masked: masked(HEAD) }]);
    const { rows: columns } = await pool.query(
      `SELECT column_name FROM information_schema.columns WHERE table_name = 'members' AND column_name = 'birth_date'`,
    );
    expect(columns).toEqual([]);
    const { rows: dept } = await pool.query(`SELECT id_masked FROM department_rows WHERE source = 'medical'`);
    expect(dept).toEqual([{ id_masked: masked(WIFE) }]);
  });

  it('registry history, the audit log and the case timeline are scrubbed, and stay append-only', async () => {
    const { rows: history } = await pool.query(`SELECT before, after FROM registry_history WHERE member_id = $1`, [
      ids.head,
    ]);
    expect(history[0].before).toEqual({ name: '莫明顺', idNumber: masked(HEAD), birthYear: 1977, health: 'healthy' });
    expect(history[0].after).toMatchObject({ birthYear: 1977, health: 'chronic' });
    const { rows: audit } = await pool.query(`SELECT details FROM audit_log WHERE object_id = $1`, [ids.head]);
    expect(audit[0].details).toEqual({
      householdId: ids.household,
      masked: masked(HEAD),
      householdNumber: HOUSEHOLD_NUMBER,
      regionCode: GROUP_CODE,
      note: `核对 ${masked(WIFE)}`,
    });
    const { rows: events } = await pool.query(`SELECT comment, data, snapshot FROM case_events WHERE case_id = $1`, [
      ids.case,
    ]);
    expect(events[0].comment).toBe(`入户核实，户主 ${masked(HEAD)}`);
    expect(events[0].data.members).toEqual([
      { id: ids.head, name: '莫明顺', birthYear: 1977, health: 'serious' },
      { id: 'x-1', name: '王芳秀', birthYear: 1983 },
    ]);
    expect(events[0].snapshot.facts.verification.notes).toBe(`户主 ${masked(HEAD)}`);
    expect(events[0].data.incomes).toEqual([{ component: 'wage', amount: 12000, month: '2026-09' }]);
    await expect(pool.query(`UPDATE audit_log SET action = 'x'`)).rejects.toThrow(/append-only/);
    await expect(pool.query(`UPDATE case_events SET comment = 'x'`)).rejects.toThrow(/append-only/);
    await expect(pool.query(`UPDATE registry_history SET action = 'x'`)).rejects.toThrow(/append-only/);
  });

  it('case facts, free text and rejected import rows are scrubbed; dates, household numbers and phones stay', async () => {
    const { rows: cases } = await pool.query(`SELECT facts FROM cases WHERE id = $1`, [ids.case]);
    expect(cases[0].facts.verification.members[1]).toEqual({ id: 'x-1', name: '王芳秀', birthYear: 1983 });
    const { rows: calls } = await pool.query(`SELECT content FROM hotline_calls WHERE county_code = '451028'`);
    expect(calls[0].content).toBe(`户主身份证${masked(HEAD)}，2026-09-05 住院，回电13977001234`);
    const { rows: clue } = await pool.query(`SELECT summary FROM clues WHERE id = $1`, [ids.clue]);
    expect(clue[0].summary).toBe(`户主身份证${masked(HEAD)}住院`);
    const { rows: household } = await pool.query(`SELECT address, household_number FROM households WHERE id = $1`, [
      ids.household,
    ]);
    expect(household[0]).toEqual({ address: `马庄屯 身份证${masked(HEAD)}`, household_number: HOUSEHOLD_NUMBER });
    const { rows: errors } = await pool.query(`SELECT message, raw FROM import_errors WHERE batch_id = $1`, [
      ids.batch,
    ]);
    expect(errors[0].message).toBe('出生日期与身份证号中的出生日期不符');
    expect(errors[0].raw).toEqual({
      户编号: HOUSEHOLD_NUMBER,
      姓名: '王芳秀',
      证件号码: masked(WIFE),
      出生日期: '1983',
      与户主关系: '配偶',
    });
  });

  it('leaves no helper function behind', async () => {
    const { rows } = await pool.query(`SELECT proname FROM pg_proc WHERE proname LIKE 'fangpin_tmp_%'`);
    expect(rows).toEqual([]);
  });
});
