/**
 * Monitoring-line calculator that shows its working (issue 3 item 1). The national rule: base =
 * 1.5 × the campaign-period poverty standard, adjusted yearly by each province considering the
 * price index, rural per-capita disposable income growth and the rural dibao standard
 * (docs/DOMAIN.md "Monitoring line" [S4][S13][S27][S29]).
 *
 * UNCERTAIN: no province publishes its arithmetic. This calculator proposes a number with a
 * documented, conservative method; the province's published line, stored in the rule set, is the
 * one that counts:
 *   1. base = povertyStandard × factor
 *   2. each year: rate = max(price index change, rural income growth); line = previous × (1 + rate)
 *   3. the line is never below that year's rural dibao standard (a monitored household must not
 *      be poorer by definition than a dibao household)
 *   4. rounded up to `roundUpTo` yuan.
 */
import type { MonitoringLineAdjustment } from '../rulesets/rule-set.schema.ts';

/** Inputs of {@link suggestMonitoringLine}; the same shape as `ruleSet.monitoringLine.derivation`. */
export interface MonitoringLineInput {
  readonly povertyStandard: number;
  readonly factor: number;
  readonly adjustments: readonly MonitoringLineAdjustment[];
  readonly roundUpTo: number;
}

/** One line of the working. */
export interface MonitoringLineStep {
  /** Stable key: `base`, `adjust:2022`, `dibaoFloor:2022`, `round:2022`. */
  readonly key: string;
  /** zh-CN explanation shown to the admin. */
  readonly label: string;
  /** The arithmetic written out, e.g. `6000 × (1 + 10.4%) = 6624`. */
  readonly formula: string;
  readonly value: number;
}

/** Result: the proposed line and every step that produced it. */
export interface MonitoringLineSuggestion {
  readonly value: number;
  readonly steps: readonly MonitoringLineStep[];
}

function roundUp(value: number, to: number): number {
  return Math.ceil(Math.round(value * 100) / 100 / to) * to;
}

function pct(rate: number): string {
  return `${Math.round(rate * 1000) / 10}%`;
}

function yuan(value: number): string {
  return String(Math.round(value * 100) / 100);
}

/**
 * Propose a monitoring line from the poverty standard, the factor and yearly adjustments, and show
 * every step (docs/DOMAIN.md "Monitoring line"). Adjustments are
 * applied in year order; each year's result is rounded up before the next year builds on it.
 */
export function suggestMonitoringLine(input: MonitoringLineInput): MonitoringLineSuggestion {
  const steps: MonitoringLineStep[] = [];
  const raw = input.povertyStandard * input.factor;
  let line = roundUp(raw, input.roundUpTo);
  steps.push({
    key: 'base',
    label: '基数：脱贫攻坚期国家扶贫标准 × 倍数',
    formula: `${yuan(input.povertyStandard)} × ${input.factor} = ${yuan(raw)}${line !== raw ? `，向上取整至 ${line}` : ''}`,
    value: line,
  });
  const ordered = [...input.adjustments].sort((a, b) => a.year - b.year);
  for (const adj of ordered) {
    const rate = Math.max(adj.priceIndexChange, adj.ruralIncomeGrowth);
    const source = adj.ruralIncomeGrowth >= adj.priceIndexChange ? '农村居民人均可支配收入增幅' : '物价指数变化';
    const adjusted = line * (1 + rate);
    steps.push({
      key: `adjust:${adj.year}`,
      label: `${adj.year} 年调整：取物价指数变化 ${pct(adj.priceIndexChange)} 与农村居民人均可支配收入增幅 ${pct(adj.ruralIncomeGrowth)} 中较大者（${source}）`,
      formula: `${yuan(line)} × (1 + ${pct(rate)}) = ${yuan(adjusted)}`,
      value: Math.round(adjusted * 100) / 100,
    });
    let next = adjusted;
    if (adj.ruralDibaoStandard > next) {
      next = adj.ruralDibaoStandard;
      steps.push({
        key: `dibaoFloor:${adj.year}`,
        label: `${adj.year} 年农村低保标准 ${yuan(adj.ruralDibaoStandard)} 元高于调整结果，以低保标准为下限`,
        formula: `max(${yuan(adjusted)}, ${yuan(adj.ruralDibaoStandard)}) = ${yuan(next)}`,
        value: next,
      });
    }
    line = roundUp(next, input.roundUpTo);
    steps.push({
      key: `round:${adj.year}`,
      label: `${adj.year} 年监测线（向上取整至 ${input.roundUpTo} 元）`,
      formula: `⌈${yuan(next)} / ${input.roundUpTo}⌉ × ${input.roundUpTo} = ${line}`,
      value: line,
    });
  }
  return { value: line, steps };
}
