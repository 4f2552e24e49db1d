/**
 * Code lists of the household registry (基础信息) as exported by the national monitoring system,
 * with zh-CN/en labels and the spellings seen in real spreadsheets (docs/DOMAIN.md "Glossary": "household",
 * "member"). Imports turn cell text into codes with `parseCode`; exports and forms turn codes back
 * into labels with `codeLabel`. The zh-CN label of every code parses back to that code.
 */

/** One entry of a code list: display labels plus other spellings accepted on import. */
export type RegistryCodeEntry = { zh: string; en: string; aliases?: readonly string[] };

/**
 * The registry code lists. Keys are our code names (stored in the database), values their labels.
 * - `householdType`: 户类型 (formerlyPoor 脱贫户 / ordinary 一般农户)
 * - `sex`: 性别
 * - `relation`: 与户主关系
 * - `health`: 健康状况
 * - `labourCapacity`: 劳动技能 / 劳动能力
 * - `schooling`: 文化程度 / 在校生情况
 * - `yesNo`: 是/否 columns (insurance, dibao, 特困 …); see also `parseYesNo`
 */
export const CODE_LISTS = {
  householdType: {
    formerlyPoor: {
      zh: '脱贫户',
      en: 'Formerly poor household',
      aliases: ['已脱贫', '脱贫户（含监测对象）', '贫困户'],
    },
    ordinary: { zh: '一般农户', en: 'Ordinary rural household', aliases: ['一般户', '农户', '非贫困户'] },
  },
  sex: {
    male: { zh: '男', en: 'Male', aliases: ['男性', 'M'] },
    female: { zh: '女', en: 'Female', aliases: ['女性', 'F'] },
  },
  relation: {
    head: { zh: '户主', en: 'Head of household', aliases: ['本人', '本人（户主）'] },
    spouse: { zh: '配偶', en: 'Spouse', aliases: ['妻', '妻子', '夫', '丈夫', '之配偶'] },
    son: { zh: '之子', en: 'Son', aliases: ['子', '儿子', '长子', '次子'] },
    daughter: { zh: '之女', en: 'Daughter', aliases: ['女', '女儿', '长女', '次女'] },
    daughterInLaw: { zh: '之儿媳', en: 'Daughter-in-law', aliases: ['儿媳', '媳妇'] },
    sonInLaw: { zh: '之女婿', en: 'Son-in-law', aliases: ['女婿'] },
    grandson: { zh: '之孙子', en: 'Grandson', aliases: ['孙子', '之孙'] },
    granddaughter: { zh: '之孙女', en: 'Granddaughter', aliases: ['孙女'] },
    father: { zh: '之父', en: 'Father', aliases: ['父', '父亲'] },
    mother: { zh: '之母', en: 'Mother', aliases: ['母', '母亲'] },
    grandfather: { zh: '之祖父', en: 'Grandfather', aliases: ['祖父', '爷爷'] },
    grandmother: { zh: '之祖母', en: 'Grandmother', aliases: ['祖母', '奶奶'] },
    brother: { zh: '之兄弟', en: 'Brother', aliases: ['兄弟', '兄', '弟', '哥哥', '弟弟'] },
    sister: { zh: '之姐妹', en: 'Sister', aliases: ['姐妹', '姐', '妹', '姐姐', '妹妹'] },
    other: { zh: '其他', en: 'Other', aliases: ['其它'] },
  },
  health: {
    healthy: { zh: '健康', en: 'Healthy' },
    chronic: { zh: '长期慢性病', en: 'Chronic illness', aliases: ['慢性病'] },
    serious: { zh: '患有大病', en: 'Serious illness', aliases: ['大病'] },
    disabled: { zh: '残疾', en: 'Disabled', aliases: ['残疾人'] },
  },
  labourCapacity: {
    full: { zh: '普通劳动力', en: 'Full labour capacity', aliases: ['技能劳动力'] },
    partial: { zh: '弱劳动力或半劳动力', en: 'Partial labour capacity', aliases: ['弱劳动力', '半劳动力'] },
    none: { zh: '丧失劳动力', en: 'No labour capacity', aliases: ['无劳动力', '无劳动能力', '丧失劳动能力'] },
    notApplicable: { zh: '不是劳动力', en: 'Not of working age', aliases: ['非劳动力'] },
  },
  schooling: {
    illiterate: { zh: '文盲或半文盲', en: 'Illiterate or semi-literate', aliases: ['文盲', '半文盲'] },
    primary: { zh: '小学', en: 'Primary school' },
    juniorHigh: { zh: '初中', en: 'Junior high school' },
    seniorHigh: { zh: '高中', en: 'Senior high school', aliases: ['中专', '高中或中专', '高中（含中专）'] },
    college: { zh: '大专及以上', en: 'College or above', aliases: ['大专', '本科', '本科及以上', '研究生'] },
    preschool: { zh: '学龄前儿童', en: 'Pre-school child', aliases: ['学龄前'] },
    inSchool: { zh: '在校生', en: 'Student', aliases: ['在校学生'] },
  },
  yesNo: {
    yes: { zh: '是', en: 'Yes', aliases: ['Y', 'YES', '1', '有', 'TRUE', '√'] },
    no: { zh: '否', en: 'No', aliases: ['N', 'NO', '0', '无', 'FALSE', '×'] },
  },
} as const satisfies Record<string, Record<string, RegistryCodeEntry>>;

/** Name of a registry code list, e.g. 'relation'. */
export type RegistryCodeListName = keyof typeof CODE_LISTS;
/** A code of the given list, e.g. `RegistryCode<'relation'>` = 'head' | 'spouse' | … */
export type RegistryCode<L extends RegistryCodeListName> = keyof (typeof CODE_LISTS)[L] & string;

/** 户类型: `formerlyPoor` 脱贫户 or `ordinary` 一般农户. */
export type HouseholdType = RegistryCode<'householdType'>;
/** 性别 */
export type Sex = RegistryCode<'sex'>;
/** 与户主关系 */
export type RelationToHead = RegistryCode<'relation'>;
/** 健康状况 */
export type HealthStatus = RegistryCode<'health'>;
/** 劳动技能: `full` 普通劳动力 · `partial` 弱劳动力或半劳动力 · `none` 丧失劳动力 · `notApplicable` 不是劳动力 */
export type LabourCapacity = RegistryCode<'labourCapacity'>;
/** 文化程度 / 在校生情况 */
export type Schooling = RegistryCode<'schooling'>;

/** Trim, drop all whitespace, full-width ASCII → half-width, upper-case Latin letters. */
function normalizeCell(raw: string): string {
  return raw
    .replace(/[\s\u00a0\u3000]+/g, '')
    .replace(/[\uff01-\uff5e]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0))
    .toUpperCase();
}

type Lookup = Map<string, string>;
const lookups = new Map<RegistryCodeListName, Lookup>();

function lookupFor(listName: RegistryCodeListName): Lookup {
  const cached = lookups.get(listName);
  if (cached) return cached;
  const lookup: Lookup = new Map();
  const list: Record<string, RegistryCodeEntry> = CODE_LISTS[listName];
  for (const [code, entry] of Object.entries(list)) {
    for (const text of [entry.zh, ...(entry.aliases ?? []), entry.en, code]) {
      const key = normalizeCell(text);
      if (!lookup.has(key)) lookup.set(key, code);
    }
  }
  lookups.set(listName, lookup);
  return lookup;
}

/**
 * Whether a spreadsheet cell is empty (only whitespace). Lets an importer tell "not filled in"
 * from "filled in with something unrecognised" when `parseCode`/`parseYesNo` return null.
 */
export function isBlankCell(raw: string | null | undefined): boolean {
  return raw === null || raw === undefined || normalizeCell(raw) === '';
}

/**
 * Reads a code from spreadsheet text: the zh-CN label, a known alias (e.g. '一般户' → 'ordinary',
 * '残疾人' → 'disabled'), the English label or the code itself. Whitespace, full-width letters and
 * letter case are ignored. Returns null for blank or unrecognised text (use `isBlankCell` to tell
 * them apart); combined values such as '长期慢性病,残疾' are unrecognised, not guessed.
 */
export function parseCode<L extends RegistryCodeListName>(listName: L, rawText: string): RegistryCode<L> | null {
  const key = normalizeCell(rawText);
  if (key === '') return null;
  return (lookupFor(listName).get(key) as RegistryCode<L> | undefined) ?? null;
}

/**
 * The display label of a code (zh-CN by default, as in national exports). An unknown code (bad data
 * from the database) is returned unchanged rather than throwing, so a page still renders.
 */
export function codeLabel<L extends RegistryCodeListName>(
  listName: L,
  code: RegistryCode<L>,
  locale: 'zh-CN' | 'en' = 'zh-CN',
): string {
  const list: Record<string, RegistryCodeEntry> = CODE_LISTS[listName];
  const entry = list[code];
  if (entry === undefined) return code;
  return locale === 'en' ? entry.en : entry.zh;
}

/**
 * Reads a yes/no cell ('是'/'否', 'Y'/'N', '1'/'0', '有'/'无', '√'/'×' …). Returns null for a blank
 * cell and for unrecognised text (use `isBlankCell` to tell them apart).
 */
export function parseYesNo(rawText: string): boolean | null {
  const code = parseCode('yesNo', rawText);
  return code === null ? null : code === 'yes';
}

/** '是' or '否' (or 'Yes'/'No'), as written in national exports. */
export function yesNoLabel(value: boolean, locale: 'zh-CN' | 'en' = 'zh-CN'): string {
  return codeLabel('yesNo', value ? 'yes' : 'no', locale);
}
