import { describe, expect, it } from 'vitest';
import {
  buildManualFindings,
  buildVerificationData,
  clockTone,
  decisionProblem,
  isEmptyFindings,
  isLate,
  labourCount,
  defaultAmountMonth,
  isMonthInWindow,
  lastMonth,
  membersFromHousehold,
  type VerificationValues,
} from './case-model';
import { caseQueryFromParams, paramsFromCaseQuery } from './case-params';

const TODAY = '2026-11-29';

function summary(over: Partial<{ isOverdue: boolean; stepDueOn: string | null; daysLeft: number; dueOn: string; id: string }>) {
  return { id: 'x', isOverdue: false, stepDueOn: null, daysLeft: 10, dueOn: '2026-12-09', ...over };
}

describe('late cases (the case list marks their rows)', () => {
  it.each([
    ['procedure overdue', summary({ isOverdue: true, daysLeft: -1 }), true],
    ['step overdue', summary({ stepDueOn: '2026-11-28' }), true],
    ['step due today is still in time', summary({ stepDueOn: TODAY }), false],
    ['plenty of time', summary({ stepDueOn: '2026-12-05' }), false],
  ] as const)('%s → %s', (_, c, late) => {
    expect(isLate(c, TODAY)).toBe(late);
  });
});

describe('clock tone', () => {
  it.each([
    [{ isOverdue: true, daysLeft: -2, step: 'propertyCheck' }, 'overdue'],
    [{ isOverdue: false, daysLeft: 2, step: 'propertyCheck' }, 'soon'],
    [{ isOverdue: false, daysLeft: 9, step: 'propertyCheck' }, 'ok'],
    [{ isOverdue: false, daysLeft: -4, step: 'callback' }, 'done'],
    [{ isOverdue: false, daysLeft: 3, step: 'closed' }, 'done'],
  ] as const)('%o → %s', (c, tone) => {
    expect(clockTone(c)).toBe(tone);
  });
});

describe('members from the registry', () => {
  it('maps the registry’s schooling to the assessment’s and keeps unknown codes safe', () => {
    const members = membersFromHousehold(
      [
        { id: '1', name: '小黄', relation: 'head', birthYear: 1994, labourCapacity: 'full', health: 'healthy', schooling: 'juniorHigh', sex: 'male', migrantMonths: null, idMasked: '' },
        { id: '2', name: '儿子', relation: 'son', birthYear: 2014, labourCapacity: 'notApplicable', health: 'healthy', schooling: 'inSchool', sex: 'male', migrantMonths: null, idMasked: '' },
        { id: '3', name: '女儿', relation: 'daughter', birthYear: 2009, labourCapacity: 'weird', health: 'weird', schooling: 'inSchool', sex: 'female', migrantMonths: null, idMasked: '' },
        { id: '4', name: '孙', relation: 'grandson', birthYear: 2022, labourCapacity: null, health: null, schooling: 'preschool', sex: 'male', migrantMonths: null, idMasked: '' },
      ],
      TODAY,
    );
    expect(members.map((m) => m.schooling)).toEqual(['notInSchool', 'compulsory', 'highSchool', 'preschool']);
    expect(members[2]).toMatchObject({ labourCapacity: 'notApplicable', health: 'healthy' });
    // Health the field policy withholds (null) reads as healthy; an unrecorded labour capacity as not applicable.
    expect(members[3]).toMatchObject({ birthYear: 2022, health: 'healthy', labourCapacity: 'notApplicable' });
    expect(labourCount(members)).toBe(1);
  });
});

describe('verification payload', () => {
  const base: VerificationValues = {
    members: [{ id: 'm1', name: '小黄', relation: 'head', birthYear: 1994, labourCapacity: 'full', health: 'healthy', schooling: 'notInSchool' }],
    incomes: [
      { component: 'operating', amount: 42000, month: '2026-06', note: ' 面包车跑运输 ' },
      { component: 'wage', amount: null },
      { amount: 500 },
    ],
    operatingCosts: [{ amount: 9000 }],
    medicalOutOfPocket: [{ amount: 9800, month: 'bad', note: '生娃大出血' }],
    rigidSpending: [{ kind: 'education', amount: 0 }],
    vehicles: [{ kind: 'van', description: '五菱' }, {}],
    businessLicences: [{ name: '个体工商户营业执照' }, { name: '  ' }],
    urbanHousing: [],
    hiresLabour: false,
    largeScaleFarming: false,
    problems: ['drinkingWater'],
    suddenEvents: [{ kind: 'fire', date: '2026-07-14', lossAmount: 80000 }, { kind: 'fire' }],
    notes: '  ',
    consentSigned: true,
  };

  it('leaves out empty rows, dates yearly figures in last month, shapes assets and problems', () => {
    const data = buildVerificationData(base, lastMonth(TODAY));
    expect(data.incomes).toEqual([{ component: 'operating', amount: 42000, month: '2026-06', note: '面包车跑运输' }]);
    expect(data.operatingCosts).toEqual([{ amount: 9000, month: '2026-10' }]);
    expect(data.compliantOutOfPocket).toEqual([{ kind: 'medical', amount: 9800, month: '2026-10', note: '生娃大出血' }]);
    expect(data.rigidSpending).toEqual([]);
    expect(data.assets).toEqual({
      vehicles: [{ kind: 'van', description: '五菱' }],
      businessLicences: [{ name: '个体工商户营业执照' }],
      urbanCommercialHousing: [],
      hiresLabour: false,
      largeScaleFarming: false,
    });
    expect(data.problems).toEqual({
      foodAndClothing: false,
      compulsoryEducation: false,
      basicMedical: false,
      housingSafety: false,
      drinkingWater: true,
    });
    expect(data.suddenEvents).toEqual([{ kind: 'fire', date: '2026-07-14', lossAmount: 80000 }]);
    expect(data).not.toHaveProperty('notes');
    expect(data.consentSigned).toBe(true);
  });

  it('last month crosses the year', () => {
    expect(lastMonth('2027-01-15')).toBe('2026-12');
    expect(lastMonth(TODAY)).toBe('2026-10');
  });

  // Issue 11 item 1: a call 12 days ago (2026-11-23), the home check entered on 2026-12-05 for a
  // visit on 2026-11-24. The 12 months that count end in 2026-10.
  const window = { fromMonth: '2025-11', toMonth: '2026-10' };
  it.each([
    ['the visit’s date, a clue of last month', '2026-11-24', window, '2026-10'],
    ['a date in the month after the clue', '2026-12-05', window, '2026-10'],
    ['no window known', '2026-12-05', undefined, '2026-11'],
    ['a date before the window ends (a clue later than its visit cannot be, but be safe)', '2025-10-20', window, '2025-11'],
  ])('default month: %s', (_name, stepDate, w, expected) => {
    expect(defaultAmountMonth(stepDate, w)).toBe(expected);
  });

  it.each([
    ['2026-10', true],
    ['2025-11', true],
    ['2026-11', false],
    ['2025-10', false],
    [undefined, true],
  ])('%s in 2025-11…2026-10: %s', (month, inside) => {
    expect(isMonthInWindow(month, window)).toBe(inside);
  });

  it('manual findings: empty unless something was found', () => {
    const none = buildManualFindings({ vehicles: [], businessLicences: [], urbanHousing: [], hiresLabour: false, largeScaleFarming: false });
    expect(isEmptyFindings(none)).toBe(true);
    const truck = buildManualFindings({ vehicles: [{ kind: 'truck' }], businessLicences: [], urbanHousing: [], hiresLabour: false, largeScaleFarming: false });
    expect(isEmptyFindings(truck)).toBe(false);
  });
});

describe('county decision checks', () => {
  it.each([
    [{}, 'decisionRequired'],
    [{ decision: 'rejected', reason: ' ' }, 'reasonRequired'],
    [{ decision: 'rejected', reason: '收入高于监测线' }, null],
    [{ decision: 'approved', riskTypes: ['05'] }, 'categoryRequired'],
    [{ decision: 'approved', category: 'sudden', riskTypes: [] }, 'riskTypesRequired'],
    [{ decision: 'approved', category: 'sudden', riskTypes: ['01', '03', '04', '05', '07', '09'] }, 'tooManyRiskTypes'],
    [{ decision: 'approved', category: 'sudden', riskTypes: ['05'] }, null],
  ] as const)('%o → %s', (values, problem) => {
    expect(decisionProblem(values as Parameters<typeof decisionProblem>[0])).toBe(problem);
  });
});

describe('case list filters in the address bar', () => {
  it('round-trips and drops unknown values', () => {
    const query = caseQueryFromParams(new URLSearchParams('step=publicNotice&due=overdue&status=all&page=2&pageSize=50'));
    expect(query).toEqual({ step: 'publicNotice', due: 'overdue', status: 'all', page: 2, pageSize: 50 });
    expect(paramsFromCaseQuery(query).toString()).toBe('step=publicNotice&due=overdue&status=all&page=2&pageSize=50');
    expect(caseQueryFromParams(new URLSearchParams('step=nope&due=late&page=-1&pageSize=7'))).toEqual({ page: 1, pageSize: 20 });
  });
});
