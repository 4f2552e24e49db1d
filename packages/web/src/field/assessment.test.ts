import { assessHousehold, DEFAULT_RULE_SET_VERSIONS, resolveRuleSet, VerificationDataSchema, type HouseholdAssessment } from '@fangpin/domain';
import { describe, expect, it } from 'vitest';
import { buildVerificationData, type VerificationValues } from '../cases/case-model';
import { amountTyped, fullDraft, memberOf, monthsOutsideWindow, newVerificationDraft, provisionalAssessment, verificationEventData, type VerificationDraft } from './assessment.ts';
import type { FieldCase } from './offline/types.ts';

// The phone's home verification (docs/field-app.md): its spending and declared assets go into the
// event as the web's form sends them, and its provisional assessment is the server's.

const TODAY = '2026-12-04';
const ruleSet = resolveRuleSet(DEFAULT_RULE_SET_VERSIONS, '451028', '2026-11-20');

/** A case at the home check as the snapshot holds it: a couple of 马庄村, clue of 20 November 2026. */
const c: FieldCase = {
  id: 'case-1',
  caseNumber: 'SB-2026-0001',
  step: 'homeVerification',
  version: 2,
  regionCode: '451028101201',
  clueDate: '2026-11-20',
  householdId: 'hh-1',
  incomeWindow: { fromMonth: '2025-11', toMonth: '2026-10', months: 12 },
  household: {
    id: 'hh-1',
    householdNumber: '4510281012010001',
    headName: '黄大河',
    type: 'ordinary',
    size: 2,
    members: [
      { id: 'm-1', name: '黄大河', relation: '01', sex: '1', birthYear: 1970, idMasked: '451028********0011', labourCapacity: 'full', health: 'healthy', schooling: 'junior', migrantMonths: null },
      { id: 'm-2', name: '韦小梅', relation: '10', sex: '2', birthYear: 1972, idMasked: '451028********0022', labourCapacity: 'partial', health: 'chronic', schooling: 'primary', migrantMonths: null },
    ],
  },
  ruleSet,
};

/** What the cadre typed: 30,000 yuan of wages, consent signed. */
const typed = (more: Partial<VerificationDraft> = {}): VerificationDraft => ({
  ...newVerificationDraft(c, TODAY),
  consentSigned: true,
  incomes: [{ component: 'wage', amount: '30000', month: '2026-06' }],
  ...more,
});

/**
 * The assessment the server makes of this event: the data parsed by the event's own contract (what
 * the server stores in `facts.verification`), then the input `assessmentInputOf` builds from it
 * (modules/cases/case-facts.ts) — before the property check, the assets are the declared ones.
 */
function asTheServerAssesses(data: unknown): HouseholdAssessment {
  const v = VerificationDataSchema.parse(data);
  const registry = c.household!.members.map((m) => memberOf(m, TODAY));
  return assessHousehold(
    {
      id: c.household!.id,
      regionCode: c.regionCode,
      householdType: 'ordinary',
      applicationDate: c.clueDate,
      members: v.members ? v.members.map((m) => ({ ...m, birthDate: registry.find((r) => r.id === m.id)!.birthDate })) : registry,
      incomes: v.incomes,
      operatingCosts: v.operatingCosts,
      insuranceClaims: v.insuranceClaims,
      compliantOutOfPocket: v.compliantOutOfPocket,
      rigidSpending: v.rigidSpending,
      assets: v.assets,
      problems: v.problems,
      suddenEvents: v.suddenEvents,
    },
    ruleSet,
    TODAY,
  );
}

describe('provisional assessment with spending and assets', () => {
  it('a medical out-of-pocket figure turns "not within scope" into 突发严重困难户 with 因病, exactly as the server assesses the same event', () => {
    const without = typed();
    const withMedical = typed({ medical: [{ amount: '26000', month: '2026-03' }] });
    const before = provisionalAssessment(c, without, TODAY)!;
    const after = provisionalAssessment(c, withMedical, TODAY)!;
    expect(before).toEqual(asTheServerAssesses(verificationEventData(c, without, TODAY)));
    expect(after).toEqual(asTheServerAssesses(verificationEventData(c, withMedical, TODAY)));

    expect(before.perCapitaNetIncome).toBe(15000);
    expect(before.perCapitaNetIncome).toBeGreaterThan(ruleSet.monitoringLine.yuanPerPersonYear);
    expect(before.isWithinScope).toBe(false);
    // 26,000 of compliant out-of-pocket over 2 persons: 2,000 a head after it, below the line.
    expect(after.perCapitaIncomeAfterRigidSpending).toBe(2000);
    expect(after.suggestedCategory).toBe('sudden');
    expect(after.riskTypes).toContain('01');
    expect(after.reasons.map((r) => r.code)).toEqual(expect.arrayContaining(['medicalSpendingAboveThreshold', 'rigidSpending', 'rigidSpendingBringsBelowLine']));
  });

  it('other rigid spending is deducted after income (funeral), and education spending counts toward 因学, as on the server', () => {
    const funeral = typed({ rigid: [{ kind: 'funeral', amount: '8000', month: '2026-05' }] });
    const a = provisionalAssessment(c, funeral, TODAY)!;
    expect(a).toEqual(asTheServerAssesses(verificationEventData(c, funeral, TODAY)));
    expect(a.perCapitaNetIncome).toBe(15000);
    expect(a.perCapitaIncomeAfterRigidSpending).toBe(11000);
    expect(a.reasons.find((r) => r.code === 'rigidSpending')?.numbers).toMatchObject({ otherRigidSpending: 8000, rigidSpendingTotal: 8000 });

    const school = typed({ rigid: [{ kind: 'education', amount: String(ruleSet.departmentSignals.educationCostPerSchoolYear + 1000), month: '2026-09' }] });
    const s = provisionalAssessment(c, school, TODAY)!;
    expect(s).toEqual(asTheServerAssesses(verificationEventData(c, school, TODAY)));
    expect(s.reasons.map((r) => r.code)).toContain('educationCostAboveThreshold');
  });

  it('a declared van is a red flag to explain at the deliberation; a licence row without its name is left out, as the web leaves it out', () => {
    const draft = typed({ assets: { vehicles: [{ kind: 'van', description: ' 二手面包车 ' }], licences: [{ name: '  ' }], housing: [], hiresLabour: false, largeScaleFarming: true } });
    const a = provisionalAssessment(c, draft, TODAY)!;
    expect(a).toEqual(asTheServerAssesses(verificationEventData(c, draft, TODAY)));
    expect(a.redFlags.map((f) => f.code)).toEqual(['vehicle', 'largeScaleFarming']);
    expect(a.needsExplanation).toBe(true);
  });

  it('a spending row in a month outside the income window is not counted by the domain, and the form says so (it is not queued)', () => {
    const late = typed({ medical: [{ amount: '26000', month: '2026-11' }] });
    expect(monthsOutsideWindow(c, fullDraft(c, late, TODAY))).toEqual(['2026-11']);
    const a = provisionalAssessment(c, late, TODAY)!;
    expect(a.reasons.map((r) => r.code)).toContain('recordsOutsideWindow');
    expect(a.isWithinScope).toBe(false);
    expect(monthsOutsideWindow(c, fullDraft(c, typed({ medical: [{ amount: '', month: '2026-11' }] }), TODAY))).toEqual([]);
  });
});

describe('the event data', () => {
  it("is the web's home-verification data for the same answers: incomes, compliant medical out-of-pocket, rigid spending, assets", () => {
    const phone = verificationEventData(
      c,
      typed({
        medical: [{ amount: '26000.5', month: '2026-03' }, { amount: '', month: '2026-04' }, { amount: '0', month: '2026-04' }],
        rigid: [{ kind: 'funeral', amount: '8000', month: '2026-05' }],
        assets: { vehicles: [{ kind: 'van', description: ' 二手面包车 ' }, { kind: 'tricycle', description: '' }], licences: [{ name: '' }, { name: '黄记小卖部' }], housing: [{ description: '县城 90 平方米' }], hiresLabour: true, largeScaleFarming: false },
        notes: ' 已核实 ',
      }),
      TODAY,
    );
    const values: VerificationValues = {
      members: [],
      incomes: [{ component: 'wage', amount: 30000, month: '2026-06' }],
      operatingCosts: [],
      medicalOutOfPocket: [{ amount: 26000.5, month: '2026-03' }, { amount: null, month: '2026-04' }, { amount: 0, month: '2026-04' }],
      rigidSpending: [{ kind: 'funeral', amount: 8000, month: '2026-05' }],
      vehicles: [{ kind: 'van', description: ' 二手面包车 ' }, { kind: 'tricycle', description: '' }],
      businessLicences: [{ name: '' }, { name: '黄记小卖部' }],
      urbanHousing: [{ description: '县城 90 平方米' }],
      hiresLabour: true,
      largeScaleFarming: false,
      problems: [],
      suddenEvents: [],
      notes: ' 已核实 ',
      consentSigned: true,
    };
    const web = buildVerificationData(values, '2026-10');
    for (const field of ['consentSigned', 'incomes', 'compliantOutOfPocket', 'rigidSpending', 'assets', 'notes'] as const) expect(phone[field], field).toEqual(web[field]);
    // And the server's contract accepts it as sent.
    expect(VerificationDataSchema.safeParse(phone).success).toBe(true);
  });

  it('a draft kept by an older version of the app (no spending, no assets) still loads, and sends empty spending and assets', () => {
    const old = { occurredOn: '2026-12-03', consentSigned: true, photo: null, incomes: [{ component: 'wage', amount: '9000', month: '2026-10' }], problems: { compulsoryEducation: false, basicMedical: true, housingSafety: false, drinkingWater: false }, notes: '' } as VerificationDraft;
    expect(fullDraft(c, old, TODAY)).toMatchObject({ occurredOn: '2026-12-03', medical: [], rigid: [], assets: { vehicles: [], licences: [], housing: [], hiresLabour: false, largeScaleFarming: false } });
    expect(verificationEventData(c, old, TODAY)).toMatchObject({ compliantOutOfPocket: [], rigidSpending: [], assets: { vehicles: [], businessLicences: [], urbanCommercialHousing: [], hiresLabour: false, largeScaleFarming: false } });
    expect(provisionalAssessment(c, old, TODAY)).toEqual(asTheServerAssesses(verificationEventData(c, old, TODAY)));
  });

  it('amounts typed on the number pad keep digits and one decimal point, two decimals at most', () => {
    expect(amountTyped('1,200.555')).toBe('1200.55');
    expect(amountTyped('12.3.4')).toBe('12.34');
    expect(amountTyped('')).toBe('');
  });
});
