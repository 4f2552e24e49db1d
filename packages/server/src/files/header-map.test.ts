import { describe, expect, it } from 'vitest';
import { normalizeHeader } from './header-map.ts';

describe('headers as written', () => {
  it.each([
    ['个人自付（元）', '个人自付'],
    ['医疗总费用 (元)', '医疗总费用'],
    ['家庭人口(人)', '家庭人口'],
    ['身份证号码：', '身份证号码'],
    ['* 姓 名', '姓名'],
    ['金额（万元）', '金额(万元)'], // a different scale: not the same column as 金额
    ['(元)', ''],
  ])('%s reads as %s', (header, normalized) => expect(normalizeHeader(header)).toBe(normalized));
});
