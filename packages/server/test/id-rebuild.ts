import ExcelJS from 'exceljs';
import { countIdCandidates, isMaskOf, mergeMaskedIds, type IdKnowledge } from '@fangpin/domain';

/**
 * What an attacker can learn about one person's ID number from a pile of text (every response a
 * role received, or every clear column of the database): the tests of docs/personal-data.md count
 * the ID numbers still possible afterwards. The scan is by value, not by field name, so a new field,
 * endpoint or table that leaks is caught without anyone listing it.
 */
export type Person = { idNumber: string; birthDate: string; sex: 'male' | 'female'; name?: string };

/** Everything the attacker is assumed to know anyway: the region (county), the birth year and the sex. */
const BORN = { earliest: '1900-01-01', latest: '2026-12-31' };

/** Masked, partial or full forms of `person`'s ID number in `text` (18-character and legacy 15-character forms). */
export function idFormsIn(text: string, idNumber: string): string[] {
  const forms: string[] = [];
  for (const m of text.matchAll(/(?<![0-9A-Za-z*])[0-9X*]{18}(?![0-9A-Za-z*])/g))
    if (isMaskOf(m[0], idNumber)) forms.push(m[0]);
  // The 15-character legacy form: region + YYMMDD + sequence (positions 0–5, 8–13, 14–16 of the 18).
  const legacy = idNumber.slice(0, 6) + idNumber.slice(8, 17);
  for (const m of text.matchAll(/(?<![0-9A-Za-z*])[0-9*]{15}(?![0-9A-Za-z*])/g)) {
    if (!isMaskOf(m[0], legacy)) continue;
    const as18 = [...'******************'];
    for (let i = 0; i < 15; i++) if (m[0][i] !== '*') as18[i < 6 ? i : i + 2] = m[0][i]!;
    forms.push(as18.join(''));
  }
  return forms;
}

/** Whether the full birth date appears in `text` in any usual writing (1990-05-17, 19900517, 1990/5/17, 1990年5月17日, 1990.05.17). */
export function hasBirthDate(text: string, birthDate: string): boolean {
  const [y, m, d] = birthDate.split('-') as [string, string, string];
  const mm = String(Number(m));
  const dd = String(Number(d));
  const writings = [
    `${y}-${m}-${d}`,
    `${y}/${m}/${d}`,
    `${y}/${mm}/${dd}`,
    `${y}.${m}.${d}`,
    `${y}年${m}月${d}日`,
    `${y}年${mm}月${dd}日`,
    `${y}-${mm}-${dd}`,
  ];
  if (writings.some((w) => text.includes(w))) return true;
  return new RegExp(`(?<!\\d)${y}${m}${d}(?!\\d)`).test(text);
}

/** What `text` tells about `person`, plus what is assumed known (region, birth year, sex). */
export function knowledgeFrom(text: string, person: Person): IdKnowledge & { forms: string[]; sawBirthDate: boolean } {
  const forms = idFormsIn(text, person.idNumber);
  const known = mergeMaskedIds([`${person.idNumber.slice(0, 6)}************`, ...forms]);
  const sawBirthDate = hasBirthDate(text, person.birthDate);
  return {
    known,
    forms,
    sawBirthDate,
    birthYear: Number(person.birthDate.slice(0, 4)),
    sex: person.sex,
    ...(sawBirthDate ? { birthDate: person.birthDate } : {}),
  };
}

/** The number of ID numbers consistent with everything `text` says about `person`. */
export function candidatesFor(
  text: string,
  person: Person,
): { candidates: number; forms: string[]; sawBirthDate: boolean } {
  const k = knowledgeFrom(text, person);
  return { candidates: countIdCandidates(k, BORN), forms: k.forms, sawBirthDate: k.sawBirthDate };
}

/** The text of every cell of every sheet of an XLSX file. */
export async function xlsxText(content: Buffer): Promise<string> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(content as unknown as ArrayBuffer);
  const cells: string[] = [];
  workbook.eachSheet((sheet) => {
    sheet.eachRow((row) => {
      row.eachCell((cell) => {
        cells.push(cell.text);
      });
    });
  });
  return cells.join('\n');
}
