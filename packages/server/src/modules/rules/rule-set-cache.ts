import type { RuleSet } from '@fangpin/domain';
import type { Tx } from '../../db/client.ts';
import { findVersionsForRegionWithKey } from './repo.ts';
import { resolveInForce } from './rule-set-in-force.ts';

/**
 * The rule set in force for a region and a day, kept in this process with the key of the stored
 * versions it was resolved from (rules/repo.ts `ruleSetKeySql`). A reader that keeps it must read the
 * key again in a statement it runs anyway and, when the key differs, call `ruleSetKept` with `stale`
 * and read again: so a version stored by any process (a county's new rules, the CLI, a restore) is
 * seen by the next read, and a request pays no statement for the rule set while it holds.
 * Used by the to-do (cases/case-view.ts `todoFor`), which runs on every page load of every user.
 */
export type KeptRuleSet = { ruleSet: RuleSet; key: string };

const kept = new Map<string, KeptRuleSet>();
/** A bound on the entries (region × day); past it the map starts again (a day's regions are re-read once). */
const MAX_KEPT = 5_000;

export async function ruleSetKept(tx: Tx, regionCode: string, date: string, stale?: KeptRuleSet): Promise<KeptRuleSet> {
  const id = `${regionCode}|${date}`;
  const found = kept.get(id);
  if (found && found !== stale) return found;
  const { versions, key } = await findVersionsForRegionWithKey(tx, regionCode);
  const entry = { ruleSet: resolveInForce(versions, regionCode, date), key };
  if (kept.size >= MAX_KEPT) kept.clear();
  kept.set(id, entry);
  return entry;
}
