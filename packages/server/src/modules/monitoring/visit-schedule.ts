import type { Tx } from '../../db/client.ts';
import { ruleSetInForce } from '../rules/rule-set-in-force.ts';
import { unscopedFindMonitoringCounties } from './repo.ts';

import type { VisitIntervals } from './visit-due-sql.ts';

export type { VisitIntervals };

/**
 * The visit intervals of each county in `countyCodes` (every county with monitoring objects when
 * empty: the CLI), from the rule set in force today for the county (docs/DOMAIN.md "Helper visits").
 * A county without a rule set is left out: its objects have no due day rather than a guessed one.
 */
export async function visitIntervalsOf(tx: Tx, countyCodes: readonly string[], today: string): Promise<VisitIntervals> {
  const codes = countyCodes.length > 0 ? countyCodes : await unscopedFindMonitoringCounties(tx);
  const out: VisitIntervals = new Map();
  for (const code of codes) {
    try {
      out.set(code, (await ruleSetInForce(tx, code, today)).helperVisitIntervalMonths);
    } catch {
      // No rule set in force for this county: no due day (the register still lists its objects).
    }
  }
  return out;
}
