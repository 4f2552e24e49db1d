import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { xlsxValue } from './xlsx-cells.ts';

describe('values an XLSX export writes (issue 10, item 11)', () => {
  it.each([
    ['黄大明', '黄大明'],
    ['韦\uffff小宝\u0001', '韦小宝'],
    ['说明\ud800文字', '说明文字'],
    ['表情😀', '表情😀'], // a surrogate pair is one character, kept
    ['换行\r\n和\t制表', '换行\r\n和\t制表'],
    ['=HYPERLINK("http://x","y")', `'=HYPERLINK("http://x","y")`],
    ['+86 138', `'+86 138`],
    ['-5', `'-5`],
    ['@SUM(A1)', `'@SUM(A1)`],
    ['\t=1+1', `'\t=1+1`],
    ['\u0000=1+1', `'=1+1`], // what is left after cleaning is checked
    ['1+1=2', '1+1=2'],
    [-5, -5], // numbers stay numbers
    [0, 0],
    [null, null],
  ])('%j → %j', (value, expected) => expect(xlsxValue(value)).toEqual(expected));

  it('every XLSX export in the server writes its values through it', () => {
    const root = path.resolve(import.meta.dirname, '..');
    const files = fs.readdirSync(root, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts'));
    const writers = files.filter((f) => /\.addRow\(|\.value = /.test(fs.readFileSync(path.join(root, f), 'utf8')) && /from 'exceljs'/.test(fs.readFileSync(path.join(root, f), 'utf8')));
    expect(writers.length).toBeGreaterThanOrEqual(3);
    for (const file of writers) {
      const text = fs.readFileSync(path.join(root, file), 'utf8');
      const bare = [...text.matchAll(/\.addRow\((?!xlsxRow\()|\.value = (?!xlsxValue\()/g)].map((m) => m[0]);
      expect([file, bare]).toEqual([file, []]);
    }
  });
});
