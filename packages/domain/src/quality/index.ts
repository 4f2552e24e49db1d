export * from './data-quality-checks.ts';
