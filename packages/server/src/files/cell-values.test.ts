import { describe, expect, it } from 'vitest';
import { normalizeDateText, parseAmount } from './cell-values.ts';

describe('cell values', () => {
  it.each([
    ['2026/3/5', '2026-03-05'],
    ['2026-03-05', '2026-03-05'],
    ['20260305', '2026-03-05'],
    ['2026年3月5日', '2026-03-05'],
    ['2026.3.5', '2026-03-05'],
    ['2026-03', '2026-03-01'],
    ['2026年3月', '2026-03-01'],
    ['２０２６年３月５日', '2026-03-05'],
    ['2026-03-05 14:22:10', '2026-03-05'], // 结算时间: a date with its time of day
    ['2026/3/5 9:05', '2026-03-05'],
    ['2026-03-05T14:22:10.5', '2026-03-05'],
    ['2026年3月5日 14:22', '2026-03-05'],
    ['2026-03-05 25', undefined],
    ['2026-02-30', undefined],
    ['2026-13-01', undefined],
    ['1026-03-05', undefined], // before 1900: a typo
    ['1900-01-01', '1900-01-01'],
    ['三月五日', undefined],
    ['', undefined],
  ])('date %s → %s', (text, expected) => expect(normalizeDateText(text)).toBe(expected));

  it.each([
    ['12,345.60元', 12345.6],
    ['¥1,000', 1000],
    ['１２３４５．６', 12345.6],
    ['-50', -50],
    ['0', 0],
    ['12.345.6', undefined],
    ['一千', undefined],
    ['', undefined],
  ])('amount %s → %s', (text, expected) => expect(parseAmount(text)).toBe(expected));
});
