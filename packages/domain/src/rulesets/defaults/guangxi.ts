/**
 * Default rule sets shipped with the demo: Guangxi (广西壮族自治区, 450000) province defaults per
 * year and the 乐业县 (451028) override. Numbers from the defaults in docs/DOMAIN.md and their sources;
 * where a source is missing the value is marked UNCERTAIN and chosen to be plausible.
 */
import type { RuleSetBody, RuleSetVersion } from '../rule-set.schema.ts';
import type { MonitoringLineAdjustment } from '../rule-set.schema.ts';

/** Guangxi region code (GB/T 2260). */
export const GUANGXI_REGION_CODE = '450000';
/** 乐业县 (Leye county, Baise) region code, the county of the founding story. */
export const LEYE_REGION_CODE = '451028';

/**
 * Yearly adjustment inputs for Guangxi. UNCERTAIN: docs/DOMAIN.md "Monitoring line" knows no published
 * Guangxi line after the 2021 rule (1.5 × standard ≈ 6000 [S27][S14]); these price-index, rural
 * income growth and dibao figures are approximate, chosen so the calculator gives plausible lines
 * (other provinces: 7100–8800 in 2023–2024).
 */
export const GUANGXI_LINE_ADJUSTMENTS: readonly MonitoringLineAdjustment[] = [
  { year: 2022, priceIndexChange: 0.009, ruralIncomeGrowth: 0.104, ruralDibaoStandard: 5000 },
  { year: 2023, priceIndexChange: 0.018, ruralIncomeGrowth: 0.067, ruralDibaoStandard: 5200 },
  { year: 2024, priceIndexChange: 0.001, ruralIncomeGrowth: 0.07, ruralDibaoStandard: 5400 },
  { year: 2025, priceIndexChange: 0.0, ruralIncomeGrowth: 0.066, ruralDibaoStandard: 5600 },
  { year: 2026, priceIndexChange: 0.0, ruralIncomeGrowth: 0.06, ruralDibaoStandard: 5800 },
];

/** Guangxi monitoring line per year (yuan per person per year); 2022+ UNCERTAIN (see above). */
export const GUANGXI_MONITORING_LINES: Readonly<Record<number, number>> = {
  2021: 6000,
  2022: 6700,
  2023: 7200,
  2024: 7800,
  2025: 8400,
  2026: 9000,
};

function guangxiBody(year: number): RuleSetBody {
  const line = GUANGXI_MONITORING_LINES[year];
  if (line === undefined) throw new RangeError(`No Guangxi default for ${year}`);
  return {
    policyEra: year >= 2026 ? '2026+' : '2021-2025',
    monitoringLine: {
      yuanPerPersonYear: line,
      year,
      derivation: {
        povertyStandard: 4000,
        factor: 1.5,
        adjustments: GUANGXI_LINE_ADJUSTMENTS.filter((a) => a.year <= year),
        roundUpTo: 100,
        note:
          '广西以脱贫攻坚期国家扶贫标准的1.5倍作为监测指导线，每年综合全区物价指数变化、农村居民人均可支配收入增幅和农村低保标准等因素动态调整 [S27]。' +
          (year > 2021 ? '本年数值未找到官方公布数（UNCERTAIN），为演示用推算值。' : ''),
      },
    },
    incomeWindowMonths: 12,
    householdSizeBasis: 'coResident',
    noticeDays: 5,
    noticeLevel: 'village',
    identificationLimit: { days: 15, unit: 'calendar' },
    stepLimits: {
      homeVerification: { days: 3, unit: 'calendar' },
      propertyCheck: { days: 5, unit: 'calendar' },
      villageDeliberation: null,
      townshipReview: null,
      countyApproval: null,
      callback: null,
    },
    cadreAssignmentWorkingDays: 5,
    // UNCERTAIN (docs/DOMAIN.md "Helper visits"): monthly for 突发严重困难户, quarterly otherwise.
    helperVisitIntervalMonths: { unstable: 3, marginal: 3, sudden: 1, none: 3 },
    // A county may let its helping cadres read their whole region (docs/DOMAIN.md "Roles").
    helperReadScope: 'assigned',
    eliminationMinMonths: 6,
    eliminationMinMeasures: 1,
    departmentSignals: {
      medicalOutOfPocket: { general: 10000, formerlyPoor: 5000 },
      educationCostPerSchoolYear: 10000,
      operatingIncomeDropRatio: 0.5,
    },
    redFlags: {
      publicServant: true,
      vehicleKinds: ['car', 'van', 'truck', 'constructionMachinery'],
      vehicleMinPurchasePrice: null,
      urbanCommercialHousing: true,
      registeredBusiness: true,
      hiredLabour: true,
      largeScaleFarming: true,
      includeLegalSupporters: true,
    },
    quality: {
      implausibleWageBelow: 100,
      highIncomeFlag: { fromYear: 2023, perCapitaAbove: 20000 },
      quickEliminationMonths: 2,
    },
    calendar: { manualYears: {} },
  };
}

/** Guangxi province defaults, one complete version per year 2021–2026, effective 1 January. */
export const GUANGXI_RULE_SET_VERSIONS: readonly RuleSetVersion[] = Object.keys(GUANGXI_MONITORING_LINES).map(
  (y) => ({
    version: `gx-${y}.1`,
    regionCode: GUANGXI_REGION_CODE,
    effectiveFrom: `${y}-01-01`,
    rules: guangxiBody(Number(y)),
    note: `广西 ${y} 年默认规则`,
  }),
);

/**
 * 乐业县 override: the public notice is posted at township level (乡镇公示, founding story [S27];
 * the national rule is village level). Everything else inherits from Guangxi.
 */
export const LEYE_RULE_SET_VERSIONS: readonly RuleSetVersion[] = [
  {
    version: 'leye-2021.1',
    regionCode: LEYE_REGION_CODE,
    effectiveFrom: '2021-01-01',
    rules: { noticeLevel: 'township' },
    note: '乐业县：乡镇公示',
  },
];

/** Every version shipped with the demo (province defaults first, then the county override). */
export const DEFAULT_RULE_SET_VERSIONS: readonly RuleSetVersion[] = [...GUANGXI_RULE_SET_VERSIONS, ...LEYE_RULE_SET_VERSIONS];
