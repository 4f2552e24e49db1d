/**
 * Rule sets: every number that varies by region and year, as data a province or county edits
 * (docs/DOMAIN.md "Rule sets": every number is the default of a versioned rule set per region and
 * year; issue 3 item 1). Validated with zod; stored in the database as
 * versions with region and effective date; resolved by `resolveRuleSet` (resolve-rule-set.ts).
 */
import { z } from 'zod';
import { EARLIEST_DATE, entryDateProblem, isIsoDate, LATEST_DATE, MAX_DAYS_AHEAD, type DateBound, type IsoDate } from '../calendar/dates.ts';

/**
 * The one date schema: a `YYYY-MM-DD` string that is a real date from 1900 to 2099 (an earlier or
 * later year is a typo). Fields that know today add their bound with {@link entryDateSchema}.
 */
export const IsoDateSchema = z.string().superRefine((date, ctx) => {
  if (!isIsoDate(date)) ctx.addIssue({ code: 'custom', message: 'Expected a real date written YYYY-MM-DD / 日期应为有效日期（YYYY-MM-DD）' });
  else if (date < EARLIEST_DATE || date > LATEST_DATE) ctx.addIssue({ code: 'custom', message: `Expected a date from ${EARLIEST_DATE} to ${LATEST_DATE} / 日期应在 ${EARLIEST_DATE} 至 ${LATEST_DATE} 之间` });
});

const BOUND_MESSAGES = {
  inFuture: 'The date is after today / 日期不能晚于今天',
  tooFarAhead: `The date is more than ${MAX_DAYS_AHEAD} days ahead / 日期不能晚于一年以后`,
  beforeEarliest: `The date is before ${EARLIEST_DATE} / 日期不能早于 ${EARLIEST_DATE}`,
} as const;

/**
 * {@link IsoDateSchema} for a date a person enters, bounded by today: `notAfterToday` (a visit,
 * a deliberation, the day a step happened) or `withinAYear`. `today` is a function the caller
 * passes in (the server's clock), so the schema is built once and the domain reads no clock.
 */
export function entryDateSchema(today: () => IsoDate, bound: DateBound) {
  return IsoDateSchema.superRefine((date, ctx) => {
    if (!isIsoDate(date) || date < EARLIEST_DATE) return; // already refused above
    const problem = entryDateProblem(date, today(), bound);
    if (problem) ctx.addIssue({ code: 'custom', message: BOUND_MESSAGES[problem] });
  });
}

/** Region code: 6-digit county-level GB/T 2260 code or 12-digit statistical code. */
export const RegionCodeSchema = z.string().regex(/^(\d{6}|\d{9}|\d{12})$/, 'Expected a 6-, 9- or 12-digit region code');

/** A time limit: a number of calendar days or of working days (official calendar with 调休). */
export const DayLimitSchema = z.object({
  days: z.number().int().min(0),
  unit: z.enum(['calendar', 'working']),
});
export type DayLimit = z.infer<typeof DayLimitSchema>;

/** One year's adjustment inputs of the monitoring line (docs/DOMAIN.md "Monitoring line" [S13][S27][S29]). */
export const MonitoringLineAdjustmentSchema = z.object({
  year: z.number().int(),
  /** Change of the (province-wide) consumer price index, e.g. 0.01 for +1 %. */
  priceIndexChange: z.number(),
  /** Growth of rural per-capita disposable income, e.g. 0.104 for +10.4 %. */
  ruralIncomeGrowth: z.number(),
  /** Rural dibao standard in yuan per person per year (a floor for the line). */
  ruralDibaoStandard: z.number().nonnegative(),
});
export type MonitoringLineAdjustment = z.infer<typeof MonitoringLineAdjustmentSchema>;

/** The monitoring line and how it was derived (docs/DOMAIN.md "Monitoring line"). */
export const MonitoringLineSchema = z.object({
  /** Yuan per person per year. A reference, not a hard cut-off. */
  yuanPerPersonYear: z.number().positive(),
  /** The year the line applies to. */
  year: z.number().int(),
  derivation: z.object({
    /** Poverty standard of the campaign period, yuan per person per year (≈ 4000 in 2020 prices). */
    povertyStandard: z.number().positive(),
    /** Multiplier, nationally 1.5 [S4][S13][S27]. */
    factor: z.number().positive(),
    /** Yearly adjustments applied after the base, oldest first. */
    adjustments: z.array(MonitoringLineAdjustmentSchema),
    /** Round the result up to a multiple of this (yuan). */
    roundUpTo: z.number().int().positive(),
    /** Free text: the provincial document or the reason for the number. */
    note: z.string(),
  }),
});

const VehicleKindSchema = z.enum(['car', 'van', 'truck', 'constructionMachinery', 'motorcycle', 'tricycle']);

const ManualCalendarYearSchema = z.object({
  holidays: z.array(IsoDateSchema),
  makeUpWorkdays: z.array(IsoDateSchema),
});

/** The rules themselves (without version metadata). */
export const RuleSetBodySchema = z.object({
  /** `2021-2025`: three categories in force; `2026+`: 防止返贫致贫对象, category optional [S10][S12]. */
  policyEra: z.enum(['2021-2025', '2026+']),
  monitoringLine: MonitoringLineSchema,
  /** Income window: months before the month of application/identification (docs/DOMAIN.md "Income window"). */
  incomeWindowMonths: z.number().int().min(1).max(36),
  /** Who counts in household size: co-resident members (default) or all registered ones (docs/DOMAIN.md "Household size": UNCERTAIN). */
  householdSizeBasis: z.enum(['coResident', 'registered']),
  /** Public notice length in calendar days, at least 5 [S19]. */
  noticeDays: z.number().int().min(5),
  /** Where the notice is posted: national rule village [S19]; Leye: township [S27]. */
  noticeLevel: z.enum(['village', 'township']),
  /** Whole identification procedure from the clue: 15 days; some provinces 10 days or 20 working days. */
  identificationLimit: DayLimitSchema,
  /** Per-step limits; null = no limit of its own (docs/DOMAIN.md "Steps and limits"). */
  stepLimits: z.object({
    homeVerification: DayLimitSchema.nullable(),
    propertyCheck: DayLimitSchema.nullable(),
    villageDeliberation: DayLimitSchema.nullable(),
    townshipReview: DayLimitSchema.nullable(),
    countyApproval: DayLimitSchema.nullable(),
    callback: DayLimitSchema.nullable(),
  }),
  /** Helping cadre, first secretary and work team assigned within N working days (docs/DOMAIN.md "Helpers after approval" [S27]). */
  cadreAssignmentWorkingDays: z.number().int().min(1),
  /**
   * Months between two helper visits (帮扶走访) per monitoring category; `none` for a household without
   * one (2026+). No source fixes a national rhythm (UNCERTAIN): defaults monthly for 突发严重困难户,
   * quarterly otherwise (docs/DOMAIN.md "Helper visits"). Versions stored before this field existed
   * read as those defaults.
   */
  helperVisitIntervalMonths: z
    .object({
      unstable: z.number().int().min(1).max(12),
      marginal: z.number().int().min(1).max(12),
      sudden: z.number().int().min(1).max(12),
      none: z.number().int().min(1).max(12),
    })
    .default({ unstable: 3, marginal: 3, sudden: 1, none: 3 }),
  /**
   * What a helping cadre (帮扶干部) reads: only the households assigned to them (`assigned`, the
   * default: 我的帮扶户) or every household of their region (`region`, still read-only outside their
   * own households). A county's choice (docs/DOMAIN.md "Roles"); versions stored before this field
   * existed read as `assigned`.
   */
  helperReadScope: z.enum(['assigned', 'region']).default('assigned'),
  /** Monitored at least N months before an `assisted` elimination [S66][S67]. */
  eliminationMinMonths: z.number().int().min(0),
  /** At least N measures delivered before an `assisted` elimination [S66]. */
  eliminationMinMeasures: z.number().int().min(0),
  /** Department data-comparison thresholds (docs/DOMAIN.md "Department signals"). */
  departmentSignals: z.object({
    /** Compliant out-of-pocket medical spending over the rolling 12 months, yuan per household. */
    medicalOutOfPocket: z.object({ general: z.number().nonnegative(), formerlyPoor: z.number().nonnegative() }),
    /** Non-compulsory education costs per school year, yuan. */
    educationCostPerSchoolYear: z.number().nonnegative(),
    /** Year-on-year drop of operating income that raises a warning (0.5 = 50 %) [S76 UNCERTAIN]. */
    operatingIncomeDropRatio: z.number().min(0).max(1),
  }),
  /** Property-check red flags (财产检索): each needs an explanation at the deliberation. */
  redFlags: z.object({
    publicServant: z.boolean(),
    /** Vehicle kinds that raise a flag; 面包车 (van) did in the founding story. */
    vehicleKinds: z.array(VehicleKindSchema),
    /** Flag a vehicle only from this purchase price (campaign-era lists: 30 000); null = any price. */
    vehicleMinPurchasePrice: z.number().nonnegative().nullable(),
    urbanCommercialHousing: z.boolean(),
    registeredBusiness: z.boolean(),
    hiredLabour: z.boolean(),
    largeScaleFarming: z.boolean(),
    /** Also check non-co-resident legal supporters (children and spouses) [S42]. */
    includeLegalSupporters: z.boolean(),
  }),
  /** Thresholds of the national data-quality checks (docs/DOMAIN.md "Data-quality checks", [S40]). */
  quality: z.object({
    /** Wage income strictly between 0 and this is implausible (100 yuan). */
    implausibleWageBelow: z.number().nonnegative(),
    /** Identified from this year on with per-capita income above the amount → flag (2023, 20 000). */
    highIncomeFlag: z.object({ fromYear: z.number().int(), perCapitaAbove: z.number().nonnegative() }),
    /** `assisted` elimination within N months of identification → suspicious (2). */
    quickEliminationMonths: z.number().int().min(0),
  }),
  /** Holidays supplied by hand for years the official calendar does not cover yet. */
  calendar: z.object({ manualYears: z.record(z.string().regex(/^\d{4}$/), ManualCalendarYearSchema) }),
});
export type RuleSetBody = z.infer<typeof RuleSetBodySchema>;

/** One version a region contributed to a resolved rule set. */
export const RuleSetSourceSchema = z.object({
  version: z.string().min(1),
  regionCode: RegionCodeSchema,
  effectiveFrom: IsoDateSchema,
});
export type RuleSetSource = z.infer<typeof RuleSetSourceSchema>;

/**
 * A resolved rule set: the body plus where it came from. `version` names every contributing
 * stored version (province first, joined with `+`), and is what decisions store (docs/STYLE.md rule 7).
 */
export const RuleSetSchema = RuleSetBodySchema.extend({
  version: z.string().min(1),
  regionCode: RegionCodeSchema,
  /** The date the rule set was resolved for. */
  resolvedFor: IsoDateSchema,
  sources: z.array(RuleSetSourceSchema).min(1),
});
export type RuleSet = z.infer<typeof RuleSetSchema>;

/** Deep partial of plain data: objects become partial at every level; arrays stay whole. */
export type DeepPartial<T> = T extends readonly unknown[]
  ? T
  : T extends object
    ? { [K in keyof T]?: DeepPartial<T[K]> }
    : T;

/** What a stored version holds: a province default is complete, a county override partial. */
export type RuleSetOverride = DeepPartial<RuleSetBody>;

function deepPartialSchema(schema: z.ZodType): z.ZodType {
  // A field with a default (added after versions were stored) is overridden like any other object.
  if (schema instanceof z.ZodDefault) return deepPartialSchema(schema.unwrap() as z.ZodType);
  if (schema instanceof z.ZodObject) {
    const shape: Record<string, z.ZodType> = {};
    for (const [key, child] of Object.entries(schema.shape)) {
      shape[key] = deepPartialSchema(child).optional();
    }
    return z.strictObject(shape);
  }
  if (schema instanceof z.ZodNullable) {
    return deepPartialSchema(schema.unwrap() as z.ZodType).nullable();
  }
  return schema;
}

/**
 * Schema of an override: every field optional at every level, unknown keys refused so a typo
 * cannot silently do nothing. Arrays and records are replaced or merged as documented in
 * `mergeRuleSetLayers`.
 */
export const RuleSetOverrideSchema = deepPartialSchema(RuleSetBodySchema) as z.ZodType<RuleSetOverride>;

/** A stored version: what the `rules` module persists (append-only, with region and effective date). */
export interface RuleSetVersion {
  /** Unique, human-readable version id, e.g. `gx-2026.1`. */
  readonly version: string;
  readonly regionCode: string;
  readonly effectiveFrom: string;
  readonly rules: RuleSetOverride;
  readonly note?: string | undefined;
}

/** Schema of a stored version, for the rules module's API contract and imports. */
export const RuleSetVersionSchema = z.object({
  version: z.string().min(1),
  regionCode: RegionCodeSchema,
  effectiveFrom: IsoDateSchema,
  rules: RuleSetOverrideSchema,
  note: z.string().optional(),
});
