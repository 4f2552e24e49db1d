/**
 * The one masking policy for personal data, used by the UI, the API presenters, exports and public
 * notices (公示) alike (docs/ARCHITECTURE.md "Data"; docs/DOMAIN.md "Roles"). Change it here and every surface
 * follows. All functions work on Unicode code points, never return more of the input than the
 * policy allows, and return '' for ''.
 */

const STAR = '*';

/** Code points of `s`, so full-width and astral characters count as one. */
const chars = (s: string): string[] => Array.from(s);

/** Keeps `head` leading and `tail` trailing characters, stars the rest (all stars if too short). */
function keepEnds(value: string, head: number, tail: number): string {
  const cs = chars(value);
  if (cs.length <= head + tail) return STAR.repeat(cs.length);
  return cs.slice(0, head).join('') + STAR.repeat(cs.length - head - tail) + cs.slice(cs.length - tail).join('');
}

/**
 * Masks a resident ID number (docs/personal-data.md, "The mask"). 18 characters: the first 6 (the
 * county, which the household's address says anyway) and the last one (the check character), 11
 * stars for the birth date and the sequence, e.g. '451028***********X'. With the birth year and the
 * sex known, such a mask still leaves about 16,600 numbers (`countIdCandidates`); the earlier
 * 6 + 4 mask left about 3,300 with nothing else known and one with the birth date.
 * 15 characters (legacy number: region, YYMMDD, sequence, no check character): the first 6 only.
 * Any other length (bad data): the first 3; 5 characters or fewer: all stars.
 * Surrounding whitespace is dropped.
 */
export function maskIdNumber(id: string): string {
  const value = id.trim();
  if (value === '') return '';
  const length = chars(value).length;
  if (length === 18) return keepEnds(value, 6, 1);
  if (length === 15) return keepEnds(value, 6, 0);
  if (length <= 5) return STAR.repeat(length);
  return keepEnds(value, 3, 0);
}

/**
 * Masks a phone number. Mobile (11 digits starting with 1, optionally after +86/86):
 * '138****1234'. Landline with an area code: area code kept, local number starred except its last 3,
 * e.g. '0776-7921234' → '0776-****234'. Anything else: all stars but the last 2.
 * Spaces are dropped first.
 */
export function maskPhone(phone: string): string {
  const value = phone.replace(/\s+/g, '');
  if (value === '') return '';
  const mobile = /^(\+?86-?)?(1\d{10})$/.exec(value);
  if (mobile) return (mobile[1] ?? '') + keepEnds(mobile[2] ?? '', 3, 4);
  const landline = /^(0\d{2,3})-(\d{5,8})$/.exec(value);
  if (landline) return `${landline[1] ?? ''}-${keepEnds(landline[2] ?? '', 0, 3)}`;
  return keepEnds(value, 0, 2);
}

/**
 * Masks a person's name for public view: first character (usually the surname) and a star for each
 * other character, e.g. '黄小明' → '黄**', '黄明' → '黄*'; a one-character name becomes '*'.
 * Public notices normally show names in full by policy; this is for the places that must not.
 */
export function maskName(name: string): string {
  const value = name.trim();
  if (value === '') return '';
  return keepEnds(value, 1, 0);
}

/**
 * Masks a bank or social-security card account: only the last 4 characters stay visible,
 * e.g. '6228480012345678' → '************5678'; 4 characters or fewer become all stars.
 * Spaces are dropped first.
 */
export function maskBankAccount(acct: string): string {
  const value = acct.replace(/\s+/g, '');
  if (value === '') return '';
  return keepEnds(value, 0, 4);
}
