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

/** The region statistics are read for (null: every region, the CLI without `--region`). */
const StatsRegionSchema = z.object({ regionCode: z.string().nullable(), regionName: z.string().nullable() });

/** `GET /api/stats/overview`. */
export const OverviewSchema = z.object({
  asOf: z.string(),
  ...StatsRegionSchema.shape,
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
  /**
   * Helper visits (走访逾期), counted on `today` like open cases: the deadline board's `helperVisit` rows —
   * overdue, due within DUE_SOON_DAYS, and every household with a next visit scheduled.
   */
  visits: z.object({ overdue: z.number(), dueSoon: z.number(), scheduled: z.number(), today: z.string() }),
}).meta({ id: 'StatsOverview' });
export type Overview = z.infer<typeof OverviewSchema>;

/** The standard report tables (报表), each downloaded as `<name>.xlsx`. */
export const REPORT_NAMES = ['monitoring-objects', 'measures', 'eliminations', 'hotline'] as const;
export type ReportName = (typeof REPORT_NAMES)[number];
export const ReportParamsSchema = z.object({ name: z.enum(REPORT_NAMES.map((n) => `${n}.xlsx` as const) as [`${ReportName}.xlsx`, ...`${ReportName}.xlsx`[]]) });

/**
 * The deadline board (期限看板): what falls due in a region, one kind per procedure
 * (docs/statistics.md "Deadline board"): `identification` an open identification case (its step's
 * own limit or the 15-day limit, the nearer), `elimination` an open risk-elimination case's step,
 * `helperAssignment` helping cadres within the working-day limit after approval, `helperVisit` the
 * next helper visit, `callback` a hotline callback, `warning` a department warning to dispatch or verify.
 */
export const DEADLINE_KINDS = ['identification', 'elimination', 'helperAssignment', 'helperVisit', 'callback', 'warning'] as const;
export type DeadlineKind = (typeof DEADLINE_KINDS)[number];

/** `overdue` the due day has passed; `dueSoon` due today or within DUE_SOON_DAYS; `all` every open deadline (also later ones). */
export const DEADLINE_STATUSES = ['overdue', 'dueSoon', 'all'] as const;
export type DeadlineStatus = (typeof DEADLINE_STATUSES)[number];

/** What is due: the identification limit, a step's limit, a helper assigned, a visit, a callback, a warning dispatched or verified. */
export const DEADLINE_TASKS = ['identificationLimit', 'stepLimit', 'helperAssignment', 'helperVisit', 'callback', 'warningDispatch', 'warningVerification'] as const;
export type DeadlineTask = (typeof DEADLINE_TASKS)[number];

/** `?regionCode=&kind=&status=&page=` of the deadline board (default: the actor's region, every kind, `all`, page 1). */
export const DeadlinesQuerySchema = z.strictObject({
  regionCode: z.string().max(15).optional(),
  kind: z.enum(DEADLINE_KINDS).optional(),
  status: z.enum(DEADLINE_STATUSES).default('all'),
  page: z.coerce.number().int().min(1).max(100_000).default(1),
});
export type DeadlinesQuery = z.input<typeof DeadlinesQuerySchema>;

const DeadlineCountsSchema = z.object({ overdue: z.number(), dueSoon: z.number(), all: z.number() });

export const DeadlineItemSchema = z.object({
  kind: z.enum(DEADLINE_KINDS),
  /** The case, household, call or warning the deadline belongs to. */
  refId: z.string(),
  task: z.enum(DEADLINE_TASKS),
  /** The case's current step (identification, elimination), else null. */
  step: z.string().nullable(),
  caseNumber: z.string().nullable(),
  /** The household: head's name and place only (no ID number, no phone). */
  householdId: z.string().nullable(), headName: z.string().nullable(), villageName: z.string().nullable(), townshipName: z.string().nullable(),
  regionCode: z.string(),
  dueOn: z.string(),
  /** Days from today to the due day: negative when overdue (−3 = three days overdue), 0 = due today. */
  daysLeft: z.number(),
  status: z.enum(['overdue', 'dueSoon', 'later']),
  /** Who must act: the roles, and the person where one is assigned (the household's helper, the call's handler). */
  roles: z.array(z.string()),
  person: z.string().nullable(),
  /** The page where it is done (a path of the web app). */
  link: z.string(),
});
export type DeadlineItem = z.infer<typeof DeadlineItemSchema>;

/** `GET /api/stats/deadlines`. */
export const DeadlinesSchema = z.object({
  today: z.string(),
  ...StatsRegionSchema.shape,
  kind: z.enum(DEADLINE_KINDS).nullable(),
  status: z.enum(DEADLINE_STATUSES),
  /** Counts of the whole region, every kind, whatever the filters: the board's chips. */
  counts: DeadlineCountsSchema.extend({ byKind: z.record(z.enum(DEADLINE_KINDS), DeadlineCountsSchema) }),
  /** Items matching the filters, and this page of them (soonest due first). */
  total: z.number(),
  page: z.number(),
  pageSize: z.number(),
  items: z.array(DeadlineItemSchema),
}).meta({ id: 'StatsDeadlines' });
export type Deadlines = z.infer<typeof DeadlinesSchema>;
