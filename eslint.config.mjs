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

const ROLE_NAME = /^(county-admin|county-monitor|township-officer|village-cadre|helping-cadre)$/;
const ROLE_WORD = /^(department|leader)$/;
const SQL = /\b(SELECT|INSERT INTO|DELETE FROM|UPDATE \w+ SET)\b/;

/** The house's own rules (issue 12), as a local plugin so each keeps its own configuration. */
const fangpin = {
  rules: {
    'no-role-literals': {
      meta: { type: 'problem', messages: { role: 'No role literal "{{role}}" outside packages/domain/src/access: ask the access module (can, abilities, rules).' } },
      create(context) {
        return {
          Literal(node) {
            if (typeof node.value !== 'string') return;
            const compared = node.parent?.type === 'BinaryExpression' && /^[!=]==?$/.test(node.parent.operator);
            if (ROLE_NAME.test(node.value) || (compared && ROLE_WORD.test(node.value))) context.report({ node, messageId: 'role', data: { role: node.value } });
          },
        };
      },
    },
    'no-sql-in-routes': {
      meta: { type: 'problem', messages: { sql: "No SQL in routes or use cases: put it in the module's repo (docs/ARCHITECTURE.md)." } },
      create(context) {
        return {
          Literal(node) {
            if (typeof node.value === 'string' && SQL.test(node.value)) context.report({ node, messageId: 'sql' });
          },
          TemplateElement(node) {
            if (SQL.test(node.value.raw)) context.report({ node, messageId: 'sql' });
          },
        };
      },
    },
  },
};

/**
 * Who may do what is decided in one place, packages/domain/src/access (issue 12): no role literal in
 * the server or the web app. The hyphenated role names are caught anywhere; `department` and
 * `leader`, which are also ordinary words, when compared. Tests, and the demo data that says who
 * each demo user is, may name roles.
 */
export const roleLiterals = {
  files: ['packages/server/src/**/*.{ts,tsx}', 'packages/web/src/**/*.{ts,tsx}'],
  ignores: ['**/*.test.{ts,tsx}', 'packages/server/src/modules/demo/**'],
  plugins: { fangpin },
  rules: { 'fangpin/no-role-literals': 'error' },
};

/** Routes are thin (docs/ARCHITECTURE.md): SQL lives in a module's repo or use case, never in routes.ts. */
export const noSqlInRoutes = {
  files: ['packages/server/src/**/routes.ts', 'packages/server/src/**/*-routes.ts'],
  plugins: { fangpin },
  rules: { 'fangpin/no-sql-in-routes': 'error' },
};

/**
 * Use cases decide, repos read and write (docs/ARCHITECTURE.md): in the modules that have been given
 * repos, SQL lives only in `*repo.ts` (and `*-sql.ts`, the shared SQL fragments repos compose).
 */
export const noSqlInUseCases = {
  files: ['packages/server/src/modules/{applications,cases,field-sync,monitoring,visits}/*.ts'],
  ignores: ['**/*repo.ts', '**/*-sql.ts', '**/*.test.ts'],
  plugins: { fangpin },
  rules: { 'fangpin/no-sql-in-routes': 'error' },
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
  roleLiterals,
  noSqlInRoutes,
  noSqlInUseCases,
);
