import { describe, expect, it } from 'vitest';
import { DEFAULT_RULE_SET_VERSIONS } from '../rulesets/defaults/guangxi.ts';
import { resolveRuleSet } from '../rulesets/resolve-rule-set.ts';
import {
  type QualityContext,
  type QualityHousehold,
  QUALITY_CHECKS,
  checkAllowanceWithoutTransferIncome,
  checkAssistedEliminationBelowLine,
  checkHighIncomeSinceYear,
  checkIllnessWithoutOutOfPocket,
  checkImplausibleWageIncome,
  checkNoLabourNotFlagged,
  checkProblemWithoutRiskType,
  checkQuickAssistedElimination,
  runQualityChecks,
} from './data-quality-checks.ts';

const ctx: QualityContext = {
  thresholds: resolveRuleSet(DEFAULT_RULE_SET_VERSIONS, '451028', '2024-01-01').quality,
  monitoringLineFor: (region, year) => {
    try {
      return resolveRuleSet(DEFAULT_RULE_SET_VERSIONS, region, `${year}-12-31`).monitoringLine.yuanPerPersonYear;
    } catch {
      return undefined;
    }
  },
};

const clean: QualityHousehold = {
  id: 'h',
  regionCode: '451028',
  riskTypes: ['07'],
  identifiedOn: '2022-03',
  perCapitaNetIncome: 6000,
  wageIncome: 12000,
  transferIncome: 1200,
  compliantOutOfPocket: 0,
  enjoys: { dibao: false, tekun: false, disabilityAllowance: false },
  problems: { housingSafety: false, drinkingWater: false },
  elimination: null,
  members: [{ labourCapacity: 'full' }, { labourCapacity: 'notApplicable' }],
  isNoLabourSafetyNetHousehold: false,
};
const h = (o: Partial<QualityHousehold>): QualityHousehold => ({ ...clean, ...o });

type Check = (x: QualityHousehold, c: QualityContext) => unknown;
const cases: [string, Check, QualityHousehold, boolean][] = [
  ['dibao with transfer 0', checkAllowanceWithoutTransferIncome, h({ enjoys: { dibao: true, tekun: false, disabilityAllowance: false }, transferIncome: 0 }), true],
  ['特困 with transfer 0', checkAllowanceWithoutTransferIncome, h({ enjoys: { dibao: false, tekun: true, disabilityAllowance: false }, transferIncome: 0 }), true],
  ['disability allowance with transfer 0', checkAllowanceWithoutTransferIncome, h({ enjoys: { dibao: false, tekun: false, disabilityAllowance: true }, transferIncome: 0 }), true],
  ['dibao with transfer > 0', checkAllowanceWithoutTransferIncome, h({ enjoys: { dibao: true, tekun: false, disabilityAllowance: false } }), false],
  ['no allowance, transfer 0', checkAllowanceWithoutTransferIncome, h({ transferIncome: 0 }), false],
  ['因病 with OOP 0', checkIllnessWithoutOutOfPocket, h({ riskTypes: ['01'], compliantOutOfPocket: 0 }), true],
  ['因病 with OOP > 0', checkIllnessWithoutOutOfPocket, h({ riskTypes: ['01'], compliantOutOfPocket: 300 }), false],
  ['wage 0', checkImplausibleWageIncome, h({ wageIncome: 0 }), false],
  ['wage 0.5', checkImplausibleWageIncome, h({ wageIncome: 0.5 }), true],
  ['wage 99.99', checkImplausibleWageIncome, h({ wageIncome: 99.99 }), true],
  ['wage 100', checkImplausibleWageIncome, h({ wageIncome: 100 }), false],
  ['identified 2023 with 20 001', checkHighIncomeSinceYear, h({ identifiedOn: '2023-01', perCapitaNetIncome: 20001 }), true],
  ['identified 2023 with 20 000', checkHighIncomeSinceYear, h({ identifiedOn: '2023-01', perCapitaNetIncome: 20000 }), false],
  ['identified 2022 with 30 000', checkHighIncomeSinceYear, h({ identifiedOn: '2022-12-31', perCapitaNetIncome: 30000 }), false],
  ['assisted elimination after 2 months', checkQuickAssistedElimination, h({ identifiedOn: '2022-03', elimination: { mode: 'assisted', date: '2022-05-20' } }), true],
  ['assisted elimination in the same month', checkQuickAssistedElimination, h({ identifiedOn: '2022-03-01', elimination: { mode: 'assisted', date: '2022-03-25' } }), true],
  ['assisted elimination after 3 months', checkQuickAssistedElimination, h({ identifiedOn: '2022-03', elimination: { mode: 'assisted', date: '2022-06-01' } }), false],
  ['natural elimination after 1 month', checkQuickAssistedElimination, h({ identifiedOn: '2022-03', elimination: { mode: 'natural', date: '2022-04-01' } }), false],
  ['assisted in 2023 below 7200', checkAssistedEliminationBelowLine, h({ elimination: { mode: 'assisted', date: '2023-10-01' }, perCapitaNetIncome: 7199 }), true],
  ['assisted in 2023 at 7200', checkAssistedEliminationBelowLine, h({ elimination: { mode: 'assisted', date: '2023-10-01' }, perCapitaNetIncome: 7200 }), false],
  ['assisted: the after-elimination income counts', checkAssistedEliminationBelowLine, h({ elimination: { mode: 'assisted', date: '2023-10-01' }, perCapitaNetIncome: 5000, perCapitaNetIncomeAfterElimination: 9000 }), false],
  ['natural below line', checkAssistedEliminationBelowLine, h({ elimination: { mode: 'natural', date: '2023-10-01' }, perCapitaNetIncome: 5000 }), false],
  ['assisted in a year without a line', checkAssistedEliminationBelowLine, h({ elimination: { mode: 'assisted', date: '2019-10-01' }, perCapitaNetIncome: 10 }), false],
  ['water problem without 11', checkProblemWithoutRiskType, h({ problems: { housingSafety: false, drinkingWater: true } }), true],
  ['water problem with 11', checkProblemWithoutRiskType, h({ problems: { housingSafety: false, drinkingWater: true }, riskTypes: ['11'] }), false],
  ['housing problem without 10', checkProblemWithoutRiskType, h({ problems: { housingSafety: true, drinkingWater: false }, riskTypes: ['11'] }), true],
  ['housing problem with 10', checkProblemWithoutRiskType, h({ problems: { housingSafety: true, drinkingWater: false }, riskTypes: ['10'] }), false],
  ['nobody can work, not flagged', checkNoLabourNotFlagged, h({ members: [{ labourCapacity: 'none' }, { labourCapacity: 'notApplicable' }] }), true],
  ['nobody can work, flagged', checkNoLabourNotFlagged, h({ members: [{ labourCapacity: 'none' }], isNoLabourSafetyNetHousehold: true }), false],
  ['one partial labourer', checkNoLabourNotFlagged, h({ members: [{ labourCapacity: 'partial' }, { labourCapacity: 'none' }] }), false],
];

describe('each check', () => {
  it.each(cases)('%s → finding %s', (_name, check, household, expected) => {
    expect(check(household, ctx) !== null).toBe(expected);
  });

  it('a clean household has no findings in any check', () => {
    for (const c of QUALITY_CHECKS) expect(c.run(clean, ctx)).toBeNull();
  });

  it('there are exactly eight checks', () => expect(QUALITY_CHECKS).toHaveLength(8));
});

describe('runQualityChecks', () => {
  it('reports counts and offending ids per check', () => {
    const report = runQualityChecks(
      [
        clean,
        h({ id: 'a', riskTypes: ['01'], wageIncome: 50 }),
        h({ id: 'b', riskTypes: ['01'] }),
        h({ id: 'c', problems: { housingSafety: true, drinkingWater: true } }),
      ],
      ctx,
    );
    expect(report.householdsChecked).toBe(4);
    expect(report.householdsWithFindings).toBe(3);
    const byName = Object.fromEntries(report.checks.map((c) => [c.check, c]));
    expect(byName.illnessWithoutOutOfPocket).toMatchObject({ count: 2, householdIds: ['a', 'b'] });
    expect(byName.implausibleWageIncome).toMatchObject({ count: 1, householdIds: ['a'] });
    expect(byName.problemWithoutRiskType?.count).toBe(1);
    expect(byName.noLabourNotFlagged?.count).toBe(0);
    expect(report.checks).toHaveLength(8);
    expect(report.findings).toHaveLength(4);
  });
});
