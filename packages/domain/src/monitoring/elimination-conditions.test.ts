import { describe, expect, it } from 'vitest';
import { DEFAULT_RULE_SET_VERSIONS } from '../rulesets/defaults/guangxi.ts';
import { resolveRuleSet } from '../rulesets/resolve-rule-set.ts';
import { eliminationConditions, eliminationSuggestion, isWholeHouseholdWithoutLabour, type EliminationEvidence } from './elimination-conditions.ts';

const rs = resolveRuleSet(DEFAULT_RULE_SET_VERSIONS, '451028', '2027-05-01');
const line = rs.monitoringLine.yuanPerPersonYear;
const record: EliminationEvidence = {
  identifiedOn: '2026-09-30',
  riskTypes: ['01'],
  perCapitaIncome: line + 1500,
  hasHousingProblem: false,
  hasWaterProblem: false,
  isNoLabourSafetyNet: false,
  members: [{ labourCapacity: 'full' }, { labourCapacity: 'none' }],
  measures: [{ riskType: '01', status: 'delivered' }],
};
const today = '2027-04-15';

describe('eliminationConditions (docs/DOMAIN.md "Risk elimination")', () => {
  it('allows an assisted elimination when every condition holds, and the system suggests it', () => {
    expect(eliminationConditions(record, { mode: 'assisted' }, rs, today).blockers).toEqual([]);
    expect(eliminationSuggestion(record, rs, today)).toEqual({ isSuggested: true, mode: 'assisted', blockers: [] });
  });
  it('refuses a household where no member can work, in words (stays under the safety net)', () => {
    const noLabour = { ...record, members: [{ labourCapacity: 'none' }, { labourCapacity: 'notApplicable' }] };
    expect(isWholeHouseholdWithoutLabour(noLabour)).toBe(true);
    expect(eliminationConditions(noLabour, { mode: 'assisted' }, rs, today).blockers).toEqual([{ code: 'noLabour' }]);
    expect(isWholeHouseholdWithoutLabour({ members: [{ labourCapacity: 'full' }], isNoLabourSafetyNet: true })).toBe(true);
  });
  it('refuses before 6 months of monitoring', () => {
    expect(eliminationConditions(record, { mode: 'assisted' }, rs, '2027-03-29').blockers).toEqual([{ code: 'monitoredTooShort', months: 5, minMonths: 6 }]);
  });
  it('refuses with an undelivered measure: the risk is named, and no measure counts as delivered', () => {
    const undelivered = { ...record, measures: [{ riskType: '01', status: 'inProgress' as const }] };
    expect(eliminationConditions(undelivered, { mode: 'assisted' }, rs, today).blockers).toEqual([{ code: 'tooFewMeasures', minMeasures: 1 }, { code: 'riskMeasureNotDelivered', riskType: '01' }]);
    const named = { ...record, measures: [{ riskType: '01', status: 'planned' as const, measure: '大病保险' }, { riskType: '04', status: 'delivered' as const, measure: '低保' }] };
    expect(eliminationConditions(named, { mode: 'assisted' }, rs, today).blockers).toEqual([{ code: 'riskMeasureNotDelivered', riskType: '01', undelivered: ['大病保险'] }]);
  });
  it('refuses below or at the line, and the home check may bring a newer income', () => {
    expect(eliminationConditions({ ...record, perCapitaIncome: line }, { mode: 'assisted' }, rs, today).blockers).toEqual([{ code: 'incomeNotAboveLine', perCapita: line, line }]);
    expect(eliminationConditions(record, { mode: 'assisted', perCapitaIncome: line - 1 }, rs, today).blockers).toHaveLength(1);
  });
  it('refuses while 三保障 or water is not secured', () => {
    expect(eliminationConditions({ ...record, hasWaterProblem: true }, { mode: 'assisted' }, rs, today).blockers).toEqual([{ code: 'basicNeedsNotSecured' }]);
    expect(eliminationConditions(record, { mode: 'assisted', basicNeedsSecured: false }, rs, today).blockers).toHaveLength(1);
  });
  it('natural elimination: no months or measures needed, but each risk confirmed resolved by itself', () => {
    const fresh = { ...record, identifiedOn: '2027-03-01', measures: [] };
    expect(eliminationConditions(fresh, { mode: 'natural', resolvedRiskTypes: ['01'] }, rs, today).blockers).toEqual([]);
    expect(eliminationConditions(fresh, { mode: 'natural', resolvedRiskTypes: [] }, rs, today).blockers).toEqual([{ code: 'riskNotResolved', riskType: '01' }]);
    expect(eliminationSuggestion(fresh, rs, today).isSuggested).toBe(false);
  });
});
