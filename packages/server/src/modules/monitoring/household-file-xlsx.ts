import type { Writable } from 'node:stream';
import ExcelJS from 'exceljs';
import { HELPER_KIND_ZH, MEASURE_CATEGORIES, MEASURE_STATUS_ZH, MONITORING_CATEGORY_ZH, isMeasureCategoryName, riskTypeByCode, type MonitoringCategory } from '@fangpin/domain';
import { xlsxRow } from '../../files/xlsx-cells.ts';
import type { HouseholdFile } from './household-file.ts';

type Sheet = ExcelJS.Worksheet;

function table(workbook: ExcelJS.stream.xlsx.WorkbookWriter, name: string, header: string[], rows: unknown[][], widths: number[]): void {
  const sheet: Sheet = workbook.addWorksheet(name);
  sheet.columns = widths.map((width) => ({ width }));
  const head = sheet.addRow(xlsxRow(header));
  head.font = { bold: true };
  head.commit();
  for (const r of rows) sheet.addRow(xlsxRow(r)).commit();
  sheet.commit();
}

const risk = (code: string) => riskTypeByCode(code)?.zh ?? code;
const category = (c: string | null) => (c && c in MONITORING_CATEGORY_ZH ? MONITORING_CATEGORY_ZH[c as MonitoringCategory] : '');

/**
 * 一户一档 as an XLSX workbook, one sheet per part of the file (the same content as the JSON and the
 * print page: ID numbers masked). Every value goes through `xlsxRow` (no formulas, no unstorable characters).
 */
export async function writeHouseholdFileXlsx(file: HouseholdFile, out: Writable): Promise<void> {
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true });
  const h = file.household;
  const m = file.monitoring;
  table(
    workbook,
    '农户 Household',
    ['项目', '内容'],
    [
      ['户编号', h.householdNumber],
      ['县', h.countyName],
      ['乡镇', h.townshipName],
      ['村', h.villageName],
      ['住址', h.address],
      ['户类型', h.type === 'formerlyPoor' ? '脱贫户' : '一般农户'],
      ['联系电话', h.phoneMasked],
      ['监测状态', m?.statusZh ?? '非监测对象'],
      ['监测对象类别', category(m?.category ?? null)],
      ['风险类型', file.risks.map((r) => r.name).join('、')],
      ['识别时间', m?.identifiedOn ?? ''],
      ['风险消除时间', m?.eliminatedOn ?? ''],
      ['上次走访', m?.lastVisitOn ?? ''],
      ['下次走访', m?.nextVisitDueOn ?? ''],
      ['生成日期', file.generatedOn],
      ['生成人', file.generatedBy],
    ],
    [18, 60],
  );
  table(
    workbook,
    '家庭成员 Members',
    ['姓名', '与户主关系', '性别', '出生年份', '身份证号（脱敏）', '健康状况', '劳动能力', '在校/文化', '务工月数'],
    file.members.map((p) => [p.name, p.relation, p.sex, p.birthYear, p.idNumberMasked, p.health ?? '（不可见）', p.labourCapacity ?? '', p.schooling ?? '', p.migrantMonths ?? '']),
    [12, 12, 6, 10, 22, 12, 12, 12, 10],
  );
  table(
    workbook,
    '帮扶责任人 Helpers',
    ['类型', '姓名', '单位', '电话（脱敏）', '落实日期', '经办人', '结束日期', '调整原因'],
    file.helpers.map((x) => [HELPER_KIND_ZH[x.kind] ?? x.kind, x.name, x.unit, x.phoneMasked, x.assignedOn, x.assignedBy, x.endedOn ?? '', x.endReason ?? '']),
    [14, 12, 20, 16, 12, 14, 12, 30],
  );
  table(
    workbook,
    '帮扶措施 Measures',
    ['针对风险', '措施类别', '具体措施', '责任部门', '金额（元）', '开始', '结束', '状态', '落实日期', '登记人', '佐证材料'],
    file.measures.map((x) => [risk(x.riskType), isMeasureCategoryName(x.category) ? MEASURE_CATEGORIES[x.category].zh : x.category, x.measure, x.department, x.amount ?? '', x.startOn, x.endOn ?? '', MEASURE_STATUS_ZH[x.status], x.deliveredOn ?? '', x.createdBy, x.evidence.join('、')]),
    [14, 14, 30, 16, 12, 12, 12, 10, 12, 12, 24],
  );
  table(
    workbook,
    '措施覆盖 Coverage',
    ['风险', '是否有对应措施', '问题'],
    file.risks.map((r) => [r.name, r.isCovered ? '是' : '否', (file.coverage?.problems ?? []).filter((p) => p.riskType === r.code).map((p) => p.message).join('；')]),
    [16, 14, 60],
  );
  table(
    workbook,
    '帮扶走访 Visits',
    ['走访日期', '走访人', '走访情况', '困难和问题', '收入年度', '人均纯收入（元）', '监测线（元）', '规则版本', '照片'],
    file.visits.map((v) => [v.visitedOn, v.visitorName, v.observed, v.problems, v.incomeYear ?? '', v.assessment?.perCapitaNetIncome ?? '', v.assessment?.monitoringLine ?? '', v.assessment?.ruleSetVersion ?? '', v.attachments.join('、')]),
    [12, 12, 40, 30, 10, 16, 12, 22, 20],
  );
  table(
    workbook,
    '收入 Incomes',
    ['年度', '人均纯收入（元）', '监测线（元）', '是否在监测线以内', '来源', '日期', '规则版本'],
    file.incomes.map((i) => [i.year, i.perCapitaIncome, i.monitoringLine ?? '', i.isWithinLine === null ? '' : i.isWithinLine ? '是' : '否', i.source === 'visit' ? '帮扶走访' : '监测信息', i.on ?? '', i.ruleSetVersion ?? '']),
    [8, 16, 12, 16, 10, 12, 22],
  );
  table(
    workbook,
    '决定 Decisions',
    ['日期', '案件编号', '事项', '结果', '经办人', '角色', '规则版本', '说明'],
    file.decisions.map((d) => [d.on, d.caseNumber, d.typeZh, d.summaryZh, d.by, d.byRole, d.ruleSetVersion ?? '', d.comment]),
    [12, 18, 20, 40, 12, 16, 22, 40],
  );
  await workbook.commit();
}
