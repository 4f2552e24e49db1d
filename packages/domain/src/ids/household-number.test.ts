import { describe, expect, it } from 'vitest';
import { isHouseholdNumber, normalizeHouseholdNumber } from './household-number.ts';

describe('normalizeHouseholdNumber', () => {
  it.each([
    [' 451028201201000001 ', '451028201201000001'],
    ['４５１０２８２０１２０１０００００１', '451028201201000001'],
    ["'451028201201000001", '451028201201000001'],
    ['4510 2820', '4510 2820'],
    ['', ''],
  ])('%j → %j', (raw, expected) => {
    expect(normalizeHouseholdNumber(raw)).toBe(expected);
  });
});

describe('isHouseholdNumber', () => {
  it.each([
    ['4510282012', true],
    ['451028201201000001', true],
    ['451028201201001000001', true],
    ['451028201201001000001234', true],
    ['451028201', false],
    ['4510282012010010000012345', false],
    ['', false],
    ['   ', false],
    ['4510 28201201000001', false],
    [' 451028201201000001', false],
    ['45102820120100000A', false],
    ['4.51028E+17', false],
    ['４５１０２８２０１２０１０００００１', false],
  ])('%j → %s', (s, expected) => {
    expect(isHouseholdNumber(s)).toBe(expected);
  });
});
