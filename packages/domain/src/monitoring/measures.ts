/**
 * Assistance measures (帮扶措施) of a monitoring object and their coverage of its risks
 * (docs/DOMAIN.md "Measure categories", coverage rules; issue 13, item 3).
 */
import type { IsoDate } from '../calendar/dates.ts';
import type { MeasureCategoryName } from '../codes/measure-categories.ts';
import type { RiskTypeCode } from '../codes/risk-types.ts';
import { checkCoverage, type CoverageHousehold, type CoverageProblem } from '../coverage/risk-measure-coverage.ts';

/** Status of a measure: planned 计划 → inProgress 实施中 → delivered 已落实. */
export const MEASURE_STATUSES = ['planned', 'inProgress', 'delivered'] as const;
/** One status of a measure. */
export type MeasureStatus = (typeof MEASURE_STATUSES)[number];

/** zh-CN names of the measure statuses. */
export const MEASURE_STATUS_ZH = { planned: '计划', inProgress: '实施中', delivered: '已落实' } as const satisfies Record<MeasureStatus, string>;

/** Allowed moves: forward only (a planned measure may be delivered at once, e.g. a one-off payment). */
export const MEASURE_TRANSITIONS = {
  planned: ['inProgress', 'delivered'],
  inProgress: ['delivered'],
  delivered: [],
} as const satisfies Record<MeasureStatus, readonly MeasureStatus[]>;

/** Whether a measure may move from one status to another. */
export function canMoveMeasure(from: MeasureStatus, to: MeasureStatus): boolean {
  return (MEASURE_TRANSITIONS[from] as readonly MeasureStatus[]).includes(to);
}

/**
 * Examples of concrete measures per category, offered when recording one (the founding story's
 * 医疗报销比例提高 8 个百分点, 公益岗位, 低保 B 类 among them; docs/DOMAIN.md "Measure categories"). Free text is
 * always allowed: counties name their own programmes.
 */
export const MEASURE_EXAMPLES: Readonly<Partial<Record<MeasureCategoryName, readonly string[]>>> = {
  industry: ['产业奖补', '发放种苗、畜禽', '产业技术指导'],
  employment: ['职业技能培训', '务工就业推荐', '务工交通补贴', '就业帮扶车间就业'],
  finance: ['脱贫人口小额信贷'],
  publicWelfarePost: ['公益岗位', '护林员岗位', '保洁员岗位'],
  health: ['医疗报销比例提高 8 个百分点', '医疗救助', '家庭医生签约服务', '大病专项救治'],
  compulsoryEducation: ['控辍保学', '义务教育阶段生活补助'],
  otherEducation: ['雨露计划', '普通高中国家助学金', '生源地助学贷款'],
  socialProtection: ['低保 A 类', '低保 B 类', '低保 C 类', '特困供养', '临时救助', '残疾人两项补贴'],
  housing: ['危房改造', '农房抗震改造'],
  water: ['饮水安全巩固提升工程', '入户管网改造'],
  socialAssistance: ['社会帮扶捐助', '消费帮扶'],
  relocation: ['易地扶贫搬迁'],
  livingConditions: ['改厨改厕', '入户道路硬化'],
};

/** What coverage reads of a measure. */
export interface CoverageMeasure {
  readonly category: MeasureCategoryName;
  readonly status: MeasureStatus;
}

/** Coverage of a household's risks: the uncovered risk types and every problem in the rule's words. */
export interface CoverageSummary {
  /** Risk types without a measure of a matching category (`riskWithoutMeasure`). */
  readonly uncoveredRiskTypes: RiskTypeCode[];
  /** Every problem, including the invalid combinations (因务工就业不稳 without labour …). */
  readonly problems: CoverageProblem[];
  readonly isCovered: boolean;
}

/**
 * Coverage of a monitoring object (docs/DOMAIN.md coverage rules, via {@link checkCoverage}): every
 * recorded measure counts, planned ones included (the plan is what the national data carries);
 * `isCovered` only when there is no problem at all.
 */
export function coverageOf(riskTypes: readonly RiskTypeCode[], measures: readonly CoverageMeasure[], household: CoverageHousehold): CoverageSummary {
  const problems = checkCoverage(riskTypes, measures.map((m) => m.category), household);
  const uncovered = [...new Set(problems.filter((p) => p.code === 'riskWithoutMeasure' && p.riskType).map((p) => p.riskType!))];
  return { uncoveredRiskTypes: uncovered, problems, isCovered: problems.length === 0 };
}

/** Number of delivered measures (elimination needs at least the rule set's minimum for `assisted`). */
export function deliveredMeasureCount(measures: readonly { readonly status: MeasureStatus }[]): number {
  return measures.filter((m) => m.status === 'delivered').length;
}

/** A measure's dates are in order: end on or after start. */
export function isMeasurePeriodValid(startOn: IsoDate, endOn: IsoDate | null): boolean {
  return endOn === null || endOn >= startOn;
}
