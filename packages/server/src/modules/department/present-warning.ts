import { DEPARTMENT_SOURCES, withholdsSourceDetail, WITHHELD_HEALTH_TEXT, type DepartmentSourceCode, type FieldPolicy } from '@fangpin/domain';

/**
 * A warning's words as `policy` lets them out: the signal code and its numbers, from which the web
 * writes the sentence in the reader's language, and the stored zh-CN `message` (the fallback for
 * warnings raised before the code was stored). For a role without health (or disability) detail,
 * a warning from the medical, health or disability source keeps its risk type but not its wording
 * and numbers (the amounts a family spent on illness, the kind of disability): `detailWithheld`.
 */
export function presentWarningText(
  policy: FieldPolicy,
  w: { sources: string[]; message: string; signal: string | null; numbers: Record<string, number> },
): { message: string; signal: string | null; numbers: Record<string, number>; detailWithheld: boolean } {
  if (withholdsSourceDetail(policy, w.sources)) {
    const names = w.sources.map((s) => DEPARTMENT_SOURCES[s as DepartmentSourceCode]?.zh ?? s).join('、');
    return { message: `${names}：${WITHHELD_HEALTH_TEXT}`, signal: null, numbers: {}, detailWithheld: true };
  }
  return { message: w.message, signal: w.signal, numbers: w.numbers, detailWithheld: false };
}
