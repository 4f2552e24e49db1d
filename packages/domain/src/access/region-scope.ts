/**
 * The region filter every repository query takes first (docs/ARCHITECTURE.md "How a request flows"; docs/STYLE.md
 * rule 5). Derived once per request from the actor, so a route cannot forget it.
 */
import { countyCodeOf, isWithinRegion, regionLevelOf, regionSignificantPrefix } from '../ids/region-code.ts';
import type { Actor } from './can.ts';

/**
 * What an actor may see. `regionPrefix`: the significant prefix of the actor's region; every visible
 * region code starts with it. `countyCodes`: the 6-digit county (the shard key) when the actor is at
 * county level or below; empty for province and city actors, meaning "every county under the prefix".
 */
export type Scope = { regionPrefix: string; countyCodes: string[] };

/**
 * The scope of an actor, from its region code. Throws if the actor's region code is invalid: a
 * user with a broken region must not get any scope (certainly not an empty prefix = everything).
 */
export function scopeOf(actor: Actor): Scope {
  const level = regionLevelOf(actor.regionCode);
  const regionPrefix = regionSignificantPrefix(actor.regionCode);
  const countyCodes = level === 'province' || level === 'city' ? [] : [countyCodeOf(actor.regionCode)];
  return { regionPrefix, countyCodes };
}

/**
 * Whether a region code (a household's village, a group, a township …) is visible in the scope:
 * at or below the scope's prefix and, when the scope lists counties, in one of them.
 * Invalid codes are never in scope.
 */
export function isInScope(scope: Scope, regionCode: string): boolean {
  if (!/^\d{2,15}$/.test(scope.regionPrefix)) return false;
  if (!isWithinRegion(regionCode, scope.regionPrefix)) return false;
  if (scope.countyCodes.length === 0) return true;
  const level = regionLevelOf(regionCode);
  if (level === 'province' || level === 'city') return false;
  return scope.countyCodes.includes(countyCodeOf(regionCode));
}
