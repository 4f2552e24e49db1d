import { describe, expect, it } from 'vitest';
import { DEFAULT_RULE_SET_VERSIONS, resolveRuleSet } from '@fangpin/domain';
import i18n from '../i18n';
import type { RuleSet, RuleSetVersionItem } from '../api/types';
import { fieldMessage, formatRuleValue, overrideSummary, readableNote, regionDisplayName, ruleFieldLabel } from './labels';
import {
  changedRules,
  formFieldOf,
  formValuesFrom,
  isIsoDate,
  mergeOverrides,
  nextJanuaryFirst,
  overridePaths,
  ownVersionInForce,
  regionChain,
  regionLevelOf,
} from './rule-model';

/** The demo county's rules in force (乐业县, township notice, 2026 era), as the server resolves them. */
const RULES: RuleSet = resolveRuleSet(DEFAULT_RULE_SET_VERSIONS, '451028000000', '2026-11-29');

const version = (v: Partial<RuleSetVersionItem> & { version: string }): RuleSetVersionItem => ({
  regionCode: '451028000000',
  effectiveFrom: '2021-01-01',
  rules: {},
  note: null,
  createdBy: 'system',
  createdByDisplayName: null,
  createdAt: '2026-11-29T00:00:00.000Z',
  ...v,
});

describe('region codes', () => {
  it('knows the level of a 12-digit code', () => {
    expect(regionLevelOf('450000000000')).toBe('province');
    expect(regionLevelOf('451000000000')).toBe('city');
    expect(regionLevelOf('451028')).toBe('county');
    expect(regionLevelOf('451028101000')).toBe('township');
    expect(regionLevelOf('451028101201')).toBe('village');
  });

  it('lists the ancestors province first', () => {
    expect(regionChain('451028101201')).toEqual([
      '450000000000',
      '451000000000',
      '451028000000',
      '451028101000',
      '451028101201',
    ]);
  });

  it('names unknown regions by level and code', () => {
    const t = i18n.getFixedT('zh-CN');
    const names = new Map([['451028000000', '乐业县']]);
    expect(regionDisplayName(t, '451028', names)).toBe('乐业县');
    expect(regionDisplayName(t, '450000000000', names)).toBe('省级规则 450000');
  });
});

describe('dates', () => {
  it('defaults the effective date to next 1 January', () => {
    expect(nextJanuaryFirst('2026-11-29')).toBe('2027-01-01');
    expect(nextJanuaryFirst('2026-01-01')).toBe('2027-01-01');
  });

  it('accepts only real dates', () => {
    expect(isIsoDate('2027-01-01')).toBe(true);
    expect(isIsoDate('2027-02-30')).toBe(false);
    expect(isIsoDate('2027-1-1')).toBe(false);
  });
});

describe('the new-version form', () => {
  it('submits only what changed', () => {
    const values = { ...formValuesFrom(RULES), effectiveFrom: '2027-01-01' };
    expect(changedRules(RULES, values)).toEqual({});
    expect(changedRules(RULES, { ...values, amount: 9600, lineYear: 2027, medicalFormerlyPoor: 6000 })).toEqual({
      monitoringLine: { yuanPerPersonYear: 9600, year: 2027 },
      departmentSignals: { medicalOutOfPocket: { formerlyPoor: 6000 } },
    });
    expect(changedRules(RULES, { ...values, identificationUnit: 'working' })).toEqual({
      identificationLimit: { days: 15, unit: 'working' },
    });
    // 帮扶干部查看范围: the county lets its helping cadres read their region.
    expect(values.helperReadScope).toBe('assigned');
    expect(changedRules(RULES, { ...values, helperReadScope: 'region' })).toEqual({ helperReadScope: 'region' });
  });

  it('carries the region’s own earlier override forward', () => {
    const versions = [
      version({ version: 'leye-2027.1', effectiveFrom: '2027-06-01', rules: { noticeDays: 9 } }),
      version({ version: 'leye-2021.1', rules: { noticeLevel: 'township', monitoringLine: { year: 2026 } } }),
      version({
        version: 'gx-2026.1',
        regionCode: '450000000000',
        effectiveFrom: '2026-01-01',
        rules: { noticeDays: 5 },
      }),
    ];
    const base = ownVersionInForce(versions, '451028', '2027-01-01');
    expect(base?.version).toBe('leye-2021.1');
    expect(mergeOverrides(base?.rules ?? {}, { monitoringLine: { yuanPerPersonYear: 9600 } })).toEqual({
      noticeLevel: 'township',
      monitoringLine: { year: 2026, yuanPerPersonYear: 9600 },
    });
    expect(ownVersionInForce(versions, '451028000000', '2027-06-01')?.version).toBe('leye-2027.1');
  });

  it('puts a server error on its field', () => {
    expect(formFieldOf('rules.noticeDays')).toBe('noticeDays');
    expect(formFieldOf('rules.monitoringLine.yuanPerPersonYear')).toBe('amount');
    expect(formFieldOf('rules')).toBeNull();
    expect(formFieldOf(undefined)).toBeNull();
    const t = i18n.getFixedT('zh-CN');
    expect(fieldMessage(t, 'rules.noticeDays: Too small: expected number to be >=5')).toBe('不能小于 5');
    expect(fieldMessage(t, 'rules.x: Too small: expected number to be >0')).toBe('必须大于 0');
  });
});

describe('labels', () => {
  const t = i18n.getFixedT('zh-CN');

  it('labels rule paths and formats their values', () => {
    expect(ruleFieldLabel(t, 'monitoringLine.yuanPerPersonYear')).toBe('监测线');
    expect(ruleFieldLabel(t, 'identificationLimit.unit')).toBe('识别认定时限（计日方式）');
    expect(ruleFieldLabel(t, 'calendar.manualYears.2027.holidays')).toBe('手工维护节假日 · 2027.holidays');
    expect(formatRuleValue(t, 'monitoringLine.yuanPerPersonYear', 9600, 'zh-CN')).toBe('9,600 元');
    expect(formatRuleValue(t, 'noticeLevel', 'village', 'zh-CN')).toBe('村级公示');
    expect(formatRuleValue(t, 'helperReadScope', 'region', 'zh-CN')).toBe('本辖区全部农户（只读）');
    expect(formatRuleValue(t, 'stepLimits.callback', null, 'zh-CN')).toBe('不单独设时限');
    expect(formatRuleValue(t, 'identificationLimit', { days: 20, unit: 'working' }, 'zh-CN')).toBe('20 个工作日');
    expect(formatRuleValue(t, 'redFlags.vehicleKinds', ['car', 'van'], 'zh-CN')).toBe('小汽车、面包车');
    expect(formatRuleValue(t, 'departmentSignals.operatingIncomeDropRatio', 0.5, 'zh-CN')).toBe('50%');
  });

  it('summarises an override by its paths, complete defaults by a count', () => {
    expect(
      overridePaths({ monitoringLine: { yuanPerPersonYear: 1 }, identificationLimit: { days: 1, unit: 'working' } }),
    ).toEqual(['monitoringLine.yuanPerPersonYear', 'identificationLimit']);
    expect(overrideSummary(t, { noticeLevel: 'township' })).toEqual({ labels: ['公示层级'], complete: false });
    const { [`version`]: _v, regionCode: _r, resolvedFor: _f, sources: _s, ...body } = RULES;
    expect(overrideSummary(t, body).complete).toBe(true);
  });
});

describe('readableNote', () => {
  const t = i18n.getFixedT('zh-CN');
  it.each([
    [
      '广西以脱贫攻坚期国家扶贫标准的1.5倍作为监测指导线 [S27]。本年数值未找到官方公布数（UNCERTAIN），为演示用推算值。',
      '广西以脱贫攻坚期国家扶贫标准的1.5倍作为监测指导线。本年数值未找到官方公布数（待核实），为演示用推算值。',
    ],
    ['经营收入同比下降 50% [S76 UNCERTAIN] [S14]', '经营收入同比下降 50%'],
    ['乐业县：乡镇公示', '乐业县：乡镇公示'],
  ])('%s → %s', (note, expected) => expect(readableNote(t, note)).toBe(expected));
});
