/**
 * Assistance measure categories (帮扶措施类别). The names follow the fields of the 2023 national
 * collection form [S22]; docs/DOMAIN.md "Measure categories".
 * The two-digit codes are ours, in the form's field order: the national field codes
 * (coded lists 100A39…100A55) could not be mapped one-to-one (UNCERTAIN), so store our codes and
 * map at export time.
 */

/** One measure category with our code and its Chinese and English names. */
export interface MeasureCategoryInfo {
  readonly code: string;
  readonly zh: string;
  readonly en: string;
  /** `development` for households with labour, `safetyNet` for those without (docs/DOMAIN.md "Measure categories"). */
  readonly kind: 'development' | 'safetyNet' | 'basicGuarantee' | 'other';
}

/** All measure categories keyed by code name: `MEASURE_CATEGORIES.health.zh === '健康帮扶'`. */
export const MEASURE_CATEGORIES = {
  industry: { code: '01', zh: '产业帮扶', en: 'industry', kind: 'development' },
  employment: { code: '02', zh: '就业帮扶', en: 'employment', kind: 'development' },
  finance: { code: '03', zh: '金融帮扶', en: 'finance (micro-credit)', kind: 'development' },
  publicWelfarePost: { code: '04', zh: '公益岗位帮扶', en: 'public-welfare post', kind: 'development' },
  health: { code: '05', zh: '健康帮扶', en: 'health', kind: 'basicGuarantee' },
  compulsoryEducation: { code: '06', zh: '义务教育保障', en: 'compulsory education', kind: 'basicGuarantee' },
  otherEducation: { code: '07', zh: '其他教育帮扶', en: 'other education (雨露计划)', kind: 'basicGuarantee' },
  socialProtection: { code: '08', zh: '综合保障', en: 'social protection', kind: 'safetyNet' },
  housing: { code: '09', zh: '住房安全保障', en: 'housing safety', kind: 'basicGuarantee' },
  water: { code: '10', zh: '饮水安全保障', en: 'drinking-water safety', kind: 'basicGuarantee' },
  socialAssistance: { code: '11', zh: '社会帮扶', en: 'social / charity assistance', kind: 'other' },
  relocation: { code: '12', zh: '搬迁', en: 'relocation', kind: 'other' },
  livingConditions: { code: '13', zh: '生产生活条件改善', en: 'living-condition improvement', kind: 'other' },
  infrastructure: { code: '14', zh: '基础设施建设', en: 'infrastructure', kind: 'other' },
} as const satisfies Record<string, MeasureCategoryInfo>;

/** Code name of a measure category, e.g. `'health'`. */
export type MeasureCategoryName = keyof typeof MEASURE_CATEGORIES;
/** Our code of a measure category, e.g. `'05'` (健康帮扶). */
export type MeasureCategoryCode = (typeof MEASURE_CATEGORIES)[MeasureCategoryName]['code'];

/** Every measure category code name, in form order. */
export const MEASURE_CATEGORY_NAMES = Object.keys(MEASURE_CATEGORIES) as readonly MeasureCategoryName[];

/** True when `name` is a known measure category code name. */
export function isMeasureCategoryName(name: string): name is MeasureCategoryName {
  return Object.hasOwn(MEASURE_CATEGORIES, name);
}

/** The category for our code (e.g. `'05'`), or undefined; for imports that carry codes. */
export function measureCategoryByCode(code: string): (MeasureCategoryInfo & { name: MeasureCategoryName }) | undefined {
  for (const name of MEASURE_CATEGORY_NAMES) {
    const info = MEASURE_CATEGORIES[name];
    if (info.code === code) return { ...info, name };
  }
  return undefined;
}
