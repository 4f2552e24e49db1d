export * from './monitoring-object.ts';
export * from './helpers.ts';
export * from './measures.ts';
export * from './elimination-conditions.ts';
export * from './visits.ts';
