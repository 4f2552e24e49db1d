/**
 * Characters no text Fangpin stores or exports may hold (issue 10, item 11): NUL, which PostgreSQL
 * refuses, and the others XML 1.0 cannot hold, which break an XLSX file: the C0 controls except tab,
 * line feed and carriage return, lone surrogates, and U+FFFE / U+FFFF. One definition for the API's
 * entry check (http/text-input.ts), uploaded file names (http/upload.ts) and XLSX exports (files/xlsx-cells.ts).
 */
// eslint-disable-next-line no-control-regex -- the control characters are exactly what this finds
export const UNSTORABLE_CHAR = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** Every such character (for `replace`). */
export const UNSTORABLE_CHARS = new RegExp(UNSTORABLE_CHAR.source, 'g');
