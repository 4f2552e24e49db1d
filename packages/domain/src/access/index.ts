export * from './roles.ts';
export * from './can.ts';
export * from './region-scope.ts';
export * from './field-policy.ts';
export * from './monitoring.ts';
