/**
 * Household numbers (户编号) as issued by the national monitoring system. Their exact format has
 * varied by year and province (usually a region-code prefix followed by a sequence), so the check is
 * deliberately lenient: 10–24 ASCII digits. docs/DOMAIN.md "Glossary": household.
 */

/**
 * Cleans a household number from a spreadsheet cell: trims, drops a leading apostrophe (Excel's
 * "store as text" marker) and turns full-width digits ０–９ into ASCII. Inner spaces are kept, so
 * `isHouseholdNumber` rejects them rather than silently merging two values.
 */
export function normalizeHouseholdNumber(raw: string): string {
  let s = raw.trim();
  if (s.startsWith("'")) s = s.slice(1);
  return s.replace(/[\uff10-\uff19]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xff10 + 0x30));
}

/**
 * Whether `s` looks like a national household number: 10 to 24 ASCII digits (which covers a 12- or
 * 15-digit region code followed by a sequence). Rejects blanks, spaces, letters and spreadsheet
 * numbers like '4.51E+17'. Normalize first with `normalizeHouseholdNumber`.
 */
export function isHouseholdNumber(s: string): boolean {
  return /^\d{10,24}$/.test(s);
}
