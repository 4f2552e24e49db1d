import { describe, expect, it } from 'vitest';
import { addCalendarMonths, isVisitOverdue, nextVisitDueOn, visitIntervalMonths } from './visits.ts';

const ruleSet = { helperVisitIntervalMonths: { unstable: 3, marginal: 3, sudden: 1, none: 3 } };

describe('helper visits (docs/DOMAIN.md "Helper visits")', () => {
  it.each([
    ['sudden', 1],
    ['unstable', 3],
    ['marginal', 3],
    [null, 3],
  ] as const)('interval of %s is %i months (rule-set data)', (category, months) => {
    expect(visitIntervalMonths(category, ruleSet)).toBe(months);
  });

  it('reads the interval from the rule set, not from code', () => {
    expect(visitIntervalMonths('sudden', { helperVisitIntervalMonths: { ...ruleSet.helperVisitIntervalMonths, sudden: 2 } })).toBe(2);
  });

  it.each([
    ['2026-01-15', 1, '2026-02-15'],
    ['2026-01-31', 1, '2026-02-28'],
    ['2028-01-31', 1, '2028-02-29'],
    ['2026-11-30', 3, '2027-02-28'],
    ['2026-12-05', 1, '2027-01-05'],
  ] as const)('%s + %i months = %s (end of month clamps, as PostgreSQL does)', (date, months, expected) => {
    expect(addCalendarMonths(date, months)).toBe(expected);
  });

  it('counts from the last visit, or from identification before the first', () => {
    expect(nextVisitDueOn({ status: 'monitoring', category: 'sudden', identifiedOn: '2026-03-10', lastVisitOn: null }, ruleSet)).toBe('2026-04-10');
    expect(nextVisitDueOn({ status: 'monitoring', category: 'sudden', identifiedOn: '2026-03-10', lastVisitOn: '2026-05-02' }, ruleSet)).toBe('2026-06-02');
    expect(nextVisitDueOn({ status: 'rolledBack', category: 'marginal', identifiedOn: '2026-03-10', lastVisitOn: '2026-05-02' }, ruleSet)).toBe('2026-08-02');
  });

  it('has no due day once the risk is eliminated, or without any date', () => {
    expect(nextVisitDueOn({ status: 'eliminatedStable', category: 'sudden', identifiedOn: '2026-03-10', lastVisitOn: null }, ruleSet)).toBeNull();
    expect(nextVisitDueOn({ status: 'monitoring', category: 'sudden', identifiedOn: null, lastVisitOn: null }, ruleSet)).toBeNull();
  });

  it('is overdue the day after the due day', () => {
    expect(isVisitOverdue('2026-04-10', '2026-04-10')).toBe(false);
    expect(isVisitOverdue('2026-04-10', '2026-04-11')).toBe(true);
    expect(isVisitOverdue(null, '2030-01-01')).toBe(false);
  });
});
