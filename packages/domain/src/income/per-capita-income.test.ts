import { describe, expect, it } from 'vitest';
import { type IncomeAccountingInput, caseIncomeWindow, computeIncomeAccount, householdSize, incomeWindow, isInWindow, recordsOutsideWindow } from './per-capita-income.ts';

const rules = { incomeWindowMonths: 12, householdSizeBasis: 'coResident' as const };

describe('incomeWindow', () => {
  it.each([
    ['2021-06-15', 12, '2020-06', '2021-05'],
    ['2021-01-01', 12, '2020-01', '2020-12'],
    ['2021-03-31', 12, '2020-03', '2021-02'],
    ['2021-03-10', 6, '2020-09', '2021-02'],
  ])('applied %s, %i months → %s … %s', (date, months, from, to) => {
    expect(incomeWindow(date, months)).toEqual({ fromMonth: from, toMonth: to, months });
  });

  it.each([
    ['2020-06', true],
    ['2021-05-31', true],
    ['2020-05', false],
    ['2021-06', false],
  ])('%s in 2020-06…2021-05: %s', (month, inside) => {
    expect(isInWindow(incomeWindow('2021-06-15', 12), month)).toBe(inside);
  });
});

describe('householdSize', () => {
  const members = [{}, { isCoResident: false }, { isRegistered: false }, { isLegalSupporter: true, isCoResident: false }];
  it.each([
    ['coResident', 2],
    ['registered', 2],
  ] as const)('%s → %i', (basis, n) => expect(householdSize(members, basis)).toBe(n));
});

describe('computeIncomeAccount', () => {
  const base: IncomeAccountingInput = {
    applicationDate: '2021-06-15',
    members: [{}, {}, {}],
    incomes: [
      { component: 'wage', amount: 12000, month: '2020-08' },
      { component: 'operating', amount: 8000, month: '2020-10' },
      { component: 'property', amount: 500, month: '2021-01' },
      { component: 'transfer', amount: 1500.5, month: '2021-05' },
      { component: 'wage', amount: 99999, month: '2021-06' },
      { component: 'wage', amount: 99999, month: '2020-05' },
    ],
    operatingCosts: [{ amount: 2000, month: '2020-10' }, { amount: 5000, month: '2019-10' }],
    insuranceClaims: [{ amount: 3000, month: '2021-02' }],
    compliantOutOfPocket: [
      { kind: 'medical', amount: 4000, grossAmount: 20000, month: '2021-03' },
      { kind: 'education', amount: 1000, month: '2020-09' },
      { kind: 'other', amount: 200, month: '2020-09' },
    ],
  };

  it('sums the window only, keeps claims and out-of-pocket apart', () => {
    const a = computeIncomeAccount(base, rules);
    expect(a).toMatchObject({
      wage: 12000,
      operating: 8000,
      property: 500,
      transfer: 1500.5,
      operatingCosts: 2000,
      netIncome: 20000.5,
      householdSize: 3,
      perCapitaNetIncome: 6666.83,
      insuranceClaims: 3000,
      compliantOutOfPocket: { medical: 4000, education: 1000, other: 200, total: 5200 },
      medicalGrossCosts: 20000,
    });
  });

  it.each([
    ['no members → per capita 0', { members: [] }, 0],
    ['operating loss makes income negative', { incomes: [{ component: 'operating' as const, amount: 1000, month: '2021-01' }], operatingCosts: [{ amount: 4000, month: '2021-01' }] }, -1000],
  ])('%s', (_name, overrides, perCapita) => {
    expect(computeIncomeAccount({ ...base, ...overrides }, rules).perCapitaNetIncome).toBe(perCapita);
  });
});

describe('caseIncomeWindow', () => {
  // A hotline call on 2026-11-23, its home check entered on 2026-11-24 and re-verified in December:
  // every step weighs the same 12 months, those before the clue's month.
  it.each([
    ['2026-11-23', '2025-11', '2026-10'],
    ['2026-12-01', '2025-12', '2026-11'],
    ['2027-01-31', '2026-01', '2026-12'],
  ])('clue on %s → %s … %s', (clueDate, from, to) => {
    expect(caseIncomeWindow(clueDate, rules)).toEqual({ fromMonth: from, toMonth: to, months: 12 });
  });
});

describe('recordsOutsideWindow', () => {
  const window = caseIncomeWindow('2026-11-23', rules);
  it('names every dated record outside the window, list by list, and nothing inside it', () => {
    expect(
      recordsOutsideWindow(window, {
        incomes: [
          { amount: 52000, month: '2026-11' },
          { amount: 100, month: '2026-10' },
          { amount: 7, month: '2025-10-31' },
        ],
        operatingCosts: [{ amount: 9000, month: '2025-11' }],
        rigidSpending: [{ amount: 3000, month: '2026-12' }],
      }),
    ).toEqual([
      { list: 'incomes', index: 0, month: '2026-11', amount: 52000 },
      { list: 'incomes', index: 2, month: '2025-10', amount: 7 },
      { list: 'rigidSpending', index: 0, month: '2026-12', amount: 3000 },
    ]);
  });

  it('income accounting returns what it left out instead of dropping it silently', () => {
    const a = computeIncomeAccount({ applicationDate: '2021-06-15', members: [{}], incomes: [{ component: 'wage', amount: 52000, month: '2021-06' }], operatingCosts: [] }, rules);
    expect(a.netIncome).toBe(0);
    expect(a.outsideWindow).toEqual([{ list: 'incomes', index: 0, month: '2021-06', amount: 52000 }]);
  });
});
