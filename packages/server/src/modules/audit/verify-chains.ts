import crypto from 'node:crypto';
import type pg from 'pg';
import { CHAINED_TABLES, type ChainedTable } from '../../db/roles.ts';

/**
 * `fangpin audit verify`: walks the hash chains of audit_log, case_events and registry_history
 * (migration hash_chain_triggers, docs/design/tamper-evident-records.md) and recomputes every link:
 * `hash = sha256(prev_hash || digest)`, where the digest of the row's canonical content comes from
 * the database's `fangpin_chain_digest` (so the canonical form has one definition). Reports, per
 * chain, the first problem: a row whose content no longer matches its hash, a link that does not
 * follow from the row before, a gap (rows missing), a row left unsealed, a head (chain_heads) that
 * does not match the table's last row (a deleted tail or a truncated table), or a difference from an
 * anchor recorded earlier outside the database (a backup's header, an earlier `--json` output).
 */
export type ChainProblemKind = 'hashMismatch' | 'brokenLink' | 'gap' | 'unsealed' | 'headMismatch' | 'anchorMismatch';
export type ChainProblem = { table: ChainedTable; kind: ChainProblemKind; id: number | null; chainSeq: number | null; message: string };
export type ChainHead = { seq: number; hash: string };
export type ChainReport = { table: ChainedTable; rows: number; head: ChainHead; problem: ChainProblem | null };
export type VerifyReport = { isIntact: boolean; chains: ChainReport[]; firstProblem: ChainProblem | null };
/** Heads recorded elsewhere (backup header, earlier output): the chains must still pass through them. */
export type ChainAnchors = Partial<Record<ChainedTable, ChainHead>>;

const BATCH = 5000;

/** The hash a chain starts from (fangpin_chain_genesis in SQL). */
export function chainGenesis(table: ChainedTable): Buffer {
  return crypto.createHash('sha256').update(`fangpin-chain:${table}`, 'utf8').digest();
}

/** Each chain's head as chain_heads records it (what the daily log line and backups print). */
export async function readChainHeads(tx: pg.Pool | pg.PoolClient): Promise<Record<ChainedTable, ChainHead>> {
  const { rows } = await tx.query<{ chain: ChainedTable; seq: number; hash: Buffer }>('SELECT chain, seq, hash FROM chain_heads');
  const heads = {} as Record<ChainedTable, ChainHead>;
  for (const table of CHAINED_TABLES) {
    const row = rows.find((r) => r.chain === table);
    heads[table] = row ? { seq: Number(row.seq), hash: row.hash.toString('hex') } : { seq: 0, hash: chainGenesis(table).toString('hex') };
  }
  return heads;
}

export async function verifyChains(pool: pg.Pool, options: { anchors?: ChainAnchors } = {}): Promise<VerifyReport> {
  const client = await pool.connect();
  try {
    // One snapshot: rows and heads seen as of one moment, while the server keeps writing.
    await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
    const chains: ChainReport[] = [];
    for (const table of CHAINED_TABLES) chains.push(await verifyChain(client, table, options.anchors?.[table]));
    await client.query('COMMIT');
    const firstProblem = chains.find((c) => c.problem)?.problem ?? null;
    return { isIntact: !firstProblem, chains, firstProblem };
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    client.release();
  }
}

type ChainRow = { id: number; chainSeq: number; prevHash: Buffer | null; hash: Buffer | null; digest: Buffer };

async function verifyChain(client: pg.PoolClient, table: ChainedTable, anchor: ChainHead | undefined): Promise<ChainReport> {
  let prev = chainGenesis(table);
  let expectedSeq = 1;
  let rows = 0;
  let last: { id: number; seq: number } | undefined;
  let problem: ChainProblem | null = null;
  const fail = (kind: ChainProblemKind, row: { id: number; seq: number } | null, message: string) => {
    problem ??= { table, kind, id: row?.id ?? null, chainSeq: row?.seq ?? null, message: `${table}: ${message}` };
  };
  const isAnchorSeen = () => !anchor || anchor.seq === 0 || (last !== undefined && last.seq >= anchor.seq);
  walk: for (;;) {
    const { rows: batch } = await client.query<ChainRow>(
      `SELECT id, chain_seq AS "chainSeq", prev_hash AS "prevHash", hash, fangpin_chain_digest(t) AS digest
       FROM ${table} t WHERE chain_seq >= $1 ORDER BY chain_seq LIMIT ${BATCH}`,
      [expectedSeq],
    );
    for (const r of batch) {
      const seq = Number(r.chainSeq);
      const at = { id: Number(r.id), seq };
      if (seq !== expectedSeq) {
        fail('gap', at, `row ${at.id} has chain_seq ${seq}, but ${expectedSeq}${seq - 1 > expectedSeq ? `…${seq - 1}` : ''} ${seq - expectedSeq > 1 ? 'are' : 'is'} missing before it (deleted rows)`);
        break walk;
      }
      if (!r.prevHash || !r.prevHash.equals(prev)) {
        fail('brokenLink', at, `row ${at.id} (chain_seq ${seq}): its prev_hash is not the hash of the row before it (a row before it was replaced, or this one re-linked)`);
        break walk;
      }
      const expected = crypto.createHash('sha256').update(prev).update(r.digest).digest();
      if (!r.hash || !r.hash.equals(expected)) {
        fail('hashMismatch', at, `row ${at.id} (chain_seq ${seq}): its content no longer matches its hash (changed after it was recorded)`);
        break walk;
      }
      if (anchor && anchor.seq === seq && anchor.hash !== r.hash.toString('hex')) {
        fail('anchorMismatch', at, `row ${at.id} (chain_seq ${seq}) has hash ${r.hash.toString('hex')}, but the anchor recorded ${anchor.hash} there (the chain was rewritten up to here)`);
        break walk;
      }
      prev = r.hash;
      expectedSeq = seq + 1;
      last = at;
      rows++;
    }
    if (batch.length < BATCH) break;
  }
  const { rows: heads } = await client.query<{ seq: number; hash: Buffer }>('SELECT seq, hash FROM chain_heads WHERE chain = $1', [table]);
  const head = heads[0] ? { seq: Number(heads[0].seq), hash: heads[0].hash.toString('hex') } : undefined;
  if (!problem) {
    const { rows: unsealed } = await client.query<{ id: number }>(`SELECT id FROM ${table} WHERE hash IS NULL OR chain_seq IS NULL ORDER BY id LIMIT 1`);
    if (unsealed[0]) fail('unsealed', { id: Number(unsealed[0].id), seq: 0 }, `row ${unsealed[0].id} is outside the chain: committed without its chain columns (the sealing triggers were off)`);
  }
  if (!problem) {
    const lastSeq = last?.seq ?? 0;
    if (!head) fail('headMismatch', null, 'chain_heads has no row for this chain');
    else if (head.seq > lastSeq) {
      fail('headMismatch', last ?? null, `the chain ends at chain_seq ${lastSeq}${last ? ` (row ${last.id})` : ' (no rows)'}, but its head records ${head.seq} rows: ${lastSeq + 1}…${head.seq} were deleted from the end, or the table truncated`);
    } else if (head.seq < lastSeq) fail('headMismatch', last ?? null, `the chain runs to chain_seq ${lastSeq}, past its recorded head ${head.seq}`);
    else if (head.hash !== prev.toString('hex')) fail('headMismatch', last ?? null, `the last row's hash ${prev.toString('hex')} is not the recorded head ${head.hash}`);
  }
  if (!problem && !isAnchorSeen()) {
    fail('anchorMismatch', last ?? null, `the anchor recorded chain_seq ${anchor!.seq}, but the chain now ends at ${last?.seq ?? 0}: rows were removed`);
  }
  return { table, rows, head: { seq: last?.seq ?? 0, hash: prev.toString('hex') }, problem };
}
