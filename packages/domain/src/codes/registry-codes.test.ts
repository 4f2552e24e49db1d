import { describe, expect, it } from 'vitest';
import type { RegistryCodeListName } from './registry-codes.ts';
import { CODE_LISTS, codeLabel, isBlankCell, parseCode, parseYesNo, yesNoLabel } from './registry-codes.ts';

const listNames = Object.keys(CODE_LISTS) as RegistryCodeListName[];
const allCodes = listNames.flatMap((listName) =>
  Object.entries(CODE_LISTS[listName]).map(([code, entry]) => [listName, code, entry.zh, entry.en] as const),
);

describe('every code round-trips through its labels', () => {
  it.each(allCodes)('%s.%s ⇄ %s / %s', (listName, code, zh, en) => {
    expect(codeLabel(listName, code as never)).toBe(zh);
    expect(codeLabel(listName, code as never, 'zh-CN')).toBe(zh);
    expect(codeLabel(listName, code as never, 'en')).toBe(en);
    expect(parseCode(listName, zh)).toBe(code);
    expect(parseCode(listName, en)).toBe(code);
    expect(parseCode(listName, code)).toBe(code);
  });
});

describe('parseCode accepts the spellings of national exports', () => {
  it.each([
    ['householdType', '脱贫户', 'formerlyPoor'],
    ['householdType', '已脱贫', 'formerlyPoor'],
    ['householdType', '贫困户', 'formerlyPoor'],
    ['householdType', '一般农户', 'ordinary'],
    ['householdType', '一般户', 'ordinary'],
    ['householdType', '农户', 'ordinary'],
    ['householdType', ' 一般 农户 ', 'ordinary'],
    ['sex', '男', 'male'],
    ['sex', '女', 'female'],
    ['relation', '户主', 'head'],
    ['relation', '配偶', 'spouse'],
    ['relation', '之子', 'son'],
    ['relation', '之女', 'daughter'],
    ['relation', '之儿媳', 'daughterInLaw'],
    ['relation', '之女婿', 'sonInLaw'],
    ['relation', '之孙子', 'grandson'],
    ['relation', '之孙女', 'granddaughter'],
    ['relation', '之父', 'father'],
    ['relation', '之母', 'mother'],
    ['relation', '之祖父', 'grandfather'],
    ['relation', '之祖母', 'grandmother'],
    ['relation', '之兄弟', 'brother'],
    ['relation', '之姐妹', 'sister'],
    ['relation', '其他', 'other'],
    ['relation', '其它', 'other'],
    ['health', '健康', 'healthy'],
    ['health', '长期慢性病', 'chronic'],
    ['health', '患有大病', 'serious'],
    ['health', '残疾', 'disabled'],
    ['health', '残疾人', 'disabled'],
    ['labourCapacity', '普通劳动力', 'full'],
    ['labourCapacity', '技能劳动力', 'full'],
    ['labourCapacity', '弱劳动力或半劳动力', 'partial'],
    ['labourCapacity', '弱劳动力', 'partial'],
    ['labourCapacity', '半劳动力', 'partial'],
    ['labourCapacity', '丧失劳动力', 'none'],
    ['labourCapacity', '无劳动力', 'none'],
    ['labourCapacity', '无劳动能力', 'none'],
    ['labourCapacity', '不是劳动力', 'notApplicable'],
    ['schooling', '文盲或半文盲', 'illiterate'],
    ['schooling', '小学', 'primary'],
    ['schooling', '初中', 'juniorHigh'],
    ['schooling', '高中', 'seniorHigh'],
    ['schooling', '大专及以上', 'college'],
    ['schooling', '学龄前儿童', 'preschool'],
    ['schooling', '在校生', 'inSchool'],
    ['yesNo', 'ｙ', 'yes'],
    ['yesNo', 'n', 'no'],
  ] as const)('%s %j → %s', (listName, text, code) => {
    expect(parseCode(listName, text)).toBe(code);
  });

  it.each([
    ['householdType', ''],
    ['householdType', '   '],
    ['householdType', '监测户'],
    ['sex', '未知'],
    ['relation', '之兄弟姐妹'],
    ['health', '长期慢性病,残疾'],
    ['labourCapacity', '劳动力'],
    ['schooling', '博士后在读'],
  ] as const)('%s %j → null', (listName, text) => {
    expect(parseCode(listName, text)).toBeNull();
  });
});

describe('parseYesNo', () => {
  it.each([
    ['是', true],
    ['否', false],
    ['Y', true],
    ['N', false],
    ['y', true],
    ['1', true],
    ['0', false],
    ['有', true],
    ['无', false],
    [' 是 ', true],
    ['', null],
    ['  ', null],
    ['也许', null],
  ] as const)('%j → %s', (text, value) => {
    expect(parseYesNo(text)).toBe(value);
  });

  it.each([
    [true, 'zh-CN', '是'],
    [false, 'zh-CN', '否'],
    [true, 'en', 'Yes'],
    [false, 'en', 'No'],
  ] as const)('yesNoLabel(%s, %s) → %s', (value, locale, label) => {
    expect(yesNoLabel(value, locale)).toBe(label);
    expect(parseYesNo(label)).toBe(value);
  });
});

describe('isBlankCell', () => {
  it.each([
    ['', true],
    ['  \t', true],
    ['\u3000', true],
    [null, true],
    [undefined, true],
    ['否', false],
    ['0', false],
  ] as const)('%j → %s', (raw, blank) => {
    expect(isBlankCell(raw)).toBe(blank);
  });
});

describe('codeLabel', () => {
  it('returns an unknown code unchanged', () => {
    expect(codeLabel('relation', 'cousin' as never)).toBe('cousin');
  });
});
