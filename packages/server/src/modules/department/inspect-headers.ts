import { listDateFromTitle, takesListDate, type DepartmentHeaderCheck, type DepartmentSource } from '@fangpin/domain';
import { normalizeHeader } from '../../files/header-map.ts';
import type { ImportLimits } from '../../files/import-limits.ts';
import { readRows } from '../../files/table-reader.ts';

/**
 * What the preview screen needs to offer a header mapping: the header row of the file's first
 * sheet, which headers were recognised (built-in aliases or the county's saved mapping), which were
 * not, and which required fields no header supplies.
 */
export type HeaderCheck = DepartmentHeaderCheck;

/** Saved mapping: normalized file header → source field. */
export type HeaderMapping = Record<string, string>;

const MAX_SCAN = 30;
/** Rows passed over below the top of headerless sheets before giving up (a huge sheet without a known header). */
const MAX_SKIPPED = 200_000;

function fieldOfHeader(source: DepartmentSource, mapping: HeaderMapping, header: string): { field: string; isMapped: boolean } | undefined {
  const h = normalizeHeader(header);
  if (!h) return undefined;
  const mapped = mapping[h];
  if (mapped && source.fields.some((f) => f.field === mapped)) return { field: mapped, isMapped: true };
  const known = source.fields.find((f) => f.aliases.some((a) => normalizeHeader(a) === h));
  return known ? { field: known.field, isMapped: false } : undefined;
}

/** Keeps only entries whose field belongs to the source, with normalized header keys. */
export function cleanHeaderMapping(source: DepartmentSource, mapping: Record<string, string>): HeaderMapping {
  const clean: HeaderMapping = {};
  for (const [header, field] of Object.entries(mapping)) {
    const h = normalizeHeader(header);
    if (h && source.fields.some((f) => f.field === field)) clean[h] = field;
  }
  return clean;
}

/** A file without its date column may take the list's date (title rows, else `asOf`): the date field is then not missing. */
function withListDate(source: DepartmentSource, result: HeaderCheck, titleRows: string[][], asOf: string | undefined): HeaderCheck {
  const dateField = source.dateField;
  if (!takesListDate(source) || !dateField || result.rowNumber === null || !result.missingFields.some((f) => f.field === dateField)) return result;
  const fromTitle = listDateFromTitle(titleRows);
  const listDate = fromTitle ? { date: fromTitle, from: 'title' as const } : asOf ? { date: asOf, from: 'uploader' as const } : null;
  return { ...result, missingFields: result.missingFields.filter((f) => f.field !== dateField), listDate };
}

export async function inspectHeaders(file: string, source: DepartmentSource, savedMapping: HeaderMapping = {}, limits?: ImportLimits, asOf?: string): Promise<HeaderCheck> {
  // Keys saved under an earlier normalization still apply (normalizing is idempotent).
  const mapping = cleanHeaderMapping(source, savedMapping);
  const check = (sheet: string | null, rowNumber: number, cells: string[]): HeaderCheck => {
    const recognised: HeaderCheck['recognised'] = [];
    const unrecognised: string[] = [];
    const seen = new Set<string>();
    for (const cell of cells) {
      const header = cell.trim();
      if (!header) continue;
      const match = fieldOfHeader(source, mapping, header);
      if (match && !seen.has(match.field)) {
        seen.add(match.field);
        recognised.push({ header, ...match });
      } else if (!match && !unrecognised.includes(header)) unrecognised.push(header);
    }
    const missingFields = source.fields.filter((f) => f.isRequired && !seen.has(f.field)).map((f) => ({ field: f.field, zh: f.zh }));
    const missingOptionalFields = source.fields.filter((f) => !f.isRequired && !seen.has(f.field)).map((f) => ({ field: f.field, zh: f.zh }));
    return { sheet, rowNumber, recognised, unrecognised, missingFields, missingOptionalFields };
  };
  let fallback: HeaderCheck | undefined;
  let firstSheet: string | undefined | null = null;
  let currentSheet: string | undefined | null = null;
  let scanned = 0;
  let skipped = 0;
  let titleRows: string[][] = [];
  for await (const { rowNumber, cells, sheet } of readRows(file, limits ? { limits } : {})) {
    if (firstSheet === null) firstSheet = sheet;
    if (sheet !== currentSheet) {
      currentSheet = sheet;
      scanned = 0;
      titleRows = [];
    }
    // Only the top of each sheet can hold its header; a sheet without one (notes, a cover) is passed over.
    if (++scanned > MAX_SCAN) {
      if (sheet === undefined || ++skipped > MAX_SKIPPED) break; // a CSV has one table only
      continue;
    }
    const texts = cells.map((c) => c.trim()).filter(Boolean);
    // A title row (one cell, or one merged cell repeated across the row) is never the header.
    if (new Set(texts).size < 2) {
      titleRows.push(cells);
      continue;
    }
    const result = check(sheet ?? null, rowNumber, cells);
    const hasId = result.recognised.some((r) => r.field === 'idNumber');
    if (hasId && result.recognised.length >= 2) return withListDate(source, result, titleRows, asOf);
    titleRows.push(cells);
    // Otherwise the first row of several distinct texts that are not numbers is the likely header.
    if (!fallback && texts.every((t) => !/^[\d.,\-/\s]+$/.test(t))) fallback = result;
  }
  const fieldsOf = (isRequired: boolean) => source.fields.filter((f) => !!f.isRequired === isRequired).map((f) => ({ field: f.field, zh: f.zh }));
  return fallback ?? { sheet: firstSheet ?? null, rowNumber: null, recognised: [], unrecognised: [], missingFields: fieldsOf(true), missingOptionalFields: fieldsOf(false) };
}
