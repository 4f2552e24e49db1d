import { describe, expect, it } from 'vitest';
import { maskBankAccount, maskIdNumber, maskName, maskPhone } from './mask.ts';

describe('maskIdNumber', () => {
  it.each([
    ['45102819900101123X', '451028********123X'],
    ['11010519491231002X', '110105********002X'],
    [' 451028199001011230 ', '451028********1230'],
    ['451028900101123', '451**********23'],
    ['4510281990010112', '451***********12'],
    ['123456', '123*56'],
    ['12345', '*****'],
    ['1', '*'],
    ['', ''],
    ['   ', ''],
  ])('%j → %j', (id, expected) => {
    expect(maskIdNumber(id)).toBe(expected);
  });
});

describe('maskPhone', () => {
  it.each([
    ['13812341234', '138****1234'],
    ['138 1234 1234', '138****1234'],
    ['+8613812341234', '+86138****1234'],
    ['0776-7921234', '0776-****234'],
    ['010-12345678', '010-*****678'],
    ['7921234', '*****34'],
    ['12', '**'],
    ['1', '*'],
    ['', ''],
  ])('%j → %j', (phone, expected) => {
    expect(maskPhone(phone)).toBe(expected);
  });
});

describe('maskName', () => {
  it.each([
    ['黄小明', '黄**'],
    ['黄明', '黄*'],
    ['欧阳小红', '欧***'],
    ['黄', '*'],
    [' 黄小明 ', '黄**'],
    ['', ''],
  ])('%j → %j', (name, expected) => {
    expect(maskName(name)).toBe(expected);
  });
});

describe('maskBankAccount', () => {
  it.each([
    ['6228480012345678', '************5678'],
    ['6228 4800 1234 5678', '************5678'],
    ['12345', '*2345'],
    ['1234', '****'],
    ['', ''],
  ])('%j → %j', (acct, expected) => {
    expect(maskBankAccount(acct)).toBe(expected);
  });
});
