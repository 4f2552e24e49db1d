import zlib from 'node:zlib';
import iconv from 'iconv-lite';
import { mulberry32 } from '../src/modules/demo/generate-registry.ts';

/**
 * Hostile inputs for the fuzz test (fuzz.test.ts): mutated import files (CSV, XLSX, Excel's UTF-16
 * "Unicode text") and mutated JSON bodies generated from the OpenAPI request schemas. All
 * randomness comes from one seeded generator, so a seed replays a run exactly.
 */
export type Random = {
  next: () => number;
  int: (max: number) => number;
  pick: <T>(items: readonly T[]) => T;
};

export function seededRandom(seed: number): Random {
  const next = mulberry32(seed);
  return { next, int: (max) => Math.floor(next() * max), pick: (items) => items[Math.floor(next() * items.length)]! };
}

// ---------------------------------------------------------------------------------------------
// Files

/** A ZIP with stored (uncompressed) or deflated entries: enough to write XLSX files by hand. */
export function zip(entries: { name: string; data: Buffer; deflate?: boolean }[]): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const e of entries) {
    const name = Buffer.from(e.name);
    const body = e.deflate ? zlib.deflateRawSync(e.data) : e.data;
    const crc = crc32(e.data);
    const method = e.deflate ? 8 : 0;
    locals.push(littleEndian(30, [[0, 4, 0x04034b50], [4, 2, 20], [8, 2, method], [14, 4, crc], [18, 4, body.length], [22, 4, e.data.length], [26, 2, name.length]]), name, body);
    const central = littleEndian(46, [[0, 4, 0x02014b50], [4, 2, 20], [6, 2, 20], [10, 2, method], [16, 4, crc], [20, 4, body.length], [24, 4, e.data.length], [28, 2, name.length], [42, 4, offset]]);
    centrals.push(central, name);
    offset += 30 + name.length + body.length;
  }
  const directory = Buffer.concat(centrals);
  const end = littleEndian(22, [[0, 4, 0x06054b50], [8, 2, entries.length], [10, 2, entries.length], [12, 4, directory.length], [16, 4, offset]]);
  return Buffer.concat([...locals, directory, end]);
}

/** A ZIP record of `size` bytes: each field written little-endian at its offset, in 2 or 4 bytes; the rest zero. */
function littleEndian(size: number, fields: [offset: number, bytes: 2 | 4, value: number][]): Buffer {
  const record = Buffer.alloc(size);
  for (const [offset, bytes, value] of fields) {
    if (bytes === 4) record.writeUInt32LE(value, offset);
    else record.writeUInt16LE(value, offset);
  }
  return record;
}

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(data: Buffer): number {
  let c = 0xffffffff;
  for (const byte of data) c = CRC_TABLE[(c ^ byte) & 0xff]! ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

const xmlEscape = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** The sheet XML of a table, cells as inline strings. */
export function sheetXml(rows: string[][]): string {
  const col = (i: number) => (i < 26 ? String.fromCharCode(65 + i) : String.fromCharCode(64 + Math.floor(i / 26)) + String.fromCharCode(65 + (i % 26)));
  const body = rows
    .map((cells, r) => `<row r="${r + 1}">${cells.map((c, i) => `<c r="${col(i)}${r + 1}" t="inlineStr"><is><t>${xmlEscape(c)}</t></is></c>`).join('')}</row>`)
    .join('');
  return `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>${body}</sheetData></worksheet>`;
}

/** The parts of a minimal workbook with one sheet; `sheet` replaces the sheet XML (to break it). */
export function xlsxParts(rows: string[][], sheet = sheetXml(rows)): { name: string; data: Buffer; deflate?: boolean }[] {
  const b = (s: string) => Buffer.from(s);
  return [
    {
      name: '[Content_Types].xml',
      data: b(
        '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>',
      ),
    },
    { name: '_rels/.rels', data: b('<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>') },
    {
      name: 'xl/workbook.xml',
      data: b('<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="Sheet1" sheetId="1" r:id="rId1"/></sheets></workbook>'),
    },
    { name: 'xl/_rels/workbook.xml.rels', data: b('<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>') },
    { name: 'xl/worksheets/sheet1.xml', data: b(sheet), deflate: true },
  ];
}

export type FileCase = { label: string; name: string; content: Buffer };

const csvText = (rows: string[][], sep = ',') => rows.map((r) => r.map((c) => (/[",\n\r]/.test(c) ? `"${c.replace(/"/g, '""')}"` : c)).join(sep)).join('\r\n') + '\r\n';

/**
 * Mutations of a valid table (`rows`, header first) as every format a county sends it in. The
 * fixed cases come first (each kind once, so every run covers them); `runs` random ones follow.
 */
export function fileCases(rows: string[][], random: Random, runs: number): FileCase[] {
  const csv = Buffer.from(csvText(rows));
  const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), iconv.encode(csvText(rows, '\t'), 'utf16le')]);
  const xlsx = zip(xlsxParts(rows));
  const huge = 'x'.repeat(300_000);
  const cases: FileCase[] = [
    { label: 'valid CSV', name: 'a.csv', content: csv },
    { label: 'valid UTF-16 text', name: 'a.txt', content: utf16 },
    { label: 'valid XLSX', name: 'a.xlsx', content: xlsx },
    { label: 'GBK CSV', name: 'a.csv', content: iconv.encode(csvText(rows), 'gbk') },
    { label: 'empty file', name: 'a.csv', content: Buffer.alloc(0) },
    { label: 'only a BOM', name: 'a.csv', content: Buffer.from([0xef, 0xbb, 0xbf]) },
    { label: 'UTF-8 BOM twice', name: 'a.csv', content: Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf, 0xef, 0xbb, 0xbf]), csv]) },
    { label: 'UTF-16LE BOM on UTF-8 text', name: 'a.csv', content: Buffer.concat([Buffer.from([0xff, 0xfe]), csv]) },
    { label: 'UTF-16BE BOM on UTF-16LE text', name: 'a.txt', content: Buffer.concat([Buffer.from([0xfe, 0xff]), utf16.subarray(2)]) },
    { label: 'UTF-32LE BOM', name: 'a.csv', content: Buffer.concat([Buffer.from([0xff, 0xfe, 0, 0]), csv]) },
    { label: 'UTF-16 with an odd byte count', name: 'a.txt', content: utf16.subarray(0, utf16.length - 1) },
    { label: 'UTF-16 lone surrogate', name: 'a.txt', content: Buffer.concat([utf16, Buffer.from([0x00, 0xd8, 0x41, 0x00])]) },
    { label: 'NUL bytes in cells', name: 'a.csv', content: Buffer.from(csvText(rows).replace(/,/g, '\0,')) },
    { label: 'a NUL inside every text cell', name: 'a.csv', content: Buffer.from(csvText([rows[0]!, ...rows.slice(1).map((r) => r.map((c) => (/^[\d.\-X]*$/.test(c) ? c : `${c.slice(0, 1)}\0${c.slice(1)}`)))])) },
    { label: 'NUL-only file', name: 'a.csv', content: Buffer.alloc(4096) },
    { label: 'a huge field', name: 'a.csv', content: Buffer.from(csvText([rows[0]!, [huge, ...rows[1]!.slice(1)]])) },
    { label: 'an unterminated quote', name: 'a.csv', content: Buffer.from(csvText(rows) + '"unterminated,' + huge.slice(0, 1000)) },
    { label: 'header only', name: 'a.csv', content: Buffer.from(csvText(rows.slice(0, 1))) },
    { label: 'ragged rows', name: 'a.csv', content: Buffer.from(csvText([rows[0]!, ['a'], [...rows[1]!, 'extra', 'more']])) },
    { label: 'CR-only line ends', name: 'a.csv', content: Buffer.from(csvText(rows).replace(/\r\n/g, '\r')) },
    { label: 'binary garbage as .csv', name: 'a.csv', content: Buffer.from(Array.from({ length: 2048 }, () => random.int(256))) },
    { label: 'a ZIP header and nothing else (.xlsx)', name: 'a.xlsx', content: Buffer.from('PK\u0003\u0004') },
    { label: 'XLSX truncated in half', name: 'a.xlsx', content: xlsx.subarray(0, xlsx.length >> 1) },
    { label: 'XLSX without its central directory end', name: 'a.xlsx', content: xlsx.subarray(0, xlsx.length - 22) },
    { label: 'XLSX with a corrupt deflated sheet', name: 'a.xlsx', content: corruptEntry(xlsx, 'xl/worksheets/sheet1.xml') },
    { label: 'XLSX without a sheet', name: 'a.xlsx', content: zip(xlsxParts(rows).filter((p) => !p.name.startsWith('xl/worksheets/'))) },
    { label: 'XLSX without a workbook', name: 'a.xlsx', content: zip(xlsxParts(rows).filter((p) => p.name !== 'xl/workbook.xml')) },
    { label: 'XLSX sheet XML unclosed', name: 'a.xlsx', content: zip(xlsxParts(rows, sheetXml(rows).slice(0, -30))) },
    { label: 'XLSX sheet XML not XML', name: 'a.xlsx', content: zip(xlsxParts(rows, 'this is not xml <<<>>> &&&')) },
    { label: 'XLSX sheet with an entity bomb', name: 'a.xlsx', content: zip(xlsxParts(rows, entityBomb())) },
    { label: 'XLSX cell refs out of range', name: 'a.xlsx', content: zip(xlsxParts(rows, sheetXml(rows).replace(/r="A2"/, 'r="XFD1048577"').replace(/<row r="2">/, '<row r="99999999">'))) },
    { label: 'XLSX 20,000 columns', name: 'a.xlsx', content: zip(xlsxParts([Array.from({ length: 20_000 }, (_, i) => `c${i}`), rows[1]!])) },
    { label: 'XLSX shared string index out of range', name: 'a.xlsx', content: zip(xlsxParts(rows, sheetXml(rows).replace('t="inlineStr"><is><t>', 't="s"><v>999999</v><is><t>'))) },
  ];
  const seeds = [
    { name: 'a.csv', content: csv },
    { name: 'a.txt', content: utf16 },
    { name: 'a.xlsx', content: xlsx },
  ];
  for (let i = 0; i < runs; i++) {
    const seed = random.pick(seeds);
    const { label, content } = mutateBytes(seed.content, random);
    cases.push({ label: `random ${i}: ${label} of ${seed.name}`, name: seed.name, content });
  }
  return cases;
}

function corruptEntry(archive: Buffer, name: string): Buffer {
  const out = Buffer.from(archive);
  const at = out.indexOf(Buffer.from(name));
  // The first occurrence is the local header's name: the data follows it.
  for (let i = at + name.length + 5; i < Math.min(out.length, at + name.length + 60); i++) out[i] = out[i]! ^ 0xa5;
  return out;
}

function entityBomb(): string {
  const levels = Array.from({ length: 8 }, (_, i) => `<!ENTITY l${i + 1} "${`&l${i};`.repeat(10)}">`).join('');
  return `<?xml version="1.0"?><!DOCTYPE w [<!ENTITY l0 "ha">${levels}]><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>&l8;</t></is></c></row></sheetData></worksheet>`;
}

/** One random change to a file's bytes. */
function mutateBytes(content: Buffer, random: Random): { label: string; content: Buffer } {
  const at = random.int(content.length + 1);
  switch (random.int(7)) {
    case 0:
      return { label: `truncated at ${at}`, content: content.subarray(0, at) };
    case 1: {
      const out = Buffer.from(content);
      const flips = 1 + random.int(16);
      for (let i = 0; i < flips; i++) out[random.int(out.length)] = random.int(256);
      return { label: `${flips} random bytes`, content: out };
    }
    case 2: {
      const inserted = Buffer.from(Array.from({ length: 1 + random.int(64) }, () => random.int(256)));
      return { label: `${inserted.length} bytes inserted at ${at}`, content: Buffer.concat([content.subarray(0, at), inserted, content.subarray(at)]) };
    }
    case 3:
      return { label: `NUL at ${at}`, content: Buffer.concat([content.subarray(0, at), Buffer.alloc(1 + random.int(8)), content.subarray(at)]) };
    case 4: {
      const length = 1000 + random.int(200_000);
      return { label: `${length} bytes of one character at ${at}`, content: Buffer.concat([content.subarray(0, at), Buffer.alloc(length, random.pick([0x41, 0x2c, 0x22, 0x0a, 0x09, 0xff])), content.subarray(at)]) };
    }
    case 5: {
      const from = random.int(content.length);
      const piece = content.subarray(from, from + 1 + random.int(512));
      return { label: `${piece.length} bytes repeated at ${at}`, content: Buffer.concat([content.subarray(0, at), piece, piece, piece, content.subarray(at)]) };
    }
    default: {
      const bom = random.pick([[0xef, 0xbb, 0xbf], [0xff, 0xfe], [0xfe, 0xff], [0xff, 0xfe, 0, 0]]);
      return { label: `BOM ${Buffer.from(bom).toString('hex')} prepended`, content: Buffer.concat([Buffer.from(bom), content]) };
    }
  }
}

// ---------------------------------------------------------------------------------------------
// JSON bodies

export type JsonSchema = {
  type?: string | string[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  items?: JsonSchema;
  enum?: unknown[];
  anyOf?: JsonSchema[];
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  minItems?: number;
  pattern?: string;
  format?: string;
  additionalProperties?: unknown;
};

/** Values a valid body would carry for fields that name records or places (from the fixture). */
export type Hints = Record<string, unknown>;

/** A body the schema accepts (as far as a generator can tell), with hinted fields from the fixture. */
export function sampleOf(schema: JsonSchema, hints: Hints, key = ''): unknown {
  if (key in hints) return hints[key];
  if (schema.enum) return schema.enum[0];
  if (schema.anyOf) return sampleOf(schema.anyOf.find((s) => s.type !== 'null') ?? schema.anyOf[0]!, hints, key);
  const type = Array.isArray(schema.type) ? schema.type.find((t) => t !== 'null') : schema.type;
  switch (type) {
    case 'object':
      return Object.fromEntries(Object.entries(schema.properties ?? {}).map(([k, s]) => [k, sampleOf(s, hints, k)]));
    case 'array':
      return Array.from({ length: Math.max(1, schema.minItems ?? 0) }, () => sampleOf(schema.items ?? {}, hints));
    case 'integer':
    case 'number':
      return Math.max(schema.minimum ?? 1, Math.min(schema.maximum ?? 1, 1));
    case 'boolean':
      return true;
    case 'string': {
      if (schema.format === 'date-time') return new Date(Date.now() - 3_600_000).toISOString();
      if (schema.format === 'uuid') return '00000000-0000-4000-8000-000000000000';
      if (schema.pattern?.includes('\\d{4}-\\d{2}-\\d{2}')) return '2026-11-02';
      const text = '测试文本：家里有人生病住院';
      return text.padEnd(schema.minLength ?? 0, '。').slice(0, schema.maxLength ?? text.length);
    }
    default:
      return {};
  }
}

export type BodyCase = { label: string; raw: string; hasNul: boolean };

const ODD_STRINGS: [string, string][] = [
  ['a lone high surrogate', '\ud800'],
  ['a lone low surrogate', 'a\udc00b'],
  ['U+FFFF', '张\uffff三'],
  ['U+FFFE and U+FEFF', '\ufffe\ufeff'],
  ['right-to-left override', '\u202e1202'],
  ['zero-width joiner and space', '黄\u200d\u200b小东'],
  ['combining marks', 'e\u0301\u0301\u0301\u0301'],
  ['C1 control NEL', 'a\u0085b'],
  ['full-width digits', '１３９０７７６１２０１'],
  ['emoji', '🏠👨‍👩‍👧'],
  ['an escape character', '\u001b[31m'],
  ['an SQL-ish string', "'; DROP TABLE households; --"],
  ['a formula', '=HYPERLINK("http://x","y")'],
];

/** JSON text with lone surrogates written as \\u escapes (JSON.stringify would too, but say it explicitly). */
function escapedSurrogates(value: unknown): string {
  return JSON.stringify(value).replace(/[\ud800-\udfff]/g, (c) => `\\u${c.charCodeAt(0).toString(16)}`);
}

/** Fixed mutations of a valid body (each kind for each field), then `runs` random ones. */
export function bodyCases(schema: JsonSchema, hints: Hints, random: Random, runs: number): BodyCase[] {
  const valid = sampleOf(schema, hints) as Record<string, unknown>;
  const out: BodyCase[] = [];
  const add = (label: string, value: unknown, raw?: string) => {
    const text = raw ?? JSON.stringify(value);
    out.push({ label, raw: text, hasNul: text.includes('\\u0000') || text.includes('\0') });
  };
  add('valid', valid);
  add('empty body', undefined, '');
  add('invalid JSON', undefined, '{"a": ');
  add('JSON null', null);
  add('an array', [valid]);
  add('a string', 'body');
  add('a number', 42);
  add('deeply nested arrays', undefined, '['.repeat(100_000) + ']'.repeat(100_000));
  add('deeply nested objects', undefined, '{"a":'.repeat(20_000) + '1' + '}'.repeat(20_000));
  add('prototype keys', undefined, `{"__proto__":{"isAdmin":true},"constructor":{"prototype":{"x":1}},${JSON.stringify(valid).slice(1)}`);
  add('a body over the size limit', { ...valid, padding: 'x'.repeat(3 * 1024 * 1024) });
  const fields = Object.keys(schema.properties ?? {});
  for (const field of fields) {
    if (schema.required?.includes(field)) add(`${field} missing`, { ...valid, [field]: undefined });
    for (const [kind, wrong] of [['null', null], ['a number', -1e308], ['an array', [1, 'a', null]], ['an object', { a: { b: 1 } }]] as const) {
      add(`${field} as ${kind}`, { ...valid, [field]: wrong });
    }
    add(`${field} huge (200,000 characters)`, { ...valid, [field]: '长'.repeat(200_000) });
    add(`${field} with NUL`, { ...valid, [field]: `a\u0000b` });
    add(`${field} with odd unicode (${ODD_STRINGS.map(([k]) => k).join(', ')})`, { ...valid, [field]: ODD_STRINGS.map(([, v]) => v).join(' ') }, escapedSurrogates({ ...valid, [field]: ODD_STRINGS.map(([, v]) => v).join(' ') }));
  }
  for (let i = 0; i < runs; i++) {
    const body: Record<string, unknown> = { ...valid };
    const changes: string[] = [];
    for (let k = 0; k < 1 + random.int(3); k++) {
      const field = fields.length ? random.pick(fields) : `extra${k}`;
      const [label, value] = randomValue(random);
      body[field] = value;
      changes.push(`${field}=${label}`);
    }
    add(`random ${i}: ${changes.join(', ')}`, body);
  }
  return out;
}

function randomValue(random: Random): [string, unknown] {
  switch (random.int(8)) {
    case 0:
      return ['random text', String.fromCharCode(...Array.from({ length: random.int(40) }, () => 1 + random.int(0xd7ff)))];
    case 1:
      return ['an odd string', random.pick(ODD_STRINGS)[1].replace(/[\ud800-\udfff]/g, '?')];
    case 2:
      return ['a number', random.pick([0, -1, 1.5, 1e21, -0, 2 ** 31, Number.MAX_SAFE_INTEGER])];
    case 3: {
      const depth = 1 + random.int(500);
      return ['nested', JSON.parse('['.repeat(depth) + '1' + ']'.repeat(depth)) as unknown];
    }
    case 4:
      return ['a long string', 'a'.repeat(random.int(100_000))];
    case 5:
      return ['a date-like string', random.pick(['1899-12-31', '9999-12-31', '2026-02-30', '2026-13-01', '0000-00-00', '2026-11-02T25:00:00Z'])];
    case 6:
      return ['an id-like string', random.pick(['00000000-0000-0000-0000-000000000000', 'ffffffff-ffff-ffff-ffff-ffffffffffff', '../../etc/passwd', '451028198805170011', '%00'])];
    default:
      return ['a boolean or null', random.pick([true, false, null])];
  }
}
