/**
 * Sentences the server sends as data (a code and its params), written in the reader's language:
 * the assessment's reasons and red flags, and department warnings (docs/STYLE.md rule 8: texts are
 * data, like errors). Plain functions, no i18next: the field app uses them too. Something stored
 * before its params were (an old assessment, a warning raised before its signal code) shows its
 * stored zh-CN `message` instead — never a raw code.
 */
import {
  DEPARTMENT_SOURCES,
  MONITORING_CATEGORY_EN,
  MONITORING_CATEGORY_ZH,
  riskTypeByCode,
  VEHICLE_KIND_EN,
  VEHICLE_KIND_ZH,
  WARNING_CORRECTION_PREFIX,
  WITHHELD_HEALTH_TEXT,
  type AssessmentReasonCode,
  type DepartmentSignalCode,
  type DepartmentSourceCode,
  type MonitoringCategory,
  type RedFlagCode,
  type VehicleKind,
} from '@fangpin/domain';

export type TextLanguage = 'zh' | 'en';
type Params = Readonly<Record<string, unknown>>;
type Texts<C extends string> = Record<C, (p: Params) => string>;

/** i18next's language ('zh-CN', 'en', 'en-US' …) as one of the two catalogs. */
export function textLanguage(language: string | undefined): TextLanguage {
  return language?.startsWith('en') ? 'en' : 'zh';
}

const str = (v: unknown): string => (typeof v === 'string' ? v : typeof v === 'number' ? String(v) : '');
const num = (v: unknown): number => (typeof v === 'number' && Number.isFinite(v) ? v : 0);
const list = (v: unknown): string[] => (Array.isArray(v) ? v.map(str) : []);
/** Chinese sentences keep the server's plain figures; English groups thousands. */
const en = (v: unknown): string => new Intl.NumberFormat('en-US', { maximumFractionDigits: 2 }).format(num(v));
const riskZh = (code: string) => riskTypeByCode(code)?.zh ?? code;
const riskEn = (code: string) => riskTypeByCode(code)?.en ?? code;
const categoryZh = (v: unknown) => MONITORING_CATEGORY_ZH[str(v) as MonitoringCategory] ?? str(v);
const categoryEn = (v: unknown) => MONITORING_CATEGORY_EN[str(v) as MonitoringCategory] ?? str(v);

// ── Red flags of the property check (domain RedFlag) ──

const withDetailZh = (what: string, p: Params) => (str(p.detail) ? `${what}：${str(p.detail)}` : what);
const withDetailEn = (what: string, p: Params) => (str(p.detail) ? `${what}: ${str(p.detail)}` : what);

const RED_FLAGS: Record<TextLanguage, Texts<RedFlagCode>> = {
  zh: {
    publicServant: (p) => `${p.supporter === true ? '法定赡养（扶养）人' : '家庭成员'}${str(p.name)}为公职人员`,
    vehicle: (p) =>
      `${withDetailZh(`拥有${VEHICLE_KIND_ZH[str(p.kind) as VehicleKind] ?? str(p.kind)}一部`, p)}${p.purchasePrice === undefined ? '' : `（购置价 ${str(p.purchasePrice)} 元）`}`,
    urbanCommercialHousing: (p) => withDetailZh('在城镇购有商品房', p),
    registeredBusiness: (p) => withDetailZh('登记有营业执照', p),
    hiredLabour: () => '雇用他人从事生产经营',
    largeScaleFarming: () => '规模化种养殖',
  },
  en: {
    publicServant: (p) => `${p.supporter === true ? 'Legal supporter' : 'Household member'} ${str(p.name)} is a public servant`,
    vehicle: (p) =>
      `${withDetailEn(`Owns a ${(VEHICLE_KIND_EN[str(p.kind) as VehicleKind] ?? str(p.kind)).toLowerCase()}`, p)}${p.purchasePrice === undefined ? '' : ` (bought for ${en(p.purchasePrice)} yuan)`}`,
    urbanCommercialHousing: (p) => withDetailEn('Owns commercial housing in town', p),
    registeredBusiness: (p) => withDetailEn('Holds a business licence', p),
    hiredLabour: () => 'Hires others for production or business',
    largeScaleFarming: () => 'Large-scale farming or breeding',
  },
};

/** A red flag's sentence in `lang`; the stored zh-CN message when it has no params (stored before they existed). */
export function describeRedFlag(flag: { code: string; message: string; params?: Params | undefined }, lang: TextLanguage): string {
  const text = RED_FLAGS[lang][flag.code as RedFlagCode];
  return flag.params && text ? text(flag.params) : flag.message;
}

// ── Assessment reasons (domain AssessmentReason) ──

const suddenWhatZh = (p: Params) => (p.kind === 'fire' ? '火灾' : p.kind === 'accident' ? '意外事故' : (riskTypeByCode(str(p.riskType))?.zh ?? '自然灾害'));
const suddenWhatEn = (p: Params) => (p.kind === 'fire' ? 'a fire' : p.kind === 'accident' ? 'an accident' : `a ${riskTypeByCode(str(p.riskType))?.en ?? 'natural disaster'}`);

const REASONS: Record<TextLanguage, Texts<AssessmentReasonCode>> = {
  zh: {
    recordsOutsideWindow: (p) =>
      `有 ${str(p.records)} 条收支记录（${list(p.months).join('、')}，合计 ${str(p.amount)} 元）不在收入计算期 ${str(p.fromMonth)} 至 ${str(p.toMonth)} 内，未计入；请核对月份`,
    noMembers: () => '家庭人口为 0，无法计算人均纯收入',
    incomeWithinLine: (p) =>
      `${str(p.fromMonth)} 至 ${str(p.toMonth)} 家庭人均纯收入 ${str(p.perCapita)} 元，不高于监测线 ${str(p.line)} 元（家庭纯收入 ${str(p.netIncome)} 元 ÷ ${str(p.size)} 人）`,
    incomeAboveLine: (p) =>
      `${str(p.fromMonth)} 至 ${str(p.toMonth)} 家庭人均纯收入 ${str(p.perCapita)} 元，高于监测线 ${str(p.line)} 元（家庭纯收入 ${str(p.netIncome)} 元 ÷ ${str(p.size)} 人）`,
    medicalSpendingAboveThreshold: (p) =>
      `合规自付医疗支出 ${str(p.medical)} 元，超过${p.householdType === 'formerlyPoor' ? '脱贫户' : '一般农户'}预警线 ${str(p.threshold)} 元${num(p.grossCosts) > 0 ? `（医疗总费用 ${str(p.grossCosts)} 元）` : ''}`,
    medicalSpendingBelowThreshold: (p) => `合规自付医疗支出 ${str(p.medical)} 元，未超过预警线 ${str(p.threshold)} 元`,
    serious: (p) => `家庭成员患大病 ${str(p.count)} 人${num(p.medical) > 0 ? '' : '，但无合规自付医疗支出记录'}`,
    compulsoryEducationProblem: (p) => `义务教育保障存在问题${num(p.dropouts) > 0 ? `（疑似辍学 ${str(p.dropouts)} 人）` : ''}`,
    educationCostAboveThreshold: (p) => `非义务教育阶段教育支出 ${str(p.costs)} 元，超过 ${str(p.threshold)} 元`,
    basicMedicalProblem: () => '基本医疗保障存在问题（有成员未参加基本医疗保险）',
    housingSafetyProblem: () => '住房安全存在问题',
    drinkingWaterProblem: () => '饮水安全存在问题',
    foodAndClothingProblem: () => '吃穿（两不愁）存在问题',
    disability: (p) => `家庭成员残疾 ${str(p.count)} 人（重度 ${str(p.severe)} 人）`,
    noLabour: () => '整户无劳动能力（应标注整户无劳动能力兜底保障户）',
    labourShortage: (p) => `${str(p.size)} 口之家仅有劳动力 ${str(p.labour)} 人，不足半数`,
    hasLabour: (p) => `家有劳动力 ${str(p.labour)} 人（全劳力 ${str(p.full)}，部分劳力 ${str(p.partial)}），共 ${str(p.size)} 人`,
    unstableEmployment: (p) =>
      `务工就业不稳定${num(p.unstableWorkers) > 0 ? `（${str(p.unstableWorkers)} 名劳动力就业不稳或失业）` : ''}${p.departmentSignal === true ? '；人社部门比对提示' : ''}`,
    unstableEmploymentWithoutLabour: () => '提示务工就业不稳，但家中无劳动力：不能标注因务工就业不稳',
    industryProjectFailed: () => '产业项目失败',
    operatingIncomeDrop: (p) =>
      `生产经营性收入由 ${str(p.previous)} 元降至 ${str(p.current)} 元，降幅 ${str(p.dropPercent)}%，超过 ${str(p.thresholdPercent)}%`,
    suddenEvent: (p) => `${str(p.date)} 发生${suddenWhatZh(p)}${str(p.note) ? `（${str(p.note)}）` : ''}，损失 ${str(p.loss)} 元`,
    rigidSpending: (p) =>
      `刚性支出合计 ${str(p.total)} 元（合规自付 ${str(p.compliant)}，其他刚性支出 ${str(p.other)}，突发损失 ${str(p.sudden)}），扣除后人均 ${str(p.perCapitaAfter)} 元`,
    redFlag: (p) => `财产检索：${describeRedFlag({ code: str(p.flag), message: '', params: p }, 'zh')}（需在村级评议中说明）`,
    riskTypesTruncated: (p) => `识别出 ${str(p.found)} 类风险，只保留前 ${str(p.kept)} 类：${list(p.dropped).join('、')} 未列入`,
    noRisk: () => '未发现返贫致贫风险',
    rigidSpendingBringsBelowLine: (p) => `收入高于监测线，但扣除刚性支出和突发损失后人均 ${str(p.perCapitaAfter)} 元，不高于监测线 ${str(p.line)} 元`,
    categorySuggested: (p) => `建议认定为${categoryZh(p.category)}，风险类型：${list(p.riskTypes).map(riskZh).join('、')}`,
    notWithinScope: (p) => `不符合${categoryZh(p.category)}条件（系统建议，由村级评议和县级审定决定）`,
    categoryOptional: () => '2026 年起统称防止返贫致贫对象，监测对象类别为可选项',
  },
  en: {
    recordsOutsideWindow: (p) =>
      `${str(p.records)} income or spending record(s) (${list(p.months).join(', ')}; ${en(p.amount)} yuan in total) fall outside the income period ${str(p.fromMonth)} to ${str(p.toMonth)} and were not counted; please check the months`,
    noMembers: () => 'The household has no members: per-capita net income cannot be computed',
    incomeWithinLine: (p) =>
      `Per-capita net income ${str(p.fromMonth)} to ${str(p.toMonth)}: ${en(p.perCapita)} yuan, not above the monitoring line of ${en(p.line)} yuan (net household income ${en(p.netIncome)} yuan ÷ ${str(p.size)} persons)`,
    incomeAboveLine: (p) =>
      `Per-capita net income ${str(p.fromMonth)} to ${str(p.toMonth)}: ${en(p.perCapita)} yuan, above the monitoring line of ${en(p.line)} yuan (net household income ${en(p.netIncome)} yuan ÷ ${str(p.size)} persons)`,
    medicalSpendingAboveThreshold: (p) =>
      `Compliant out-of-pocket medical spending ${en(p.medical)} yuan, above the alert line of ${en(p.threshold)} yuan for ${p.householdType === 'formerlyPoor' ? 'formerly poor' : 'ordinary'} households${num(p.grossCosts) > 0 ? ` (total medical costs ${en(p.grossCosts)} yuan)` : ''}`,
    medicalSpendingBelowThreshold: (p) => `Compliant out-of-pocket medical spending ${en(p.medical)} yuan, not above the alert line of ${en(p.threshold)} yuan`,
    serious: (p) => `${str(p.count)} member(s) seriously ill${num(p.medical) > 0 ? '' : ', but no compliant out-of-pocket medical spending recorded'}`,
    compulsoryEducationProblem: (p) => `Compulsory education not secured${num(p.dropouts) > 0 ? ` (${str(p.dropouts)} suspected dropout(s))` : ''}`,
    educationCostAboveThreshold: (p) => `Non-compulsory education spending ${en(p.costs)} yuan, above ${en(p.threshold)} yuan`,
    basicMedicalProblem: () => 'Basic medical care not secured (a member has no basic medical insurance)',
    housingSafetyProblem: () => 'Housing is not safe',
    drinkingWaterProblem: () => 'Drinking water is not safe',
    foodAndClothingProblem: () => 'Food or clothing not secured',
    disability: (p) => `${str(p.count)} member(s) disabled (${str(p.severe)} severely)`,
    noLabour: () => 'No member can work (to be marked as a household without labour, under basic-living protection)',
    labourShortage: (p) => `Only ${str(p.labour)} of ${str(p.size)} members can work, fewer than half`,
    hasLabour: (p) => `${str(p.labour)} of ${str(p.size)} members can work (${str(p.full)} fully, ${str(p.partial)} partly)`,
    unstableEmployment: (p) =>
      `Unstable employment${num(p.unstableWorkers) > 0 ? ` (${str(p.unstableWorkers)} worker(s) unstably employed or unemployed)` : ''}${p.departmentSignal === true ? '; flagged by the human resources data comparison' : ''}`,
    unstableEmploymentWithoutLabour: () => 'Unstable employment was reported, but no member can work: the risk "unstable employment" cannot be marked',
    industryProjectFailed: () => 'Industry project failed',
    operatingIncomeDrop: (p) =>
      `Operating income fell from ${en(p.previous)} to ${en(p.current)} yuan, a drop of ${str(p.dropPercent)}%, more than ${str(p.thresholdPercent)}%`,
    suddenEvent: (p) => `${suddenWhatEn(p)} on ${str(p.date)}${str(p.note) ? ` (${str(p.note)})` : ''}, loss ${en(p.loss)} yuan`.replace(/^a/, 'A'),
    rigidSpending: (p) =>
      `Rigid spending ${en(p.total)} yuan in total (compliant out-of-pocket ${en(p.compliant)}, other rigid spending ${en(p.other)}, sudden losses ${en(p.sudden)}); per capita after it ${en(p.perCapitaAfter)} yuan`,
    redFlag: (p) => `Property check: ${describeRedFlag({ code: str(p.flag), message: '', params: p }, 'en')} (to be explained at the village deliberation)`,
    riskTypesTruncated: (p) => `${str(p.found)} risk types found, only the first ${str(p.kept)} kept: ${list(p.dropped).map(riskEn).join(', ')} left out`,
    noRisk: () => 'No risk of falling (back) into poverty found',
    rigidSpendingBringsBelowLine: (p) =>
      `Income is above the monitoring line, but after rigid spending and sudden losses per-capita income is ${en(p.perCapitaAfter)} yuan, not above the line of ${en(p.line)} yuan`,
    categorySuggested: (p) => `Suggested category: ${categoryEn(p.category)}; risk types: ${list(p.riskTypes).map(riskEn).join(', ')}`,
    notWithinScope: (p) => `Does not meet the conditions of ${categoryEn(p.category)} (the system's suggestion; the village deliberation and the county decide)`,
    categoryOptional: () => 'From 2026 all are "households monitored against falling into poverty"; the monitoring category is optional',
  },
};

/** An assessment reason's sentence in `lang`; the stored zh-CN message when it has no params (an assessment stored before they existed). */
export function describeAssessmentReason(reason: { code: string; message: string; params?: Params | undefined }, lang: TextLanguage): string {
  const text = REASONS[lang][reason.code as AssessmentReasonCode];
  return reason.params && text ? text(reason.params) : reason.message;
}

// ── Department warnings (domain DepartmentSignal, stored as the warning's `signal` and `numbers`) ──

const percent = (v: unknown) => String(Math.round(num(v) * 100));

const SIGNALS: Record<TextLanguage, Texts<DepartmentSignalCode>> = {
  zh: {
    medicalOutOfPocket: (p) => `医保：近12个月合规自付 ${str(p.outOfPocketLast12Months)} 元，预警线 ${str(p.threshold)} 元`,
    suspectedDropout: () => '教育：义务教育阶段疑似辍学',
    nonCompulsoryEducationCost: (p) => `教育：非义务教育阶段费用 ${str(p.costPerSchoolYear)} 元/学年，预警线 ${str(p.threshold)} 元`,
    employmentLost: () => '人社：失业、务工不稳或外出务工岗位丢失',
    industryProjectFailed: () => '农业农村：产业项目失败',
    operatingIncomeDrop: (p) => `农业农村：生产经营性收入同比下降 ${percent(p.dropRatio)}%，预警线 ${percent(p.threshold)}%`,
    socialAssistance: () => '民政：新纳入低保、特困或临时救助',
    disasterVictim: () => '应急管理：受灾群众',
    mainLabourerCasualty: () => '公安：主要劳动力伤亡',
    disability: () => '残联：新增或重度残疾',
    unsafeHousing: () => '住建：住房不安全',
    drinkingWater: () => '水利：饮水安全问题',
    criticalIllness: () => '卫健：大病专项救治对象',
  },
  en: {
    medicalOutOfPocket: (p) => `Medical insurance: compliant out-of-pocket ${en(p.outOfPocketLast12Months)} yuan over the last 12 months, alert line ${en(p.threshold)} yuan`,
    suspectedDropout: () => 'Education: suspected dropout from compulsory education',
    nonCompulsoryEducationCost: (p) => `Education: non-compulsory education costs ${en(p.costPerSchoolYear)} yuan per school year, alert line ${en(p.threshold)} yuan`,
    employmentLost: () => 'Human resources: unemployed, unstable work or a lost migrant job',
    industryProjectFailed: () => 'Agriculture: industry project failed',
    operatingIncomeDrop: (p) => `Agriculture: operating income down ${percent(p.dropRatio)}% on the year, alert line ${percent(p.threshold)}%`,
    socialAssistance: () => 'Civil affairs: newly receiving dibao, tekun or temporary assistance',
    disasterVictim: () => 'Emergency management: affected by a disaster',
    mainLabourerCasualty: () => 'Police: main labourer killed or injured',
    disability: () => "Disabled Persons' Federation: new or severe disability",
    unsafeHousing: () => 'Housing and construction: unsafe housing',
    drinkingWater: () => 'Water resources: drinking water problem',
    criticalIllness: () => 'Health commission: critical-illness treatment patient',
  },
};

const WITHHELD = { zh: WITHHELD_HEALTH_TEXT, en: 'involves health information; the details are visible to the verifiers only' } as const;

/**
 * Free text as stored (a case's summary, a timeline comment): what a person typed is shown as
 * written; the server's own fixed sentences in it — the withheld-health notice, the beginning of a
 * withdrawal by a warning correction — are written in `lang`.
 */
export function describeStoredText(text: string, lang: TextLanguage): string {
  if (lang === 'zh') return text;
  if (text === WITHHELD_HEALTH_TEXT) return WITHHELD.en;
  if (text.startsWith(WARNING_CORRECTION_PREFIX)) return `Warning verification corrected: ${text.slice(WARNING_CORRECTION_PREFIX.length)}`;
  return text;
}

// ── Notes on a case's timeline (an entry's data.note: a code and params) ──

const CORRECTED_TO: Record<TextLanguage, Record<string, string>> = {
  zh: { reopen: '退回重新核实', noRisk: '无风险', alreadyMonitored: '已是监测对象', riskConfirmed: '存在风险' },
  en: { reopen: 'back to verification', noRisk: 'no risk', alreadyMonitored: 'already monitored', riskConfirmed: 'risk confirmed' },
};

const CASE_NOTES: Record<TextLanguage, Texts<'warningClueWithdrawn'>> = {
  zh: {
    warningClueWithdrawn: (p) =>
      `预警核实结果已更正（${CORRECTED_TO.zh[str(p.to)] ?? str(p.to)}），该预警线索撤出本案；案件依其他线索继续办理，${p.wasFirstClue === true ? '立案线索虽已撤出，' : ''}线索日期和办理时限不变`,
  },
  en: {
    warningClueWithdrawn: (p) =>
      `The warning's verification was corrected (${CORRECTED_TO.en[str(p.to)] ?? str(p.to)}) and its clue withdrawn from this case; the case goes on on its other clues${p.wasFirstClue === true ? ' (although this clue opened it)' : ''}, with the same clue date and deadline`,
  },
};

/** A timeline entry's note (`data.note`: code and params) in `lang`, or null when there is none or its code is unknown. */
export function describeCaseNote(note: unknown, lang: TextLanguage): string | null {
  if (!note || typeof note !== 'object') return null;
  const { code, params } = note as { code?: unknown; params?: unknown };
  const text = typeof code === 'string' ? CASE_NOTES[lang][code as 'warningClueWithdrawn'] : undefined;
  return text ? text(params && typeof params === 'object' ? (params as Params) : {}) : null;
}

/**
 * A department warning's sentence in `lang`: from its signal code and numbers; the withheld notice
 * (with the sources' names) when the role may not read the detail; otherwise the stored message.
 */
export function describeWarning(
  w: { message: string; signal?: string | null | undefined; numbers?: Readonly<Record<string, number>> | undefined; sources?: readonly string[] | undefined; detailWithheld?: boolean | undefined },
  lang: TextLanguage,
): string {
  if (w.detailWithheld === true) {
    const names = (w.sources ?? []).map((s) => {
      const source = DEPARTMENT_SOURCES[s as DepartmentSourceCode];
      return source ? (lang === 'en' ? source.en : source.zh) : s;
    });
    return lang === 'en' ? `${names.join(', ')}: ${WITHHELD.en}` : `${names.join('、')}：${WITHHELD.zh}`;
  }
  const text = w.signal ? SIGNALS[lang][w.signal as DepartmentSignalCode] : undefined;
  return text ? text(w.numbers ?? {}) : w.message;
}
