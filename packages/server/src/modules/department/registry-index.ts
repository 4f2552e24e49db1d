import fs from 'node:fs';
import path from 'node:path';
import type pg from 'pg';
import type { Scope } from '@fangpin/domain';
import type { PersonalDataCipher } from '../../crypto/personal-data.ts';
import { withDuck, type Duck } from './duck.ts';
import { pgToCsv } from './duck-pg.ts';
import { copyFilesIn, fetchValueToFile, int4 } from './row-files.ts';

/**
 * The registry's index for the files engine (docs/department-rows.md "The registry's index"): each
 * county's members' blind indexes (as two unsigned 64-bit halves, `k1` and `k2`), with member,
 * household and county, kept as one Parquet file per county in `registry_index_parts`. Pulling them
 * from `members` costs a province's import seconds of PostgreSQL's time (3,000,000 persons: 4.1 s,
 * on the cores DuckDB parses with); a county's part is pulled again only when a change of its
 * members (their key, household or county: registry_index_changes, written by triggers) is visible
 * now and was not when the part was read, or when the part is six days old. Derived, never backed up.
 */

/** A part older than this is pulled again (the change notes are pruned after seven days: migration 0048). */
const PART_DAYS = 6;

/** Whether a part is still what its county's members are, for the reader (the statistics' test, parts-repo.ts). */
const PART_IS_VALID = `p.key_fingerprint = $1 AND p.built_at > now() - interval '${PART_DAYS} days' AND NOT EXISTS (
  SELECT 1 FROM registry_index_changes c
  WHERE c.county_code IN (p.county_code, '*') AND c.txid >= pg_snapshot_xmin(p.snapshot) AND NOT pg_visible_in_snapshot(c.txid, p.snapshot))`;

export type RegistryIndex = {
  /** The Parquet files (k1, k2, member_id, household_id, county_code) of the importer's counties. */
  files: string[];
  /** Counties whose part was valid (read as kept), and those pulled again. */
  kept: number;
  pulled: number;
  /** Stores the parts pulled again (its own connection: kept whatever the import's fate; DuckDB not used). */
  store: () => Promise<void>;
};

/**
 * The registry's index of the counties of `scope` (a county or wider; every county when undefined)
 * as Parquet files in DuckDB's directory: the valid parts as kept, the others pulled now on `client`
 * (the import's connection) as CSV. It uses PostgreSQL only, so it runs while DuckDB parses;
 * `splitRegistryIndex` then writes the pulled parts, when DuckDB is free.
 */
export async function pullRegistryIndex(
  client: pg.PoolClient,
  cipher: PersonalDataCipher,
  dir: string,
  scope: Scope | undefined,
  options: { readKept?: boolean } = {},
): Promise<{ kept: string[]; validCounties: number; csv?: { file: string; counties: string[]; snapshot: string } }> {
  const counties = await countiesOf(client, scope);
  const { rows: valid } = await client.query<{ county: string }>(
    `SELECT p.county_code AS county FROM registry_index_parts p WHERE p.county_code = ANY($2::varchar[]) AND ${PART_IS_VALID}`,
    [cipher.fingerprint, counties],
  );
  const kept: string[] = [];
  const stale = new Set(counties);
  for (const { county } of valid) {
    if (options.readKept === false) {
      stale.delete(county);
      continue;
    }
    const file = path.join(dir, `registry-${county}.parquet`);
    // The part again with its test: replaced by a newer one meanwhile, that one (valid too) or none.
    const isRead = await fetchValueToFile(
      client,
      `SELECT p.data FROM registry_index_parts p WHERE p.county_code = ${client.escapeLiteral(county)} AND ${PART_IS_VALID.replace('$1', client.escapeLiteral(cipher.fingerprint))}`,
      file,
    );
    if (!isRead) continue;
    kept.push(file);
    stale.delete(county);
  }
  const validCounties = counties.length - stale.size;
  if (stale.size === 0) return { kept, validCounties };
  // The snapshot before the pull: a change committed between them is seen by the pull and counted
  // unseen by the part (pulled again next time: the safe side).
  const { rows } = await client.query<{ snapshot: string }>('SELECT pg_current_snapshot()::text AS snapshot');
  const file = path.join(dir, 'registry.csv');
  const half = (from: number) => `encode(substr(m.id_index, ${from}, 8), 'hex')`;
  await pgToCsv(
    client,
    `SELECT ${half(1)}, ${half(9)}, m.id, m.household_id, m.county_code FROM members m WHERE m.county_code IN (${[...stale].map((c) => client.escapeLiteral(c)).join(', ')})`,
    file,
  );
  return { kept, validCounties, csv: { file, counties: [...stale], snapshot: rows[0]!.snapshot } };
}

/**
 * The pulled CSV as one Parquet file per county (DuckDB must be free), the files to read, and the
 * store of the new parts (`pool`: a connection of its own, after the import's work).
 */
export async function splitRegistryIndex(
  duck: Duck,
  pool: pg.Pool,
  cipher: PersonalDataCipher,
  pulled: Awaited<ReturnType<typeof pullRegistryIndex>>,
): Promise<RegistryIndex> {
  if (!pulled.csv) return { files: pulled.kept, kept: pulled.validCounties, pulled: 0, store: async () => undefined };
  const { file, counties, snapshot } = pulled.csv;
  const out = path.join(duck.dir, 'registry-pulled');
  await duck.run(
    `COPY (SELECT ('0x' || h1)::UBIGINT AS k1, ('0x' || h2)::UBIGINT AS k2, member_id, household_id, county_code, county_code AS part
       FROM read_csv('${file}', header = false, auto_detect = false, buffer_size = 8388608,
         columns = {'h1': 'VARCHAR', 'h2': 'VARCHAR', 'member_id': 'UUID', 'household_id': 'UUID', 'county_code': 'VARCHAR'}))
     TO '${out}' (FORMAT parquet, COMPRESSION zstd, PARTITION_BY (part), ROW_GROUP_SIZE 65536)`,
  );
  fs.rmSync(file, { force: true });
  const parts = new Map<string, string[]>();
  for (const county of counties) {
    const partDir = path.join(out, `part=${county}`);
    const names = fs.existsSync(partDir) ? fs.readdirSync(partDir).filter((n) => n.endsWith('.parquet')) : [];
    parts.set(county, names.map((n) => path.join(partDir, n)));
  }
  // One file per part (DuckDB may write several for a partition): merged when it did.
  for (const [county, names] of parts) {
    if (names.length <= 1) continue;
    const merged = path.join(duck.dir, `registry-${county}-merged.parquet`);
    await duck.run(
      `COPY (SELECT k1, k2, member_id, household_id, county_code FROM read_parquet([${names.map((n) => `'${n}'`).join(', ')}], hive_partitioning = false))
       TO '${merged}' (FORMAT parquet, COMPRESSION zstd, ROW_GROUP_SIZE 65536)`,
    );
    parts.set(county, [merged]);
  }
  const files = [...pulled.kept, ...[...parts.values()].flat()];
  // A county without members now has no file: its part is an empty one (so that it is not pulled each time).
  const empty = path.join(duck.dir, 'registry-empty.parquet');
  const toStore = [...parts.entries()].map(([county, names]) => ({ county, file: names[0] ?? empty, persons: 0 }));
  if (toStore.some((p) => p.file === empty)) {
    await duck.run(
      `COPY (SELECT NULL::UBIGINT AS k1, NULL::UBIGINT AS k2, NULL::UUID AS member_id, NULL::UUID AS household_id, NULL::VARCHAR AS county_code LIMIT 0) TO '${empty}' (FORMAT parquet)`,
    );
  }
  for (const part of toStore) {
    const [row] = await duck.all<{ n: number }>(`SELECT count(*) AS n FROM read_parquet('${part.file}')`);
    part.persons = row!.n;
  }
  return { files, kept: pulled.validCounties, pulled: counties.length, store: () => storeParts(pool, cipher, snapshot, toStore) };
}

/**
 * Replaces the parts of the counties given (one transaction, its own connection), unless a part
 * read under a later snapshot is there already; then prunes the old change notes.
 */
async function storeParts(pool: pg.Pool, cipher: PersonalDataCipher, snapshot: string, parts: { county: string; file: string; persons: number }[]): Promise<void> {
  // The import that pulled the parts holds a connection until this is done: with every connection of
  // the pool held by such imports, waiting for one more would wait forever. The parts are then not kept.
  const waitMs = storeWaitMs();
  const client = await connectWithin(pool, waitMs);
  if (!client) throw new Error(`no database connection free within ${waitMs / 1000} s`);
  try {
    await client.query('BEGIN');
    await client.query('CREATE TEMP TABLE registry_index_upload (county_code varchar(6), persons integer, data bytea) ON COMMIT DROP');
    await copyFilesIn(
      client,
      'COPY registry_index_upload (county_code, persons, data) FROM STDIN (FORMAT binary)',
      parts.map((p) => ({ fields: [Buffer.from(p.county, 'utf8'), int4(p.persons)], file: p.file })),
    );
    await client.query(
      `INSERT INTO registry_index_parts AS p (county_code, snapshot, key_fingerprint, persons, data)
       SELECT county_code, $1::pg_snapshot, $2, persons, data FROM registry_index_upload ORDER BY county_code
       ON CONFLICT (county_code) DO UPDATE SET snapshot = EXCLUDED.snapshot, key_fingerprint = EXCLUDED.key_fingerprint, persons = EXCLUDED.persons, data = EXCLUDED.data, built_at = now()
       WHERE pg_snapshot_xmax(p.snapshot) <= pg_snapshot_xmax(EXCLUDED.snapshot)`,
      [snapshot, cipher.fingerprint],
    );
    await client.query('SELECT fangpin_registry_index_prune()');
    await client.query('COMMIT');
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    client.release();
  }
}

/** How long the store waits for a connection (`FANGPIN_REGISTRY_INDEX_WAIT_MS`: the tests shorten it). */
const storeWaitMs = () => Number(process.env.FANGPIN_REGISTRY_INDEX_WAIT_MS) || 10_000;

/** A connection of the pool, or undefined when none is free within `ms` (the one that comes later is released). */
async function connectWithin(pool: pg.Pool, ms: number): Promise<pg.PoolClient | undefined> {
  const pending = pool.connect();
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<undefined>((resolve) => (timer = setTimeout(() => resolve(undefined), ms)));
  const client = await Promise.race([pending, late]);
  clearTimeout(timer);
  if (!client) pending.then((c) => c.release()).catch(() => undefined);
  return client;
}

/**
 * The counties of the importer's region that hold members (every county for no scope): read from
 * the members' (county, name) index one county at a time, not by reading every member.
 */
async function countiesOf(client: pg.PoolClient, scope: Scope | undefined): Promise<string[]> {
  const { rows } = await client.query<{ code: string }>(
    `WITH RECURSIVE c AS (
       SELECT min(county_code) AS code FROM members
       UNION ALL SELECT (SELECT min(m.county_code) FROM members m WHERE m.county_code > c.code) FROM c WHERE c.code IS NOT NULL)
     SELECT code FROM c WHERE code IS NOT NULL`,
  );
  return rows
    .map((r) => r.code)
    .filter((code) => !scope || ((!scope.regionPrefix || code.startsWith(scope.regionPrefix.slice(0, 6))) && (scope.countyCodes.length === 0 || scope.countyCodes.includes(code))));
}

/**
 * Makes every county's part valid (those already valid are left): the nightly job's work, so that
 * the day's imports find the registry's index ready (an import pulls the parts it finds out of date
 * itself). Returns the counties whose part was pulled again.
 */
export async function refreshRegistryIndex(pool: pg.Pool, cipher: PersonalDataCipher): Promise<{ pulled: number; kept: number }> {
  return await withDuck('index', async (duck) => {
    const client = await pool.connect();
    let pulled: Awaited<ReturnType<typeof pullRegistryIndex>>;
    try {
      // The valid parts are not read: only which counties need pulling matters here.
      pulled = await pullRegistryIndex(client, cipher, duck.dir, undefined, { readKept: false });
    } finally {
      client.release();
    }
    const index = await splitRegistryIndex(duck, pool, cipher, pulled);
    await index.store();
    return { pulled: index.pulled, kept: index.kept };
  });
}
