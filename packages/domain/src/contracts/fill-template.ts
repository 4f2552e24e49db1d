/**
 * How a problem's `params` fill its reason's text. On its own (no catalog, no zod), so a page can
 * fill a text without downloading the reason catalogs.
 */

/** What a reason's text may be filled with: numbers, dates, names, and lists of them. */
export type ProblemParamValue = string | number | boolean | null | readonly string[];
export type ProblemParams = Readonly<Record<string, ProblemParamValue>>;

/**
 * Fill `{{name}}` placeholders from params (lists joined with `listSeparator`: "; " in English, "、"
 * in Chinese); an unknown name stays visible.
 */
export function fillTemplate(template: string, params: ProblemParams | undefined, listSeparator = '; '): string {
  return template.replace(/\{\{(\w+)\}\}/g, (whole, name: string) => {
    const value = params?.[name];
    if (value === undefined || value === null) return whole;
    return Array.isArray(value) ? value.join(listSeparator) : String(value);
  });
}
