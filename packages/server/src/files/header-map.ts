/**
 * Finding the header row of a table (it may sit under one or more title rows) and mapping its
 * headers to fields through known Chinese aliases, so the usual national-system and department
 * headers need no configuration.
 */
export type ColumnSpec<F extends string> = { field: F; aliases: readonly string[]; isRequired?: boolean };

/** A unit written after a header, "个人自付（元）", "家庭人口(人)": the same column. Not 万元, which changes the amount. */
const UNIT_SUFFIX = /\((?:元|人民币元|人|岁|个|天|次|亩)\)$/;

export function normalizeHeader(text: string): string {
  return text
    .replace(/[（]/g, '(')
    .replace(/[）]/g, ')')
    .replace(/[\s*＊:：]/g, '')
    .replace(UNIT_SUFFIX, '')
    .toLowerCase();
}

export type HeaderMatch<F extends string> = {
  /** Row number of the header. */
  rowNumber: number;
  /** field → column index */
  columns: Partial<Record<F, number>>;
  /** column index → header text as written */
  headers: string[];
};

/** The first row (within the first `maxScan`) that matches at least `minMatches` known headers, including `mustHave`. */
export function matchHeader<F extends string>(
  specs: readonly ColumnSpec<F>[],
  rowNumber: number,
  cells: string[],
  options: { mustHave: F; minMatches: number },
): HeaderMatch<F> | undefined {
  const columns: Partial<Record<F, number>> = {};
  let matches = 0;
  cells.forEach((cell, index) => {
    const h = normalizeHeader(cell);
    if (!h) return;
    for (const spec of specs) {
      if (columns[spec.field] !== undefined) continue;
      if (spec.aliases.some((a) => normalizeHeader(a) === h)) {
        columns[spec.field] = index;
        matches++;
        return;
      }
    }
  });
  if (matches < options.minMatches || columns[options.mustHave] === undefined) return undefined;
  return { rowNumber, columns, headers: cells };
}
