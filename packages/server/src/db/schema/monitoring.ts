import { sql } from 'drizzle-orm';
import { boolean, date, integer, jsonb, numeric, pgTable, smallint, text, timestamp, uuid, varchar, index } from 'drizzle-orm/pg-core';
import { bytea } from './accounts.ts';
import { households } from './registry.ts';

/**
 * 监测信息: the monitoring facts of a household as national-system exports carry them (category, risk
 * types, identification date, the year's incomes, 三保障/water problems, elimination). One current
 * row per household; every change is kept in registry_history. Until the identification workflow
 * produces these facts itself, they arrive through `fangpin import monitoring`.
 */
export const householdMonitoring = pgTable(
  'household_monitoring',
  {
    householdId: uuid('household_id')
      .primaryKey()
      .references(() => households.id),
    countyCode: varchar('county_code', { length: 6 }).notNull(),
    /** unstable 脱贫不稳定户 | marginal 边缘易致贫户 | sudden 突发严重困难户 | null (2026+: optional) */
    category: text('category'),
    riskTypes: text('risk_types').array().notNull().default([]),
    identifiedOn: date('identified_on', { mode: 'string' }),
    incomeYear: smallint('income_year').notNull(),
    perCapitaIncome: numeric('per_capita_income', { precision: 12, scale: 2, mode: 'number' }).notNull(),
    wageIncome: numeric('wage_income', { precision: 12, scale: 2, mode: 'number' }).notNull().default(0),
    transferIncome: numeric('transfer_income', { precision: 12, scale: 2, mode: 'number' }).notNull().default(0),
    compliantOutOfPocket: numeric('compliant_out_of_pocket', { precision: 12, scale: 2, mode: 'number' }).notNull().default(0),
    hasDisabilityAllowance: boolean('has_disability_allowance').notNull().default(false),
    hasHousingProblem: boolean('has_housing_problem').notNull().default(false),
    hasWaterProblem: boolean('has_water_problem').notNull().default(false),
    /** assisted 帮扶消除 | natural 自然消除 | null */
    eliminationMode: text('elimination_mode'),
    eliminatedOn: date('eliminated_on', { mode: 'string' }),
    perCapitaIncomeAfterElimination: numeric('per_capita_income_after_elimination', { precision: 12, scale: 2, mode: 'number' }),
    isNoLabourSafetyNet: boolean('is_no_labour_safety_net').notNull().default(false),
    /**
     * Helping cadres are due by this day: the approval date plus the rule set's working days on the
     * official calendar. Null for objects identified before Fangpin (imported): no deadline to miss.
     */
    helperDueOn: date('helper_due_on', { mode: 'string' }),
    /**
     * Coverage of the risks by the measures, as the domain's `coverageOf` computed it after the last
     * change of risks, measures or members: risk types without a matching measure, and every
     * problem in the rule's words. Null until first checked (rows imported before this column).
     */
    uncoveredRiskTypes: text('uncovered_risk_types').array(),
    coverageProblems: jsonb('coverage_problems'),
    /** Outcome of an elimination decided in Fangpin: stable 稳定消除 | tracking 消除后继续跟踪 | null (imported: reads as stable). */
    eliminationOutcome: text('elimination_outcome'),
    /** The county rolled a wrong elimination back (回退) on this day, for this reason. */
    rolledBackOn: date('rolled_back_on', { mode: 'string' }),
    rollbackReason: text('rollback_reason'),
    /**
     * monitoring 监测中 | eliminatedStable 风险已消除（稳定）| eliminatedTracking 风险已消除（继续跟踪）| rolledBack 已回退.
     * Derived (domain `monitoringStatusOf` says the same), stored so the register can filter and index on it.
     */
    status: text('status')
      .notNull()
      .generatedAlwaysAs(
        sql`CASE WHEN eliminated_on IS NOT NULL THEN CASE WHEN elimination_outcome = 'tracking' THEN 'eliminatedTracking' ELSE 'eliminatedStable' END WHEN rolled_back_on IS NOT NULL THEN 'rolledBack' ELSE 'monitoring' END`,
      ),
    version: integer('version').notNull().default(1),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('household_monitoring_county_idx').on(t.countyCode), index('household_monitoring_status_idx').on(t.countyCode, t.status)],
);

/**
 * 帮扶责任人: who helps a monitoring object. A helping-cadre account (`cadre`), a named person with
 * unit and phone (`person`), or the village's first secretary (`firstSecretary`) or work team
 * (`workTeam`) as the county records them. Reassignment ends a row and starts another: history kept.
 */
export const householdHelpers = pgTable(
  'household_helpers',
  {
    id: uuid('id').primaryKey().default(sql`gen_random_uuid()`),
    countyCode: varchar('county_code', { length: 6 }).notNull(),
    householdId: uuid('household_id')
      .notNull()
      .references(() => households.id),
    /** cadre | person | firstSecretary | workTeam */
    kind: text('kind').notNull(),
    /** The helping-cadre account, when the helper has one. */
    userId: uuid('user_id'),
    name: text('name').notNull(),
    unit: text('unit').notNull().default(''),
    phoneEnc: bytea('phone_enc'),
    phoneMasked: text('phone_masked').notNull().default(''),
    assignedOn: date('assigned_on', { mode: 'string' }).notNull(),
    assignedBy: text('assigned_by').notNull(),
    assignedById: uuid('assigned_by_id'),
    endedOn: date('ended_on', { mode: 'string' }),
    endReason: text('end_reason'),
    /** The helper who took over (reassignment). */
    replacedBy: uuid('replaced_by'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('household_helpers_household_idx').on(t.householdId), index('household_helpers_user_idx').on(t.userId, t.endedOn)],
);

/**
 * 帮扶措施: a measure against one risk of a monitoring object, from the measure catalogue (category,
 * concrete measure, responsible department, amount, period), planned → inProgress → delivered.
 * Evidence files are attachments (owner_kind 'measure').
 */
export const householdMeasures = pgTable(
  'household_measures',
  {
    id: uuid('id').primaryKey().default(sql`gen_random_uuid()`),
    countyCode: varchar('county_code', { length: 6 }).notNull(),
    householdId: uuid('household_id')
      .notNull()
      .references(() => households.id),
    riskType: text('risk_type').notNull(),
    /** Measure category code name (domain MEASURE_CATEGORIES), e.g. health 健康帮扶. */
    category: text('category').notNull(),
    measure: text('measure').notNull(),
    department: text('department').notNull().default(''),
    amount: numeric('amount', { precision: 12, scale: 2, mode: 'number' }),
    startOn: date('start_on', { mode: 'string' }).notNull(),
    endOn: date('end_on', { mode: 'string' }),
    /** planned 计划 | inProgress 实施中 | delivered 已落实 */
    status: text('status').notNull().default('planned'),
    deliveredOn: date('delivered_on', { mode: 'string' }),
    createdBy: text('created_by').notNull(),
    version: integer('version').notNull().default(1),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('household_measures_household_idx').on(t.householdId)],
);
