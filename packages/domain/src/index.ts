/**
 * @fangpin/domain — pure rules shared by the server, the admin web app and the field app.
 * No I/O, no clock, no environment: "today" is always passed in (docs/ARCHITECTURE.md).
 */
export * from './ids/index.ts';
export * from './masking/index.ts';
export * from './access/index.ts';
export * from './accounts/index.ts';
export * from './codes/index.ts';
export * from './policy.ts';
export * from './department/index.ts';
export * from './contracts/index.ts';
