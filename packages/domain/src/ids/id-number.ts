/**
 * Resident identity card numbers (居民身份证号码), GB 11643-1999.
 *
 * 18 characters: 6-digit region (GB/T 2260) + 8-digit birth date YYYYMMDD + 3-digit sequence (odd =
 * male) + check character (ISO 7064 MOD 11-2, '0'–'9' or 'X'). Legacy 15-digit numbers (before 1999)
 * have a 6-digit birth date YYMMDD (always 19YY) and no check character; they are upgraded to 18.
 * docs/DOMAIN.md "Glossary": member.
 */
import { isKnownProvinceCode } from './region-code.ts';

/** Why a text is not a usable resident ID number. Each has a zh-CN/en message (`idProblemMessage`). */
export type IdNumberProblem =
  'blank' | 'scientificNotation' | 'badLength' | 'badCharacters' | 'badChecksum' | 'badBirthDate' | 'badRegion';

/** A valid ID number: `value` is always the 18-character form with an upper-case 'X'. */
export type ParsedIdNumber = {
  ok: true;
  value: string;
  /** YYYY-MM-DD */
  birthDate: string;
  sex: 'male' | 'female';
  /** True when the input was a legacy 15-digit number and `value` is its 18-character upgrade. */
  wasUpgradedFrom15: boolean;
};

/** Result of `parseIdNumber`: the parsed number, or the first problem found. */
export type IdNumberResult = ParsedIdNumber | { ok: false; problem: IdNumberProblem };

/** The weights of the 17 digits in the check character's sum (GB 11643, ISO 7064 MOD 11-2). */
export const ID_CHECK_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2] as const;
/** The check character of each value of the weighted sum modulo 11. */
export const ID_CHECK_CHARS = '10X98765432';
const CHECK_WEIGHTS = ID_CHECK_WEIGHTS;
const CHECK_CHARS = ID_CHECK_CHARS;
const EARLIEST_BIRTH_DATE = '1900-01-01';

/**
 * Cleans an ID number as typed or exported from a spreadsheet: trims, removes inner whitespace
 * (spaces, tabs, full-width and non-breaking spaces), a leading apostrophe (Excel's "store as text"
 * marker), turns full-width digits ０–９ and full-width Ｘ/ｘ into ASCII and lower-case x into 'X'.
 * Does not validate: pass the result to `parseIdNumber` (which calls this itself).
 */
export function normalizeIdNumber(raw: string): string {
  let s = raw.replace(/[\s\u00a0\u3000]+/g, '');
  if (s.startsWith("'") || s.startsWith('\u2018') || s.startsWith('\u2019')) s = s.slice(1);
  s = s.replace(/[\uff10-\uff19]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xff10 + 0x30));
  s = s.replace(/[\uff38\uff58x]/g, 'X');
  return s;
}

/**
 * The check character of an 18-character ID number from its first 17 digits (ISO 7064 MOD 11-2:
 * weights 7 9 10 5 8 4 2 1 6 3 7 9 10 5 8 4 2, sum mod 11 mapped through '10X98765432').
 * Throws if `first17` is not exactly 17 digits: a programming error, not a data error.
 */
export function idChecksumChar(first17: string): string {
  if (!/^\d{17}$/.test(first17)) {
    throw new Error(`idChecksumChar needs exactly 17 digits, got ${JSON.stringify(first17)}`);
  }
  let sum = 0;
  for (let i = 0; i < 17; i++) {
    sum += (first17.charCodeAt(i) - 48) * (CHECK_WEIGHTS[i] ?? 0);
  }
  return CHECK_CHARS.charAt(sum % 11);
}

/**
 * Upgrades a legacy 15-digit ID number to 18 characters (GB 11643 annex): inserts the century '19'
 * before the 6-digit YYMMDD birth date and appends the check character. Throws unless given
 * exactly 15 digits. Does not validate region or date: `parseIdNumber` does.
 */
export function upgradeIdNumber15(id15: string): string {
  if (!/^\d{15}$/.test(id15)) {
    throw new Error(`upgradeIdNumber15 needs exactly 15 digits, got ${JSON.stringify(id15)}`);
  }
  const first17 = `${id15.slice(0, 6)}19${id15.slice(6)}`;
  return first17 + idChecksumChar(first17);
}

/** Whether 'YYYY-MM-DD' is a real Gregorian calendar date. */
function isRealDate(isoDate: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(isoDate);
  if (!m) return false;
  const year = Number(m[1]);
  const month = Number(m[2]);
  const day = Number(m[3]);
  if (month < 1 || month > 12 || day < 1) return false;
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  const daysInMonth = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1] ?? 0;
  return day <= daysInMonth;
}

/**
 * Validates a resident ID number and extracts birth date and sex, so imports can reject bad rows with
 * a precise reason instead of storing unmatchable IDs. Input is normalized first
 * (`normalizeIdNumber`); a 15-digit number is upgraded to 18 characters and then validated.
 *
 * Problems, in the order they are checked:
 * - `blank`: nothing left after normalizing;
 * - `scientificNotation`: Excel turned the column into a number ('4.51028E+17', a decimal point):
 *   the digits are lost and cannot be recovered;
 * - `badCharacters`: anything but digits and a final 'X' (an 'X' elsewhere, or in a 15-digit number);
 * - `badLength`: not 15 or 18 characters (16/17 digits usually means a digit was lost);
 * - `badRegion`: the first two digits are not a GB/T 2260 province;
 * - `badBirthDate`: not a real date, before 1900-01-01, or after `options.today` (YYYY-MM-DD);
 * - `badChecksum`: the 18th character does not match (a typo somewhere).
 */
export function parseIdNumber(raw: string, options: { today?: string } = {}): IdNumberResult {
  const s = normalizeIdNumber(raw);
  if (s === '') return { ok: false, problem: 'blank' };
  if (/^\d+(\.\d*)?E[+-]?\d+$/i.test(s) || /^\d*\.\d+$/.test(s) || /^\d+\.$/.test(s)) {
    return { ok: false, problem: 'scientificNotation' };
  }
  if (!/^[0-9X]+$/.test(s)) return { ok: false, problem: 'badCharacters' };
  if (s.length !== 15 && s.length !== 18) return { ok: false, problem: 'badLength' };
  if (s.length === 15 ? !/^\d{15}$/.test(s) : !/^\d{17}[\dX]$/.test(s)) {
    return { ok: false, problem: 'badCharacters' };
  }
  const wasUpgradedFrom15 = s.length === 15;
  const value = wasUpgradedFrom15 ? upgradeIdNumber15(s) : s;

  if (!isKnownProvinceCode(value.slice(0, 2))) return { ok: false, problem: 'badRegion' };

  const birthDate = `${value.slice(6, 10)}-${value.slice(10, 12)}-${value.slice(12, 14)}`;
  if (!isRealDate(birthDate) || birthDate < EARLIEST_BIRTH_DATE) return { ok: false, problem: 'badBirthDate' };
  if (options.today !== undefined && birthDate > options.today) return { ok: false, problem: 'badBirthDate' };

  if (idChecksumChar(value.slice(0, 17)) !== value.charAt(17)) return { ok: false, problem: 'badChecksum' };

  const sexDigit = value.charCodeAt(16) - 48;
  return { ok: true, value, birthDate, sex: sexDigit % 2 === 1 ? 'male' : 'female', wasUpgradedFrom15 };
}

const ID_PROBLEM_MESSAGES: Record<IdNumberProblem, { 'zh-CN': string; en: string }> = {
  blank: { 'zh-CN': '身份证号为空', en: 'The ID number is empty' },
  scientificNotation: {
    'zh-CN': '身份证号被 Excel 转成了数字（科学计数法或丢失末位），无法还原，请把该列设为文本后重新导出',
    en: 'Excel turned the ID number into a number (scientific notation or lost digits); it cannot be recovered. Format the column as text and export again',
  },
  badLength: {
    'zh-CN': '身份证号位数不对，应为 18 位（或旧版 15 位）',
    en: 'The ID number has the wrong length: it must have 18 characters (or 15 for an old card)',
  },
  badCharacters: {
    'zh-CN': '身份证号含有非法字符，只能是数字，最后一位可以是 X',
    en: 'The ID number contains invalid characters: only digits, and X as the last character',
  },
  badChecksum: {
    'zh-CN': '身份证号校验位错误',
    en: 'The ID number check character is wrong (probably a typo)',
  },
  badBirthDate: {
    'zh-CN': '身份证号中的出生日期无效',
    en: 'The birth date inside the ID number is not valid',
  },
  badRegion: {
    'zh-CN': '身份证号前两位不是有效的省级行政区划代码',
    en: 'The first two digits of the ID number are not a valid province code',
  },
};

/**
 * A message for an ID problem, in zh-CN (default, shown to county and village users) or English.
 * Written so a village worker knows what to fix (e.g. re-export the spreadsheet column as text).
 */
export function idProblemMessage(problem: IdNumberProblem, locale: 'zh-CN' | 'en' = 'zh-CN'): string {
  return ID_PROBLEM_MESSAGES[problem][locale];
}

/** The error code an import reports for each ID problem (one list for every import). */
export const ID_PROBLEM_CODES = {
  blank: 'ID_BLANK',
  scientificNotation: 'ID_SCIENTIFIC_NOTATION',
  badLength: 'ID_BAD_LENGTH',
  badCharacters: 'ID_BAD_CHARACTERS',
  badChecksum: 'ID_BAD_CHECKSUM',
  badBirthDate: 'ID_BAD_BIRTH_DATE',
  badRegion: 'ID_BAD_REGION',
} as const satisfies Readonly<Record<IdNumberProblem, string>>;
