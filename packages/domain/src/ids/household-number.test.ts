import { describe, expect, it } from 'vitest';
import { isHouseholdNumber, isLocalHouseholdNumber, nextHouseholdNumber, normalizeHouseholdNumber } from './household-number.ts';

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

describe('nextHouseholdNumber', () => {
  it.each([
    ['451028201201', null, '451028201201900001'],
    ['451028201201', '451028201201900123', '451028201201900124'],
    ['451028201201001', '451028201201900009', '451028201201900010'],
    // A number outside the local block (the national system's) does not count.
    ['451028201201', '451028201201000412', '451028201201900001'],
    ['451028201201', '4510282012019001', '451028201201900001'],
  ])('%s after %s → %s', (village, highest, expected) => {
    const next = nextHouseholdNumber(village, highest);
    expect(next).toBe(expected);
    expect(isHouseholdNumber(next)).toBe(true);
    expect(isLocalHouseholdNumber(next)).toBe(true);
  });

  it('refuses a code that is not a village and a block that is used up', () => {
    expect(() => nextHouseholdNumber('451028', null)).toThrow('not a village code');
    expect(() => nextHouseholdNumber('451028201201', '451028201201999999')).toThrow('used up');
  });

  it.each([
    ['451028201201900001', true],
    ['451028201201000001', false],
    ['45102820120190000', false],
  ])('isLocalHouseholdNumber(%s) → %s', (n, expected) => expect(isLocalHouseholdNumber(n)).toBe(expected));
});
