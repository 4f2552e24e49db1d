import { describe, expect, it } from 'vitest';
import type { IdNumberProblem } from './id-number.ts';
import { idChecksumChar, idProblemMessage, normalizeIdNumber, parseIdNumber, upgradeIdNumber15 } from './id-number.ts';

describe('normalizeIdNumber', () => {
  it.each([
    ['  451028199001011230 ', '451028199001011230'],
    ['4510 2819 9001 0112 30', '451028199001011230'],
    ['451028\t199001011230', '451028199001011230'],
    ['１１０１０５１９４９１２３１００２ｘ', '11010519491231002X'],
    ['11010519491231002Ｘ', '11010519491231002X'],
    ['11010519491231002x', '11010519491231002X'],
    ["'451028199001011230", '451028199001011230'],
    ['451028\u3000199001011230', '451028199001011230'],
    ['', ''],
  ])('%j → %j', (raw, expected) => {
    expect(normalizeIdNumber(raw)).toBe(expected);
  });
});

describe('idChecksumChar', () => {
  it.each([
    ['11010519491231002', 'X'],
    ['45102819900101123', '0'],
    ['45102819850315234', '6'],
    ['44052418800101001', '4'],
    ['51010519770101201', '2'],
    ['45102819900101001', '9'],
  ])('%s → %s', (first17, expected) => {
    expect(idChecksumChar(first17)).toBe(expected);
  });

  it.each([['1101051949123100'], ['110105194912310021'], ['1101051949123100X'], ['']])('throws for %j', (bad) => {
    expect(() => idChecksumChar(bad)).toThrow(/17 digits/);
  });
});

describe('upgradeIdNumber15', () => {
  it.each([
    ['451028900101123', '451028199001011230'],
    ['110105491231002', '11010519491231002X'],
  ])('%s → %s', (id15, expected) => {
    expect(upgradeIdNumber15(id15)).toBe(expected);
  });

  it.each([['45102890010112'], ['45102890010112X'], ['451028199001011230']])('throws for %j', (bad) => {
    expect(() => upgradeIdNumber15(bad)).toThrow(/15 digits/);
  });
});

describe('parseIdNumber: valid numbers', () => {
  it.each([
    // raw, value, birthDate, sex, upgraded
    ['11010519491231002X', '11010519491231002X', '1949-12-31', 'female', false],
    ['11010519491231002x', '11010519491231002X', '1949-12-31', 'female', false],
    ['１１０１０５１９４９１２３１００２Ｘ', '11010519491231002X', '1949-12-31', 'female', false],
    ['451028199001011230', '451028199001011230', '1990-01-01', 'male', false],
    [' 451028 199001011230 ', '451028199001011230', '1990-01-01', 'male', false],
    ['451028198503152346', '451028198503152346', '1985-03-15', 'female', false],
    ['451028200002291006', '451028200002291006', '2000-02-29', 'female', false],
    ['510105197701012012', '510105197701012012', '1977-01-01', 'male', false],
    ['451028900101123', '451028199001011230', '1990-01-01', 'male', true],
    ['110105491231002', '11010519491231002X', '1949-12-31', 'female', true],
  ] as const)('%j', (raw, value, birthDate, sex, wasUpgradedFrom15) => {
    expect(parseIdNumber(raw)).toEqual({ ok: true, value, birthDate, sex, wasUpgradedFrom15 });
  });
});

describe('parseIdNumber: problems', () => {
  it.each<[string, IdNumberProblem]>([
    ['', 'blank'],
    ['   ', 'blank'],
    ['\t', 'blank'],
    ['4.51028E+17', 'scientificNotation'],
    ['4.51028199001011E17', 'scientificNotation'],
    ['4.51028e+17', 'scientificNotation'],
    ['451028199001011000.0', 'scientificNotation'],
    ['4510281990.01', 'scientificNotation'],
    ['45102819900101123', 'badLength'],
    ['4510281990010112', 'badLength'],
    ['4510281990010112301', 'badLength'],
    ['45102819900101', 'badLength'],
    ['45102819900101123Y', 'badCharacters'],
    ['4510281990X1011230', 'badCharacters'],
    ['45102890010112X', 'badCharacters'],
    ['abc', 'badCharacters'],
    ['451028-19900101-1230', 'badCharacters'],
    ['451028199001011231', 'badChecksum'],
    ['451028199001011000', 'badChecksum'],
    ['11010519491231002 0', 'badChecksum'],
    ['451028199002301230', 'badBirthDate'],
    ['451028199013011230', 'badBirthDate'],
    ['451028190002291230', 'badBirthDate'],
    ['451028199000011230', 'badBirthDate'],
    ['440524188001010014', 'badBirthDate'], // correct checksum, born before 1900
    ['451028991301123', 'badBirthDate'],
    ['001028199001011230', 'badRegion'],
    ['991028199001011230', 'badRegion'],
    ['721028199001011230', 'badRegion'],
    ['991028900101123', 'badRegion'],
  ])('%j → %s', (raw, problem) => {
    expect(parseIdNumber(raw)).toEqual({ ok: false, problem });
  });

  it.each([
    ['451028202601011234', '2025-12-31', false],
    ['451028202601011234', '2026-01-01', true],
    ['451028202601011234', undefined, true],
  ] as const)('%s with today %s → ok %s', (first17plus, today, ok) => {
    const id = first17plus.slice(0, 17) + idChecksumChar(first17plus.slice(0, 17));
    const result = today === undefined ? parseIdNumber(id) : parseIdNumber(id, { today });
    expect(result.ok).toBe(ok);
    if (!result.ok) expect(result.problem).toBe('badBirthDate');
  });

  it('reads sex from the 17th digit for every digit', () => {
    for (let d = 0; d <= 9; d++) {
      const first17 = `4510281990010112${d}`;
      const result = parseIdNumber(first17 + idChecksumChar(first17));
      expect(result).toMatchObject({ ok: true, sex: d % 2 === 1 ? 'male' : 'female' });
    }
  });
});

describe('idProblemMessage', () => {
  const problems: IdNumberProblem[] = [
    'blank',
    'scientificNotation',
    'badLength',
    'badCharacters',
    'badChecksum',
    'badBirthDate',
    'badRegion',
  ];
  it.each(problems)('%s has zh-CN and en messages', (problem) => {
    expect(idProblemMessage(problem)).toMatch(/身份证号/);
    expect(idProblemMessage(problem, 'zh-CN')).toBe(idProblemMessage(problem));
    expect(idProblemMessage(problem, 'en')).toMatch(/ID number/);
  });

  it.each([
    ['badChecksum', '身份证号校验位错误'],
    ['scientificNotation', '身份证号被 Excel 转成了数字（科学计数法或丢失末位），无法还原，请把该列设为文本后重新导出'],
  ] as const)('%s → %s', (problem, message) => {
    expect(idProblemMessage(problem)).toBe(message);
  });
});
