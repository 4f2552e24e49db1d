export * from './regions.ts';
export * from './accounts.ts';
export * from './audit.ts';
export * from './registry.ts';
