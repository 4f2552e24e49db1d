/**
 * The API contract of statistics (统计分析): the overview of a region as of a date and the standard
 * report tables (definitions: docs/statistics.md). Automation contract of issue 14.
 */
import { z } from 'zod';
import { isIsoDate } from '../calendar/dates.ts';

/** A calendar day `YYYY-MM-DD` that exists. */
export const AsOfDateSchema = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'YYYY-MM-DD')
  .refine(isIsoDate, 'not a calendar date');

/** `?regionCode=&asOf=` of the overview and the reports (default: the actor's region, today). */
export const StatsQuerySchema = z.strictObject({ regionCode: z.string().max(15).optional(), asOf: AsOfDateSchema.optional() });
export type StatsQuery = z.input<typeof StatsQuerySchema>;

const CountSchema = z.object({ households: z.number(), persons: z.number() });
export type Count = z.infer<typeof CountSchema>;

/** `GET /api/stats/overview`. */
export const OverviewSchema = z
  .object({
    asOf: z.string(),
    regionCode: z.string().nullable(),
    regionName: z.string().nullable(),
    monitoring: z.object({
      households: z.number(),
      persons: z.number(),
      byCategory: z.record(z.string(), CountSchema),
      byRiskType: z.record(z.string(), CountSchema),
      byStatus: z.record(z.string(), CountSchema),
      byRegion: z.array(CountSchema.extend({ code: z.string(), name: z.string() })),
    }),
    trend: z.array(z.object({ month: z.string(), identified: z.number(), eliminated: z.number() })),
    funnel: z.array(
      z.object({ channel: z.string(), reports: z.number(), clues: z.number(), cases: z.number(), identifiedHouseholds: z.number(), identifiedPersons: z.number(), screenedOut: z.number() }),
    ),
    /** Open cases are counted on `today` (their current state), whatever the as-of date. */
    openCases: z.object({ total: z.number(), byStep: z.record(z.string(), z.number()), overdue: z.number(), dueSoon: z.number(), today: z.string() }),
    helpers: z.object({ assignedOnTime: z.number(), assignedLate: z.number(), unassigned: z.number() }),
    coverage: z.object({ uncoveredRisks: z.number(), uncoveredHouseholds: z.number() }),
    warnings: z.object({ bySource: z.record(z.string(), z.number()), byStatus: z.record(z.string(), z.number()) }),
  })
  .meta({ id: 'StatsOverview' });
export type Overview = z.infer<typeof OverviewSchema>;

/** The standard report tables (报表), each downloaded as `<name>.xlsx`. */
export const REPORT_NAMES = ['monitoring-objects', 'measures', 'eliminations', 'hotline'] as const;
export type ReportName = (typeof REPORT_NAMES)[number];
export const ReportParamsSchema = z.object({ name: z.enum(REPORT_NAMES.map((n) => `${n}.xlsx` as const) as [`${ReportName}.xlsx`, ...`${ReportName}.xlsx`[]]) });
