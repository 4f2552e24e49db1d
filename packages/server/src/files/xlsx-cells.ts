import { UNSTORABLE_CHARS } from '../unstorable-text.ts';

/**
 * Every value an XLSX export writes goes through here (issue 10, item 11), for two reasons:
 * - XML 1.0 cannot hold NUL, the other C0 controls except tab, line feed and carriage return, lone
 *   surrogates, or U+FFFE / U+FFFF: one such character in a caller's name made the call-record
 *   export fail for good. They are taken out (text entered today cannot hold them; older rows and
 *   imported files may).
 * - A text that starts like a formula (=, +, -, @, or a tab or carriage return before one) is
 *   written with a leading apostrophe, so a spreadsheet program never runs it as a formula, even
 *   after the file is edited or saved as CSV (OWASP, CSV injection). Numbers stay numbers: -50 is a
 *   number, "-50" a text.
 */
const FORMULA_START = /^[=+\-@\t\r]/;

/** The value as an export writes it (strings cleaned and neutralised; everything else unchanged). */
export function xlsxValue<T>(value: T): T | string {
  if (typeof value !== 'string') return value;
  const text = value.replace(UNSTORABLE_CHARS, '');
  return FORMULA_START.test(text) ? `'${text}` : text;
}

/** A row's values as an export writes them. */
export function xlsxRow(values: readonly unknown[]): unknown[] {
  return values.map(xlsxValue);
}
