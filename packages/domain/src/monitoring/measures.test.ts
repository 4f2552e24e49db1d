import { describe, expect, it } from 'vitest';
import { canMoveMeasure, coverageOf, deliveredMeasureCount, type CoverageMeasure } from './measures.ts';

const labour = (...caps: ('full' | 'partial' | 'none' | 'notApplicable')[]) => caps.map((labourCapacity) => ({ labourCapacity }));
const m = (category: CoverageMeasure['category'], status: CoverageMeasure['status'] = 'planned'): CoverageMeasure => ({ category, status });

describe('coverageOf: each docs/DOMAIN.md coverage rule, covered / uncovered / invalid', () => {
  it.each([
    ['因病 covered by 健康 (with out-of-pocket spending)', ['01'], [m('health')], labour('full'), 9000, [], true],
    ['因病 without a health measure', ['01'], [m('employment')], labour('full'), 9000, ['01'], false],
    ['因务工就业不稳 covered by 就业', ['07'], [m('employment')], labour('full', 'none'), 0, [], true],
    ['因务工就业不稳 uncovered', ['07'], [m('industry')], labour('full'), 0, ['07'], false],
    ['缺劳动力 covered by 综合保障', ['04'], [m('socialProtection')], labour('none', 'none'), 0, [], true],
    ['缺劳动力 uncovered', ['04'], [m('health')], labour('none'), 0, ['04'], false],
    ['因学 covered by 雨露计划 (其他教育)', ['09'], [m('otherEducation')], labour('full'), 0, [], true],
    ['因残 covered by 社会帮扶', ['03'], [m('socialAssistance')], labour('full'), 0, [], true],
    ['因安全住房 covered by 搬迁', ['10'], [m('relocation')], labour('full'), 0, [], true],
    ['因安全饮水 uncovered', ['11'], [m('housing')], labour('full'), 0, ['11'], false],
    ['因产业项目失败 covered by 产业', ['06'], [m('industry')], labour('full'), 0, [], true],
    ['因意外事故 has no required category', ['05'], [], labour('full'), 0, [], true],
    ['阿文: 因病 with health, employment and dibao B', ['01'], [m('health', 'delivered'), m('employment'), m('socialProtection')], labour('full', 'partial', 'none'), 12000, [], true],
  ] as const)('%s', (_name, risks, measures, members, outOfPocket, uncovered, covered) => {
    const result = coverageOf(risks, measures, { members, compliantOutOfPocketMedical: outOfPocket });
    expect(result.uncoveredRiskTypes).toEqual(uncovered);
    expect(result.isCovered).toBe(covered);
  });

  it('因务工就业不稳 is invalid when no member can work, even with an employment measure (the rule words)', () => {
    const result = coverageOf(['07'], [m('employment')], { members: labour('none', 'notApplicable'), compliantOutOfPocketMedical: 0 });
    expect(result.uncoveredRiskTypes).toEqual([]);
    expect(result.isCovered).toBe(false);
    expect(result.problems).toEqual([expect.objectContaining({ code: 'unstableEmploymentWithoutLabour', message: '风险为因务工就业不稳，但家庭成员均无劳动能力' })]);
  });

  it('缺劳动力 is invalid when half of a 4-person household can work', () => {
    const result = coverageOf(['04'], [m('socialProtection')], { members: labour('full', 'partial', 'none', 'none'), compliantOutOfPocketMedical: 0 });
    expect(result.problems.map((p) => p.code)).toEqual(['lackOfLabourWithLabour']);
  });

  it('an uncovered risk says which categories would cover it', () => {
    const result = coverageOf(['01'], [], { members: labour('full'), compliantOutOfPocketMedical: 100 });
    expect(result.problems).toEqual([expect.objectContaining({ code: 'riskWithoutMeasure', riskType: '01', message: '风险「因病」缺少对应帮扶措施：应有健康帮扶之一' })]);
  });
});

describe('measure statuses', () => {
  it.each([
    ['planned', 'inProgress', true],
    ['planned', 'delivered', true],
    ['inProgress', 'delivered', true],
    ['delivered', 'inProgress', false],
    ['inProgress', 'planned', false],
  ] as const)('%s → %s: %s', (from, to, ok) => expect(canMoveMeasure(from, to)).toBe(ok));
  it('counts delivered measures', () => expect(deliveredMeasureCount([m('health', 'delivered'), m('employment', 'inProgress')])).toBe(1));
});
