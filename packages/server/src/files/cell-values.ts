/**
 * Values as Chinese spreadsheets write them. Dates: 2026/3/5, 2026-03-05, 20260305, 2026年3月5日,
 * 2026.3.5 (and year-month forms such as 2026-03, 2026年3月, 202603, read as the 1st). Amounts:
 * "12,345.60元", "１２３４５．６", "¥1,000", "-50". Both return undefined for anything else, so the
 * caller can report the row and column.
 */
/** A time of day after a date, as settlement and visit exports write it ("2026-03-05 14:22:10", "2026/3/5 9:05"). */
const TIME_OF_DAY = /(?:[ T]+\d{1,2}[:：]\d{2}(?:[:：]\d{2}(?:\.\d+)?)?)$/;

export function normalizeDateText(text: string): string | undefined {
  const t = toHalfWidth(text).trim().replace(TIME_OF_DAY, '');
  const m = /^(\d{4})[-/.年](\d{1,2})(?:[-/.月](\d{1,2})日?)?月?$/.exec(t) ?? /^(\d{4})(\d{2})(\d{2})?$/.exec(t);
  if (!m) return undefined;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), m[3] ? Number(m[3]) : 1];
  if (y < 1900) return undefined; // a typo (1026 for 2026): no record here is older than 1900
  const date = new Date(Date.UTC(y, mo - 1, d));
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== mo - 1 || date.getUTCDate() !== d) return undefined;
  return date.toISOString().slice(0, 10);
}

export function parseAmount(text: string): number | undefined {
  const t = toHalfWidth(text).trim().replace(/^[¥￥]/, '').replace(/元$/, '').replace(/,/g, '').trim();
  if (!/^-?\d+(\.\d+)?$/.test(t)) return undefined;
  const value = Number(t);
  return Number.isFinite(value) ? Math.round(value * 100) / 100 : undefined;
}

function toHalfWidth(text: string): string {
  return text.replace(/[０-９．，－]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0));
}
