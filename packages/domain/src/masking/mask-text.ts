/**
 * ID numbers and phone numbers typed into free text — an application's description, a hotline
 * call's content, a visit note, a case comment — masked with the same policy as the structured
 * fields (`mask.ts`; docs/personal-data.md, "Field policy"). Presenters call
 * `maskPersonalDataInText` for roles without the reveal right; `maskIdNumbersInText` runs on every
 * free text before it is stored, because the database keeps full ID numbers only encrypted.
 *
 * What counts (tolerating full-width digits, and spaces or hyphens inside a number):
 * - an 18-character ID number: a GB/T 2260 province, a real birth date from 1900, any check
 *   character (a mistyped check digit still shows 17 real digits);
 * - a legacy 15-digit ID number: a province and a real 19YYMMDD birth date (a 15-digit region code
 *   of a village group can look the same and is masked too);
 * - a mobile number (11 digits from 13–19, optionally after +86 / 86);
 * - a landline with its area code (0776-7921234, (0776)7921234, 07767921234, 010-12345678).
 * Not touched: amounts, dates, household numbers (their "birth date" would end in day 00), case and
 * reference numbers, bare local numbers without an area code.
 */
import { isKnownProvinceCode } from '../ids/region-code.ts';
import { maskIdNumber, maskPhone } from './mask.ts';

const D = '[0-9\\uFF10-\\uFF19]';
const SEP = '[ \\-\\u00A0\\u3000]?';
/** 18 characters (the last may be X), with optional single separators between them. */
const ID18 = new RegExp(
  `(?<![0-9\\uFF10-\\uFF19])${D}(?:${SEP}${D}){16}${SEP}[0-9\\uFF10-\\uFF19XxＸｘ](?![0-9\\uFF10-\\uFF19XxＸｘ])`,
  'gu',
);
const ID15 = new RegExp(`(?<![0-9\\uFF10-\\uFF19])${D}{15}(?![0-9\\uFF10-\\uFF19])`, 'gu');
const MOBILE = new RegExp(
  `(?<![0-9\\uFF10-\\uFF19+＋])(?:[+＋]?86${SEP})?[1１][3-9３-９](?:${SEP}${D}){9}(?![0-9\\uFF10-\\uFF19])`,
  'gu',
);
const LANDLINE = new RegExp(
  `(?<![0-9\\uFF10-\\uFF19])(?:[(（]0${D}{2,3}[)）]|0${D}{2,3})${SEP}${D}{7,8}(?![0-9\\uFF10-\\uFF19])`,
  'gu',
);

/** Full-width digits and letters to ASCII, separators and brackets dropped, x upper-cased. */
function compact(text: string): string {
  return text
    .replace(/[\uFF10-\uFF19]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xff10 + 0x30))
    .replace(/[Ｘｘx]/g, 'X')
    .replace(/＋/g, '+')
    .replace(/[ \-\u00A0\u3000()（）]/g, '');
}

function isRealDate(year: number, month: number, day: number): boolean {
  if (month < 1 || month > 12 || day < 1) return false;
  return day <= new Date(Date.UTC(year, month, 0)).getUTCDate();
}

function looksLikeId18(id: string): boolean {
  if (!/^\d{17}[\dX]$/.test(id) || !isKnownProvinceCode(id.slice(0, 2))) return false;
  const year = Number(id.slice(6, 10));
  return year >= 1900 && year <= 2099 && isRealDate(year, Number(id.slice(10, 12)), Number(id.slice(12, 14)));
}

function looksLikeId15(id: string): boolean {
  return (
    isKnownProvinceCode(id.slice(0, 2)) &&
    isRealDate(1900 + Number(id.slice(6, 8)), Number(id.slice(8, 10)), Number(id.slice(10, 12)))
  );
}

/** Masks every ID number in `text` (18- and 15-character), leaving everything else as typed. */
export function maskIdNumbersInText(text: string): string {
  if (!/[0-9\uFF10-\uFF19]{6}/u.test(text) && !/[0-9\uFF10-\uFF19][ \-\u00A0\u3000][0-9\uFF10-\uFF19]/u.test(text))
    return text;
  return text
    .replace(ID18, (match) => {
      const id = compact(match);
      return looksLikeId18(id) ? maskIdNumber(id) : match;
    })
    .replace(ID15, (match) => {
      const id = compact(match);
      return looksLikeId15(id) ? maskIdNumber(id) : match;
    });
}

/**
 * Masks every ID number and phone number in `text` (see the module comment for what counts), for
 * roles without the reveal right. Mobiles become '138****5678' (with their +86 when given),
 * landlines '0776-****234'.
 */
export function maskPersonalDataInText(text: string): string {
  const withoutIds = maskIdNumbersInText(text);
  if (!/[0-9\uFF10-\uFF19]{3}/u.test(withoutIds)) return withoutIds;
  return withoutIds
    .replace(MOBILE, (match) => {
      const phone = compact(match);
      const m = /^(\+?86)?(1\d{10})$/.exec(phone);
      return m ? maskPhone(`${m[1] ?? ''}${m[2] ?? ''}`) : match;
    })
    .replace(LANDLINE, (match) => {
      const phone = compact(match);
      const areaLength = /^0(10|2\d)/.test(phone) ? 3 : 4;
      return maskPhone(`${phone.slice(0, areaLength)}-${phone.slice(areaLength)}`);
    });
}

/** `maskPersonalDataInText` over every string inside a JSON-like value (case data, snapshots). */
export function maskPersonalDataInValue<T>(value: T, maskText: (text: string) => string = maskPersonalDataInText): T {
  const walk = (v: unknown): unknown => {
    if (typeof v === 'string') return maskText(v);
    if (Array.isArray(v)) return v.map(walk);
    if (v && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, child]) => [k, walk(child)]));
    return v;
  };
  return walk(value) as T;
}
