import { describe, expect, it } from 'vitest';
import type { MeasureCategoryName } from '../codes/measure-categories.ts';
import type { RiskTypeCode } from '../codes/risk-types.ts';
import type { HouseholdMember } from '../assessment/household-input.ts';

type LabourCapacity = HouseholdMember['labourCapacity'];
import { checkCoverage } from './risk-measure-coverage.ts';

const household = (labour: LabourCapacity[], oop = 1000) => ({
  members: labour.map((labourCapacity) => ({ labourCapacity })),
  compliantOutOfPocketMedical: oop,
});
const two = household(['full', 'none']);

describe('each risk needs a matching measure', () => {
  it.each<[RiskTypeCode, MeasureCategoryName[], boolean]>([
    ['09', ['compulsoryEducation'], true],
    ['09', ['otherEducation'], true],
    ['09', ['socialAssistance'], true],
    ['09', ['health'], false],
    ['03', ['socialProtection'], true],
    ['03', ['socialAssistance'], true],
    ['03', ['employment'], false],
    ['10', ['housing'], true],
    ['10', ['relocation'], true],
    ['10', ['water'], false],
    ['11', ['water'], true],
    ['11', ['housing'], false],
    ['01', ['health'], true],
    ['01', ['socialProtection'], false],
    ['07', ['employment'], true],
    ['07', ['publicWelfarePost'], false],
    ['06', ['industry'], true],
    ['06', ['employment'], false],
    ['04', ['socialProtection'], true],
    ['04', ['employment'], false],
    ['0201', [], true],
    ['05', [], true],
    ['99', [], true],
  ])('%s with %j → covered %s', (risk, measures, covered) => {
    const problems = checkCoverage([risk], measures, two).filter((p) => p.code === 'riskWithoutMeasure');
    expect(problems.length === 0).toBe(covered);
  });

  it('names the expected categories in Chinese', () => {
    const [p] = checkCoverage(['10'], [], two);
    expect(p?.expected).toEqual(['housing', 'relocation']);
    expect(p?.message).toContain('住房安全保障、搬迁');
  });
});

describe('invalid combinations', () => {
  it.each<[string, RiskTypeCode, LabourCapacity[], string | null]>([
    ['07 with nobody able to work', '07', ['none', 'notApplicable'], 'unstableEmploymentWithoutLabour'],
    ['07 with one partial labourer', '07', ['partial', 'none'], null],
    ['04 when 2 of 4 can work', '04', ['full', 'full', 'none', 'notApplicable'], 'lackOfLabourWithLabour'],
    ['04 when 3 of 5 can work', '04', ['full', 'partial', 'full', 'none', 'none'], 'lackOfLabourWithLabour'],
    ['04 when 1 of 4 can work', '04', ['full', 'none', 'none', 'notApplicable'], null],
    ['04 when 2 of 3 can work (under 4 people)', '04', ['full', 'full', 'none'], null],
  ])('%s', (_name, risk, labour, expected) => {
    const measures: MeasureCategoryName[] = ['employment', 'socialProtection'];
    const found = checkCoverage([risk], measures, household(labour)).map((p) => p.code);
    if (expected) expect(found).toContain(expected);
    else expect(found).toEqual([]);
  });

  it.each([
    [0, true],
    [0.01, false],
  ])('因病 with compliant OOP %d → problem %s', (oop, hasProblem) => {
    const found = checkCoverage(['01'], ['health'], household(['full'], oop)).map((p) => p.code);
    expect(found.includes('illnessWithoutOutOfPocket')).toBe(hasProblem);
  });

  it('more than five risk types', () => {
    const found = checkCoverage(['0201', '05', '99', '0202', '0203', '0204'], [], two).map((p) => p.code);
    expect(found).toEqual(['tooManyRiskTypes']);
  });
});
