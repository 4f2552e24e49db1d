import {
  RuleSetOverrideSchema,
  check,
  isIsoDate,
  diffRuleSets,
  mergeRuleSetLayers,
  versionInForce,
  normalizeRegionCode,
  regionLevelOf,
  regionSignificantPrefix,
  resolveRuleSet,
  RuleSetInvalidError,
  type Actor,
  type RuleSetChange,
  type RuleSetOverride,
} from '@fangpin/domain';
import type pg from 'pg';
import { withTransaction } from '../../db/client.ts';
import { AppError } from '../../errors.ts';
import { recordAudit } from '../audit/record-audit.ts';
import { findVersionsForRegion, insertVersions } from './repo.ts';
import { ruleSetInForce } from './rule-set-in-force.ts';

export type PublishInput = { regionCode: string; effectiveFrom: string; rules: unknown; note?: string | undefined };
export type PublishResult = { version: string; regionCode: string; effectiveFrom: string; changes: RuleSetChange[]; resolvedVersion: string };

/**
 * A new rule-set version for the actor's region (e.g. next year's monitoring line), validated: the
 * override against the schema, and the merged result for its effective date as a complete rule set.
 * Returns the diff against the rule set that was in force on that date. With `dryRun`, nothing is stored
 * (the admin page shows the diff before publishing).
 */
export async function publishRuleSetVersion(pool: pg.Pool, actor: Actor, input: PublishInput, options: { dryRun?: boolean } = {}): Promise<PublishResult> {
  if (!isIsoDate(input.effectiveFrom)) throw new AppError('VALIDATION_FAILED', `effectiveFrom: ${input.effectiveFrom} is not a real date`, { field: 'effectiveFrom', reason: 'notARealDate', params: { date: input.effectiveFrom } });
  let regionCode: string;
  try {
    regionCode = normalizeRegionCode(input.regionCode);
  } catch {
    throw new AppError('VALIDATION_FAILED', 'regionCode must be a region code', { field: 'regionCode', reason: 'notARegionCode', params: { code: input.regionCode } });
  }
  const verdict = check(actor, 'ruleset.manage', { regionCode });
  if (!verdict.ok) {
    throw new AppError('FORBIDDEN', verdict.reason === 'outOfScope' ? 'You may only set rules for your own region' : 'Your role may not change rule sets', {
      field: 'regionCode',
      reason: verdict.reason,
    });
  }
  if (!['province', 'city', 'county'].includes(regionLevelOf(regionCode))) {
    throw new AppError('VALIDATION_FAILED', 'Rule sets are set for a province, city or county', { field: 'regionCode', reason: 'ruleSetLevel' });
  }
  const parsed = RuleSetOverrideSchema.safeParse(input.rules);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new AppError('VALIDATION_FAILED', `rules.${issue.path.join('.')}: ${issue.message}`, { field: `rules.${issue.path.join('.')}` });
  }
  return withTransaction(pool, async (tx) => {
    await tx.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`ruleset:${regionCode}`]);
    const before = await ruleSetInForce(tx, regionCode, input.effectiveFrom);
    const versions = await findVersionsForRegion(tx, regionCode);
    // A version is complete for its region (the resolver takes one version per region): the change is
    // merged onto the region's own version in force on that date, so earlier county settings are kept.
    const own = versionInForce(versions, regionCode, input.effectiveFrom);
    const rules: RuleSetOverride = own ? mergeRuleSetLayers([own.rules, parsed.data]) : parsed.data;
    const sameDay = versions.filter((v) => v.regionCode === regionCode && v.effectiveFrom === input.effectiveFrom).length;
    const version = `${regionSignificantPrefix(regionCode)}-${input.effectiveFrom}.${sameDay + 1}`;
    const candidate = { version, regionCode, effectiveFrom: input.effectiveFrom, rules, note: input.note, createdBy: actor.username };
    let after;
    try {
      after = resolveRuleSet([...versions, candidate], regionCode, input.effectiveFrom);
    } catch (error) {
      if (error instanceof RuleSetInvalidError) {
        throw new AppError('RULE_SET_INVALID', error.message, { field: error.issues[0] ? `rules.${error.issues[0].path}` : 'rules' });
      }
      throw error;
    }
    const strip = (rs: object) => Object.fromEntries(Object.entries(rs).filter(([k]) => !['version', 'sources', 'resolvedFor', 'regionCode'].includes(k)));
    const changes = diffRuleSets(strip(before), strip(after));
    if (changes.length === 0) throw new AppError('VALIDATION_FAILED', 'This version changes nothing compared with the rules in force', { field: 'rules', reason: 'ruleSetUnchanged' });
    if (!options.dryRun) {
      await insertVersions(tx, [candidate]);
      await recordAudit(tx, actor, 'ruleset.published', { type: 'rule_set_version', id: version, regionCode }, { before: { version: before.version }, after: { version, effectiveFrom: input.effectiveFrom, rules }, details: { changes } });
    }
    return { version, regionCode, effectiveFrom: input.effectiveFrom, changes, resolvedVersion: after.version };
  });
}
