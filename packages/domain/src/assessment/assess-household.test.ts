import { describe, expect, it } from 'vitest';
import { DEFAULT_RULE_SET_VERSIONS } from '../rulesets/defaults/guangxi.ts';
import { resolveRuleSet } from '../rulesets/resolve-rule-set.ts';
import { assessHousehold } from './assess-household.ts';
import { buildHousehold, buildMember } from './fixtures/build-household.ts';
import { A_WEN, FOUNDING_STORY_HOUSEHOLDS, LONG_XUE, XIAO_HUANG, ZHANG_BAIMOU } from './fixtures/founding-story.ts';
import type { HouseholdAssessmentInput } from './household-input.ts';

const rules2021 = resolveRuleSet(DEFAULT_RULE_SET_VERSIONS, '451028', '2021-06-10');
const assess = (h: HouseholdAssessmentInput, today = '2021-06-10') =>
  assessHousehold(h, resolveRuleSet(DEFAULT_RULE_SET_VERSIONS, h.regionCode, h.applicationDate), today);
const codes = (a: ReturnType<typeof assess>) => a.reasons.map((r) => r.code);

describe('founding story households (docs/founding-story.md, [S27])', () => {
  it.each(FOUNDING_STORY_HOUSEHOLDS.map((f) => [f.household.id, f] as const))('%s', (_id, f) => {
    const a = assess(f.household, f.today);
    expect(a.suggestedCategory).toBe(f.category);
    expect(a.isWithinScope).toBe(f.category !== null);
    expect(a.riskTypes).toEqual(f.riskTypes);
    expect(a.ruleSetVersion).toBe('gx-2021.1+leye-2021.1');
    expect(a.monitoringLine).toBe(6000);
  });

  it('小黄: not within scope as 边缘易致贫户; reasons name the van, the licence, the labour and the income', () => {
    const a = assess(XIAO_HUANG, '2021-06-09');
    expect(a.withinLine).toBe(false);
    expect(a.perCapitaNetIncome).toBe(17300);
    expect(a.redFlags.map((f) => f.code)).toEqual(['vehicle', 'registeredBusiness']);
    expect(a.needsExplanation).toBe(true);
    const messages = a.reasons.map((r) => r.message).join('\n');
    expect(messages).toContain('面包车');
    expect(messages).toContain('营业执照');
    expect(messages).toContain('家有劳动力 2 人');
    expect(messages).toContain('不符合边缘易致贫户条件');
    const income = a.reasons.find((r) => r.code === 'incomeAboveLine');
    expect(income?.numbers).toMatchObject({ perCapitaNetIncome: 17300, monitoringLine: 6000, householdSize: 3 });
    const medical = a.reasons.find((r) => r.code === 'medicalSpendingBelowThreshold');
    expect(medical?.numbers).toMatchObject({ compliantOutOfPocketMedical: 9800, threshold: 10000 });
  });

  it('阿文: formerly poor, ~270k medical costs → 脱贫不稳定户 with 因病', () => {
    const a = assess(A_WEN, '2021-03-10');
    expect(a.withinLine).toBe(true);
    expect(a.income.medicalGrossCosts).toBe(275000);
    expect(a.income.insuranceClaims).toBe(20000);
    expect(a.perCapitaNetIncome).toBe(4500);
    const medical = a.reasons.find((r) => r.code === 'medicalSpendingAboveThreshold');
    expect(medical?.numbers).toMatchObject({ compliantOutOfPocketMedical: 73000, threshold: 5000 });
    expect(medical?.riskType).toBe('01');
  });

  it('张百谋: shop fire → 突发严重困难户 with 因意外事故 although income is above the line', () => {
    const a = assess(ZHANG_BAIMOU, '2021-08-05');
    expect(a.withinLine).toBe(false);
    expect(codes(a)).toContain('rigidSpendingBringsBelowLine');
    expect(a.perCapitaIncomeAfterRigidSpending).toBeLessThanOrEqual(6000);
    expect(a.redFlags.map((f) => f.code)).toEqual(['registeredBusiness']);
  });

  it('龙学: unstable work → 边缘易致贫户 with 因务工就业不稳', () => {
    const a = assess(LONG_XUE, '2021-09-15');
    expect(a.perCapitaNetIncome).toBe(5075);
    expect(a.reasons.find((r) => r.code === 'unstableEmployment')?.riskType).toBe('07');
  });
});

describe('income exactly at the line is within it', () => {
  const risky = { problems: { compulsoryEducation: false, basicMedical: false, housingSafety: true, drinkingWater: false } };
  it.each([
    [5999.99, true, 'marginal'],
    [6000, true, 'marginal'],
    [6000.01, false, null],
  ])('per capita %d → withinLine %s, category %s', (perCapita, within, category) => {
    const a = assessHousehold(buildHousehold(risky, perCapita), rules2021, '2021-06-10');
    expect(a.perCapitaNetIncome).toBe(perCapita);
    expect(a.withinLine).toBe(within);
    expect(a.suggestedCategory).toBe(category);
  });
});

describe('rules, one case each', () => {
  const noProblems = { compulsoryEducation: false, basicMedical: false, housingSafety: false, drinkingWater: false };
  it.each<[string, Partial<HouseholdAssessmentInput>, number, readonly string[], string | null, string]>([
    ['no risk, low income → nothing suggested', {}, 5000, [], null, 'noRisk'],
    ['unsafe housing → 10', { problems: { ...noProblems, housingSafety: true } }, 5000, ['10'], 'marginal', 'housingSafetyProblem'],
    ['unsafe water → 11', { problems: { ...noProblems, drinkingWater: true } }, 5000, ['11'], 'marginal', 'drinkingWaterProblem'],
    ['dropout problem → 09', { problems: { ...noProblems, compulsoryEducation: true } }, 5000, ['09'], 'marginal', 'compulsoryEducationProblem'],
    [
      'child aged 12 dropped out → 09',
      { members: [buildMember({ id: 'a' }), buildMember({ id: 'b' }), buildMember({ id: 'c', birthDate: '2009-01-01', labourCapacity: 'notApplicable', schooling: 'dropout' })] },
      5000,
      ['09'],
      'marginal',
      'compulsoryEducationProblem',
    ],
    [
      'high-school costs above 10 000 → 09',
      { compliantOutOfPocket: [{ kind: 'education', amount: 12000, month: '2021-02' }] },
      5000,
      ['09'],
      'marginal',
      'educationCostAboveThreshold',
    ],
    ['medical OOP 10 001 for an ordinary household → 01', { compliantOutOfPocket: [{ kind: 'medical', amount: 10001, month: '2021-02' }] }, 5000, ['01'], 'marginal', 'medicalSpendingAboveThreshold'],
    ['medical OOP exactly 10 000 is not above the threshold', { compliantOutOfPocket: [{ kind: 'medical', amount: 10000, month: '2021-02' }] }, 5000, [], null, 'medicalSpendingBelowThreshold'],
    [
      'medical OOP 5 001 for a formerly poor household → 01 unstable',
      { householdType: 'formerlyPoor', compliantOutOfPocket: [{ kind: 'medical', amount: 5001, month: '2021-02' }] },
      5000,
      ['01'],
      'unstable',
      'medicalSpendingAboveThreshold',
    ],
    ['medical OOP outside the window is ignored', { compliantOutOfPocket: [{ kind: 'medical', amount: 50000, month: '2021-06' }] }, 5000, [], null, 'noRisk'],
    ['severe disability → 03', { members: [buildMember({ id: 'a' }), buildMember({ id: 'b', health: 'severelyDisabled', labourCapacity: 'none' })] }, 5000, ['03'], 'marginal', 'disability'],
    ['nobody can work → 04', { members: [buildMember({ id: 'a', labourCapacity: 'none' }), buildMember({ id: 'b', labourCapacity: 'notApplicable' })] }, 5000, ['04'], 'marginal', 'noLabour'],
    [
      '1 labourer in a household of 4 → 04',
      { members: [buildMember({ id: 'a' }), buildMember({ id: 'b', labourCapacity: 'none' }), buildMember({ id: 'c', labourCapacity: 'none' }), buildMember({ id: 'd', labourCapacity: 'notApplicable' })] },
      5000,
      ['04'],
      'marginal',
      'labourShortage',
    ],
    ['unstable employment signal without labour → no 07', { members: [buildMember({ id: 'a', labourCapacity: 'none' })], signals: { unstableEmployment: true } }, 5000, ['04'], 'marginal', 'unstableEmploymentWithoutLabour'],
    ['failed industry project → 06', { signals: { industryProjectFailed: true } }, 5000, ['06'], 'marginal', 'industryProjectFailed'],
    [
      'operating income fell 60 % → 06',
      { incomes: [{ component: 'operating', amount: 8000, month: '2021-01' }, { component: 'wage', amount: 2000, month: '2021-01' }], signals: { previousOperatingIncome: 20000 } },
      5000,
      ['06'],
      'marginal',
      'operatingIncomeDrop',
    ],
    ['flood → 0201', { suddenEvents: [{ kind: 'disaster', disasterSubtype: 'flood', date: '2021-05-20', lossAmount: 3000 }] }, 5000, ['0201'], 'marginal', 'suddenEvent'],
    ['disaster without subtype → 0299', { suddenEvents: [{ kind: 'disaster', date: '2021-05-20', lossAmount: 3000 }] }, 5000, ['0299'], 'marginal', 'suddenEvent'],
    ['accident with big loss above the line → sudden', { suddenEvents: [{ kind: 'accident', date: '2021-05-20', lossAmount: 30000 }] }, 12000, ['05'], 'sudden', 'rigidSpendingBringsBelowLine'],
    ['accident with small loss above the line → none', { suddenEvents: [{ kind: 'accident', date: '2021-05-20', lossAmount: 1000 }] }, 12000, ['05'], null, 'notWithinScope'],
    ['event after today is not counted', { suddenEvents: [{ kind: 'fire', date: '2021-06-20', lossAmount: 30000 }] }, 12000, [], null, 'noRisk'],
    ['food insecurity → 99', { problems: { ...noProblems, foodAndClothing: true } }, 5000, ['99'], 'marginal', 'foodAndClothingProblem'],
  ])('%s', (_name, overrides, perCapita, riskTypes, category, reason) => {
    const a = assessHousehold(buildHousehold(overrides, perCapita), rules2021, '2021-06-10');
    expect(a.riskTypes).toEqual(riskTypes);
    expect(a.suggestedCategory).toBe(category);
    expect(codes(a)).toContain(reason);
  });

  it('keeps at most five risk types and says so', () => {
    const a = assessHousehold(
      buildHousehold(
        {
          problems: { compulsoryEducation: true, basicMedical: true, housingSafety: true, drinkingWater: true, foodAndClothing: true },
          signals: { industryProjectFailed: true },
          compliantOutOfPocket: [{ kind: 'medical', amount: 20000, month: '2021-02' }],
        },
        3000,
      ),
      rules2021,
      '2021-06-10',
    );
    expect(a.riskTypes).toHaveLength(5);
    expect(codes(a)).toContain('riskTypesTruncated');
  });

  it('red flags never change the suggestion', () => {
    const a = assessHousehold(
      buildHousehold(
        {
          problems: { ...noProblems, housingSafety: true },
          members: [buildMember({ id: 'a', isPublicServant: true }), buildMember({ id: 's', isLegalSupporter: true, isCoResident: false, isPublicServant: true })],
          assets: {
            vehicles: [{ kind: 'car' }, { kind: 'motorcycle' }],
            urbanCommercialHousing: [{ description: '县城商品房' }],
            businessLicences: [],
            hiresLabour: true,
            largeScaleFarming: true,
          },
        },
        5000,
      ),
      rules2021,
      '2021-06-10',
    );
    expect(a.suggestedCategory).toBe('marginal');
    expect(a.redFlags.map((f) => f.code)).toEqual([
      'publicServant',
      'publicServant',
      'vehicle',
      'urbanCommercialHousing',
      'hiredLabour',
      'largeScaleFarming',
    ]);
    expect(a.income.householdSize).toBe(1);
  });

  it('uses the rule set in force: 2026 line and era', () => {
    const rules2026 = resolveRuleSet(DEFAULT_RULE_SET_VERSIONS, '451028', '2026-06-10');
    const h = buildHousehold({ applicationDate: '2026-06-10', incomes: [{ component: 'wage', amount: 17000, month: '2026-01' }], problems: { ...noProblems, housingSafety: true } });
    const a = assessHousehold(h, rules2026, '2026-06-10');
    expect(a.monitoringLine).toBe(9000);
    expect(a.withinLine).toBe(true);
    expect(a.ruleSetVersion).toBe('gx-2026.1+leye-2021.1');
    expect(codes(a)).toContain('categoryOptional');
  });
});

describe('records outside the income window (issue 11 item 1)', () => {
  it('are not counted, and the assessment says so with their months and amount', () => {
    const h = buildHousehold({
      incomes: [
        { component: 'operating', amount: 52000, month: '2021-06' },
        { component: 'wage', amount: 2000, month: '2021-05' },
      ],
      rigidSpending: [{ kind: 'funeral', amount: 3000, month: '2020-05' }],
    });
    const a = assess(h);
    expect(a.perCapitaNetIncome).toBe(1000);
    const reason = a.reasons.find((r) => r.code === 'recordsOutsideWindow');
    expect(reason).toMatchObject({ numbers: { records: 2, amount: 55000 }, effect: 'info' });
    expect(reason?.message).toContain('2020-05、2021-06');
    expect(reason?.message).toContain('2020-06 至 2021-05');
    expect(codes(assess(buildHousehold()))).not.toContain('recordsOutsideWindow');
  });
});

