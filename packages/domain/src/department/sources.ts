/**
 * Department data sources (部门数据比对): what each department sends, the columns it usually names
 * them by, and which signal rule turns its records into warnings (docs/DOMAIN.md "Department signals").
 * Table-driven so a new source is data, not code; asset sources feed the property check (财产检索)
 * and raise no warnings.
 */
import type { DepartmentRecord } from '../assessment/department-signals.ts';

export const DEPARTMENT_SOURCE_CODES = [
  'medical',
  'education',
  'humanResources',
  'agriculture',
  'civilAffairs',
  'emergency',
  'police',
  'disability',
  'housing',
  'water',
  'health',
  'vehicles',
  'businessLicences',
  'realEstate',
  'publicPayroll',
] as const;
export type DepartmentSourceCode = (typeof DEPARTMENT_SOURCE_CODES)[number];

/** A column of a source's record: its type and the headers departments use for it. */
export type SourceField = {
  readonly field: string;
  readonly zh: string;
  readonly type: 'idNumber' | 'text' | 'date' | 'amount' | 'kind';
  readonly aliases: readonly string[];
  readonly isRequired?: boolean;
  /**
   * For `kind` fields: cell text → record kind. The first entry is the default when the column is
   * absent; the first entry of each kind is its name, later ones are the other labels departments use
   * (农村低保, 洪涝灾害, 一级残疾 …).
   */
  readonly kinds?: Readonly<Record<string, string>>;
};

/** The record kind a cell's text names, if any (own entries only: "constructor" is not a kind). */
export function kindOfText(field: SourceField, text: string): string | undefined {
  return field.kinds && Object.hasOwn(field.kinds, text) ? field.kinds[text] : undefined;
}

/** A kind's name: the first label of `kind` in the field (e.g. flood → 洪涝). */
export function kindName(field: SourceField, kind: string): string | undefined {
  return Object.entries(field.kinds ?? {}).find(([, k]) => k === kind)?.[0];
}

/** A kind field's kinds by their names (the first label of each), e.g. 低保、特困、临时救助. */
export function kindNames(field: SourceField): string[] {
  const names = new Map<string, string>();
  for (const [text, kind] of Object.entries(field.kinds ?? {})) if (!names.has(kind)) names.set(kind, text);
  return [...names.values()];
}

/**
 * How a source's records become warnings:
 * - `rollingSum`: a household's total of `amountField` over the rolling 12 months before the comparison date (medical);
 * - `perRecord`: every matched record is a signal of its kind;
 * - `yearOnYear`: previous vs current year amounts (agriculture operating income);
 * - `none`: asset sources, used by the property check only.
 */
export type SignalRule = 'rollingSum' | 'perRecord' | 'yearOnYear' | 'none';

export type DepartmentSource = {
  readonly code: DepartmentSourceCode;
  readonly zh: string;
  readonly en: string;
  readonly signal: SignalRule;
  /** The date column that places a record in time (settlement date, event date…). */
  readonly dateField?: string;
  /** The amount column the signal rule adds up or compares (medical: compliant out-of-pocket). */
  readonly amountField?: string;
  readonly fields: readonly SourceField[];
};

const ID: SourceField = { field: 'idNumber', zh: '身份证号码', type: 'idNumber', aliases: ['身份证号码', '身份证号', '证件号码', '公民身份号码', '参保人身份证号', '身份证'], isRequired: true };
const NAME: SourceField = { field: 'name', zh: '姓名', type: 'text', aliases: ['姓名', '参保人姓名', '患者姓名', '学生姓名', '户主姓名', '人员姓名'] };
const EVENT_DATE = (zh: string, aliases: string[]): SourceField => ({ field: 'eventDate', zh, type: 'date', aliases, isRequired: true });

export const DEPARTMENT_SOURCES: Readonly<Record<DepartmentSourceCode, DepartmentSource>> = {
  medical: {
    code: 'medical',
    zh: '医疗保障局（医保结算）',
    en: 'Medical insurance settlements',
    signal: 'rollingSum',
    dateField: 'eventDate',
    amountField: 'outOfPocket',
    fields: [
      ID,
      NAME,
      EVENT_DATE('结算日期', ['结算日期', '结算时间', '出院日期', '就诊日期', '费用发生日期']),
      { field: 'totalCost', zh: '医疗总费用', type: 'amount', aliases: ['医疗总费用', '总费用', '医疗费用总额'] },
      { field: 'outOfPocket', zh: '合规自付', type: 'amount', aliases: ['个人自付', '合规自付', '个人负担', '合规个人自付', '政策范围内自付', '个人自付金额', '自付金额'], isRequired: true },
    ],
  },
  education: {
    code: 'education',
    zh: '教育局',
    en: 'Education',
    signal: 'perRecord',
    dateField: 'eventDate',
    amountField: 'amount',
    fields: [
      ID,
      NAME,
      EVENT_DATE('登记日期', ['登记日期', '日期', '学期开始日期', '统计日期']),
      { field: 'kind', zh: '情况', type: 'kind', aliases: ['情况', '类型', '预警类型'], kinds: { 疑似辍学: 'suspectedDropout', 非义务教育费用: 'nonCompulsoryCost', 辍学: 'suspectedDropout', 失学辍学: 'suspectedDropout', 非义务教育阶段费用: 'nonCompulsoryCost' } },
      { field: 'amount', zh: '学年费用', type: 'amount', aliases: ['学年费用', '教育费用', '费用'] },
    ],
  },
  humanResources: {
    code: 'humanResources',
    zh: '人力资源和社会保障局',
    en: 'Human resources & social security',
    signal: 'perRecord',
    dateField: 'eventDate',
    fields: [ID, NAME, EVENT_DATE('发生日期', ['发生日期', '登记日期', '失业日期', '日期']), { field: 'kind', zh: '情况', type: 'kind', aliases: ['情况', '类型'], kinds: { 失业: 'unemployment', 务工不稳: 'unstableWork', 失去务工岗位: 'lostMigrantJob', 失业登记: 'unemployment', 登记失业: 'unemployment', 务工不稳定: 'unstableWork', 就业不稳定: 'unstableWork', 失去岗位: 'lostMigrantJob' } }],
  },
  agriculture: {
    code: 'agriculture',
    zh: '农业农村局',
    en: 'Agriculture',
    signal: 'yearOnYear',
    dateField: 'eventDate',
    fields: [
      ID,
      NAME,
      EVENT_DATE('统计日期', ['统计日期', '日期', '登记日期']),
      { field: 'kind', zh: '情况', type: 'kind', aliases: ['情况', '类型'], kinds: { 经营性收入下降: 'operatingIncomeDrop', 产业项目失败: 'industryProjectFailed', 经营收入下降: 'operatingIncomeDrop', 产业失败: 'industryProjectFailed' } },
      { field: 'previousYear', zh: '上年经营性收入', type: 'amount', aliases: ['上年经营性收入', '上年收入'] },
      { field: 'currentYear', zh: '本年经营性收入', type: 'amount', aliases: ['本年经营性收入', '本年收入'] },
    ],
  },
  civilAffairs: {
    code: 'civilAffairs',
    zh: '民政局',
    en: 'Civil affairs',
    signal: 'perRecord',
    dateField: 'eventDate',
    fields: [ID, NAME, EVENT_DATE('纳入日期', ['纳入日期', '审批日期', '救助日期', '日期']), { field: 'kind', zh: '救助类型', type: 'kind', aliases: ['救助类型', '类型', '保障类型'], kinds: { 低保: 'dibao', 特困: 'tekun', 临时救助: 'temporaryAssistance', 农村低保: 'dibao', 城市低保: 'dibao', 城乡低保: 'dibao', 最低生活保障: 'dibao', 低保户: 'dibao', 特困供养: 'tekun', 特困人员: 'tekun', 特困供养人员: 'tekun', 农村特困: 'tekun', 急难型临时救助: 'temporaryAssistance', 支出型临时救助: 'temporaryAssistance' } }],
  },
  emergency: {
    code: 'emergency',
    zh: '应急管理局',
    en: 'Emergency management',
    signal: 'perRecord',
    dateField: 'eventDate',
    fields: [ID, NAME, EVENT_DATE('受灾日期', ['受灾日期', '灾害日期', '日期']), { field: 'kind', zh: '灾害类型', type: 'kind', aliases: ['灾害类型', '类型'], kinds: { 其他: 'other', 洪涝: 'flood', 地质灾害: 'geological', 干旱: 'drought', 生物灾害: 'biological', 气象灾害: 'meteorological', 地震: 'earthquake', 洪涝灾害: 'flood', 洪水: 'flood', 滑坡: 'geological', 泥石流: 'geological', 崩塌: 'geological', 干旱灾害: 'drought', 旱灾: 'drought', 病虫害: 'biological', 风雹: 'meteorological', 台风: 'meteorological', 低温冷冻: 'meteorological', 雪灾: 'meteorological', 冰雹: 'meteorological', 地震灾害: 'earthquake' } }],
  },
  police: {
    code: 'police',
    zh: '公安局',
    en: 'Police',
    signal: 'perRecord',
    dateField: 'eventDate',
    fields: [ID, NAME, EVENT_DATE('发生日期', ['发生日期', '日期']), { field: 'kind', zh: '情况', type: 'kind', aliases: ['情况', '类型'], kinds: { 死亡: 'mainLabourerDeath', 伤残: 'mainLabourerInjury', 主要劳动力死亡: 'mainLabourerDeath', 意外死亡: 'mainLabourerDeath', 重伤: 'mainLabourerInjury', 致残: 'mainLabourerInjury' } }],
  },
  disability: {
    code: 'disability',
    zh: '残疾人联合会',
    en: 'Disability federation',
    signal: 'perRecord',
    dateField: 'eventDate',
    fields: [ID, NAME, EVENT_DATE('办证日期', ['办证日期', '发证日期', '日期']), { field: 'kind', zh: '情况', type: 'kind', aliases: ['情况', '类型'], kinds: { 新增残疾: 'newDisability', 重度残疾: 'severeDisability', 新办残疾证: 'newDisability', 一级残疾: 'severeDisability', 二级残疾: 'severeDisability' } }],
  },
  housing: {
    code: 'housing',
    zh: '住房和城乡建设局',
    en: 'Housing',
    signal: 'perRecord',
    dateField: 'eventDate',
    fields: [ID, NAME, EVENT_DATE('鉴定日期', ['鉴定日期', '日期'])],
  },
  water: {
    code: 'water',
    zh: '水利局',
    en: 'Water',
    signal: 'perRecord',
    dateField: 'eventDate',
    fields: [ID, NAME, EVENT_DATE('排查日期', ['排查日期', '日期'])],
  },
  health: {
    code: 'health',
    zh: '卫生健康局',
    en: 'Health',
    signal: 'perRecord',
    dateField: 'eventDate',
    fields: [ID, NAME, EVENT_DATE('确诊日期', ['确诊日期', '登记日期', '日期'])],
  },
  vehicles: { code: 'vehicles', zh: '车辆登记（公安交管）', en: 'Vehicles', signal: 'none', fields: [ID, NAME, { field: 'detail', zh: '车辆类型', type: 'text', aliases: ['车辆类型', '车型'] }, { field: 'eventDate', zh: '登记日期', type: 'date', aliases: ['登记日期', '初次登记日期'] }] },
  businessLicences: { code: 'businessLicences', zh: '市场监管（营业执照）', en: 'Business licences', signal: 'none', fields: [ID, NAME, { field: 'detail', zh: '主体名称', type: 'text', aliases: ['主体名称', '企业名称', '字号名称'] }, { field: 'eventDate', zh: '成立日期', type: 'date', aliases: ['成立日期', '登记日期'] }] },
  realEstate: { code: 'realEstate', zh: '不动产登记', en: 'Real estate', signal: 'none', fields: [ID, NAME, { field: 'detail', zh: '不动产坐落', type: 'text', aliases: ['坐落', '不动产坐落'] }, { field: 'eventDate', zh: '登记日期', type: 'date', aliases: ['登记日期'] }] },
  publicPayroll: { code: 'publicPayroll', zh: '财政供养人员', en: 'Public payroll', signal: 'none', fields: [ID, NAME, { field: 'detail', zh: '工作单位', type: 'text', aliases: ['工作单位', '单位名称'] }] },
};

export function isDepartmentSourceCode(code: string): code is DepartmentSourceCode {
  return (DEPARTMENT_SOURCE_CODES as readonly string[]).includes(code);
}

/**
 * The DepartmentRecord (for `evaluateDepartmentSignal`) of one stored per-record or year-on-year
 * row; null for sources whose signal is not per record. `values` are the parsed fields of the row.
 */
export function departmentRecordOf(source: DepartmentSourceCode, values: Readonly<Record<string, string | number | null>>): DepartmentRecord | null {
  const kind = typeof values.kind === 'string' ? values.kind : undefined;
  switch (source) {
    case 'education':
      return kind === 'nonCompulsoryCost' ? { source: 'education', kind: 'nonCompulsoryCost', costPerSchoolYear: Number(values.amount ?? 0) } : { source: 'education', kind: 'suspectedDropout' };
    case 'humanResources':
      return { source: 'humanResources', kind: (kind as 'unemployment' | 'unstableWork' | 'lostMigrantJob' | undefined) ?? 'unemployment' };
    case 'agriculture':
      return kind === 'industryProjectFailed'
        ? { source: 'agriculture', kind: 'industryProjectFailed' }
        : { source: 'agriculture', kind: 'operatingIncomeDrop', previousYear: Number(values.previousYear ?? 0), currentYear: Number(values.currentYear ?? 0) };
    case 'civilAffairs':
      return { source: 'civilAffairs', kind: (kind as 'dibao' | 'tekun' | 'temporaryAssistance' | undefined) ?? 'temporaryAssistance' };
    case 'emergency':
      return { source: 'emergencyManagement', disasterSubtype: (kind as 'other' | undefined) ?? 'other' };
    case 'police':
      return { source: 'police', kind: (kind as 'mainLabourerDeath' | 'mainLabourerInjury' | undefined) ?? 'mainLabourerInjury' };
    case 'disability':
      return { source: 'disabilityFederation', kind: (kind as 'newDisability' | 'severeDisability' | undefined) ?? 'newDisability' };
    case 'housing':
      return { source: 'housing', kind: 'unsafeHousing' };
    case 'water':
      return { source: 'water', kind: 'drinkingWaterProblem' };
    case 'health':
      return { source: 'health', kind: 'criticalIllnessPatient' };
    default:
      return null;
  }
}

/**
 * Whether a source's rule can place a whole list at one date (the list's "as of" date) when the file
 * has no date column: true for per-record sources, whose rule judges each record by its kind and needs
 * the date only to place it in time (a suspected-dropout list with 序号, 姓名, 身份证号, 学校, 年级). A
 * rolling sum (medical) adds up dated settlements and a year-on-year comparison needs the years: each
 * row must carry its own date there.
 */
export function takesListDate(source: DepartmentSource): boolean {
  return source.signal === 'perRecord' && source.dateField !== undefined;
}

/** Words that introduce a list's date in its title rows: 填报日期：2026-03-20, 截至2026年3月20日, 统计时间 2026/3/20. */
const LIST_DATE_LEAD = /(填报日期|填表日期|报送日期|统计日期|统计时间|数据日期|截至|截止|日期)\s*[:：]?\s*(?:到|至)?\s*/;
const WRITTEN_DATE = /^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?/;

/**
 * The list's date written in its title rows (the rows above the header), as `YYYY-MM-DD`: the first
 * real date introduced by one of the usual words (填报日期, 截至, 统计日期 …). Undefined when no title row
 * names one; a date that does not exist (2026-02-30) is not a date.
 */
export function listDateFromTitle(titleRows: readonly (readonly string[])[]): string | undefined {
  for (const row of titleRows) {
    for (const cell of row) {
      const text = cell.replace(/[０-９]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0));
      let rest = text;
      for (let lead = LIST_DATE_LEAD.exec(rest); lead; lead = LIST_DATE_LEAD.exec(rest)) {
        rest = rest.slice(lead.index + lead[0].length);
        const m = WRITTEN_DATE.exec(rest);
        if (!m) continue;
        const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
        const date = new Date(Date.UTC(y, mo - 1, d));
        if (y >= 1900 && date.getUTCFullYear() === y && date.getUTCMonth() === mo - 1 && date.getUTCDate() === d) return date.toISOString().slice(0, 10);
      }
    }
  }
  return undefined;
}

/**
 * How the withdrawal of a case opened from a warning begins when the county corrects the warning's
 * verification (the county's reason follows). Stored in the case's timeline; the web writes it in
 * the reader's language (web/src/i18n/server-texts.ts).
 */
export const WARNING_CORRECTION_PREFIX = '预警核实结果更正：';
