/**
 * The policy engine's public API (issue 3): working-day calendar, national codes for risk types
 * and measure categories, rule sets, income accounting and the monitoring-line calculator,
 * household assessment, risk–measure coverage, data-quality checks and workflow tables.
 * The root index re-exports this file.
 */
export * from './calendar/index.ts';
export * from './codes/risk-types.ts';
export * from './codes/measure-categories.ts';
export * from './rulesets/index.ts';
export * from './income/index.ts';
export * from './assessment/index.ts';
export * from './coverage/index.ts';
export * from './quality/index.ts';
export * from './workflow/index.ts';
export * from './monitoring/index.ts';
