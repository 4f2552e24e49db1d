export * from './roles.ts';
export * from './can.ts';
export * from './region-scope.ts';
export * from './field-policy.ts';
export * from './assigned-households.ts';
export * from './intake.ts';
export * from './abilities.ts';
export * from './attachment-access.ts';
