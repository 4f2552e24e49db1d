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

/** Digits of the sequence after the village code in a household number (18 digits in all). */
export const HOUSEHOLD_SEQUENCE_DIGITS = 6;

/**
 * First digit of the sequences issued here: 9xxxxx. A village's national numbers run from 000001
 * up by its few hundred households, so the block starting at 900001 is never one of theirs.
 */
export const LOCAL_HOUSEHOLD_SEQUENCE_PREFIX = '9';

/**
 * The household number (户编号) of a household registered here rather than imported (a villager
 * who applied and is not yet in the registry): the registry's shape — the 12-digit village code and
 * a 6-digit sequence, 18 digits as in national exports and the demo registry — with the sequence
 * taken from the local block 900001…999999, one more than the highest local number the village
 * already has (`highestLocalInVillage`, null when none). A later import of the national registry
 * therefore never mistakes a locally registered household for one of its own (the import matches
 * households by number), and the county can tell which households still await their national
 * number. A group's 15-digit code numbers under its village. Throws when the block is used up.
 * docs/DOMAIN.md Glossary "household".
 */
export function nextHouseholdNumber(villageCode: string, highestLocalInVillage: string | null): string {
  const village = villageCode.slice(0, 12);
  if (!/^\d{12}$/.test(village)) throw new Error(`not a village code: ${villageCode}`);
  const prefix = village + LOCAL_HOUSEHOLD_SEQUENCE_PREFIX;
  const tail = HOUSEHOLD_SEQUENCE_DIGITS - LOCAL_HOUSEHOLD_SEQUENCE_PREFIX.length;
  const highest = highestLocalInVillage;
  const isLocal = highest !== null && highest.length === village.length + HOUSEHOLD_SEQUENCE_DIGITS && highest.startsWith(prefix) && /^\d+$/.test(highest);
  const next = (isLocal ? Number(highest.slice(prefix.length)) : 0) + 1;
  if (next >= 10 ** tail) throw new Error(`local household numbers of village ${village} are used up`);
  return prefix + String(next).padStart(tail, '0');
}

/** Whether a household number was issued here ({@link nextHouseholdNumber}) rather than by the national system. */
export function isLocalHouseholdNumber(householdNumber: string): boolean {
  return /^\d{12}9\d{5}$/.test(householdNumber);
}
