export * from './per-capita-income.ts';
export * from './monitoring-line.ts';
