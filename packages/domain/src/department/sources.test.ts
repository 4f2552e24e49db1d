import { describe, expect, it } from 'vitest';
import { DEPARTMENT_SOURCE_CODES, DEPARTMENT_SOURCES, kindName, kindNames, kindOfText, type SourceField } from './sources.ts';

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
