export * from './rule-set.schema.ts';
export * from './resolve-rule-set.ts';
export * from './defaults/guangxi.ts';
