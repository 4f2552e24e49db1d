import { describe, expect, it } from 'vitest';
import { DEPARTMENT_SOURCE_CODES, DEPARTMENT_SOURCES, kindName, kindNames, kindOfText, listDateFromTitle, takesListDate, type SourceField } from './sources.ts';

const kindField = (code: keyof typeof DEPARTMENT_SOURCES): SourceField => DEPARTMENT_SOURCES[code].fields.find((f) => f.type === 'kind')!;

describe('department source kinds', () => {
  it('reads the labels departments use for a kind, and names each kind by its first label', () => {
    const civil = kindField('civilAffairs');
    expect(['低保', '农村低保', '城市低保', '最低生活保障'].map((t) => kindOfText(civil, t))).toEqual(['dibao', 'dibao', 'dibao', 'dibao']);
    expect(kindOfText(civil, '特困供养')).toBe('tekun');
    expect(kindNames(civil)).toEqual(['低保', '特困', '临时救助']);
    expect(kindName(civil, 'dibao')).toBe('低保');
    expect(kindName(civil, 'unknown')).toBeUndefined();
    expect(kindOfText(kindField('emergency'), '洪涝灾害')).toBe('flood');
    expect(kindOfText(kindField('disability'), '一级残疾')).toBe('severeDisability');
  });

  it('knows nothing of texts that are not its labels, including the names of object properties', () => {
    const civil = kindField('civilAffairs');
    for (const text of ['constructor', 'toString', '__proto__', 'hasOwnProperty', '非低保', '']) expect(kindOfText(civil, text)).toBeUndefined();
  });

  it('every kind field names each of its kinds once, and its first label is the default kind', () => {
    for (const code of DEPARTMENT_SOURCE_CODES) {
      for (const field of DEPARTMENT_SOURCES[code].fields.filter((f) => f.type === 'kind')) {
        const kinds = new Set(Object.values(field.kinds!));
        expect(kindNames(field)).toHaveLength(kinds.size);
        expect(kindOfText(field, kindNames(field)[0]!)).toBe(Object.values(field.kinds!)[0]);
      }
    }
  });
});

describe('a list dated in its title rows', () => {
  it('reads the date the usual words introduce, in the usual forms', () => {
    expect(listDateFromTitle([['疑似辍学学生名单'], ['填报单位：乐业县教育局', '填报日期：2026-03-20']])).toBe('2026-03-20');
    expect(listDateFromTitle([['乐业县疑似辍学学生名单（截至2026年3月20日）']])).toBe('2026-03-20');
    expect(listDateFromTitle([['统计时间: 2026/3/5']])).toBe('2026-03-05');
    expect(listDateFromTitle([['数据日期 ２０２６.０３.０１']])).toBe('2026-03-01');
    // The first real date wins; a date that does not exist is not one.
    expect(listDateFromTitle([['截止日期：2026-02-30'], ['截至 2026年2月28日']])).toBe('2026-02-28');
  });

  it('finds none where no word introduces a date or none is written', () => {
    expect(listDateFromTitle([])).toBeUndefined();
    expect(listDateFromTitle([['疑似辍学学生名单'], ['2026年第一学期']])).toBeUndefined();
    expect(listDateFromTitle([['填报日期：', '']])).toBeUndefined();
  });

  it('is taken only by per-record sources with a date field, never by rolling sums or year-on-year comparisons', () => {
    const taking = DEPARTMENT_SOURCE_CODES.filter((c) => takesListDate(DEPARTMENT_SOURCES[c]));
    expect(taking).toContain('education');
    expect(taking).not.toContain('medical');
    expect(taking).not.toContain('agriculture');
    expect(taking).not.toContain('vehicles');
  });
});
