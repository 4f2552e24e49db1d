export * from './id-number.ts';
export * from './region-code.ts';
export * from './household-number.ts';
