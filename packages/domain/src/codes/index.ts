export * from './registry-codes.ts';
export * from './risk-types.ts';
export * from './measure-categories.ts';
