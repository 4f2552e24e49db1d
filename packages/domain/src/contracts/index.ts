/**
 * The API contract shared by the server (validation and the OpenAPI document) and the front ends
 * (types): pure zod, one file per API area (issue 12).
 */
export * from './problems.ts';
export * from './intake.ts';
export * from './cases.ts';
export * from './registry.ts';
export * from './department.ts';
export * from './admin.ts';
export * from './monitoring.ts';
export * from './stats.ts';
export * from './field.ts';
