import fs from 'node:fs';
import { Readable } from 'node:stream';
import { StringDecoder } from 'node:string_decoder';
import zlib from 'node:zlib';

/**
 * The parts of an XLSX file (a ZIP), found through the ZIP's central directory at the end of the
 * file and streamed one by one: what ExcelJS's streaming reader reads (`read-table.ts`), the merged
 * ranges it ignores, and the declared sheet sizes used for a progress total.
 */
export type MergedRange = { top: number; left: number; bottom: number; right: number };

export type ZipEntry = { name: string; method: number; compressedSize: number; localHeaderOffset: number };

function readAt(fd: number, position: number, length: number): Buffer {
  const buffer = Buffer.alloc(length);
  const read = fs.readSync(fd, buffer, 0, length, position);
  return buffer.subarray(0, read);
}

/** The ZIP central directory (no ZIP64: an XLSX a county sends stays far below 4 GB). */
export function zipEntries(file: string): ZipEntry[] {
  const fd = fs.openSync(file, 'r');
  try {
    const size = fs.fstatSync(fd).size;
    const tailLength = Math.min(size, 65_557);
    const tail = readAt(fd, size - tailLength, tailLength);
    let eocd = -1;
    for (let i = tail.length - 22; i >= 0; i--) {
      if (tail.readUInt32LE(i) === 0x06054b50) {
        eocd = i;
        break;
      }
    }
    if (eocd < 0) return [];
    const count = tail.readUInt16LE(eocd + 10);
    const dirSize = tail.readUInt32LE(eocd + 12);
    const dirOffset = tail.readUInt32LE(eocd + 16);
    const dir = readAt(fd, dirOffset, dirSize);
    const entries: ZipEntry[] = [];
    let p = 0;
    for (let n = 0; n < count && p + 46 <= dir.length && dir.readUInt32LE(p) === 0x02014b50; n++) {
      const nameLength = dir.readUInt16LE(p + 28);
      const extraLength = dir.readUInt16LE(p + 30);
      const commentLength = dir.readUInt16LE(p + 32);
      entries.push({
        method: dir.readUInt16LE(p + 10),
        compressedSize: dir.readUInt32LE(p + 20),
        localHeaderOffset: dir.readUInt32LE(p + 42),
        name: dir.subarray(p + 46, p + 46 + nameLength).toString('utf8'),
      });
      p += 46 + nameLength + extraLength + commentLength;
    }
    return entries;
  } finally {
    fs.closeSync(fd);
  }
}

/** "AB12" → { row: 12, col: 28 } */
function cellRef(ref: string): { row: number; col: number } | undefined {
  const m = /^\$?([A-Z]{1,3})\$?(\d+)$/.exec(ref);
  if (!m) return undefined;
  let col = 0;
  for (const ch of m[1]!) col = col * 26 + (ch.charCodeAt(0) - 64);
  return { row: Number(m[2]), col };
}

const MERGE = /<(?:\w+:)?mergeCell\b[^>]*?\bref="([A-Z$]+\d+):([A-Z$]+\d+)"/g;

/** The inflated content of one ZIP entry, streamed; undefined for an empty entry or an unsupported compression. */
export async function entryStream(file: string, entry: ZipEntry): Promise<(NodeJS.ReadableStream & { destroy(): void }) | undefined> {
  const fd = fs.openSync(file, 'r');
  let dataStart: number;
  try {
    const local = readAt(fd, entry.localHeaderOffset, 30);
    if (local.length < 30 || local.readUInt32LE(0) !== 0x04034b50) return undefined;
    dataStart = entry.localHeaderOffset + 30 + local.readUInt16LE(26) + local.readUInt16LE(28);
  } finally {
    fs.closeSync(fd);
  }
  if (entry.compressedSize === 0) return undefined;
  const raw = fs.createReadStream(file, { start: dataStart, end: dataStart + entry.compressedSize - 1 });
  if (entry.method === 0) return raw;
  if (entry.method !== 8) {
    raw.destroy();
    return undefined;
  }
  const inflate = zlib.createInflateRaw();
  inflate.on('close', () => raw.destroy());
  return raw.pipe(inflate);
}

/** The first element's start tag (not the XML declaration, a comment or a DOCTYPE), with its prefix if any. */
const ROOT_TAG = /<(?![?!])(?:([A-Za-z_][\w.-]*):)?[A-Za-z_][\w.-]*[^>]*>/;

/**
 * A part's XML as text for ExcelJS's parser, which is handed strings instead of bytes because it
 * decodes each chunk on its own: a Chinese character cut by a chunk boundary became two U+FFFD
 * (seen in our tests: 28 names and addresses in a 20,000-row workbook). Also, when the part's root
 * element carries a namespace prefix (`<x:worksheet xmlns:x="…">`, as some .NET exports write every
 * tag), the prefix is taken off the tag names: ExcelJS only knows unprefixed tags and would
 * otherwise read no workbook, or a sheet with no rows.
 */
export function xmlText(chunks: AsyncIterable<Buffer>): Readable {
  return Readable.from(decodeXml(chunks), { objectMode: true });
}

async function* decodeXml(chunks: AsyncIterable<Buffer>): AsyncGenerator<string> {
  const decoder = new StringDecoder('utf8');
  let prefixTag: RegExp | null | undefined; // undefined until the root element has been seen
  let pending = '';
  for await (const chunk of chunks) {
    pending += decoder.write(chunk);
    if (prefixTag === undefined) {
      const root = ROOT_TAG.exec(pending);
      if (!root && pending.length < 64 * 1024) continue;
      const prefix = root?.[1];
      prefixTag = prefix && root[0].includes(`xmlns:${prefix}=`) ? new RegExp(`<(/?)${prefix}:`, 'g') : null;
    }
    if (!prefixTag) {
      yield pending;
      pending = '';
      continue;
    }
    // A tag cut by the chunk boundary waits for the rest of it.
    const open = pending.lastIndexOf('<');
    const keep = open >= 0 && pending.indexOf('>', open) < 0 ? open : pending.length;
    if (keep > 0) yield pending.slice(0, keep).replace(prefixTag, '<$1');
    pending = pending.slice(keep);
  }
  pending += decoder.end();
  if (pending) yield prefixTag ? pending.replace(prefixTag, '<$1') : pending;
}

async function sheetMerges(file: string, entry: ZipEntry): Promise<MergedRange[]> {
  const stream = await entryStream(file, entry);
  if (!stream) return [];
  const ranges: MergedRange[] = [];
  let carry = '';
  for await (const chunk of stream as AsyncIterable<Buffer>) {
    const text = carry + chunk.toString('latin1');
    let lastEnd = 0;
    for (const m of text.matchAll(MERGE)) {
      const a = cellRef(m[1]!);
      const b = cellRef(m[2]!);
      if (a && b) ranges.push({ top: Math.min(a.row, b.row), left: Math.min(a.col, b.col), bottom: Math.max(a.row, b.row), right: Math.max(a.col, b.col) });
      lastEnd = m.index + m[0].length;
    }
    // Keep the end of the chunk in case a tag is cut in two (never re-read a match already taken).
    carry = text.slice(Math.max(lastEnd, text.length - 200));
  }
  return ranges;
}

const DIMENSION = /<(?:\w+:)?dimension\b[^>]*?\bref="[A-Z$]+\d+(?::\$?[A-Z]+\$?(\d+))?"/;

/** The last row of a sheet as its `<dimension>` (near the top of the sheet's XML) declares it; undefined if absent. */
async function sheetLastRow(file: string, entry: ZipEntry): Promise<number | undefined> {
  const stream = await entryStream(file, entry);
  if (!stream) return undefined;
  let text = '';
  try {
    for await (const chunk of stream as AsyncIterable<Buffer>) {
      text += chunk.toString('latin1');
      const m = DIMENSION.exec(text);
      if (m) return m[1] ? Number(m[1]) : 1;
      if (text.includes('<sheetData') || text.length > 64 * 1024) return undefined;
    }
  } finally {
    stream.destroy();
  }
  return undefined;
}

/** The declared last row of each sheet (for a progress total; Excel and ExcelJS write it, some tools do not). */
export async function readXlsxLastRows(file: string): Promise<number[]> {
  const rows: number[] = [];
  for (const entry of zipEntries(file)) {
    if (!/^xl\/worksheets\/sheet\d+\.xml$/.test(entry.name)) continue;
    const last = await sheetLastRow(file, entry);
    if (last === undefined) return [];
    rows.push(last);
  }
  return rows;
}

/**
 * Merged ranges per sheet file number (`xl/worksheets/sheet<N>.xml`, ExcelJS's sheet id). ExcelJS's
 * streaming reader ignores `<mergeCells>`, and they come after the rows in the sheet's XML, so they
 * are read in a first, cheap pass (each sheet's XML inflated and scanned: no XML parse, no cells).
 */
export async function readXlsxMerges(file: string): Promise<Map<string, MergedRange[]>> {
  const merges = new Map<string, MergedRange[]>();
  for (const entry of zipEntries(file)) {
    const m = /^xl\/worksheets\/sheet(\d+)\.xml$/.exec(entry.name);
    if (!m) continue;
    const ranges = await sheetMerges(file, entry);
    if (ranges.length > 0) merges.set(m[1]!, ranges);
  }
  return merges;
}

/**
 * Fills merged ranges while rows stream by: the value of a range's top-left cell goes into every
 * cell of the range (a household's address merged over its members' rows; a title across columns).
 */
export class MergeFiller {
  private readonly pending: MergedRange[];
  private active: { range: MergedRange; value: string }[] = [];

  constructor(ranges: readonly MergedRange[]) {
    this.pending = [...ranges].sort((a, b) => b.top - a.top); // popped from the end, lowest top first
  }

  /** `cells` are 0-based (column 1 is cells[0]); returns the row with merged values filled in. */
  fill(rowNumber: number, cells: string[]): string[] {
    this.active = this.active.filter((a) => a.range.bottom >= rowNumber);
    while (this.pending.length > 0 && this.pending[this.pending.length - 1]!.top <= rowNumber) {
      const range = this.pending.pop()!;
      if (range.bottom < rowNumber) continue; // its rows were absent (all empty)
      this.active.push({ range, value: range.top === rowNumber ? (cells[range.left - 1] ?? '') : '' });
    }
    if (this.active.length === 0) return cells;
    const out = [...cells];
    for (const { range, value } of this.active) {
      if (value === '') continue;
      while (out.length < range.right) out.push('');
      for (let c = range.left; c <= range.right; c++) out[c - 1] = value;
    }
    return out;
  }
}
