import { describe, expect, it } from 'vitest';
import { suggestMonitoringLine } from './monitoring-line.ts';

describe('suggestMonitoringLine', () => {
  it.each([
    ['base only: 4000 × 1.5', { povertyStandard: 4000, factor: 1.5, adjustments: [], roundUpTo: 100 }, 6000],
    ['base rounds up', { povertyStandard: 4010, factor: 1.5, adjustments: [], roundUpTo: 100 }, 6100],
    [
      'income growth larger than prices',
      {
        povertyStandard: 4000,
        factor: 1.5,
        adjustments: [{ year: 2022, priceIndexChange: 0.01, ruralIncomeGrowth: 0.1, ruralDibaoStandard: 0 }],
        roundUpTo: 10,
      },
      6600,
    ],
    [
      'prices larger than income growth',
      {
        povertyStandard: 4000,
        factor: 1.5,
        adjustments: [{ year: 2022, priceIndexChange: 0.05, ruralIncomeGrowth: 0.02, ruralDibaoStandard: 0 }],
        roundUpTo: 100,
      },
      6300,
    ],
    [
      'dibao standard is the floor',
      {
        povertyStandard: 4000,
        factor: 1.5,
        adjustments: [{ year: 2022, priceIndexChange: 0, ruralIncomeGrowth: 0.01, ruralDibaoStandard: 6950 }],
        roundUpTo: 100,
      },
      7000,
    ],
  ])('%s → %i', (_name, input, expected) => {
    expect(suggestMonitoringLine(input).value).toBe(expected);
  });

  it('shows its working step by step', () => {
    const { steps } = suggestMonitoringLine({
      povertyStandard: 4000,
      factor: 1.5,
      adjustments: [
        { year: 2023, priceIndexChange: 0.018, ruralIncomeGrowth: 0.067, ruralDibaoStandard: 5200 },
        { year: 2022, priceIndexChange: 0.009, ruralIncomeGrowth: 0.104, ruralDibaoStandard: 5000 },
      ],
      roundUpTo: 100,
    });
    expect(steps.map((s) => s.key)).toEqual(['base', 'adjust:2022', 'round:2022', 'adjust:2023', 'round:2023']);
    expect(steps[0]?.formula).toBe('4000 × 1.5 = 6000');
    expect(steps[1]?.value).toBe(6624);
    expect(steps[2]?.value).toBe(6700);
    expect(steps[4]?.value).toBe(7200);
    expect(steps[1]?.label).toContain('农村居民人均可支配收入增幅');
  });
});
