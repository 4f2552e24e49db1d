import { describe, expect, it } from 'vitest';
import { DEFAULT_RULE_SET_VERSIONS } from '../rulesets/defaults/guangxi.ts';
import { resolveRuleSet } from '../rulesets/resolve-rule-set.ts';
import { type DepartmentRecord, evaluateDepartmentSignal } from './department-signals.ts';

const rs = resolveRuleSet(DEFAULT_RULE_SET_VERSIONS, '451028', '2026-03-01');

describe('evaluateDepartmentSignal', () => {
  it.each<[string, DepartmentRecord, boolean, string | null]>([
    ['ordinary OOP 10 000', { source: 'medicalInsurance', householdType: 'ordinary', outOfPocketLast12Months: 10000 }, false, '01'],
    ['ordinary OOP 10 001', { source: 'medicalInsurance', householdType: 'ordinary', outOfPocketLast12Months: 10001 }, true, '01'],
    ['formerly poor OOP 5 001', { source: 'medicalInsurance', householdType: 'formerlyPoor', outOfPocketLast12Months: 5001 }, true, '01'],
    ['formerly poor OOP 5 000', { source: 'medicalInsurance', householdType: 'formerlyPoor', outOfPocketLast12Months: 5000 }, false, '01'],
    ['dropout', { source: 'education', kind: 'suspectedDropout' }, true, '09'],
    ['school costs 10 001', { source: 'education', kind: 'nonCompulsoryCost', costPerSchoolYear: 10001 }, true, '09'],
    ['school costs 9 000', { source: 'education', kind: 'nonCompulsoryCost', costPerSchoolYear: 9000 }, false, '09'],
    ['lost migrant job', { source: 'humanResources', kind: 'lostMigrantJob' }, true, '07'],
    ['income drop 51 %', { source: 'agriculture', kind: 'operatingIncomeDrop', previousYear: 10000, currentYear: 4900 }, true, '06'],
    ['income drop 50 %', { source: 'agriculture', kind: 'operatingIncomeDrop', previousYear: 10000, currentYear: 5000 }, false, '06'],
    ['income rise', { source: 'agriculture', kind: 'operatingIncomeDrop', previousYear: 10000, currentYear: 12000 }, false, '06'],
    ['failed project', { source: 'agriculture', kind: 'industryProjectFailed' }, true, '06'],
    ['new dibao', { source: 'civilAffairs', kind: 'dibao' }, true, null],
    ['flood victims', { source: 'emergencyManagement', disasterSubtype: 'flood' }, true, '0201'],
    ['disaster victims', { source: 'emergencyManagement' }, true, '0299'],
    ['main labourer injured', { source: 'police', kind: 'mainLabourerInjury' }, true, '05'],
    ['severe disability', { source: 'disabilityFederation', kind: 'severeDisability' }, true, '03'],
    ['unsafe housing', { source: 'housing', kind: 'unsafeHousing' }, true, '10'],
    ['water problem', { source: 'water', kind: 'drinkingWaterProblem' }, true, '11'],
    ['critical illness patient', { source: 'health', kind: 'criticalIllnessPatient' }, true, '01'],
  ])('%s → raised %s, risk %s', (_name, record, raised, risk) => {
    const s = evaluateDepartmentSignal(record, rs);
    expect(s.isRaised).toBe(raised);
    expect(s.riskType).toBe(risk);
  });
});
