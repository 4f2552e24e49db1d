/**
 * Texts of the statistics page (统计分析), registered under `stats.`. The `def.*` texts are the
 * figures' definitions, the same as docs/statistics.md, shown as tooltips. zh-CN is the reference;
 * `en` has the same keys (checked by the type below).
 */
import i18n from 'i18next';
import type { DeepStrings } from '../hotline/messages';

export const statsZh = {
  title: '统计分析',
  subtitle: '{{region}} · 截至 {{date}}',
  allRegions: '全部地区',
  asOf: '截至日期',
  region: '统计地区',
  households: '户',
  persons: '人',
  householdsPersons: '{{households}} 户 / {{persons}} 人',
  drill: '点击图中数字查看名单',
  open: '查看名单',
  card: {
    total: '监测对象',
    monitoring: '监测中',
    eliminated: '风险已消除',
    rolledBack: '已回退',
  },
  chart: {
    category: '按监测对象类别',
    risk: '按主要风险类型（户）',
    region: '按地区（户）',
    status: '按监测状态（户）',
    trend: '每月新识别与风险消除（户）',
    identified: '新识别',
    eliminated: '风险消除',
    steps: '在办案件（按环节）',
  },
  funnel: {
    title: '发现渠道',
    channel: '渠道',
    reports: '来源记录',
    clues: '线索',
    cases: '识别案件',
    identified: '纳入监测（户/人）',
    screenedOut: '未纳入',
  },
  cases: { title: '在办识别案件', total: '在办', overdue: '已超期', dueSoon: '3 天内到期', onToday: '按今天（{{date}}）统计' },
  helpers: { title: '帮扶责任人落实', onTime: '按时落实', late: '超期落实', unassigned: '未落实', share: '按时落实率 {{share}}', noShare: '暂无有期限的监测对象' },
  coverage: { title: '帮扶措施覆盖', risks: '未落实措施的风险', households: '涉及户数' },
  warnings: { title: '部门预警', bySource: '按数据来源', byStatus: '按处理状态', none: '暂无预警' },
  visits: { title: '走访逾期', notYet: '暂未提供：帮扶走访计划功能尚未上线' },
  empty: '所选地区在该日期前没有监测对象',
  reports: { label: '导出报表：', 'monitoring-objects': '监测对象情况统计表', measures: '帮扶措施落实情况表', eliminations: '风险消除情况表', hotline: '热线来电情况统计表' },
  warningStatus: { new: '待分派', dispatched: '待核实', riskConfirmed: '核实有风险', noRisk: '核实无风险', alreadyMonitored: '已是监测对象' },
  deadlines: {
    title: '期限看板',
    subtitle: '{{region}} · 按今天（{{date}}）统计',
    intro: '本辖区所有待办期限，按到期日排序；逾期和 3 天内到期的优先处理。',
    status: { overdue: '已逾期', dueSoon: '3 天内到期', all: '全部' },
    filter: { status: '期限状态', kind: '事项类型', allKinds: '全部类型' },
    kind: { identification: '识别认定', elimination: '风险消除', helperAssignment: '帮扶责任人落实', helperVisit: '帮扶走访', callback: '热线回访', warning: '部门预警' },
    task: { identificationLimit: '15 日内办结（{{step}}）', stepLimit: '本环节时限：{{step}}', helperAssignment: '5 个工作日内落实帮扶责任人', helperVisit: '按期开展帮扶走访', callback: '回访来电人', warningDispatch: '下发核实', warningVerification: '入户核实并反馈结果' },
    col: { due: '到期日', what: '事项', household: '农户', actor: '谁来办', action: '办理' },
    days: { overdue: '逾期 {{days}} 天', today: '今天到期', left: '还剩 {{days}} 天' },
    noHousehold: '未关联农户',
    go: '去办理',
    empty: '没有符合条件的期限',
    total: '共 {{total}} 项',
    board: '查看期限看板',
  },
  def: {
    total: '截至所选日期已识别纳入监测的农户（含已消除风险、已回退），户数与其现有家庭成员人数。在所选日期之后消除风险的农户仍计为监测中。',
    category: '同上口径，按监测对象类别：脱贫不稳定户、边缘易致贫户、突发严重困难户；未记录类别的计为“未分类”。',
    risk: '同上口径，按风险类型计户数；一户有多个风险类型时分别计入，合计可大于总户数。',
    region: '同上口径，按下一级地区（县下为乡镇，乡镇下为村）计户数。',
    status: '所选日期当天的状态：监测中、风险已消除（稳定/继续跟踪）、已回退。',
    trend: '截至所选日期所在月的 12 个月内，每月识别日期、风险消除日期落在该月的户数（不含所选日期之后）。',
    funnel: '截至所选日期：来源记录为热线来电、自主申报、走访记录、部门预警的条数；线索为未撤回的线索；识别案件按线索日期；纳入监测为经县级审定并在该日期前识别的户数和人数；未纳入为核实不符、村级不推荐或县级不予认定的案件。',
    cases: '按今天统计（与所选日期无关）：未办结、未撤回的识别案件，按当前环节；已超期为超过 15 日办结时限（回访环节除外）或本环节时限；3 天内到期为较近的时限在 3 天内。',
    helpers: '按时/超期落实：有落实期限（在本系统审定）的监测对象，其首个帮扶责任人（干部账号或具名帮扶人，不含仅有第一书记/工作队）在期限内/后落实。未落实：所选日期仍在监测中且当天没有帮扶责任人的户。',
    coverage: '所选日期仍在监测中的户，其风险中没有对应类别帮扶措施的风险个数，以及涉及的户数（覆盖检查在风险、措施或成员变化后计算，按现状）。',
    warnings: '截至所选日期产生的部门预警条数，按数据来源（一条预警可有多个来源）和当前处理状态。',
    visits: '帮扶走访计划（下次走访期限）尚未在主干版本中提供，此项暂不统计。',
    deadlines: '按今天统计：识别案件取本环节时限与 15 日办结时限中较早者（回访环节只看本环节时限）；风险消除案件按本环节时限；帮扶责任人在审定后 5 个工作日内（法定节假日及调休按官方日历）落实；帮扶走访按上次走访（或识别日期）加县里规定的间隔；热线回访按回访期限；部门预警按核实期限。到期日已过为逾期，今天起 3 天内为即将到期。',
  },
};

export const statsEn: DeepStrings<typeof statsZh> = {
  title: 'Statistics',
  subtitle: '{{region}} · as of {{date}}',
  allRegions: 'All regions',
  asOf: 'As of',
  region: 'Region',
  households: 'households',
  persons: 'persons',
  householdsPersons: '{{households}} households / {{persons}} persons',
  drill: 'Tap a figure in a chart to open the list behind it',
  open: 'Open the list',
  card: {
    total: 'Monitoring objects',
    monitoring: 'Under monitoring',
    eliminated: 'Risk eliminated',
    rolledBack: 'Rolled back',
  },
  chart: {
    category: 'By category',
    risk: 'By main risk type (households)',
    region: 'By region (households)',
    status: 'By status (households)',
    trend: 'Identified and eliminated per month (households)',
    identified: 'Identified',
    eliminated: 'Eliminated',
    steps: 'Open cases by step',
  },
  funnel: {
    title: 'Discovery channels',
    channel: 'Channel',
    reports: 'Reports',
    clues: 'Clues',
    cases: 'Cases',
    identified: 'Identified (households/persons)',
    screenedOut: 'Not identified',
  },
  cases: { title: 'Open identification cases', total: 'Open', overdue: 'Overdue', dueSoon: 'Due within 3 days', onToday: 'Counted today ({{date}})' },
  helpers: { title: 'Helping cadres assigned', onTime: 'On time', late: 'Late', unassigned: 'Not assigned', share: 'On time: {{share}}', noShare: 'No monitoring object with a deadline yet' },
  coverage: { title: 'Measures coverage', risks: 'Risks without a measure', households: 'Households' },
  warnings: { title: 'Department warnings', bySource: 'By source', byStatus: 'By status', none: 'No warnings' },
  visits: { title: 'Visits overdue', notYet: 'Not yet available: the helper visit schedule is not released yet' },
  empty: 'No monitoring objects in this region by this date',
  reports: { label: 'Report tables:', 'monitoring-objects': 'Monitoring objects', measures: 'Assistance measures', eliminations: 'Risk elimination', hotline: 'Hotline calls' },
  warningStatus: { new: 'To dispatch', dispatched: 'To verify', riskConfirmed: 'Risk confirmed', noRisk: 'No risk', alreadyMonitored: 'Already monitored' },
  deadlines: {
    title: 'Deadline board',
    subtitle: '{{region}} · as of today ({{date}})',
    intro: 'Every open deadline in your region, soonest first; overdue and due within 3 days come first.',
    status: { overdue: 'Overdue', dueSoon: 'Due soon', all: 'All' },
    filter: { status: 'Deadline status', kind: 'Kind', allKinds: 'All kinds' },
    kind: { identification: 'Identification', elimination: 'Risk elimination', helperAssignment: 'Helper assignment', helperVisit: 'Helper visit', callback: 'Hotline callback', warning: 'Department warning' },
    task: { identificationLimit: 'Finish within 15 days ({{step}})', stepLimit: 'Step limit: {{step}}', helperAssignment: 'Assign helpers within 5 working days', helperVisit: 'Visit the household on schedule', callback: 'Call the caller back', warningDispatch: 'Dispatch for verification', warningVerification: 'Verify at home and report' },
    col: { due: 'Due', what: 'What', household: 'Household', actor: 'Who acts', action: 'Act' },
    days: { overdue: '{{days}} days overdue', today: 'Due today', left: '{{days}} days left' },
    noHousehold: 'No household linked',
    go: 'Open',
    empty: 'No deadlines match',
    total: '{{total}} items',
    board: 'Open the deadline board',
  },
  def: {
    total: 'Households identified as monitoring objects by the date (including those whose risk was eliminated or rolled back), and their current members. A household eliminated after the date counts as monitored.',
    category: 'The same households by category: unstable, marginal, sudden; without a recorded category: "none".',
    risk: 'The same households by risk type; a household with several risk types counts under each, so the sum can exceed the total.',
    region: 'The same households per child region (townships of a county, villages of a township).',
    status: 'Status on the date: under monitoring, risk eliminated (stable / tracking), rolled back.',
    trend: 'For the 12 months ending with the month of the date: households identified, and households eliminated, in each month (not after the date).',
    funnel: 'Up to the date: reports are hotline calls, self-applications, visit reports and department warnings; clues not withdrawn; cases by clue date; identified: households approved by the county and identified by the date, with persons; not identified: cases screened out, not recommended or rejected.',
    cases: 'Counted today, whatever the date chosen: identification cases not closed or withdrawn, by current step; overdue: past the 15-day limit (except at the callback) or the step deadline; due soon: the nearer deadline within 3 days.',
    helpers: 'On time / late: monitoring objects with an assignment deadline (approved in Fangpin) whose first own helper (a cadre account or a named person; not only the first secretary or work team) came by / after it. Not assigned: under monitoring on the date without an own helper that day.',
    coverage: 'Among households under monitoring on the date: risks without a measure of a matching category, and the households concerned (the coverage check as it stands now).',
    warnings: 'Department warnings raised by the date, by source (a warning may have several) and by their status now.',
    visits: 'The helper visit schedule (next visit due) is not on the main version yet: not counted.',
    deadlines: 'Counted on today: an identification case by the nearer of its step limit and the 15-day limit (at the callback, the step limit only); a risk-elimination case by its step limit; helpers within 5 working days of approval (official holidays and make-up days); helper visits by the last visit (or identification) plus the county interval; hotline callbacks by their due day; department warnings by their verification due day. Past the due day is overdue; today to 3 days ahead is due soon.',
  },
};

let registered = false;

export function registerStatsTexts(): void {
  if (registered) return;
  registered = true;
  i18n.addResourceBundle('zh-CN', 'translation', { stats: statsZh }, true, false);
  i18n.addResourceBundle('en', 'translation', { stats: statsEn }, true, false);
}

registerStatsTexts();
