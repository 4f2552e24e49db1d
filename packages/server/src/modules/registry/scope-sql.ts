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
  return sql;
}
