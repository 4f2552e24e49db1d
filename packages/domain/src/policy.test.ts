import { describe, expect, it } from 'vitest';
import * as policy from './policy.ts';

describe('policy public API', () => {
  it.each([
    'addWorkingDays',
    'countWorkingDays',
    'isWorkingDay',
    'addCalendarDays',
    'buildWorkingCalendar',
    'CalendarYearUnavailableError',
    'RISK_TYPES',
    'MEASURE_CATEGORIES',
    'RuleSetSchema',
    'resolveRuleSet',
    'DEFAULT_RULE_SET_VERSIONS',
    'computeIncomeAccount',
    'suggestMonitoringLine',
    'assessHousehold',
    'parseHouseholdAssessmentInput',
    'evaluateDepartmentSignal',
    'checkCoverage',
    'runQualityChecks',
    'nextState',
    'IDENTIFICATION_TRANSITIONS',
    'ELIMINATION_TRANSITIONS',
  ])('exports %s', (name) => {
    expect(policy).toHaveProperty(name);
  });

  it('computes the issue example end to end', () => {
    const calendar = policy.buildWorkingCalendar();
    expect(policy.addWorkingDays(calendar, '2026-09-30', 5)).toBe('2026-10-13');
  });
});
