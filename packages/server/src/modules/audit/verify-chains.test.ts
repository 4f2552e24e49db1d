import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import type pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildCounty, buildHousehold, buildUserAndLogin } from '../../../test/factories.ts';
import { createScratchDatabase, type ScratchDatabase } from '../../../test/scratch-db.ts';
import { createTestContext, TEST_SECRET_KEY, type TestContext } from '../../../test/test-app.ts';
import { tempFile } from '../../../test/registry-files.ts';
import { CHAINED_TABLES } from '../../db/roles.ts';
import { verifyChains, type ChainReport } from './verify-chains.ts';

/**
 * Tamper-evident records (issue 10, item 7): audit_log, case_events and registry_history form hash
 * chains sealed by the database at commit; `audit verify` finds an edit, a deleted row, a deleted
 * tail and a truncated table. Each test works on a database of its own, as a fresh install would.
 */
const run = promisify(execFile);
const CLI = path.resolve(import.meta.dirname, '../../../bin/fangpin.mjs');

/** Rows in all three chains through the real API: a login, a household edit, a hotline call that opens a case. */
async function useTheApp(ctx: TestContext): Promise<{ householdId: string }> {
  const county = await buildCounty(ctx.pool);
  const household = await buildHousehold(ctx, { villageCode: county.villages[2]!.code });
  const monitor = await buildUserAndLogin(ctx, { role: 'county-monitor', regionCode: county.countyCode });
  const admin = await buildUserAndLogin(ctx, { role: 'county-admin', regionCode: county.countyCode });
  const detail = (await ctx.app.inject({ url: `/api/households/${household.id}`, headers: { cookie: admin.cookie } })).json();
  const patch = await ctx.app.inject({ method: 'PATCH', url: `/api/households/${household.id}`, headers: { cookie: admin.cookie }, payload: { version: detail.version, address: '新地址 2 号' } });
  expect(patch.statusCode, patch.body).toBe(200);
  const call = await ctx.app.inject({
    method: 'POST',
    url: '/api/hotline-calls',
    headers: { cookie: monitor.cookie },
    payload: { callerName: '小黄', callerPhone: '139 0776 1201', regionCode: county.villages[2]!.code, householdId: household.id, content: '住院花了9800元', policyExplained: '讲解了认定条件', result: 'dispatched', riskTypes: ['01'] },
  });
  expect(call.statusCode, call.body).toBe(201);
  return { householdId: household.id };
}

async function counts(pool: pg.Pool): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  for (const t of CHAINED_TABLES) out[t] = (await pool.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${t}`)).rows[0]!.n;
  return out;
}

/** A database of its own with the app on it, used `times` times (rows in every chain). */
async function appOnScratchDatabase(times: number): Promise<{ db: ScratchDatabase; ctx: TestContext }> {
  const db = await createScratchDatabase();
  const ctx = await createTestContext({}, { databaseUrl: db.appUrl });
  for (let i = 0; i < times; i++) await useTheApp(ctx);
  return { db, ctx };
}

async function closeScratch(db: ScratchDatabase, ctx: TestContext): Promise<void> {
  await ctx.app.close();
  await db.drop();
}

const problemOf = (report: Awaited<ReturnType<typeof verifyChains>>, table: string): ChainReport['problem'] => report.chains.find((c) => c.table === table)!.problem;

describe('hash chains over the audit records', () => {
  let db: ScratchDatabase;
  let ctx: TestContext;
  beforeAll(async () => void ({ db, ctx } = await appOnScratchDatabase(1)), 60_000);
  afterAll(() => closeScratch(db, ctx));

  it('seals every committed row in commit order, and a fresh install verifies', async () => {
    const rows = await counts(db.app);
    expect(rows.audit_log).toBeGreaterThanOrEqual(4);
    expect(rows.case_events).toBeGreaterThanOrEqual(1);
    expect(rows.registry_history).toBeGreaterThanOrEqual(1);
    const report = await verifyChains(db.app);
    expect(report.firstProblem).toBeNull();
    expect(report.isIntact).toBe(true);
    for (const c of report.chains) {
      expect(c.rows).toBe(rows[c.table]);
      expect(c.head.seq).toBe(rows[c.table]);
    }
    const { rows: unsealed } = await db.app.query(`SELECT id FROM audit_log WHERE hash IS NULL OR prev_hash IS NULL OR chain_seq IS NULL`);
    expect(unsealed).toEqual([]);
  });

  it('gives a writer no say over the chain columns, and the same digest whatever the session time zone', async () => {
    await db.app.query(`INSERT INTO audit_log (actor_username, actor_role, action, object_type, chain_seq, prev_hash, hash) VALUES ('t', 't', 'forged', 't', 1, '\\x00', '\\x00')`);
    const { rows } = await db.app.query<{ chainSeq: number; hash: Buffer }>(`SELECT chain_seq AS "chainSeq", hash FROM audit_log WHERE action = 'forged'`);
    expect(rows[0]!.chainSeq).toBeGreaterThan(1);
    expect(rows[0]!.hash).toHaveLength(32);
    const digests = async (tz: string) => {
      const client = await db.app.connect();
      try {
        await client.query(`SET TimeZone = '${tz}'`);
        return (await client.query<{ d: string }>(`SELECT string_agg(encode(fangpin_chain_digest(t), 'hex'), ',' ORDER BY id) AS d FROM audit_log t`)).rows[0]!.d;
      } finally {
        client.release();
      }
    };
    expect(await digests('America/New_York')).toBe(await digests('Asia/Shanghai'));
    expect((await verifyChains(db.app)).isIntact).toBe(true);
  });

  it('seals whatever the writer does: it cannot reach the seal requests, and IMMEDIATE constraints only seal earlier', async () => {
    await expect(db.app.query('DELETE FROM chain_seal_requests')).rejects.toThrow('permission denied for table chain_seal_requests');
    await expect(db.app.query('INSERT INTO chain_seal_requests DEFAULT VALUES')).rejects.toThrow('permission denied for table chain_seal_requests');
    const client = await db.app.connect();
    try {
      await client.query('BEGIN');
      await client.query('SET CONSTRAINTS ALL IMMEDIATE');
      await client.query(`INSERT INTO audit_log (actor_username, actor_role, action, object_type) VALUES ('t', 't', 'immediate', 't')`);
      const { rows } = await client.query(`SELECT chain_seq AS "chainSeq" FROM audit_log WHERE action = 'immediate'`);
      expect(rows[0].chainSeq).toBeGreaterThan(0);
      await client.query('COMMIT');
    } finally {
      client.release();
    }
    expect((await db.owner.query('SELECT count(*)::int AS n FROM chain_seal_requests')).rows[0].n).toBe(0);
    expect((await verifyChains(db.app)).firstProblem).toBeNull();
  });

  it('never forks a chain under concurrent writers, whatever order they write the tables in', async () => {
    const { rows: h } = await db.app.query<{ id: string; countyCode: string }>(`SELECT id, county_code AS "countyCode" FROM households LIMIT 1`);
    const writer = async (i: number) => {
      const client = await db.app.connect();
      try {
        await client.query('BEGIN');
        const audit = () => client.query(`INSERT INTO audit_log (actor_username, actor_role, action, object_type) VALUES ('w${i}', 't', 'concurrent', 't')`);
        const history = () =>
          client.query(`INSERT INTO registry_history (county_code, household_id, action, actor_name, source) VALUES ($1, $2, 'household.updated', 'w${i}', 'api')`, [h[0]!.countyCode, h[0]!.id]);
        // Half write the audit row first, half the history row first; each holds its transaction open a moment.
        if (i % 2) await audit().then(history);
        else await history().then(audit);
        await client.query('SELECT pg_sleep(0.02)');
        await client.query('COMMIT');
      } finally {
        client.release();
      }
    };
    const before = await counts(db.app);
    await Promise.all(Array.from({ length: 24 }, (_, i) => writer(i)));
    const after = await counts(db.app);
    expect(after.audit_log! - before.audit_log!).toBe(24);
    expect(after.registry_history! - before.registry_history!).toBe(24);
    const report = await verifyChains(db.app);
    expect(report.firstProblem).toBeNull();
    const { rows } = await db.app.query<{ n: number; max: number }>(`SELECT count(DISTINCT chain_seq)::int AS n, max(chain_seq)::int AS max FROM audit_log`);
    expect(rows[0]).toEqual({ n: after.audit_log, max: after.audit_log });
  });

  it('`fangpin audit verify` exits 0 with the counts, then 1 naming the first broken link after an edit planted by the owner', async () => {
    const env = { ...process.env, DATABASE_URL: db.appUrl, FANGPIN_SECRET_KEY: TEST_SECRET_KEY, FANGPIN_DATA_DIR: '/nonexistent' };
    const ok = await run(process.execPath, [CLI, 'audit', 'verify', '--json'], { env });
    const good = JSON.parse(ok.stdout);
    expect(good).toMatchObject({ isIntact: true, firstProblem: null });
    expect(good.chains.map((c: { table: string }) => c.table)).toEqual([...CHAINED_TABLES]);

    // A planted edit, the way a superuser would: triggers off, one field changed (in a chain of at least two rows).
    const { rows: h } = await db.app.query<{ id: string; countyCode: string }>(`SELECT id, county_code AS "countyCode" FROM households LIMIT 1`);
    await db.app.query(`INSERT INTO registry_history (county_code, household_id, action, actor_name, source) VALUES ($1, $2, 'household.updated', 't', 'api')`, [h[0]!.countyCode, h[0]!.id]);
    const { rows } = await db.owner.query<{ id: number }>(`SELECT id FROM registry_history ORDER BY chain_seq LIMIT 1`);
    const client = await db.owner.connect();
    try {
      await client.query('BEGIN');
      await client.query(`SET LOCAL session_replication_role = replica`);
      await client.query(`UPDATE registry_history SET actor_name = '别人' WHERE id = $1`, [rows[0]!.id]);
      await client.query('COMMIT');
    } finally {
      client.release();
    }
    const failed = await run(process.execPath, [CLI, 'audit', 'verify'], { env }).then(
      () => expect.unreachable('audit verify should exit 1'),
      (error: { code: number; stdout: string }) => error,
    );
    expect(failed.code).toBe(1);
    expect(failed.stdout).toContain(`First broken link: registry_history: row ${rows[0]!.id} (chain_seq 1): its content no longer matches its hash`);
    expect(failed.stdout).toMatch(/audit_log\s+\d+ rows\s+intact/);
    expect(failed.stdout).toMatch(/registry_history\s+\d+ rows\s+BROKEN/);
    const report = await verifyChains(db.app);
    expect(problemOf(report, 'registry_history')).toMatchObject({ kind: 'hashMismatch', id: Number(rows[0]!.id), chainSeq: 1 });

    // Recomputing the edited row's own hash only moves the break to the next link.
    await db.owner.query(`ALTER TABLE registry_history DISABLE TRIGGER USER`);
    await db.owner.query(`UPDATE registry_history t SET hash = sha256(t.prev_hash || fangpin_chain_digest(t)) WHERE id = $1`, [rows[0]!.id]);
    await db.owner.query(`ALTER TABLE registry_history ENABLE TRIGGER USER`);
    const { rows: next } = await db.owner.query<{ id: number }>(`SELECT id FROM registry_history WHERE chain_seq = 2`);
    expect(problemOf(await verifyChains(db.app), 'registry_history')).toMatchObject({ kind: 'brokenLink', id: Number(next[0]!.id), chainSeq: 2 });
  }, 180_000);
});

describe('what a superuser can do to the chains, and what still shows', () => {
  let db: ScratchDatabase;
  let ctx: TestContext;
  beforeAll(async () => void ({ db, ctx } = await appOnScratchDatabase(2)), 60_000);
  afterAll(() => closeScratch(db, ctx));

  const asOwner = async (sql: string, params: unknown[] = []) => {
    const client = await db.owner.connect();
    try {
      await client.query('BEGIN');
      await client.query(`SET LOCAL session_replication_role = replica`);
      await client.query(sql, params);
      await client.query('COMMIT');
    } finally {
      client.release();
    }
  };

  it('finds a row deleted from the middle (a gap) and a deleted tail (the head remembers, and so does an anchor kept outside)', async () => {
    const earlier = await verifyChains(db.app);
    const anchors = Object.fromEntries(earlier.chains.map((c) => [c.table, c.head]));
    const anchorFile = tempFile('anchor.json');
    fs.writeFileSync(anchorFile, JSON.stringify(earlier)); // what `audit verify --json` prints
    const { rows } = await db.app.query<{ id: number; chainSeq: number }>(`SELECT id, chain_seq AS "chainSeq" FROM audit_log ORDER BY chain_seq`);
    expect(rows.length).toBeGreaterThanOrEqual(6);
    await asOwner(`DELETE FROM audit_log WHERE chain_seq = 3`);
    expect(problemOf(await verifyChains(db.app), 'audit_log')).toMatchObject({ kind: 'gap', id: Number(rows[3]!.id), chainSeq: 4, message: expect.stringContaining('3 is missing before it') });
    // Deleting the last rows leaves a chain that verifies up to its end, but not up to its head.
    await asOwner(`DELETE FROM case_events WHERE chain_seq = (SELECT max(chain_seq) FROM case_events)`);
    expect(problemOf(await verifyChains(db.app), 'case_events')).toMatchObject({ kind: 'headMismatch', message: expect.stringContaining('deleted from the end') });

    // A superuser who also rewinds the head hides that from the database alone, not from an anchor kept outside it.
    await asOwner(`UPDATE chain_heads h SET seq = c.chain_seq, hash = c.hash FROM (SELECT chain_seq, hash FROM case_events ORDER BY chain_seq DESC LIMIT 1) c WHERE h.chain = 'case_events'`);
    expect(problemOf(await verifyChains(db.app), 'case_events')).toBeNull();
    expect(problemOf(await verifyChains(db.app, { anchors }), 'case_events')).toMatchObject({ kind: 'anchorMismatch', message: expect.stringContaining('rows were removed') });
    const env = { ...process.env, DATABASE_URL: db.appUrl, FANGPIN_SECRET_KEY: TEST_SECRET_KEY, FANGPIN_DATA_DIR: '/nonexistent' };
    const failed = await run(process.execPath, [CLI, 'audit', 'verify', '--anchor', anchorFile], { env }).then(
      () => expect.unreachable('audit verify should exit 1'),
      (error: { code: number; stdout: string }) => error,
    );
    expect(failed.code).toBe(1);
    expect(failed.stdout).toMatch(/Also: case_events: the anchor recorded chain_seq \d+, but the chain now ends at \d+: rows were removed/);
  }, 180_000);

  it('finds a truncated table, which the application role cannot truncate at all', async () => {
    await expect(db.app.query('TRUNCATE registry_history')).rejects.toThrow('permission denied for table registry_history');
    await expect(db.owner.query('TRUNCATE registry_history')).rejects.toThrow(/registry_history is append-only \(TRUNCATE refused\)/);
    await asOwner('TRUNCATE registry_history');
    expect(problemOf(await verifyChains(db.app), 'registry_history')).toMatchObject({ kind: 'headMismatch', message: expect.stringContaining('(no rows)') });
  });
});
