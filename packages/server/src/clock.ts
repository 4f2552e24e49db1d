/**
 * Today's date in China Standard Time (UTC+8, no daylight saving), whatever the server's own time
 * zone: deadlines, windows and imports are all counted in the county's calendar days.
 */
export function localDate(now: Date): string {
  return new Date(now.getTime() + 8 * 3_600_000).toISOString().slice(0, 10);
}
