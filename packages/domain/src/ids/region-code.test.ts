import { describe, expect, it } from 'vitest';
import type { RegionLevel } from './region-code.ts';
import {
  countyCodeOf,
  isKnownProvinceCode,
  isRegionCode,
  isWithinRegion,
  normalizeRegionCode,
  parentRegionCode,
  regionLevelOf,
  regionSignificantPrefix,
} from './region-code.ts';

const PROVINCE = '450000000000';
const CITY = '451000000000';
const COUNTY = '451028000000';
const TOWNSHIP = '451028201000';
const VILLAGE = '451028201201';
const GROUP = '451028201201001';

describe('isRegionCode', () => {
  it.each([
    [PROVINCE, true],
    [CITY, true],
    [COUNTY, true],
    [TOWNSHIP, true],
    [VILLAGE, true],
    [GROUP, true],
    ['110101001001', true],
    ['000000000000', false],
    ['450028000000', false], // county without city part
    ['451000100000', false], // township without county part
    ['451028000201', false], // village without township part
    ['451028201000001', false], // group without village part
    ['451028201201000', false], // group part zero
    ['45102820120', false],
    ['4510282012010', false],
    ['45102820120100', false],
    ['4510282012010011', false],
    ['45102820120a', false],
    [' 451028201201', false],
    ['', false],
  ])('%j → %s', (code, expected) => {
    expect(isRegionCode(code)).toBe(expected);
  });
});

describe('isKnownProvinceCode', () => {
  it.each([
    ['11', true],
    ['45', true],
    ['65', true],
    ['82', true],
    ['00', false],
    ['16', false],
    ['83', false],
    ['99', false],
  ])('%s → %s', (code, expected) => {
    expect(isKnownProvinceCode(code)).toBe(expected);
  });
});

describe('normalizeRegionCode', () => {
  it.each([
    ['45', PROVINCE],
    ['4510', CITY],
    ['451028', COUNTY],
    ['451028201', TOWNSHIP],
    [VILLAGE, VILLAGE],
    [GROUP, GROUP],
    [' 451028 ', COUNTY],
  ])('%j → %s', (code, expected) => {
    expect(normalizeRegionCode(code)).toBe(expected);
  });

  it.each([
    ['45102a', /digits only/],
    ['', /digits only/],
    ['4510-28', /digits only/],
    ['451', /2, 4, 6, 9, 12 or 15 digits/],
    ['4510282012010011', /2, 4, 6, 9, 12 or 15 digits/],
    ['00', /not structurally valid/],
    ['450028', /not structurally valid/],
  ])('%j throws %s', (code, message) => {
    expect(() => normalizeRegionCode(code)).toThrow(message);
  });
});

describe('regionLevelOf / regionSignificantPrefix / countyCodeOf / parentRegionCode', () => {
  it.each<[string, RegionLevel, string, string | null]>([
    [PROVINCE, 'province', '45', null],
    [CITY, 'city', '4510', PROVINCE],
    [COUNTY, 'county', '451028', CITY],
    [TOWNSHIP, 'township', '451028201', COUNTY],
    [VILLAGE, 'village', VILLAGE, TOWNSHIP],
    [GROUP, 'group', GROUP, VILLAGE],
    ['451028', 'county', '451028', CITY],
  ])('%s is a %s with prefix %s and parent %s', (code, level, prefix, parent) => {
    expect(regionLevelOf(code)).toBe(level);
    expect(regionSignificantPrefix(code)).toBe(prefix);
    expect(parentRegionCode(code)).toBe(parent);
  });

  it.each([
    [COUNTY, '451028'],
    [TOWNSHIP, '451028'],
    [VILLAGE, '451028'],
    [GROUP, '451028'],
  ])('countyCodeOf(%s) → %s', (code, county) => {
    expect(countyCodeOf(code)).toBe(county);
  });

  it.each([[PROVINCE], [CITY]])('countyCodeOf(%s) throws', (code) => {
    expect(() => countyCodeOf(code)).toThrow(/no single county/);
  });

  it.each([['xyz'], ['000000000000']])('regionLevelOf(%j) throws', (code) => {
    expect(() => regionLevelOf(code)).toThrow();
  });
});

describe('isWithinRegion', () => {
  it.each([
    [VILLAGE, VILLAGE, true],
    [VILLAGE, TOWNSHIP, true],
    [VILLAGE, COUNTY, true],
    [VILLAGE, '451028', true],
    [VILLAGE, CITY, true],
    [VILLAGE, PROVINCE, true],
    [GROUP, VILLAGE, true],
    [GROUP, PROVINCE, true],
    [VILLAGE, GROUP, false],
    [TOWNSHIP, VILLAGE, false],
    [COUNTY, TOWNSHIP, false],
    ['451028100201', TOWNSHIP, false], // sibling township
    ['451029100201', COUNTY, false], // neighbouring county
    ['452028100201', CITY, false],
    ['440000000000', PROVINCE, false],
    ['not-a-code', PROVINCE, false],
    [VILLAGE, 'not-a-code', false],
    [VILLAGE, '000000000000', false],
  ])('%s within %s → %s', (code, ancestor, expected) => {
    expect(isWithinRegion(code, ancestor)).toBe(expected);
  });
});
