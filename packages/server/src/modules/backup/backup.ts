import fs from 'node:fs';
import readline from 'node:readline';
import { pipeline } from 'node:stream/promises';
import { Readable } from 'node:stream';
import zlib from 'node:zlib';
import type pg from 'pg';
import copyStreams from 'pg-copy-streams';
import type { PersonalDataCipher } from '../../crypto/personal-data.ts';
import { withTransaction } from '../../db/client.ts';
import { canDecryptStoredData, holdsEncryptedData, recordedKeyFingerprint } from '../../db/personal-data-key.ts';
import { CHAINED_TABLES, type ChainedTable } from '../../db/roles.ts';
import { AppError } from '../../errors.ts';
import { readChainHeads, type ChainHead } from '../audit/verify-chains.ts';
import { KEPT_PARTITION } from '../department/retire-rows.ts';
import { listRowPartitions, type RowPartition } from '../department/row-partitions.ts';

/**
 * Backup and restore without pg_dump (the embedded PostgreSQL ships no client tools, and the server
 * may be another major version): a gzip file holding a JSON header, then for each table a JSON line
 * with its columns followed by its rows in COPY text format, ended by `\.`. Taken in one REPEATABLE
 * READ transaction, so the backup is a consistent snapshot while the server keeps running.
 * The personal-data key (secret.key or FANGPIN_SECRET_KEY) is NOT in the backup: keep it safe separately.
 * The header names the key by its fingerprint (a restore with another key is refused) and records the
 * heads of the hash chains (an anchor outside the database for `audit verify --anchor`). The file is
 * written with mode 0600: it holds everything but the key.
 */
export const BACKUP_TABLES = ['regions', 'users', 'audit_log', 'households', 'members', 'registry_history', 'import_batches', 'import_errors', 'rule_set_versions', 'household_monitoring', 'department_batches', 'department_rows', 'department_row_files', 'warnings', 'clues', 'department_source_settings', 'county_settings', 'hotline_calls', 'self_applications', 'visit_reports', 'attachments', 'cases', 'case_events', 'case_drafts', 'household_helpers', 'household_measures', 'field_actions', 'helper_visits', 'chain_heads', 'personal_data_key'] as const;
/**
 * Tables deliberately left out: sessions are not worth restoring; import jobs point at upload files
 * in the data directory and their outcome is kept in department_batches; chain_seal_requests never
 * holds a committed row; household_stats (the statistics' per-household summary) is derived and is
 * rebuilt by its triggers as households, members and helpers are restored (checked by `fangpin stats verify`);
 * the statistics' kept parts and change notes, and the registry's index (registry_index_parts and its
 * change notes), are derived and made again after a restore.
 */
export const TABLES_NOT_BACKED_UP = ['sessions', 'import_jobs', 'chain_seal_requests', 'household_stats', 'stats_changes', 'stats_parts', 'stats_timeline_rows', 'registry_index_parts', 'registry_index_changes'] as const;

/**
 * Version 2 adds the key's fingerprint (null when the database never recorded one) and the chain
 * heads; version 1 backups (older Fangpin) are still restored, their key checked by decrypting.
 */
export type BackupHeader = {
  format: 'fangpin-backup';
  version: 1 | 2;
  createdAt: string;
  migrations: string[];
  keyFingerprint?: string | null;
  chains?: Record<ChainedTable, ChainHead>;
};

async function appliedMigrations(client: pg.PoolClient): Promise<string[]> {
  const { rows } = await client.query<{ hash: string }>(`SELECT hash FROM drizzle.__drizzle_migrations ORDER BY id`);
  return rows.map((r) => r.hash);
}

/** The stored columns of a table: generated columns (household_monitoring.status) are recomputed on restore. */
async function columnsOf(client: pg.PoolClient, table: string): Promise<string[]> {
  const { rows } = await client.query<{ column_name: string }>(
    `SELECT column_name FROM information_schema.columns WHERE table_schema = 'public' AND table_name = $1 AND is_generated = 'NEVER' ORDER BY ordinal_position`,
    [table],
  );
  return rows.map((r) => r.column_name);
}

async function assertTablesCovered(client: pg.PoolClient): Promise<void> {
  // A partition is backed up with its partitioned table (department_rows).
  const { rows } = await client.query<{ tablename: string }>(
    `SELECT c.relname AS tablename FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p') AND NOT c.relispartition`,
  );
  const covered = new Set<string>([...BACKUP_TABLES, ...TABLES_NOT_BACKED_UP]);
  const missing = rows.map((r) => r.tablename).filter((t) => !covered.has(t));
  if (missing.length) throw new Error(`Backup does not know table(s) ${missing.join(', ')}: add them to BACKUP_TABLES`);
}

export async function backupDatabase(pool: pg.Pool, file: string): Promise<{ tables: Record<string, number>; header: BackupHeader }> {
  const client = await pool.connect();
  const counts: Record<string, number> = {};
  const tmp = `${file}.partial`;
  try {
    await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
    await assertTablesCovered(client);
    const header: BackupHeader = {
      format: 'fangpin-backup',
      version: 2,
      createdAt: new Date().toISOString(),
      migrations: await appliedMigrations(client),
      keyFingerprint: (await recordedKeyFingerprint(client)) ?? null,
      chains: await readChainHeads(client),
    };
    async function* content(): AsyncGenerator<Buffer | string> {
      yield JSON.stringify(header) + '\n';
      for (const table of BACKUP_TABLES) {
        const columns = await columnsOf(client, table);
        // A partitioned table names its partitions (the restore makes them before loading the rows), and
        // is read through a query: COPY TO reads a plain table only.
        const partitions = table === 'department_rows' ? (await listRowPartitions(client)).map(({ name, from, to }) => ({ name, from, to })) : undefined;
        yield JSON.stringify({ table, columns, ...(partitions ? { partitions } : {}) }) + '\n';
        let rows = 0;
        const list = columns.map((c) => `"${c}"`).join(', ');
        const stream = client.query(copyStreams.to(partitions ? `COPY (SELECT ${list} FROM ${table}) TO STDOUT` : `COPY ${table} (${list}) TO STDOUT`));
        for await (const chunk of stream as AsyncIterable<Buffer>) {
          for (const byte of chunk) if (byte === 10) rows++;
          yield chunk;
        }
        counts[table] = rows;
        yield '\\.\n';
      }
    }
    // A fresh file, readable by this user only (a leftover .partial might have had another mode).
    fs.rmSync(tmp, { force: true });
    await pipeline(Readable.from(content()), zlib.createGzip(), fs.createWriteStream(tmp, { mode: 0o600, flags: 'wx' }));
    fs.chmodSync(tmp, 0o600);
    await client.query('COMMIT');
    fs.renameSync(tmp, file);
    return { tables: counts, header };
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    fs.rmSync(tmp, { force: true });
    throw error;
  } finally {
    client.release();
  }
}

/** The header of a backup file (its first line), or a clear error for a file that is not one. */
export async function readBackupHeader(file: string): Promise<BackupHeader> {
  if (!fs.existsSync(file)) throw new AppError('VALIDATION_FAILED', `Backup file not found: ${file}`);
  const lines = readline.createInterface({ input: fs.createReadStream(file).pipe(zlib.createGunzip()), crlfDelay: Infinity });
  try {
    for await (const line of lines) return parseHeader(file, line);
    throw new AppError('VALIDATION_FAILED', `${file} is not a Fangpin backup`);
  } catch (error) {
    if (error instanceof AppError) throw error;
    throw new AppError('VALIDATION_FAILED', `${file} is not a Fangpin backup`);
  } finally {
    lines.close();
  }
}

function parseHeader(file: string, line: string | undefined): BackupHeader {
  let header: BackupHeader;
  try {
    header = JSON.parse(line ?? '') as BackupHeader;
  } catch {
    throw new AppError('VALIDATION_FAILED', `${file} is not a Fangpin backup`);
  }
  if (header?.format !== 'fangpin-backup') throw new AppError('VALIDATION_FAILED', `${file} is not a Fangpin backup`);
  return header;
}

/** What the restore knows of this install's personal-data key (loadMasterKey without creating one). */
export type RestoreKey = { cipher: PersonalDataCipher | undefined; source: string };

function keyRefusal(header: BackupHeader, key: RestoreKey): AppError {
  const made = header.keyFingerprint ? `with the personal-data key of fingerprint ${header.keyFingerprint}` : 'with a personal-data key';
  return new AppError(
    'CONFLICT',
    key.cipher
      ? `The backup was made ${made}, but this install's key (${key.source}) has fingerprint ${key.cipher.fingerprint}` +
          `${header.keyFingerprint ? '' : ' and cannot open its ID numbers and phones'}. Restoring would leave them unreadable: ` +
          `put the key that was in use when the backup was made in ${key.source} (or FANGPIN_SECRET_KEY), then restore again.`
      : `The backup was made ${made}, and this install has none (${key.source} missing, FANGPIN_SECRET_KEY unset). ` +
          `Put the key that was in use when the backup was made in ${key.source} (or FANGPIN_SECRET_KEY), then restore again; ` +
          `a new key would leave the restored ID numbers and phones unreadable.`,
  );
}

/**
 * Restores a backup into this database, in one transaction: all or nothing. Run as the schema owner
 * (it lifts the append-only triggers while it loads). Refuses a database that already holds
 * households or users unless `force` (which replaces everything), a backup taken with migrations
 * this server does not have, and a backup whose personal data this install's key cannot open (named
 * by both fingerprints). The hash chains come back as they were, so `audit verify` passes after.
 */
export async function restoreDatabase(pool: pg.Pool, file: string, options: { force?: boolean; key: RestoreKey }): Promise<{ tables: Record<string, number> }> {
  if (!fs.existsSync(file)) throw new AppError('VALIDATION_FAILED', `Backup file not found: ${file}`);
  const lines = readline.createInterface({ input: fs.createReadStream(file).pipe(zlib.createGunzip()), crlfDelay: Infinity });
  const iterator = lines[Symbol.asyncIterator]();
  const next = async () => {
    const r = await iterator.next();
    return r.done ? undefined : r.value;
  };
  const header = parseHeader(file, await next());
  if (header.keyFingerprint && header.keyFingerprint !== options.key.cipher?.fingerprint) throw keyRefusal(header, options.key);
  const counts: Record<string, number> = {};
  await withTransaction(pool, async (tx) => {
    const applied = await appliedMigrations(tx);
    const unknown = header.migrations.filter((m) => !applied.includes(m));
    if (unknown.length) throw new AppError('CONFLICT', `The backup was made by a newer Fangpin (${unknown.length} migration(s) unknown here): upgrade first`);
    const { rows } = await tx.query<{ n: number }>(`SELECT (SELECT count(*) FROM households) + (SELECT count(*) FROM users) AS n`);
    if (Number(rows[0]!.n) > 0 && !options.force) {
      throw new AppError('CONFLICT', 'This database already holds data; restore into an empty database or pass --force to replace everything');
    }
    await tx.query('ALTER TABLE audit_log DISABLE TRIGGER USER');
    await tx.query('ALTER TABLE registry_history DISABLE TRIGGER USER');
    await tx.query('ALTER TABLE rule_set_versions DISABLE TRIGGER USER');
    await tx.query('ALTER TABLE case_events DISABLE TRIGGER USER');
    await tx.query(`TRUNCATE ${[...BACKUP_TABLES, ...TABLES_NOT_BACKED_UP].join(', ')} CASCADE`);
    for (;;) {
      const line = await next();
      if (line === undefined) break;
      const { table, columns, partitions } = JSON.parse(line) as { table: string; columns: string[]; partitions?: RowPartition[] };
      if (!(BACKUP_TABLES as readonly string[]).includes(table)) throw new AppError('VALIDATION_FAILED', `Unknown table ${table} in backup`);
      // department_rows: the backup's partitions, or (a backup from before they existed, whose rows have no
      // compared_on) the rows loaded aside and then placed under their batch's date.
      const rowsAside = table === 'department_rows' && !columns.includes('compared_on');
      if (table === 'department_rows') await prepareRowPartitions(tx, rowsAside ? [] : (partitions ?? []));
      if (rowsAside) {
        await tx.query(`CREATE TEMP TABLE department_rows_restore ON COMMIT DROP AS SELECT * FROM department_rows WITH NO DATA`);
        await tx.query(`ALTER TABLE department_rows_restore ALTER COLUMN compared_on DROP NOT NULL`);
      }
      const copy = tx.query(copyStreams.from(`COPY ${rowsAside ? 'department_rows_restore' : table} (${columns.map((c) => `"${c}"`).join(', ')}) FROM STDIN`));
      let rowsCopied = 0;
      async function* data(): AsyncGenerator<string> {
        for (;;) {
          const row = await next();
          if (row === undefined) throw new AppError('VALIDATION_FAILED', `Backup truncated inside table ${table}`);
          if (row === '\\.') return;
          rowsCopied++;
          yield row + '\n';
        }
      }
      await pipeline(Readable.from(data()), copy);
      if (rowsAside) await placeRestoredRows(tx);
      counts[table] = rowsCopied;
    }
    // A backup without a fingerprint (older Fangpin, or never recorded): the key must open what came back.
    if (!header.keyFingerprint && (await holdsEncryptedData(tx))) {
      if (!options.key.cipher || !(await canDecryptStoredData(tx, options.key.cipher))) throw keyRefusal(header, options.key);
    }
    if (options.key.cipher && !(await recordedKeyFingerprint(tx))) {
      await tx.query('INSERT INTO personal_data_key (fingerprint) VALUES ($1)', [options.key.cipher.fingerprint]);
    }
    await tx.query('ALTER TABLE audit_log ENABLE TRIGGER USER');
    await tx.query('ALTER TABLE registry_history ENABLE TRIGGER USER');
    await tx.query('ALTER TABLE rule_set_versions ENABLE TRIGGER USER');
    await tx.query('ALTER TABLE case_events ENABLE TRIGGER USER');
    for (const [table, column] of [['audit_log', 'id'], ['registry_history', 'id'], ['import_errors', 'id'], ['case_events', 'id']] as const) {
      await tx.query(`SELECT setval(pg_get_serial_sequence('${table}', '${column}'), GREATEST((SELECT max(${column}) FROM ${table}), 1))`);
    }
    // A backup from before the chains: start them, and chain its rows in id order.
    await tx.query(
      `INSERT INTO chain_heads (chain, seq, hash) SELECT c, 0, fangpin_chain_genesis(c) FROM unnest($1::text[]) AS c ON CONFLICT DO NOTHING`,
      [CHAINED_TABLES],
    );
    await tx.query('SELECT fangpin_seal_chains()');
  });
  return { tables: counts };
}

const ident = (name: string) => `"${name.replace(/"/g, '""')}"`;

/**
 * department_rows (truncated) gets exactly the backup's partitions: this database's own go first
 * (the kept rows' partition of the backup may span months this one has), then each month's is made
 * as the import makes it and the kept rows' one as retention does.
 */
async function prepareRowPartitions(tx: pg.PoolClient, partitions: RowPartition[]): Promise<void> {
  for (const p of await listRowPartitions(tx)) await tx.query(`DROP TABLE ${ident(p.name)}`);
  for (const p of partitions) {
    if (p.name === KEPT_PARTITION && p.from === null) {
      if (!/^\d{4}-\d{2}-\d{2}$/.test(p.to)) throw new AppError('VALIDATION_FAILED', `Backup names a partition of department_rows with bound ${p.to}`);
      await tx.query(`CREATE TABLE ${ident(KEPT_PARTITION)} (LIKE department_rows INCLUDING DEFAULTS)`);
      await tx.query(`ALTER TABLE department_rows ATTACH PARTITION ${ident(KEPT_PARTITION)} FOR VALUES FROM (MINVALUE) TO ('${p.to}')`);
    } else await tx.query('SELECT fangpin_department_rows_partition($1::date)', [p.from]);
  }
}

/** The rows of a backup from before the partitions, loaded aside: each under its batch's date (migration 0038's rule). */
async function placeRestoredRows(tx: pg.PoolClient): Promise<void> {
  await tx.query(`UPDATE department_rows_restore r SET compared_on = coalesce((SELECT b.compared_on FROM department_batches b WHERE b.id = r.batch_id), r.event_date, CURRENT_DATE)`);
  await tx.query(`SELECT fangpin_department_rows_partition(d) FROM (SELECT DISTINCT date_trunc('month', compared_on)::date AS d FROM department_rows_restore) months`);
  await tx.query(`INSERT INTO department_rows SELECT * FROM department_rows_restore`);
}
