import { describe, expect, it } from 'vitest';
import {
  assessHousehold,
  DEFAULT_RULE_SET_VERSIONS,
  evaluateDepartmentSignal,
  WARNING_CORRECTION_PREFIX,
  WITHHELD_HEALTH_TEXT,
  resolveRuleSet,
  type AssessmentReasonCode,
  type DepartmentRecord,
  type HouseholdAssessmentInput,
  type HouseholdMember,
} from '@fangpin/domain';
import { buildHousehold, buildMember } from '@fangpin/domain/fixtures';
import { describeAssessmentReason, describeCaseNote, describeRedFlag, describeStoredText, describeWarning, textLanguage } from './server-texts';

const RULES_2025 = resolveRuleSet(DEFAULT_RULE_SET_VERSIONS, '451028000000', '2025-06-10');
const RULES_2026 = resolveRuleSet(DEFAULT_RULE_SET_VERSIONS, '451028000000', '2026-11-29');
const HAN = /\p{Script=Han}/u;

// The domain's test factories, with this file's day and income.
const member = (id: string, overrides: Partial<HouseholdMember> = {}): HouseholdMember => buildMember({ ...overrides, id });

const household = (overrides: Partial<HouseholdAssessmentInput>): HouseholdAssessmentInput =>
  buildHousehold({ id: 'h', applicationDate: '2025-06-10', incomes: [{ component: 'wage', amount: 8000, month: '2025-01' }], ...overrides });

/** Households whose assessments between them give (nearly) every reason code. */
const HOUSEHOLDS: HouseholdAssessmentInput[] = [
  // Everything at once: illness with spending, disability, a dropout, unemployment, all problems, red flags, sudden events.
  household({
    members: [
      member('m1', { name: '韦大成', health: 'serious', employment: 'unemployed' }),
      member('m2', { health: 'severelyDisabled', labourCapacity: 'none' }),
      member('m3', { birthDate: '2015-03-01', schooling: 'dropout', labourCapacity: 'notApplicable' }),
      member('m4', { name: '韦小明', isLegalSupporter: true, isPublicServant: true }),
    ],
    incomes: [
      { component: 'wage', amount: 9000, month: '2025-01' },
      { component: 'operating', amount: 1000, month: '2025-02' },
      { component: 'wage', amount: 500, month: '2019-03' },
    ],
    compliantOutOfPocket: [{ kind: 'medical', amount: 15000, grossAmount: 40000, month: '2025-03' }],
    rigidSpending: [{ kind: 'education', amount: 12000, month: '2025-03' }],
    assets: {
      vehicles: [{ kind: 'van', purchasePrice: 30000, description: '五菱面包车' }],
      urbanCommercialHousing: [{ description: '县城某小区' }],
      businessLicences: [{ name: '小黄货运部' }],
      hiresLabour: true,
      largeScaleFarming: true,
    },
    problems: { foodAndClothing: true, compulsoryEducation: true, basicMedical: true, housingSafety: true, drinkingWater: true },
    suddenEvents: [
      { kind: 'fire', date: '2025-04-02', lossAmount: 20000, note: '厨房失火' },
      { kind: 'disaster', date: '2025-05-01', lossAmount: 5000, disasterSubtype: 'flood' },
    ],
    signals: { unstableEmployment: true, industryProjectFailed: true, previousOperatingIncome: 20000 },
  }),
  household({ members: [], incomes: [] }),
  // Nobody can work; unstable employment reported anyway; a little medical spending.
  household({
    members: [member('m1', { labourCapacity: 'none', birthDate: '1940-01-01' })],
    compliantOutOfPocket: [{ kind: 'medical', amount: 800, month: '2025-03' }],
    signals: { unstableEmployment: true },
  }),
  // Four members, one worker, a seriously ill member without spending.
  household({
    members: [member('m1'), member('m2', { labourCapacity: 'none', health: 'serious' }), member('m3', { labourCapacity: 'none' }), member('m4', { labourCapacity: 'notApplicable' })],
  }),
  // Well off: no risk.
  household({ incomes: [{ component: 'wage', amount: 80000, month: '2025-01' }] }),
  // Above the line, but an accident's loss brings it under (sudden).
  household({
    householdType: 'formerlyPoor',
    incomes: [{ component: 'wage', amount: 30000, month: '2025-01' }],
    suddenEvents: [{ kind: 'accident', date: '2025-03-01', lossAmount: 26000 }],
  }),
];

const assessments = [
  ...HOUSEHOLDS.map((h) => assessHousehold(h, RULES_2025, '2025-06-10')),
  assessHousehold({ ...HOUSEHOLDS[0]!, applicationDate: '2026-11-29', incomes: [{ component: 'wage', amount: 9000, month: '2026-05' }] }, RULES_2026, '2026-11-29'),
];
const reasons = assessments.flatMap((a) => a.reasons);
/** Names, places and notes people typed stay as typed: take them out before looking for Han characters. */
const typed = ['韦大成', '韦小明', '五菱面包车', '县城某小区', '小黄货运部', '厨房失火'];
const withoutTyped = (s: string) => typed.reduce((acc, word) => acc.replaceAll(word, ''), s);

describe('assessment reasons from code and params (issue 11 item 9)', () => {
  it('the fixtures reach the reason codes', () => {
    const seen = new Set(reasons.map((r) => r.code));
    const all: AssessmentReasonCode[] = [
      'incomeWithinLine', 'incomeAboveLine', 'noMembers', 'recordsOutsideWindow', 'rigidSpending', 'rigidSpendingBringsBelowLine',
      'medicalSpendingAboveThreshold', 'medicalSpendingBelowThreshold', 'serious', 'educationCostAboveThreshold', 'compulsoryEducationProblem',
      'basicMedicalProblem', 'housingSafetyProblem', 'drinkingWaterProblem', 'foodAndClothingProblem', 'disability', 'noLabour', 'labourShortage',
      'hasLabour', 'unstableEmployment', 'unstableEmploymentWithoutLabour', 'industryProjectFailed', 'operatingIncomeDrop', 'suddenEvent', 'redFlag',
      'noRisk', 'categorySuggested', 'notWithinScope', 'categoryOptional', 'riskTypesTruncated',
    ];
    expect(all.filter((code) => !seen.has(code))).toEqual([]);
  });

  it('writes in Chinese exactly what the server stores as the message', () => {
    for (const r of reasons) expect(describeAssessmentReason(r, 'zh')).toBe(r.message);
  });

  it('writes in English with no Chinese but what people typed', () => {
    for (const r of reasons) {
      const text = describeAssessmentReason(r, 'en');
      expect(text, r.code).not.toBe('');
      expect(withoutTyped(text), `${r.code}: ${text}`).not.toMatch(HAN);
    }
    const income = reasons.find((r) => r.code === 'incomeAboveLine' || r.code === 'incomeWithinLine')!;
    expect(describeAssessmentReason(income, 'en')).toMatch(/^Per-capita net income \d{4}-\d\d to \d{4}-\d\d: [\d,.]+ yuan, (not )?above the monitoring line of [\d,.]+ yuan/);
  });

  it('red flags in both languages; the name typed stays', () => {
    const flags = assessments[0]!.redFlags;
    expect(flags.map((f) => f.code).sort()).toEqual(['hiredLabour', 'largeScaleFarming', 'publicServant', 'registeredBusiness', 'urbanCommercialHousing', 'vehicle']);
    for (const f of flags) {
      expect(describeRedFlag(f, 'zh')).toBe(f.message);
      expect(withoutTyped(describeRedFlag(f, 'en'))).not.toMatch(HAN);
    }
    expect(describeRedFlag(flags.find((f) => f.code === 'publicServant')!, 'en')).toBe('Legal supporter 韦小明 is a public servant');
    expect(describeRedFlag(flags.find((f) => f.code === 'vehicle')!, 'en')).toBe('Owns a van: 五菱面包车 (bought for 30,000 yuan)');
  });

  it('an assessment stored before params existed shows its stored sentence, never a code', () => {
    const old = { code: 'incomeWithinLine', message: '2024-05 至 2025-04 家庭人均纯收入 4000 元，不高于监测线 7000 元' };
    expect(describeAssessmentReason(old, 'en')).toBe(old.message);
    expect(describeAssessmentReason({ code: 'somethingNew', message: '新的理由', params: {} }, 'en')).toBe('新的理由');
    expect(describeRedFlag({ code: 'vehicle', message: '拥有面包车一部' }, 'en')).toBe('拥有面包车一部');
  });
});

describe('department warnings from signal code and numbers (issue 11 item 9)', () => {
  const RECORDS: DepartmentRecord[] = [
    { source: 'medicalInsurance', householdType: 'ordinary', outOfPocketLast12Months: 12345.5 },
    { source: 'education', kind: 'suspectedDropout' },
    { source: 'education', kind: 'nonCompulsoryCost', costPerSchoolYear: 15000 },
    { source: 'humanResources', kind: 'unemployment' },
    { source: 'agriculture', kind: 'operatingIncomeDrop', previousYear: 20000, currentYear: 5000 },
    { source: 'agriculture', kind: 'industryProjectFailed' },
    { source: 'civilAffairs', kind: 'dibao' },
    { source: 'emergencyManagement', disasterSubtype: 'flood' },
    { source: 'police', kind: 'mainLabourerInjury' },
    { source: 'disabilityFederation', kind: 'severeDisability' },
    { source: 'housing', kind: 'unsafeHousing' },
    { source: 'water', kind: 'drinkingWaterProblem' },
    { source: 'health', kind: 'criticalIllnessPatient' },
  ];
  const signals = RECORDS.map((r) => evaluateDepartmentSignal(r, RULES_2026));

  it('every signal has its own code', () => {
    expect(new Set(signals.map((s) => s.code)).size).toBe(RECORDS.length);
  });

  it('Chinese as stored, English without Chinese', () => {
    for (const s of signals) {
      const w = { message: s.message, signal: s.code, numbers: s.numbers };
      expect(describeWarning(w, 'zh')).toBe(s.message);
      expect(describeWarning(w, 'en'), s.code).not.toMatch(HAN);
    }
    const medical = signals[0]!;
    expect(describeWarning({ message: medical.message, signal: medical.code, numbers: medical.numbers }, 'en')).toBe(
      'Medical insurance: compliant out-of-pocket 12,345.5 yuan over the last 12 months, alert line 10,000 yuan',
    );
  });

  it('a warning raised before the code was stored shows its message; a withheld one names its sources', () => {
    expect(describeWarning({ message: '近12个月医疗个人自付 12000 元，超过 10000 元', signal: null, numbers: { sum: 12000 } }, 'en')).toBe('近12个月医疗个人自付 12000 元，超过 10000 元');
    const withheld = { message: '医疗保障局（医保结算）：涉及健康信息，详情仅核实人员可见', signal: null, numbers: {}, sources: ['medical'], detailWithheld: true };
    expect(describeWarning(withheld, 'zh')).toBe(withheld.message);
    expect(describeWarning(withheld, 'en')).not.toMatch(HAN);
  });

  it('i18next languages map to the two catalogs', () => {
    expect([textLanguage('zh-CN'), textLanguage('en'), textLanguage('en-US'), textLanguage(undefined)]).toEqual(['zh', 'en', 'en', 'zh']);
  });
});

describe("the server's fixed sentences inside stored free text (issue 11 item 9)", () => {
  it('writes the withheld-health notice and a correction withdrawal in English, keeps what people typed', () => {
    expect(describeStoredText(WITHHELD_HEALTH_TEXT, 'en')).toBe('involves health information; the details are visible to the verifiers only');
    expect(describeStoredText(`${WARNING_CORRECTION_PREFIX}核实时看错了人`, 'en')).toBe('Warning verification corrected: 核实时看错了人');
    expect(describeStoredText('家里房屋漏雨', 'en')).toBe('家里房屋漏雨');
    for (const text of [WITHHELD_HEALTH_TEXT, `${WARNING_CORRECTION_PREFIX}看错了人`, '家里房屋漏雨']) expect(describeStoredText(text, 'zh')).toBe(text);
  });
});

describe('notes on a case timeline', () => {
  const note = { code: 'warningClueWithdrawn', params: { warningId: 'w1', clueId: 'c1', wasFirstClue: true, to: 'noRisk' } };
  it('a warning clue withdrawn from a case that goes on, in both languages', () => {
    expect(describeCaseNote(note, 'zh')).toBe('预警核实结果已更正（无风险），该预警线索撤出本案；案件依其他线索继续办理，立案线索虽已撤出，线索日期和办理时限不变');
    const en = describeCaseNote({ ...note, params: { ...note.params, wasFirstClue: false, to: 'reopen' } }, 'en');
    expect(en).toBe("The warning's verification was corrected (back to verification) and its clue withdrawn from this case; the case goes on on its other clues, with the same clue date and deadline");
    expect(en).not.toMatch(HAN);
  });
  it('nothing for an entry without a note or with an unknown code', () => {
    expect(describeCaseNote(undefined, 'zh')).toBeNull();
    expect(describeCaseNote({ code: 'somethingElse', params: {} }, 'en')).toBeNull();
  });
});
