/**
 * Demo monitoring facts (监测信息) for a share of the demo households, as a national monitoring export
 * would carry them, with a few deliberate defects of each kind the national data-quality checks
 * look for, so the quality report has something to show. Pure and seeded: same input, same rows.
 */
import { mulberry32 as prng } from './generate-registry.ts';

export type DemoHousehold = { householdNumber: string; type: string; hasDibao: boolean; hasNoLabour: boolean };

export const MONITORING_CSV_HEADER_ZH = [
  '户编号', '监测对象类别', '风险类型', '识别监测时间', '收入年度', '人均纯收入', '工资性收入', '转移性收入', '合规自付医疗支出',
  '是否享受残疾人补贴', '住房安全问题', '饮水安全问题', '风险消除方式', '风险消除时间', '风险消除后人均纯收入', '是否整户无劳动能力兜底保障户',
] as const;

const RISKS = ['因病', '因学', '因残', '因务工就业不稳', '因意外事故', '缺劳动力'] as const;


const pad = (n: number) => String(n).padStart(2, '0');

export function* generateMonitoringRows(households: readonly DemoHousehold[], seed = 2021): Generator<string[]> {
  const random = prng(seed);
  const between = (lo: number, hi: number) => Math.round(lo + random() * (hi - lo));
  for (const [i, h] of households.entries()) {
    const risks = new Set<string>([RISKS[between(0, RISKS.length - 1)]!]);
    if (random() < 0.3) risks.add(RISKS[between(0, RISKS.length - 1)]!);
    if (h.hasNoLabour) risks.add('缺劳动力');
    const year = between(2021, 2025);
    const month = between(1, 12);
    const identified = `${year}-${pad(month)}-${pad(between(1, 28))}`;
    let income = between(5200, 9400);
    let wage = random() < 0.7 ? between(3000, 30000) : 0;
    let transfer = h.hasDibao ? between(1800, 5200) : between(0, 1500);
    let outOfPocket = risks.has('因病') ? between(3000, 40000) : between(0, 800);
    const housing = random() < 0.04;
    const water = random() < 0.04;
    if (housing) risks.add('因安全住房');
    if (water) risks.add('因安全饮水');
    let mode = '';
    let eliminated = '';
    let after = '';
    if (year <= 2024 && random() < 0.35) {
      mode = random() < 0.8 ? '帮扶消除' : '自然消除';
      const months = between(7, 20);
      const total = year * 12 + month - 1 + months;
      eliminated = `${Math.floor(total / 12)}-${pad((total % 12) + 1)}-15`;
      after = String(between(9800, 15000));
    }
    let identifiedOut = identified;
    let noLabourFlag = h.hasNoLabour;
    // Deliberate defects, one kind each, for the quality report.
    if (i % 97 === 5 && h.hasDibao) transfer = 0;
    if (i % 89 === 7 && risks.has('因病')) outOfPocket = 0;
    if (i % 83 === 11) wage = 60;
    if (i % 79 === 13) {
      identifiedOut = `2024-${pad(month)}-10`;
      income = 21500;
    }
    if (i % 73 === 17 && mode) {
      mode = '帮扶消除';
      eliminated = identified.slice(0, 8) + '28';
    }
    if (i % 71 === 19 && mode === '帮扶消除') after = '5600';
    if (i % 67 === 23) risks.delete('因安全饮水');
    if (i % 61 === 29 && h.hasNoLabour) noLabourFlag = false;
    const waterOut = i % 67 === 23 ? true : water;
    const category = i % 15 === 0 ? '突发严重困难户' : h.type === 'formerlyPoor' ? '脱贫不稳定户' : '边缘易致贫户';
    yield [
      h.householdNumber,
      category,
      [...risks].slice(0, 5).join('、'),
      identifiedOut,
      '2025',
      String(income),
      String(wage),
      String(transfer),
      String(outOfPocket),
      random() < 0.05 ? '是' : '否',
      housing ? '是' : '否',
      waterOut ? '是' : '否',
      mode,
      eliminated,
      mode ? after : '',
      noLabourFlag ? '是' : '否',
    ];
  }
}
