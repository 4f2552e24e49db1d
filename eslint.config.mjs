// One flat config (docs/ARCHITECTURE.md): typescript-eslint (type-aware) plus the import boundaries that
// keep the domain pure and the front ends away from server code. tooling/lint-boundaries.test.ts
// proves the boundaries bite.
import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';

const NODE_BUILTINS = ['node:*', 'fs', 'path', 'os', 'crypto', 'child_process', 'http', 'https', 'net', 'stream', 'zlib', 'url', 'util', 'worker_threads'];

export const domainBoundary = {
  files: ['packages/domain/**/*.ts'],
  rules: {
    'no-restricted-imports': [
      'error',
      {
        patterns: [
          { group: NODE_BUILTINS, message: 'packages/domain is pure: no I/O (docs/ARCHITECTURE.md).' },
          { group: ['pg', 'pg-*', 'drizzle-orm', 'drizzle-orm/*', 'fastify', '@fastify/*', 'react', 'react-dom', 'react/*', 'exceljs', 'pino'], message: 'packages/domain is pure: no database, HTTP or UI libraries.' },
          { group: ['@fangpin/server', '@fangpin/web', '@fangpin/field', '**/server/**', '**/web/**'], message: 'packages/domain must not import the apps.' },
        ],
      },
    ],
    'no-restricted-globals': ['error', { name: 'process', message: 'packages/domain reads no environment.' }, { name: 'fetch', message: 'packages/domain does no I/O.' }],
    'no-restricted-syntax': ['error', { selector: "NewExpression[callee.name='Date'][arguments.length=0]", message: 'packages/domain reads no clock: pass "today" in.' }, { selector: "CallExpression[callee.object.name='Date'][callee.property.name='now']", message: 'packages/domain reads no clock: pass "today" in.' }],
  },
};

export const frontEndBoundary = {
  files: ['packages/web/**/*.{ts,tsx}', 'packages/field/**/*.{ts,tsx}'],
  rules: {
    'no-restricted-imports': [
      'error',
      { patterns: [{ group: ['@fangpin/server', '@fangpin/server/*', '**/packages/server/**', '../../server/**'], message: 'Front ends talk to the server over HTTP only.' }, { group: ['pg', 'drizzle-orm', 'fastify'], message: 'No server libraries in the browser.' }] },
    ],
  },
};

/** Journeys take `test` from support/test.ts, whose guard fails a test on a Content-Security-Policy violation. */
export const journeyGuard = {
  files: ['e2e/journeys/**/*.ts'],
  rules: {
    'no-restricted-imports': [
      'error',
      { paths: [{ name: '@playwright/test', importNames: ['test'], message: "Import test from '../support/test.ts': it fails a journey on a Content-Security-Policy violation." }] },
    ],
  },
};

export default tseslint.config(
  { ignores: ['**/node_modules/**', '**/dist/**', 'packages/server/src/db/migrations/**', 'test-results/**', 'playwright-report/**', 'data/**', 'docs/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: { parserOptions: { projectService: { allowDefaultProject: ['vitest.config.ts'] }, tsconfigRootDir: import.meta.dirname } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/require-await': 'off',
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
      '@typescript-eslint/only-throw-error': 'off',
    },
  },
  { files: ['**/*.mjs', '**/*.js'], ...tseslint.configs.disableTypeChecked },
  { files: ['**/*.mjs', 'packages/server/**/*.ts', 'tooling/**/*.ts', 'bench/**/*.ts', 'e2e/**/*.ts'], languageOptions: { globals: globals.node } },
  domainBoundary,
  frontEndBoundary,
  journeyGuard,
);
