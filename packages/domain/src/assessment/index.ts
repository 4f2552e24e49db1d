export * from './household-input.ts';
export * from './red-flags.ts';
export * from './assess-household.ts';
export * from './household-input.schema.ts';
export * from './department-signals.ts';
