export * from './password-policy.ts';
export { COMMON_PASSWORDS } from './common-passwords.ts';
