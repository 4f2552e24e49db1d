import { describe, expect, it } from 'vitest';
import { idChecksumChar } from '../ids/id-number.ts';
import { countIdCandidates, isMaskOf, MIN_ID_CANDIDATES, mergeMaskedIds, type IdKnowledge } from './id-candidates.ts';
import { maskIdNumber } from './mask.ts';

const first17 = '45102819900517123';
const ID = first17 + idChecksumChar(first17); // a man (7 is odd) born 1990-05-17
const OLD_MASK = `${ID.slice(0, 6)}********${ID.slice(14)}`; // the 6 + 4 mask before this policy
const range = { earliest: '1926-01-01', latest: '2025-12-31' }; // 100 years

const knowing = (forms: string[], extra: Omit<IdKnowledge, 'known'> = {}): IdKnowledge => ({
  known: mergeMaskedIds(forms),
  ...extra,
});

describe('countIdCandidates: the arithmetic of docs/personal-data.md', () => {
  it.each<[string, IdKnowledge, number, number]>([
    // [what is known, knowledge, at least, at most]
    [
      'old 6+4 mask, nothing else (100 years of days, the check char filters 1 in 11)',
      knowing([OLD_MASK]),
      3_200,
      3_400,
    ],
    ['old 6+4 mask + birth date: the ID itself', knowing([OLD_MASK], { birthDate: '1990-05-17' }), 1, 1],
    [
      'new 6+1 mask + birth date (what the database held in clear)',
      knowing([maskIdNumber(ID)], { birthDate: '1990-05-17', sex: 'male' }),
      40,
      50,
    ],
    [
      'new 6+1 mask + birth year + sex (what a role without reveal gets)',
      knowing([maskIdNumber(ID)], { birthYear: 1990, sex: 'male' }),
      16_000,
      17_200,
    ],
    [
      'new 6+1 mask + born within one year either side (an age, no year)',
      knowing([maskIdNumber(ID)], { bornFrom: '1989-05-18', bornTo: '1991-05-17', sex: 'male' }),
      32_000,
      34_000,
    ],
    [
      'region only + birth year + sex',
      knowing([`${ID.slice(0, 6)}************`], { birthYear: 1990, sex: 'male' }),
      182_500,
      182_500,
    ],
    ['the full number', knowing([ID]), 1, 1],
    [
      'a mask that does not fit the number',
      knowing([maskIdNumber(ID)], { birthDate: '1990-05-17', sex: 'female' }),
      40,
      50,
    ],
  ])('%s', (_what, knowledge, atLeast, atMost) => {
    const n = countIdCandidates(knowledge, range);
    expect(n).toBeGreaterThanOrEqual(atLeast);
    expect(n).toBeLessThanOrEqual(atMost);
  });

  it('the policy mask with the birth year and sex stays above the threshold; the old one does not, even alone', () => {
    expect(
      countIdCandidates(knowing([maskIdNumber(ID)], { birthYear: 1990, sex: 'male' }), range),
    ).toBeGreaterThanOrEqual(MIN_ID_CANDIDATES);
    expect(countIdCandidates(knowing([OLD_MASK]), range)).toBeLessThan(MIN_ID_CANDIDATES);
  });

  it('a leap year has one more day to hide in', () => {
    const leap = countIdCandidates(knowing([`${ID.slice(0, 6)}************`], { birthYear: 1992 }), range);
    const plain = countIdCandidates(knowing([`${ID.slice(0, 6)}************`], { birthYear: 1991 }), range);
    expect(leap - plain).toBe(1000);
  });

  it('agrees with brute force over one month', () => {
    const mask = maskIdNumber(ID);
    let brute = 0;
    for (let day = 1; day <= 31; day++) {
      for (let seq = 0; seq < 1000; seq++) {
        const f17 = `451028199005${String(day).padStart(2, '0')}${String(seq).padStart(3, '0')}`;
        if (seq % 2 === 1 && isMaskOf(mask, f17 + idChecksumChar(f17))) brute++;
      }
    }
    expect(
      countIdCandidates(knowing([mask], { bornFrom: '1990-05-01', bornTo: '1990-05-31', sex: 'male' }), range),
    ).toBe(brute);
  });

  it('refuses to count without the region digits', () => {
    expect(() => countIdCandidates({ known: new Array(18).fill(null) }, range)).toThrow(/region/);
  });
});

describe('isMaskOf / mergeMaskedIds', () => {
  it.each([
    [maskIdNumber(ID), ID, true],
    [OLD_MASK, ID, true],
    ['451028***********0', ID, ID.endsWith('0')],
    [ID, ID, true],
    ['451028**********', ID, false],
  ])('%s of the ID → %s', (masked, id, expected) => {
    expect(isMaskOf(masked, id)).toBe(expected);
  });

  it('combines what each form shows', () => {
    const known = mergeMaskedIds([
      maskIdNumber(ID),
      `${ID.slice(0, 3)}***************`,
      `**************${ID.slice(14)}`,
    ]);
    expect(known.join('').length).toBe(10);
    expect(known.slice(14).join('')).toBe(ID.slice(14));
  });
});
