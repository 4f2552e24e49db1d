/**
 * Texts of helper visits (帮扶走访), added to the `monitoring.` bundle (visits.*, the visitOverdue
 * flag, the register's next-visit column, the history's visit entries). zh-CN is the reference; `en`
 * has the same keys (checked by the type below).
 */
import i18n from 'i18next';
import type { DeepStrings } from '../hotline/messages';

export const visitsZh = {
  flag: { visitOverdue: '走访超期' },
  todo: { visitOverdue: '帮扶走访超期' },
  nextVisit: '下次走访',
  myVisitOverdue: '有 {{count}} 户帮扶走访已超期',
  nextVisitDue: '应于 {{date}} 前走访',
  visitOverdue: '走访超期（应于 {{date}} 前）',
  lastVisit: '上次走访 {{date}}',
  record: {
    action: {
      'monitoring.visitRecorded': '登记帮扶走访',
      'monitoring.incomeUpdated': '走访更新收入，重新测算',
    },
  },
  file: {
    title: '一户一档',
    open: '一户一档',
    back: '返回农户',
    print: '打印（A4）',
    xlsx: '导出 Excel',
    privacy: '身份证号、电话已脱敏；打印和导出均记入操作日志',
  },
  visits: {
    title: '帮扶走访',
    add: '登记走访',
    empty: '尚未登记帮扶走访',
    rhythm: '每 {{count}} 个月走访一次',
    last: '上次走访',
    next: '下次走访',
    never: '尚未走访',
    by: '{{name}} 走访',
    observed: '走访情况',
    problems: '发现的困难和问题',
    income: '收入更新（{{year}} 年，近 12 个月）',
    assessment: '人均纯收入 {{income}} 元，监测线 {{line}} 元',
    withinLine: '在监测线以内',
    aboveLine: '高于监测线',
    ruleSet: '规则版本 {{version}}',
    photos: '照片',
    form: {
      title: '登记帮扶走访',
      visitedOn: '走访日期',
      visitedOnHint: '补录时填写实际走访的日期，不能晚于今天',
      observed: '走访情况',
      observedPlaceholder: '看到、问到的情况，如：户主已出院，在县城务工，孩子按时上学',
      observedRequired: '请填写走访情况',
      problems: '发现的困难和问题',
      problemsPlaceholder: '没有可不填',
      hasIncome: '本次走访更新了家庭收入',
      incomeHint: '填写走访当月之前 12 个月的全年合计（元），保存后按现行规则重新测算人均纯收入',
      wage: '工资性收入',
      operating: '生产经营性收入',
      property: '财产性收入',
      transfer: '转移性收入',
      operatingCosts: '生产经营支出',
      compliantOutOfPocket: '合规自付医疗支出',
      photos: '走访照片',
      addPhoto: '添加照片',
      submit: '保存',
      cancel: '取消',
      done: '已登记帮扶走访',
      doneAssessed: '已登记，重新测算人均纯收入 {{income}} 元（规则 {{version}}）',
    },
  },
};

export const visitsEn: DeepStrings<typeof visitsZh> = {
  flag: { visitOverdue: 'Visit overdue' },
  todo: { visitOverdue: 'Helper visits overdue' },
  nextVisit: 'Next visit',
  myVisitOverdue: '{{count}} of your households are overdue for a visit',
  nextVisitDue: 'Visit due by {{date}}',
  visitOverdue: 'Visit overdue (due by {{date}})',
  lastVisit: 'Last visited {{date}}',
  record: {
    action: {
      'monitoring.visitRecorded': 'Helper visit recorded',
      'monitoring.incomeUpdated': 'Income updated at a visit, reassessed',
    },
  },
  file: {
    title: 'Household file',
    open: 'Household file',
    back: 'Back to the household',
    print: 'Print (A4)',
    xlsx: 'Export to Excel',
    privacy: 'ID numbers and phones are masked; printing and exporting are recorded in the audit log',
  },
  visits: {
    title: 'Helper visits',
    add: 'Record a visit',
    empty: 'No helper visit recorded yet',
    rhythm: 'A visit every {{count}} months',
    last: 'Last visit',
    next: 'Next visit',
    never: 'Not visited yet',
    by: 'Visited by {{name}}',
    observed: 'What the visit found',
    problems: 'Problems found',
    income: 'Income update ({{year}}, last 12 months)',
    assessment: 'Per-capita net income {{income}} yuan, monitoring line {{line}} yuan',
    withinLine: 'within the line',
    aboveLine: 'above the line',
    ruleSet: 'rule set {{version}}',
    photos: 'Photos',
    form: {
      title: 'Record a helper visit',
      visitedOn: 'Visited on',
      visitedOnHint: 'Entered late? Use the real day (not after today)',
      observed: 'What the visit found',
      observedPlaceholder: 'What you saw and heard, e.g. the head is out of hospital and works in town; the child goes to school',
      observedRequired: 'Describe what the visit found',
      problems: 'Problems found',
      problemsPlaceholder: 'Leave empty if none',
      hasIncome: 'This visit updates the household income',
      incomeHint: 'Totals of the 12 months before the visit month (yuan); the per-capita income is reassessed under the rules in force',
      wage: 'Wages',
      operating: 'Operating income',
      property: 'Property income',
      transfer: 'Transfer income',
      operatingCosts: 'Operating costs',
      compliantOutOfPocket: 'Compliant out-of-pocket medical',
      photos: 'Photos',
      addPhoto: 'Add a photo',
      submit: 'Save',
      cancel: 'Cancel',
      done: 'Helper visit recorded',
      doneAssessed: 'Recorded; per-capita income reassessed at {{income}} yuan (rules {{version}})',
    },
  },
};

let registered = false;

/** Merges the visit texts into `monitoring.` in both languages once (idempotent). */
export function registerVisitTexts(): void {
  if (registered) return;
  registered = true;
  i18n.addResourceBundle('zh-CN', 'translation', { monitoring: visitsZh }, true, false);
  i18n.addResourceBundle('en', 'translation', { monitoring: visitsEn }, true, false);
}

registerVisitTexts();
