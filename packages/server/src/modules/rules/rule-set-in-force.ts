import { RuleSetInvalidError, RuleSetUnavailableError, resolveRuleSet, type RuleSet, type RuleSetVersion } from '@fangpin/domain';
import type { Tx } from '../../db/client.ts';
import { AppError } from '../../errors.ts';
import { findVersionsForRegion } from './repo.ts';

/**
 * The rule set in force for a region on a date, resolved from the stored versions by inheritance.
 * A missing or invalid rule set is a clear error, never a silent default.
 */
export async function ruleSetInForce(tx: Tx, regionCode: string, date: string): Promise<RuleSet> {
  return resolveInForce(await findVersionsForRegion(tx, regionCode), regionCode, date);
}

/** The rule set in force resolved from the stored versions of the region chain (ruleSetInForce's errors). */
export function resolveInForce(versions: readonly RuleSetVersion[], regionCode: string, date: string): RuleSet {
  try {
    return resolveRuleSet(versions, regionCode, date);
  } catch (error) {
    if (error instanceof RuleSetUnavailableError) {
      throw new AppError('RULE_SET_UNAVAILABLE', `No rule set is in force for region ${regionCode} on ${date}; a province default must be loaded first`, { field: 'regionCode' });
    }
    if (error instanceof RuleSetInvalidError) throw new AppError('RULE_SET_INVALID', error.message);
    throw error;
  }
}
