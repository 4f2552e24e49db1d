import { describe, expect, it } from 'vitest';
import {
  DISASTER_SUBTYPE_CODES,
  RISK_TYPES,
  RISK_TYPE_CODES,
  isNaturalDisasterRisk,
  isRiskTypeCode,
  riskTypeByCode,
} from './risk-types.ts';
import { MEASURE_CATEGORIES, isMeasureCategoryName, measureCategoryByCode } from './measure-categories.ts';

describe('risk types', () => {
  it.each([
    ['01', '因病'],
    ['0201', '因自然灾害（洪涝）'],
    ['0299', '因自然灾害（其他）'],
    ['03', '因残'],
    ['04', '缺劳动力'],
    ['05', '因意外事故'],
    ['06', '因产业项目失败'],
    ['07', '因务工就业不稳'],
    ['09', '因学'],
    ['10', '因安全住房'],
    ['11', '因安全饮水'],
    ['99', '其他'],
  ])('%s is %s', (code, zh) => {
    expect(isRiskTypeCode(code)).toBe(true);
    expect(riskTypeByCode(code)?.zh).toBe(zh);
  });

  it.each([['08'], ['02'], ['0207'], ['']])('%s is not a risk code', (code) => {
    expect(isRiskTypeCode(code)).toBe(false);
  });

  it('has seven disaster subtypes, all natural disasters', () => {
    const codes = Object.values(DISASTER_SUBTYPE_CODES);
    expect(codes).toHaveLength(7);
    expect(codes.every(isNaturalDisasterRisk)).toBe(true);
    expect(isNaturalDisasterRisk(RISK_TYPES.illness.code)).toBe(false);
  });

  it('codes are unique', () => {
    expect(new Set(RISK_TYPE_CODES).size).toBe(RISK_TYPE_CODES.length);
  });
});

describe('measure categories', () => {
  it.each([
    ['01', 'industry'],
    ['05', 'health'],
    ['08', 'socialProtection'],
    ['12', 'relocation'],
  ])('%s is %s', (code, name) => {
    expect(measureCategoryByCode(code)?.name).toBe(name);
    expect(isMeasureCategoryName(name)).toBe(true);
  });

  it('codes are unique', () => {
    const codes = Object.values(MEASURE_CATEGORIES).map((m) => m.code);
    expect(new Set(codes).size).toBe(codes.length);
  });
});
