import { describe, expect, it } from 'vitest';
import { isWorkingDay } from '../calendar/working-days.ts';
import { suggestMonitoringLine } from '../income/monitoring-line.ts';
import {
  DEFAULT_RULE_SET_VERSIONS,
  GUANGXI_MONITORING_LINES,
  GUANGXI_RULE_SET_VERSIONS,
} from './defaults/guangxi.ts';
import {
  RuleSetInvalidError,
  RuleSetUnavailableError,
  calendarForRuleSet,
  diffRuleSets,
  mergeRuleSetLayers,
  regionChain,
  resolveRuleSet,
} from './resolve-rule-set.ts';
import { RuleSetOverrideSchema, RuleSetSchema, type RuleSetVersion } from './rule-set.schema.ts';

describe('regionChain', () => {
  it.each([
    ['451028', ['450000000000', '451000000000', '451028000000']],
    ['450000', ['450000000000']],
    ['451028100201', ['450000000000', '451000000000', '451028000000', '451028100000', '451028100201']],
    ['110101', ['110000000000', '110100000000', '110101000000']],
  ])('%s → %j', (code, chain) => expect(regionChain(code)).toEqual(chain));
});

describe('resolveRuleSet over the shipped defaults', () => {
  it.each([
    ['451028', '2021-03-15', 6000, 'gx-2021.1+leye-2021.1', 'township', '2021-2025'],
    ['451028', '2021-12-31', 6000, 'gx-2021.1+leye-2021.1', 'township', '2021-2025'],
    ['451028', '2022-01-01', 6700, 'gx-2022.1+leye-2021.1', 'township', '2021-2025'],
    ['451028', '2026-09-30', 9000, 'gx-2026.1+leye-2021.1', 'township', '2026+'],
    ['451028100201', '2025-06-01', 8400, 'gx-2025.1+leye-2021.1', 'township', '2021-2025'],
    ['451021', '2024-06-01', 7800, 'gx-2024.1', 'village', '2021-2025'],
    ['450000', '2023-06-01', 7200, 'gx-2023.1', 'village', '2021-2025'],
  ])('%s on %s → line %i, version %s, notice %s, era %s', (region, date, line, version, noticeLevel, era) => {
    const rs = resolveRuleSet(DEFAULT_RULE_SET_VERSIONS, region, date);
    expect(rs.monitoringLine.yuanPerPersonYear).toBe(line);
    expect(rs.version).toBe(version);
    expect(rs.noticeLevel).toBe(noticeLevel);
    expect(rs.policyEra).toBe(era);
    expect(RuleSetSchema.safeParse(rs).success).toBe(true);
  });

  it.each([
    ['451028', '2020-12-31'],
    ['440000', '2024-01-01'],
  ])('%s on %s has no rule set', (region, date) => {
    expect(() => resolveRuleSet(DEFAULT_RULE_SET_VERSIONS, region, date)).toThrow(RuleSetUnavailableError);
  });

  it('a county edit for next year changes next year only (issue 3 "Done when")', () => {
    const edited: RuleSetVersion[] = [
      ...DEFAULT_RULE_SET_VERSIONS,
      {
        version: 'leye-2027.1',
        regionCode: '451028',
        effectiveFrom: '2027-01-01',
        rules: { noticeLevel: 'township', monitoringLine: { yuanPerPersonYear: 9500, year: 2027 } },
      },
    ];
    expect(resolveRuleSet(edited, '451028', '2026-12-31').monitoringLine.yuanPerPersonYear).toBe(9000);
    const next = resolveRuleSet(edited, '451028', '2027-01-01');
    expect(next.monitoringLine.yuanPerPersonYear).toBe(9500);
    expect(next.monitoringLine.derivation.factor).toBe(1.5);
    expect(next.version).toBe('gx-2026.1+leye-2027.1');
  });

  it('equal effective dates: the later stored version wins', () => {
    const a = GUANGXI_RULE_SET_VERSIONS[0]!;
    const fix: RuleSetVersion = { ...a, version: 'gx-2021.2', rules: { ...a.rules, noticeDays: 7 } };
    const rs = resolveRuleSet([a, fix], '450000', '2021-05-01');
    expect(rs.noticeDays).toBe(7);
    expect(rs.version).toBe('gx-2021.2');
  });

  it('nested override merges leaf by leaf', () => {
    const county: RuleSetVersion = {
      version: 'c-1',
      regionCode: '451028',
      effectiveFrom: '2021-01-01',
      rules: { departmentSignals: { medicalOutOfPocket: { formerlyPoor: 3000 } } },
    };
    const rs = resolveRuleSet([GUANGXI_RULE_SET_VERSIONS[0]!, county], '451028', '2021-06-01');
    expect(rs.departmentSignals.medicalOutOfPocket).toEqual({ general: 10000, formerlyPoor: 3000 });
    expect(rs.departmentSignals.educationCostPerSchoolYear).toBe(10000);
  });

  it.each([
    ['notice shorter than 5 days', { noticeDays: 3 }],
    ['bad unit', { identificationLimit: { days: 20, unit: 'weeks' } }],
  ])('an override that breaks the schema is refused: %s', (_name, rules) => {
    const county = { version: 'bad', regionCode: '451028', effectiveFrom: '2021-01-01', rules } as RuleSetVersion;
    expect(() => resolveRuleSet([GUANGXI_RULE_SET_VERSIONS[0]!, county], '451028', '2021-06-01')).toThrow(
      RuleSetInvalidError,
    );
  });

  it('an incomplete province default is refused', () => {
    const partial: RuleSetVersion = { version: 'p', regionCode: '450000', effectiveFrom: '2021-01-01', rules: { noticeDays: 5 } };
    expect(() => resolveRuleSet([partial], '450000', '2021-06-01')).toThrow(RuleSetInvalidError);
  });
});

describe('RuleSetOverrideSchema', () => {
  it.each([
    [{ noticeLevel: 'township' }, true],
    [{ departmentSignals: { medicalOutOfPocket: { formerlyPoor: 3000 } } }, true],
    [{ stepLimits: { homeVerification: null } }, true],
    [{ noticeDays: 4 }, false],
    [{ noticeLevle: 'township' }, false],
  ])('%j valid: %s', (rules, ok) => expect(RuleSetOverrideSchema.safeParse(rules).success).toBe(ok));
});

describe('mergeRuleSetLayers and diffRuleSets', () => {
  it('arrays replace, null replaces, undefined keeps', () => {
    const merged = mergeRuleSetLayers([
      { redFlags: { vehicleKinds: ['car', 'van'] }, stepLimits: { callback: { days: 3, unit: 'calendar' } } },
      { redFlags: { vehicleKinds: ['truck'] }, stepLimits: { callback: null, homeVerification: undefined } },
    ]);
    expect(merged.redFlags?.vehicleKinds).toEqual(['truck']);
    expect(merged.stepLimits?.callback).toBeNull();
  });

  it('diff lists changed leaves', () => {
    const a = resolveRuleSet(DEFAULT_RULE_SET_VERSIONS, '451028', '2025-06-01');
    const b = resolveRuleSet(DEFAULT_RULE_SET_VERSIONS, '451028', '2026-06-01');
    const paths = diffRuleSets(a, b).map((c) => c.path);
    expect(paths).toContain('monitoringLine.yuanPerPersonYear');
    expect(paths).toContain('policyEra');
    expect(paths).not.toContain('noticeDays');
  });
});

describe('defaults', () => {
  it.each(Object.entries(GUANGXI_MONITORING_LINES))('Guangxi %s line %i is what the calculator suggests', (year, line) => {
    const rs = resolveRuleSet(DEFAULT_RULE_SET_VERSIONS, '450000', `${year}-06-01`);
    expect(suggestMonitoringLine(rs.monitoringLine.derivation).value).toBe(line);
  });

  it('a rule set calendar with a manual 2027', () => {
    const rs = resolveRuleSet(
      [
        ...DEFAULT_RULE_SET_VERSIONS,
        {
          version: 'gx-2026.2',
          regionCode: '450000',
          effectiveFrom: '2026-12-01',
          rules: {
            ...GUANGXI_RULE_SET_VERSIONS.at(-1)!.rules,
            calendar: { manualYears: { '2027': { holidays: ['2027-01-01'], makeUpWorkdays: [] } } },
          },
        },
      ],
      '451028',
      '2026-12-15',
    );
    const calendar = calendarForRuleSet(rs);
    expect(isWorkingDay(calendar, '2027-01-01')).toBe(false);
    expect(isWorkingDay(calendar, '2027-01-04')).toBe(true);
    expect(calendarForRuleSet(rs)).toBe(calendar);
  });
});
