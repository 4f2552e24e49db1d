/**
 * How many resident ID numbers are consistent with what someone knows about a person: the yardstick
 * of the masking policy (docs/personal-data.md). Nothing a role without the reveal right receives
 * — across every endpoint, print and export together — may narrow a person's ID number to fewer
 * than `MIN_ID_CANDIDATES`. The server's tests feed this function with every value a role receives
 * (and every clear column of the database), so a new field that leaks digits or the birth date fails
 * them.
 *
 * The count is exact under the model of GB 11643: 6 region digits (assumed known: the household's
 * county), the 8-digit birth date (a real day between `earliest` and `latest`), a 3-digit sequence
 * whose last digit is odd for men and even for women, and the check character (ISO 7064 MOD 11-2)
 * over the first 17. It enumerates the possible birth days and counts sequences per day through the
 * sequence digits' residues modulo 11, so it is fast enough to run for thousands of persons.
 */
import { ID_CHECK_CHARS, ID_CHECK_WEIGHTS } from '../ids/id-number.ts';
import type { IsoDate } from '../calendar/dates.ts';

/** The policy's threshold: fewer candidates than this and the ID number counts as disclosed. */
export const MIN_ID_CANDIDATES = 10_000;

/** What is known about one person's 18-character ID number. */
export type IdKnowledge = {
  /**
   * The character at each of the 18 positions, or null where unknown (`mergeMaskedIds` over every
   * masked form seen). The first 6 (the region) must be known: the household's county says them.
   */
  readonly known: readonly (string | null)[];
  /** The exact birth date, if it was seen anywhere. */
  readonly birthDate?: IsoDate | undefined;
  /** The birth year, if it was seen. */
  readonly birthYear?: number | undefined;
  /** Bounds on the birth date (e.g. from an age on a known day). */
  readonly bornFrom?: IsoDate | undefined;
  readonly bornTo?: IsoDate | undefined;
  readonly sex?: 'male' | 'female' | undefined;
};

const MS_PER_DAY = 86_400_000;

function dayNumber(iso: IsoDate): number {
  return Date.UTC(Number(iso.slice(0, 4)), Number(iso.slice(5, 7)) - 1, Number(iso.slice(8, 10))) / MS_PER_DAY;
}

function isoOfDay(day: number): string {
  return new Date(day * MS_PER_DAY).toISOString().slice(0, 10);
}

/**
 * Counts the ID numbers consistent with `knowledge` among persons born between `range.earliest`
 * and `range.latest` (e.g. 1900-01-01 and today). Throws if the region digits are not all known
 * (the count assumes the attacker knows the county, as anyone who sees the household does).
 */
export function countIdCandidates(knowledge: IdKnowledge, range: { earliest: IsoDate; latest: IsoDate }): number {
  const known = knowledge.known;
  if (known.length !== 18) throw new Error('countIdCandidates needs 18 positions');
  const prefix = known.slice(0, 6);
  if (!prefix.every((c) => c !== null && /^\d$/.test(c)))
    throw new Error('countIdCandidates assumes the 6 region digits are known');

  let from = dayNumber(range.earliest);
  let to = dayNumber(range.latest);
  const narrow = (lo: IsoDate | undefined, hi: IsoDate | undefined) => {
    if (lo !== undefined) from = Math.max(from, dayNumber(lo));
    if (hi !== undefined) to = Math.min(to, dayNumber(hi));
  };
  narrow(knowledge.bornFrom, knowledge.bornTo);
  if (knowledge.birthYear !== undefined) narrow(`${knowledge.birthYear}-01-01`, `${knowledge.birthYear}-12-31`);
  if (knowledge.birthDate !== undefined) narrow(knowledge.birthDate, knowledge.birthDate);
  if (from > to) return 0;

  // Sequence digits (positions 14–16) by their contribution to the weighted sum modulo 11.
  const bySeqResidue = new Array<number>(11).fill(0);
  let sequences = 0;
  const fits = (position: number, digit: number) => known[position] === null || known[position] === String(digit);
  for (let a = 0; a <= 9; a++) {
    if (!fits(14, a)) continue;
    for (let b = 0; b <= 9; b++) {
      if (!fits(15, b)) continue;
      for (let c = 0; c <= 9; c++) {
        if (!fits(16, c)) continue;
        if (knowledge.sex === 'male' && c % 2 === 0) continue;
        if (knowledge.sex === 'female' && c % 2 === 1) continue;
        const residue = (a * ID_CHECK_WEIGHTS[14] + b * ID_CHECK_WEIGHTS[15] + c * ID_CHECK_WEIGHTS[16]) % 11;
        bySeqResidue[residue] = (bySeqResidue[residue] ?? 0) + 1;
        sequences++;
      }
    }
  }
  const check = known[17];
  const checkResidue = check === null || check === undefined ? -1 : ID_CHECK_CHARS.indexOf(check);
  if (check !== null && check !== undefined && checkResidue < 0) return 0;

  let prefixSum = 0;
  for (let i = 0; i < 6; i++) prefixSum += Number(prefix[i]) * ID_CHECK_WEIGHTS[i]!;

  let total = 0;
  for (let day = from; day <= to; day++) {
    const digits = isoOfDay(day).replace(/-/g, '');
    let sum = prefixSum;
    let isConsistent = true;
    for (let i = 0; i < 8; i++) {
      const ch = digits.charAt(i);
      const k = known[6 + i];
      if (k !== null && k !== undefined && k !== ch) {
        isConsistent = false;
        break;
      }
      sum += Number(ch) * ID_CHECK_WEIGHTS[6 + i]!;
    }
    if (!isConsistent) continue;
    if (checkResidue < 0) total += sequences;
    else total += bySeqResidue[(((checkResidue - sum) % 11) + 11) % 11] ?? 0;
  }
  return total;
}

/** Whether `masked` could be a masked form of `idNumber`: same length, every visible character equal. */
export function isMaskOf(masked: string, idNumber: string): boolean {
  if (masked.length !== idNumber.length) return false;
  for (let i = 0; i < masked.length; i++) {
    const ch = masked.charAt(i);
    if (ch !== '*' && ch !== idNumber.charAt(i)) return false;
  }
  return true;
}

/**
 * Merges masked forms of one 18-character ID number ('451028***********X', a full number, an older
 * '451028********123X') into what is known at each position: an attacker combines every form seen.
 */
export function mergeMaskedIds(forms: readonly string[]): (string | null)[] {
  const known: (string | null)[] = new Array<string | null>(18).fill(null);
  for (const form of forms) {
    if (form.length !== 18) continue;
    for (let i = 0; i < 18; i++) {
      const ch = form.charAt(i);
      if (ch !== '*') known[i] = ch;
    }
  }
  return known;
}
