import fs from 'node:fs';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import iconv from 'iconv-lite';
import { PROVINCE_CODES, type DepartmentImportResult, type DepartmentSource, type Scope } from '@fangpin/domain';
import type pg from 'pg';
import type { PersonalDataCipher } from '../../crypto/personal-data.ts';
import type { ImportLimits } from '../../files/import-limits.ts';
import { csvDialectOf } from '../../files/read-table.ts';
import { timeSlice } from '../../event-loop.ts';
import { openCopy, copyText } from './copy-rows.ts';
import { DuckDBDateValue, JSDuckDBValueConverter } from '@duckdb/node-api';
import { type Duck } from './duck.ts';
import { pgToCsv } from './duck-pg.ts';
import { assertRequired, countRejection, makeHeaderMatcher, makeRowParser, type DepartmentHeader } from './parse-department-row.ts';
import { ruleSetCache, upsertWarnings } from './raise-warnings.ts';
import { pullRegistryIndex, splitRegistryIndex } from './registry-index.ts';
import { storeRowFiles } from './row-files.ts';
import { copyEvidenceRows, loadWindowRows, rollingSumOverStores, windowFileBatches } from './window-stores.ts';

/**
 * The files engine (docs/department-rows.md): a large plain UTF-8 CSV of a rolling-sum source
 * (medical) is read, checked, keyed and matched by DuckDB in process, and every row with its fate
 * goes to one Parquet file stored with the batch (`department_row_files`) instead of a row of
 * `department_rows` each. PostgreSQL keeps the rejected rows (the errors list and download read
 * them) and, for each household a warning is raised for, its rows inside the window (查看依据).
 *
 * DuckDB reads the rows in their usual form — an 18-character ID with a known province, a real
 * birth date and the right check character; ISO dates not after today; plain amounts with at most
 * two decimals — and computes for them what Node's row parser would (masked ID, keyed blind index,
 * date, amount, the values). Every other row (a bad ID, another date or amount form, a totals row …)
 * is read by Node's own parser, so rejections, codes, messages and the errors list are the general
 * path's by construction. `duckdb-import.test.ts` imports the same files both ways.
 */

/** Files smaller than this are read the general way (DuckDB's start and hand-overs cost more than they save). */
export const FILES_ENGINE_MIN_BYTES = 4 << 20;

/** Rows of one piece of the match, and of one Parquet file (one part) of the batch. */
export const PIECE_ROWS = 400_000;
const MAX_HEADER_LINES = 200;

/** ECMAScript's white space and line terminators (what String.prototype.trim removes): code points, and as a regular expression's class. */
const WS_POINTS = [9, 10, 11, 12, 13, 32, 0xa0, 0x1680, 0x2000, 0x2001, 0x2002, 0x2003, 0x2004, 0x2005, 0x2006, 0x2007, 0x2008, 0x2009, 0x200a, 0x2028, 0x2029, 0x202f, 0x205f, 0x3000, 0xfeff];
const WS_CODES = WS_POINTS.join(', ');
const WS_CLASS = WS_POINTS.map((c) => `\\x{${c.toString(16)}}`).join('');

/** Whether the files engine may read this file for this source (the caller checked it is plain CSV). */
export function mayUseFilesEngine(source: DepartmentSource, file: string, isPlainCsv: boolean, minBytes = FILES_ENGINE_MIN_BYTES): boolean {
  if (process.env.FANGPIN_DEPARTMENT_ENGINE === 'general') return false;
  if (source.signal !== 'rollingSum' || !isPlainCsv) return false;
  if (source.fields.some((f) => f.type === 'kind')) return false;
  // UTF-8, or GB18030 (what Excel writes for a Chinese CSV), transcoded first.
  if (!['utf8', 'gb18030'].includes(csvDialectOf(file).encoding)) return false;
  return fs.statSync(file).size >= minBytes;
}

type Deps = { pool: pg.Pool; cipher: PersonalDataCipher; today: string; limits: ImportLimits };

type Options = {
  headerMapping?: Record<string, string>;
  onProgress?: (rows: number) => void;
  onPhase?: (phase: string) => void;
  onStep?: (step: 'matching' | 'warnings') => void;
  /** How the registry's index was had: counties' parts kept and pulled again. */
  onRegistry?: (counts: { kept: number; pulled: number }) => void;
};

/**
 * Imports the file into `batchId` (already inserted, inside the caller's transaction) through
 * `duck` (withDuck), or returns undefined — having written nothing — when the file is not one it reads the
 * way Node's reader would (the caller then reads it the general way, which refuses it with its own
 * message when it must).
 */
export async function importThroughFiles(
  duck: Duck,
  client: pg.PoolClient,
  deps: Deps,
  source: DepartmentSource,
  file: string,
  batchId: string,
  scope: Scope | undefined,
  result: DepartmentImportResult,
  options: Options,
): Promise<DepartmentImportResult | undefined> {
  const { today, limits } = deps;
  // Excel's Chinese CSV (GB18030) is transcoded to UTF-8 in DuckDB's directory first, decoded as the
  // general reader decodes it (iconv-lite, the byte-order mark dropped): both read the same text.
  if (csvDialectOf(file).encoding === 'gb18030') {
    const utf8 = path.join(duck.dir, 'file-utf8.csv');
    await pipeline(fs.createReadStream(file, { highWaterMark: 1 << 20 }), iconv.decodeStream('gb18030', { stripBOM: true }), iconv.encodeStream('utf8'), fs.createWriteStream(utf8));
    file = utf8;
    options.onPhase?.('transcode');
  }
  const lines = `read_csv('${file.replace(/'/g, "''")}', columns = {'line': 'VARCHAR'}, header = false, auto_detect = false,
    delim = E'\\x01', quote = '', escape = '', strict_mode = true, max_line_size = ${Math.max(2_097_152, limits.maxLineChars * 4)})`;
  // A file DuckDB cannot read goes the general way; so does one it runs out of memory on (the phases say so: `generalWay`).
  const generalWay = (error: unknown) => {
    // The message's first line only: DuckDB quotes the offending line after it (an ID number in clear).
    if (process.env.FANGPIN_DUCKDB_TRACE === '1') process.stderr.write(`duckdb: the file goes the general way: ${(error as Error).message.split('\n')[0]}\n`);
    options.onPhase?.('generalWay');
    return undefined;
  };
  // 1. The header, found in the first lines by the general path's matcher (the lines numbered as the
  //    file's: a blank line stays a line). A file DuckDB cannot read as UTF-8 lines goes the general way.
  let head: { n: number; line: string | null }[];
  try {
    head = await duck.all(`SELECT row_number() OVER () AS n, line FROM ${lines} LIMIT ${MAX_HEADER_LINES}`);
  } catch (error) {
    return generalWay(error);
  }
  const matchHeader = makeHeaderMatcher(source, options.headerMapping);
  let header: DepartmentHeader | undefined;
  for (const { n, line } of head) {
    if (line !== null && (/[\r\n\0]/.test(line) || line.length > Math.min(limits.maxLineChars, limits.maxCellChars))) return undefined;
    header = matchHeader(n, splitCells(line));
    if (header) break;
  }
  if (!header) return undefined;
  assertRequired(source, header, undefined);
  const parser = makeRowParser(source, header, deps);
  const columns = header.columns;

  // The registry's blind indexes, on the import's connection (idle meanwhile) while DuckDB reads the rows:
  // the registry's index (registry-index.ts) for a county or wider, the members of an importer below a county pulled.
  const isBelowCounty = !!scope && scope.regionPrefix.length > 6;
  const registryFile = path.join(duck.dir, 'registry.csv');
  const pull = isBelowCounty ? pullRegion(client, scope, registryFile).then(() => undefined) : pullRegistryIndex(client, deps.cipher, duck.dir, scope);
  pull.catch(() => undefined);
  let storing: Promise<void> | undefined;
  try {
    // 2. The rows: usual ones computed in SQL, the others kept as lines for Node's parser.
    const pads = deps.cipher.blindIndexPads();
    await duck.connection.run(`SET VARIABLE ipad = from_hex('${pads.inner.toString('hex')}')`);
    await duck.connection.run(`SET VARIABLE opad = from_hex('${pads.outer.toString('hex')}')`);
    // A cell as the general reader gives it: the usual forms below hold no white space, and a text
    // cell is usual only without white space at either end, so no cell needs trimming here.
    const cellNames = new Map<string, string>();
    const cell = (field: string) => {
      if (columns[field] === undefined) return `''`;
      if (!cellNames.has(field)) cellNames.set(field, `c${cellNames.size}`);
      return cellNames.get(field)!;
    };
    const usual: string[] = [];
    const valueParts: string[] = [];
    let eventDate = 'NULL::DATE';
    let amountFen = 'NULL::INTEGER';
    for (const f of source.fields) {
      const v = cell(f.field);
      if (f.type === 'idNumber') continue;
      if (f.type === 'date') {
        const isIso = `(regexp_full_match(${v}, '[1-9][0-9]{3}-[0-9]{2}-[0-9]{2}') AND TRY_CAST(${v} AS DATE) <= DATE '${today}')`;
        usual.push(f.isRequired ? isIso : `(${v} = '' OR ${isIso})`);
        valueParts.push(`'${f.field}', NULLIF(${v}, '')`);
        if (f.field === source.dateField) eventDate = `TRY_CAST(NULLIF(${v}, '') AS DATE)`;
      } else if (f.type === 'amount') {
        const isPlain = `regexp_full_match(${v}, '[0-9]{1,7}(\\.[0-9]{1,2})?')`;
        usual.push(f.isRequired ? isPlain : `(${v} = '' OR ${isPlain})`);
        valueParts.push(`'${f.field}', TRY_CAST(NULLIF(${v}, '') AS DECIMAL(9, 2))::DOUBLE`);
        if (f.field === source.amountField) amountFen = `(TRY_CAST(NULLIF(${v}, '') AS DECIMAL(9, 2)) * 100)::INTEGER`;
      } else {
        const edges = `unicode(${v}) NOT IN (${WS_CODES}) AND unicode(right(${v}, 1)) NOT IN (${WS_CODES})`;
        usual.push(f.isRequired ? `(${v} <> '' AND ${edges})` : `(${v} = '' OR (${edges}))`);
        valueParts.push(`'${f.field}', NULLIF(${v}, '')`);
      }
    }
    const id = cell('idNumber');
    // GB 11643: the first 17 digits weighted 7, 9, 10, 5 … (2^(17-i) mod 11), mod 11, name the check character. The
    // digits are taken from the number the 17 digits make, `f17`, computed once a row (integer arithmetic; the ID is
    // checked to be digits first): written out 17 times, DuckDB computed it 17 times (0.6-0.9 s at 2,000,000 rows).
    const weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
    const digitOf = (i: number) => `((f17 // ${10n ** BigInt(16 - i)}) % 10)`;
    const checksum = `substr('10X98765432', ((${weights.map((w, i) => `${digitOf(i)} * ${w}`).join(' + ')}) % 11)::INTEGER + 1, 1)`;
    // The birth date from the same number (digits 7-14), not a string cast to a date (0.2 s less); no such day: NULL.
    const birth = `TRY(make_date(((f17 // 10000000) % 10000)::INTEGER, ((f17 // 100000) % 100)::INTEGER, ((f17 // 1000) % 100)::INTEGER))`;
    const idIsUsual = `(regexp_full_match(${id}, '[0-9]{17}[0-9X]') AND substr(${id}, 1, 2) IN (${PROVINCE_CODES.map((p) => `'${p}'`).join(', ')})
      AND ${birth} BETWEEN DATE '1900-01-01' AND DATE '${today}' AND ${checksum} = substr(${id}, 18, 1))`;
    const hmac = `sha256(getvariable('opad') || from_hex(sha256(getvariable('ipad') || encode(${id}))))`;
    const H = header.rowNumber;
    try {
      // Numbered by rowid (insertion order is kept: a line's rowid is its number less one); row_number()
      // would read the file on one thread.
      await duck.run(`CREATE TABLE lines AS SELECT line FROM ${lines}`);
      // The lines are read: a job's progress shows them now (the checks and keys take most of the parse).
      const [read] = await duck.all<{ n: number }>('SELECT count(*) AS n FROM lines');
      options.onProgress?.(Math.max(0, read!.n - H));
      await duck.run(
        `CREATE TABLE parsed AS SELECT (n - ${H})::INTEGER AS seq, n::INTEGER AS n, is_usual, is_blank, is_odd, width, chars, CASE WHEN is_usual THEN NULL ELSE line END AS line,
           CASE WHEN is_usual THEN ('0x' || substr(h, 1, 16))::UBIGINT END AS k1, CASE WHEN is_usual THEN ('0x' || substr(h, 17, 16))::UBIGINT END AS k2,
           CASE WHEN is_usual THEN substr(${id}, 1, 6) || '***********' || substr(${id}, 18, 1) END AS id_masked,
           CASE WHEN is_usual THEN ${eventDate} END AS event_date, CASE WHEN is_usual THEN ${amountFen} END AS amount_fen,
           CASE WHEN is_usual THEN json_object(${valueParts.join(', ')})::VARCHAR END AS "values"
         FROM (SELECT *, CASE WHEN is_usual THEN ${hmac} END AS h FROM (
           SELECT *, coalesce(NOT is_blank AND NOT is_odd AND ${[...usual, idIsUsual].join(' AND ')}, false) AS is_usual FROM (
             SELECT n, line, len(s) AS width, length(line) AS chars, ${[...cellNames].map(([field, name]) => `coalesce(s[${columns[field]! + 1}], '') AS ${name}`).join(', ')},
               TRY_CAST(substr(coalesce(s[${columns.idNumber! + 1}], ''), 1, 17) AS BIGINT) AS f17,
               (line IS NULL OR NOT regexp_matches(line, '[^,${WS_CLASS}]')) AS is_blank, coalesce(regexp_matches(line, '[\\r\\n\\x00]'), false) AS is_odd
             FROM (SELECT rowid + 1 AS n, line, string_split(line, ',') AS s FROM lines WHERE rowid + 1 > ${H}))))`,
      );
      await duck.run('DROP TABLE lines');
    } catch (error) {
      return generalWay(error);
    }
    // Line ends other than one kind, a NUL, a line, cell or row count over a limit: the general reader says what it must.
    const [facts] = await duck.all<{ rows: number; odd: boolean | null; longest: number | null; widest: number | null; blanks: number }>(
      `SELECT count(*) AS rows, bool_or(is_odd) AS odd, max(chars) AS longest, max(width) AS widest, count(*) FILTER (WHERE is_blank) AS blanks FROM parsed`,
    );
    if (facts!.odd || (facts!.longest ?? 0) > Math.min(limits.maxLineChars, limits.maxCellChars) || (facts!.widest ?? 0) > limits.maxColumns || facts!.rows + H > limits.maxRows) return undefined;
    // From here the batch's rows go to its file (the window's reads below count it among the file batches).
    await pull;
    await client.query(`UPDATE department_batches SET row_store = 'files' WHERE id = $1`, [batchId]);
    // A blank line (every cell empty once trimmed) is no row, as in the general reader: the rows after one move up.
    if (facts!.blanks > 0) {
      await duck.run('DELETE FROM parsed WHERE is_blank');
      await duck.run('UPDATE parsed SET seq = p.seq FROM (SELECT n, row_number() OVER (ORDER BY n) AS seq FROM parsed) p WHERE parsed.n = p.n');
    }
    options.onPhase?.('parse');

    // 4. The other rows through Node's parser, in file order: rejections as the general path makes them.
    await duck.run(
      `CREATE TABLE node_rows (seq INTEGER, n INTEGER, fate VARCHAR, error_code VARCHAR, error_column VARCHAR, error_message VARCHAR, k1 UBIGINT, k2 UBIGINT, id_masked VARCHAR, event_date DATE, amount_fen INTEGER, "values" VARCHAR)`,
    );
    const [counts] = await duck.all<{ rows: number; usual: number }>(`SELECT count(*) AS rows, count(*) FILTER (WHERE is_usual) AS usual FROM parsed`);
    result.rows = counts!.rows;
    result.accepted = counts!.usual;
    const rejectedCopy = openCopy(client, `COPY department_rows (batch_id, seq, compared_on, row, source, fate, error_code, error_column, error_message, "values") FROM STDIN`);
    try {
      const appender = await duck.connection.createAppender('node_rows');
      const slice = timeSlice();
      const odd = await duck.connection.stream(`SELECT seq, n, line FROM parsed WHERE NOT is_usual ORDER BY n`);
      let text = '';
      for (let chunk = await odd.fetchChunk(); chunk && chunk.rowCount > 0; chunk = await odd.fetchChunk()) {
        for (const [seqValue, nValue, line] of chunk.convertRows(JSDuckDBValueConverter) as unknown as [number, number, string][]) {
          if (slice.isOver()) await slice.next();
          const seq = Number(seqValue);
          const n = Number(nValue);
          const parsed = parser.parse(seq, null, n, splitCells(line));
          appender.appendInteger(seq);
          appender.appendInteger(n);
          if (typeof parsed === 'string') {
            result.accepted++;
            const f = parsed.split('\t');
            const hex = f[6]!.slice(3); // copyBytea's \\x, then the hex
            appender.appendVarchar('accepted');
            appender.appendNull();
            appender.appendNull();
            appender.appendNull();
            appender.appendUBigInt(BigInt(`0x${hex.slice(0, 16)}`));
            appender.appendUBigInt(BigInt(`0x${hex.slice(16, 32)}`));
            appender.appendVarchar(f[7]!);
            if (f[8] === '\\N') appender.appendNull();
            else appender.appendDate(dateValue(f[8]!));
            if (f[9] === '\\N') appender.appendNull();
            else appender.appendInteger(Number(f[9]));
            appender.appendVarchar(uncopyText(f[11]!.replace(/\n$/, '')));
          } else {
            countRejection(result, parsed, null, n, limits);
            appender.appendVarchar('rejected');
            appender.appendVarchar(parsed.code);
            appender.appendVarchar(parsed.column);
            appender.appendVarchar(parsed.message);
            for (let i = 0; i < 5; i++) appender.appendNull(); // k1, k2, id_masked, event_date, amount_fen
            appender.appendVarchar('{}');
            text += `${batchId}\t${seq}\t${today}\t${n}\t${source.code}\trejected\t${copyText(parsed.code)}\t${copyText(parsed.column)}\t${copyText(parsed.message)}\t{}\n`;
            if (text.length > 1 << 16) {
              await rejectedCopy.write(text);
              text = '';
            }
          }
          appender.endRow();
        }
      }
      appender.closeSync();
      if (text) await rejectedCopy.write(text);
    } catch (error) {
      await rejectedCopy.finish().catch(() => undefined);
      throw error;
    }
    await rejectedCopy.finish();
    options.onProgress?.(result.rows);
    options.onPhase?.('odd');

    // 5. The registry's persons among the file's; every row's fate to Parquet.
    // Every accepted row, as DuckDB reads it (not copied again).
    await duck.run(
      `CREATE VIEW keyed AS SELECT seq, n, k1, k2, id_masked, event_date, amount_fen, "values" FROM parsed WHERE is_usual
       UNION ALL SELECT seq, n, k1, k2, id_masked, event_date, amount_fen, "values" FROM node_rows WHERE fate = 'accepted'`,
    );
    const [dups] = await duck.all<{ d: number }>(`SELECT count(*) - count(DISTINCT (k1, k2, event_date, amount_fen)) AS d FROM keyed`);
    result.duplicates = dups!.d;
    options.onStep?.('matching');
    const pulled = await pull;
    let registry: string;
    if (pulled) {
      const index = await splitRegistryIndex(duck, deps.pool, deps.cipher, pulled);
      options.onRegistry?.({ kept: index.kept, pulled: index.pulled });
      // The parts pulled again are stored on a connection of their own while the import goes on (DuckDB's directory holds them until then).
      storing = index.store().catch((error: unknown) => {
        process.stderr.write(`department: the registry's index was not kept: ${(error as Error).message.split('\n')[0]}\n`);
      });
      // The pulled parts lie in DuckDB's partition directories (`part=…`): read as plain files, not as a hive partitioning.
      registry = index.files.length ? `read_parquet([${index.files.map((f) => `'${f}'`).join(', ')}], hive_partitioning = false)` : '(SELECT NULL::UBIGINT AS k1, NULL::UBIGINT AS k2, NULL::UUID AS member_id, NULL::UUID AS household_id, NULL::VARCHAR AS county_code LIMIT 0)';
    } else {
      registry = `(SELECT ('0x' || h1)::UBIGINT AS k1, ('0x' || h2)::UBIGINT AS k2, member_id, household_id, county_code
         FROM read_csv('${registryFile}', header = false, auto_detect = false, buffer_size = 8388608, columns = {'h1': 'VARCHAR', 'h2': 'VARCHAR', 'member_id': 'UUID', 'household_id': 'UUID', 'county_code': 'VARCHAR'}))`;
    }
    await duck.run(`CREATE TABLE registry AS SELECT r.k1, r.k2, r.member_id, r.household_id, r.county_code FROM ${registry} r SEMI JOIN keyed k ON k.k1 = r.k1 AND k.k2 = r.k2`);
    fs.rmSync(registryFile, { force: true });
    // The match one piece at a time (the registry's persons by the first half of their key), so that
    // DuckDB's hash table holds a share of them; each piece is a Parquet file of its own, one part of the batch.
    const pieces = Math.max(1, Math.ceil(result.accepted / (Number(process.env.FANGPIN_DEPARTMENT_PIECE_ROWS) || PIECE_ROWS)));
    // The file's rows need no order (every reader selects by household or fate): DuckDB may write them as they come.
    await duck.run('SET preserve_insertion_order = false');
    const pieceFiles: string[] = [];
    const pieceOf = (k: string) => `${k} % ${pieces}`;
    for (let piece = 0; piece < pieces; piece++) {
      const pieceFile = path.join(duck.dir, `rows-${piece}.parquet`);
      await duck.run(
        `COPY (
           SELECT '${batchId}'::UUID AS batch_id, k.seq, DATE '${today}' AS compared_on, NULL::VARCHAR AS sheet, k.n AS "row", '${source.code}' AS source,
             CASE WHEN r.member_id IS NULL THEN 'unmatched' ELSE 'matched' END AS fate, NULL::VARCHAR AS error_code, NULL::VARCHAR AS error_column, NULL::VARCHAR AS error_message,
             k.k1, k.k2, k.id_masked, r.member_id, r.household_id, r.county_code, k.event_date, k.amount_fen, NULL::VARCHAR AS kind, k."values"
           FROM (SELECT * FROM keyed WHERE ${pieceOf('k1')} = ${piece}) k LEFT JOIN (SELECT * FROM registry WHERE ${pieceOf('k1')} = ${piece}) r ON r.k1 = k.k1 AND r.k2 = k.k2
           ${
             piece === 0
               ? `UNION ALL
           SELECT '${batchId}'::UUID, seq, DATE '${today}', NULL, n, '${source.code}', 'rejected', error_code, error_column, error_message, NULL::UBIGINT, NULL::UBIGINT, NULL, NULL::UUID, NULL::UUID, NULL, NULL::DATE, NULL::INTEGER, NULL, "values"
           FROM node_rows WHERE fate = 'rejected'`
               : ''
           }
         ) TO '${pieceFile}' (FORMAT parquet, COMPRESSION zstd, ROW_GROUP_SIZE 32768)`,
      );
      pieceFiles.push(pieceFile);
    }
    await duck.run('DROP VIEW keyed; DROP TABLE parsed; DROP TABLE node_rows; DROP TABLE registry');
    const rowsFile = `[${pieceFiles.map((f) => `'${f}'`).join(', ')}]`;
    const [fates] = await duck.all<{ matched: number }>(`SELECT count(*) FILTER (WHERE fate = 'matched') AS matched FROM read_parquet(${rowsFile})`);
    result.matched = fates!.matched;
    result.unmatched = result.accepted - result.matched;
    options.onPhase?.('match');
    // 6. The parts go to PostgreSQL while DuckDB gathers this batch's households and the window's rows
    //    (0.4 s at 2,000,000 rows; a query on the import's connection meanwhile waits for the COPY: pg queues it).
    const batchIds = result.matched > 0 ? await windowFileBatches(client, source, today) : [];
    const storingRows = storeRowFiles(client, batchId, today, pieceFiles);
    storingRows.catch(() => undefined);
    let files: string[] = [];
    if (result.matched > 0) {
      options.onStep?.('warnings');
      await duck.run(`CREATE TABLE batch_households AS SELECT DISTINCT household_id FROM read_parquet(${rowsFile}) WHERE fate = 'matched'`);
      files = await loadWindowRows(client, duck, today, batchIds, { local: new Map([[batchId, pieceFiles]]), restrictTo: 'batch_households' });
    }
    await storingRows;
    options.onPhase?.('store');

    // 7. Warnings: this batch's households, over every batch of the window (files and table).
    if (result.matched > 0) {
      const ruleSetOf = ruleSetCache(client, today);
      const { signals } = await rollingSumOverStores(client, { duck, batchIds }, today, source, ruleSetOf, { restrictDuck: 'batch_households' });
      options.onPhase?.('sums');
      await copyEvidenceRows(client, duck, files, today, [...new Set(signals.map((s) => s.householdId))], { isFresh: batchIds.length === 1 });
      options.onPhase?.('evidence');
      // DuckDB's work is done: its memory goes back before the warnings are written.
      await storing;
      duck.close();
      const counted = await upsertWarnings(client, today, source, signals, { batchId, append: true });
      result.warnings = counted.touched;
      result.newWarnings = counted.created;
      options.onPhase?.('warnings');
    }
    return result;
  } finally {
    await pull.catch(() => undefined);
    await storing;
  }
}

/** A plain CSV line's cells as the general reader gives them (table-reader.ts: split at commas, trimmed). */
function splitCells(line: string | null): string[] {
  return (line ?? '').split(',').map((c) => c.trim());
}

/** A `YYYY-MM-DD` date as DuckDB's value (days since 1970-01-01). */
function dateValue(text: string): DuckDBDateValue {
  return new DuckDBDateValue(Math.round(Date.parse(`${text}T00:00:00Z`) / 86_400_000));
}

/** A COPY text field back to its text (the inverse of copyText for a non-null value). */
function uncopyText(field: string): string {
  return field.replace(/\\([\\tnr])/g, (_, c: string) => (c === 't' ? '\t' : c === 'n' ? '\n' : c === 'r' ? '\r' : '\\'));
}

/**
 * The blind indexes of the members of an importer's region below a county (its households' region),
 * with member, household and county, as CSV (each half of the index in hex). On the import's
 * connection: it runs while the connection waits for DuckDB.
 */
async function pullRegion(client: pg.PoolClient, scope: Scope, file: string): Promise<void> {
  const conditions = [`h.region_code LIKE ${client.escapeLiteral(scope.regionPrefix + '%')}`];
  if (scope.countyCodes.length > 0) conditions.push(`m.county_code IN (${scope.countyCodes.map((c) => client.escapeLiteral(c)).join(', ')})`);
  // The index's two halves in hex (DuckDB reads each as an unsigned 64-bit integer, as it keys the rows).
  const half = (from: number) => `encode(substr(m.id_index, ${from}, 8), 'hex')`;
  await pgToCsv(client, `SELECT ${half(1)}, ${half(9)}, m.id, m.household_id, m.county_code FROM members m JOIN households h ON h.id = m.household_id WHERE ${conditions.join(' AND ')}`, file);
}

