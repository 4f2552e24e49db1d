export * from './risk-measure-coverage.ts';
