export * from './regions.ts';
export * from './accounts.ts';
export * from './audit.ts';
export * from './registry.ts';
export * from './rules.ts';
export * from './monitoring.ts';
export * from './department.ts';
export * from './clues.ts';
