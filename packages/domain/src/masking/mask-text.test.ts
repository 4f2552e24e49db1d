import { describe, expect, it } from 'vitest';
import { idChecksumChar } from '../ids/id-number.ts';
import { maskIdNumbersInText, maskPersonalDataInText, maskPersonalDataInValue } from './mask-text.ts';

const f17 = '45102819900517123';
const ID = f17 + idChecksumChar(f17);
const ID_X = '11010519491231002X';
const WRONG_CHECK = `${f17}${idChecksumChar(f17) === '0' ? '1' : '0'}`;

describe('maskPersonalDataInText: real examples are masked', () => {
  it.each([
    [`申请人身份证号${ID}，家里老人生病`, `申请人身份证号451028***********${ID.slice(-1)}，家里老人生病`],
    [`身份证 ${ID_X} 已核实`, '身份证 110105***********X 已核实'],
    [
      'lower-case x: 11010519491231002x.',
      '110105***********X.'.padStart('lower-case x: 110105***********X.'.length, 'lower-case x: '),
    ],
    [`with spaces: 4510 2819 9005 1712 3${ID.slice(-1)}`, `with spaces: 451028***********${ID.slice(-1)}`],
    [
      `with a mistyped check digit ${WRONG_CHECK}`,
      `with a mistyped check digit 451028***********${WRONG_CHECK.slice(-1)}`,
    ],
    ['full-width ４５１０２８１９９００５１７１２３４ too', 'full-width 451028***********4 too'],
    ['旧身份证451028900517123号', '旧身份证451028*********号'],
    ['电话13812345678回访', '电话138****5678回访'],
    ['mobile +86 138 1234 5678 ok', 'mobile +86138****5678 ok'],
    ['mobile 138-1234-5678', 'mobile 138****5678'],
    ['86 13912345678', '86139****5678'],
    ['手机：１３９１２３４５６７８', '手机：139****5678'],
    ['座机0776-7921234或07767921235', '座机0776-****234或0776-****235'],
    ['北京 010-12345678', '北京 010-*****678'],
    ['（0776）7921234', '0776-****234'],
    ['两个号码13812345678、13912345678', '两个号码138****5678、139****5678'],
  ])('%s', (text, expected) => {
    expect(maskPersonalDataInText(text)).toBe(expected);
  });
});

describe('maskPersonalDataInText: ordinary numbers are left alone', () => {
  it.each([
    '医疗自付 12000 元，总费用 35,600.50 元',
    '2026-03-05 入户，2026年3月5日回访，20260305 登记',
    '户编号 451028201201000123',
    '户编号451028101201000007、451028201203001234',
    '案件 451028-2026-0007，受理编号 SQ20260305-ABC123',
    '行政区划 451028201201',
    '收入下降 35%，2025 年 8000 元，2026 年 5200 元',
    '本地号码 7921234',
    '123456789012345678',
    '银行卡 6228480012345678901',
    '',
  ])('%s', (text) => {
    expect(maskPersonalDataInText(text)).toBe(text);
  });
});

describe('maskIdNumbersInText (before storing)', () => {
  it('masks ID numbers and keeps phones, which roles with the reveal right still read', () => {
    expect(maskIdNumbersInText(`黄某 ${ID} 电话 13812345678`)).toBe(
      `黄某 451028***********${ID.slice(-1)} 电话 13812345678`,
    );
  });
  it('leaves an already masked number alone', () => {
    expect(maskIdNumbersInText('451028***********X')).toBe('451028***********X');
  });
});

describe('maskPersonalDataInValue', () => {
  it('masks every string in nested data and keeps the rest', () => {
    expect(
      maskPersonalDataInValue({ note: `电话13812345678`, n: 3, list: [{ minutes: ID }], ok: true, none: null }),
    ).toEqual({
      note: '电话138****5678',
      n: 3,
      list: [{ minutes: `451028***********${ID.slice(-1)}` }],
      ok: true,
      none: null,
    });
  });
});
