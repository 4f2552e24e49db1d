import { boolean, date, integer, numeric, pgTable, smallint, text, timestamp, uuid, varchar, index } from 'drizzle-orm/pg-core';
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
    version: integer('version').notNull().default(1),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('household_monitoring_county_idx').on(t.countyCode)],
);
