import type { Scope } from '@fangpin/domain';

/**
 * The region filter every registry query carries (docs/STYLE.md rule 5). `alias` is the table holding
 * `county_code` and `region_code`. Parameters are appended to `params`; returns the SQL condition.
 */
export function scopeCondition(scope: Scope, alias: string, params: unknown[]): string {
  params.push(scope.regionPrefix);
  let sql = `${alias}.region_code LIKE $${params.length} || '%'`;
  if (scope.countyCodes.length === 1) {
    // One county (every county, township and village account): an equality, so an index led by the
    // county also gives its next columns' order (the to-do reads its 20 nearest deadlines and stops).
    params.push(scope.countyCodes[0]);
    sql += ` AND ${alias}.county_code = $${params.length}::varchar`;
  } else if (scope.countyCodes.length > 0) {
    params.push(scope.countyCodes);
    sql += ` AND ${alias}.county_code = ANY($${params.length}::varchar[])`;
  }
  return sql;
}

/**
 * A region filter by significant prefix (the statistics' region, below the actor's scope): the
 * region_code prefix, and for a prefix of a county or below (6 digits or more) its county as an
 * equality too, so that county-led indexes serve a township's or a village's figures instead of a
 * scan of every county's rows (a village's overview took 1.2 s at 10,000,000 persons).
 */
export function regionPrefixCondition(alias: string, prefix: string, params: unknown[]): string {
  params.push(prefix);
  let sql = `${alias}.region_code LIKE $${params.length} || '%'`;
  if (prefix.length >= 6) {
    params.push(prefix.slice(0, 6));
    sql += ` AND ${alias}.county_code = $${params.length}::varchar`;
  }
  const upper = prefix.length > 6 ? nextDigitString(prefix) : null;
  if (upper) {
    // Below a county, the prefix as a range too: LIKE gives an index no bound unless the database's
    // collation is "C", so an index led by (county_code, region_code) read the whole county's rows
    // for one village (18,500 pages of household_stats at 10,000,000 persons). Every code under the
    // prefix lies in [prefix, upper) in any collation, because region codes are digits only.
    params.push(prefix, upper);
    sql += ` AND ${alias}.region_code >= $${params.length - 1}::varchar AND ${alias}.region_code < $${params.length}::varchar`;
  }
  return sql;
}

/** The next digit string of the same length ('4510101092' → '4510101093', '451019' → '451020'); null when there is none (all nines) or it is not digits. */
export function nextDigitString(digits: string): string | null {
  if (!/^\d+$/.test(digits)) return null;
  const chars = [...digits];
  for (let i = chars.length - 1; i >= 0; i--) {
    if (chars[i] !== '9') {
      chars[i] = String(Number(chars[i]) + 1);
      return chars.join('');
    }
    chars[i] = '0';
  }
  return null;
}
