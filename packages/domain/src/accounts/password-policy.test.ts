import { describe, expect, it } from 'vitest';
import { COMMON_PASSWORDS } from './common-passwords.ts';
import { PASSWORD_MIN_LENGTH, describePasswordProblems, isCommonPassword, passwordProblems } from './password-policy.ts';

const codesOf = (password: string, username?: string) => passwordProblems(password, { username }).map((p) => p.code);

describe('passwordProblems', () => {
  it.each([
    ['Ban-tree 37 village', 'village-mazhuang'],
    ['马庄村-河边的老榕树', 'village-mazhuang'],
    ['k7#Pq2!xZm9w', 'county-admin'],
    ['correct horse battery staple', undefined],
  ])('accepts %s', (password, username) => {
    expect(codesOf(password, username)).toEqual([]);
  });

  it.each([
    ['Short#1', 'tooShort'],
    ['x'.repeat(PASSWORD_MIN_LENGTH - 1).replace(/x/g, (_, i: number) => String.fromCharCode(97 + ((i * 7) % 26))), 'tooShort'],
    ['A'.repeat(129), 'tooLong'],
  ])('refuses %s as %s', (password, code) => {
    expect(codesOf(password)).toContain(code);
  });

  it('counts characters, not bytes: ten Chinese characters are long enough', () => {
    expect(codesOf('河边老榕树下的马庄村')).toEqual([]);
    expect(codesOf('河边老榕树下的马庄')).toEqual(['tooShort']);
  });

  it.each([
    ['village-mazhuang2026!', 'village-mazhuang'],
    ['My-MONITOR-password-9', 'monitor'],
  ])('refuses %s for user %s: it contains the username', (password, username) => {
    expect(codesOf(password, username)).toContain('containsUsername');
  });

  it('ignores a username shorter than three characters', () => {
    expect(codesOf('Ab-river-bank-42', 'ab')).toEqual([]);
  });

  it.each([
    ['Fangpin#2026'],
    ['fangpin2026'],
    ['FANGPIN@2026'],
    ['Fangpin#2027'],
    ['woaini1314'],
    ['woaini1314520'],
    ['1qaz2wsx3edc'],
    ['qwertyuiop'],
    ['Qwertyuiop123'],
    ['Password123!'],
    ['admin123456'],
    ['123456789a'],
    ['5201314520'],
    ['88888888888'],
  ])('refuses the common password %s', (password) => {
    expect(codesOf(password)).toContain('common');
    expect(isCommonPassword(password)).toBe(true);
  });

  it.each([['1234567890'], ['0987654321'], ['abcdefghijk'], ['zyxwvutsrq'], ['7777777777'], ['----------']])(
    'refuses the run or repeat %s',
    (password) => {
      expect(codesOf(password).some((c) => c === 'pattern' || c === 'common')).toBe(true);
    },
  );

  it('does not take a long password for common because it starts like one', () => {
    expect(isCommonPassword('password-of-the-mazhuang-office')).toBe(false);
    expect(isCommonPassword('admin12345678')).toBe(false);
  });

  it('lists every reason, with both languages', () => {
    const problems = passwordProblems('admin', { username: 'admin' });
    expect(problems.map((p) => p.code)).toEqual(['tooShort', 'containsUsername', 'common']);
    for (const p of problems) {
      expect(p.zh).toMatch(/\p{Script=Han}/u);
      expect(p.en).toMatch(/^[\x20-\x7e]+$/);
    }
    expect(describePasswordProblems(problems)).toBe(
      'Password must be at least 10 characters; Password must not contain the username; This is a common password that is easily guessed; choose another / 密码至少 10 位；密码不能包含用户名；这是常见密码，容易被猜中，请换一个',
    );
  });

  it('keeps its list in the compared form (lower case, letters and digits)', () => {
    for (const entry of COMMON_PASSWORDS) expect(entry).toMatch(/^[a-z0-9]+$/);
    expect(COMMON_PASSWORDS.has('fangpin2026')).toBe(true);
    expect(COMMON_PASSWORDS.has('123456')).toBe(true);
  });
});
