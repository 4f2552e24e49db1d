import { RuleSetInvalidError, RuleSetUnavailableError, resolveRuleSet, type RuleSet } from '@fangpin/domain';
import type { Tx } from '../../db/client.ts';
import { AppError } from '../../errors.ts';
import { findVersionsForRegion } from './repo.ts';

/**
 * The rule set in force for a region on a date, resolved from the stored versions by inheritance.
 * A missing or invalid rule set is a clear error, never a silent default.
 */
export async function ruleSetInForce(tx: Tx, regionCode: string, date: string): Promise<RuleSet> {
  const versions = await findVersionsForRegion(tx, regionCode);
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
