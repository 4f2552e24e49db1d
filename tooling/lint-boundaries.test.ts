import { ESLint } from 'eslint';
import tseslint from 'typescript-eslint';
import { describe, expect, it } from 'vitest';
// @ts-expect-error -- the flat config is plain JavaScript without type declarations
import { domainBoundary, frontEndBoundary, journeyGuard, noSqlInRoutes, noSqlInUseCases, roleLiterals } from '../eslint.config.mjs';

/** The import boundaries are enforced by lint (docs/STYLE.md rule 15); this proves the rules bite. */
const eslint = new ESLint({
  cwd: import.meta.dirname + '/..',
  overrideConfigFile: true,
  overrideConfig: [{ files: ['**/*.ts', '**/*.tsx'], languageOptions: { parser: tseslint.parser } }, domainBoundary, frontEndBoundary, journeyGuard, roleLiterals, noSqlInRoutes, noSqlInUseCases],
});

async function problems(code: string, filePath: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return result!.messages.map((m) => `${m.ruleId}: ${m.message}`);
}

describe('lint boundaries', () => {
  it.each([
    [`import pg from 'pg';`, 'no database'],
    [`import fs from 'node:fs';`, 'no I/O'],
    [`import { readFile } from 'fs';`, 'no I/O'],
    [`import Fastify from 'fastify';`, 'no database, HTTP or UI'],
    [`import React from 'react';`, 'no database, HTTP or UI'],
    [`export const today = new Date();`, 'reads no clock'],
    [`export const now = Date.now();`, 'reads no clock'],
    [`export const env = process.env.PORT;`, 'reads no environment'],
  ])('packages/domain refuses %s', async (code, expected) => {
    const found = await problems(code, 'packages/domain/src/ids/example.ts');
    expect(found.join('\n')).toContain(expected);
  });

  it('packages/domain accepts pure code', async () => {
    expect(await problems(`import { z } from 'zod';\nexport const parse = (d: string) => new Date(d + 'T00:00:00Z');\nexport const S = z.string();`, 'packages/domain/src/ids/example.ts')).toEqual([]);
  });

  it("journeys take test from support/test.ts (the CSP guard), not from '@playwright/test'", async () => {
    expect((await problems(`import { test } from '@playwright/test';`, 'e2e/journeys/example.spec.ts')).join('\n')).toContain('Content-Security-Policy');
    expect(await problems(`import { test } from '../support/test.ts';\nimport { request } from '@playwright/test';`, 'e2e/journeys/example.spec.ts')).toEqual([]);
  });

  it('the web app may not import server code', async () => {
    const found = await problems(`import { buildApp } from '@fangpin/server';`, 'packages/web/src/example.tsx');
    expect(found.join('\n')).toContain('over HTTP only');
  });

  it('no role literal outside the domain: the server and the web app ask the access module', async () => {
    const server = await problems(`export const mayAttach = (role: string) => ['county-admin', 'village-cadre'].includes(role);`, 'packages/server/src/modules/example/use-case.ts');
    expect(server.join('\n')).toContain('No role literal "county-admin"');
    expect(server.join('\n')).toContain('No role literal "village-cadre"');
    expect((await problems(`export const isLeader = (role: string) => role === 'leader';`, 'packages/web/src/example/Page.tsx')).join('\n')).toContain('No role literal "leader"');
    // The ordinary words stay usable when they are not compared with a role.
    expect(await problems(`export const tags = ['department'];`, 'packages/server/src/modules/example/routes.ts')).toEqual([]);
    // The domain and the tests may name roles.
    expect(await problems(`export const roles = ['county-admin'];`, 'packages/domain/src/access/example.ts')).toEqual([]);
    expect(await problems(`export const roles = ['county-admin'];`, 'packages/server/src/modules/example/example.test.ts')).toEqual([]);
  });

  it('no SQL in routes.ts', async () => {
    const found = await problems('export const q = `SELECT id FROM cases WHERE id = $1`;', 'packages/server/src/modules/example/routes.ts');
    expect(found.join('\n')).toContain('No SQL in routes');
    expect((await problems(`export const q = 'DELETE FROM cases';`, 'packages/server/src/modules/example/helper-routes.ts')).join('\n')).toContain('No SQL in routes');
    expect(await problems('export const q = `SELECT id FROM cases WHERE id = $1`;', 'packages/server/src/modules/example/repo.ts')).toEqual([]);
  });

  it('no SQL in the use cases of modules with repos', async () => {
    const q = 'export const q = `UPDATE cases SET step = $2 WHERE id = $1`;';
    expect((await problems(q, 'packages/server/src/modules/cases/advance-case.ts')).join('\n')).toContain('No SQL in routes or use cases');
    expect((await problems(q, 'packages/server/src/modules/monitoring/eliminate-risk.ts')).join('\n')).toContain('No SQL in routes or use cases');
    // The repos and the shared SQL fragments hold it; tests may query directly.
    expect(await problems(q, 'packages/server/src/modules/monitoring/elimination-repo.ts')).toEqual([]);
    expect(await problems(q, 'packages/server/src/modules/monitoring/as-of-sql.ts')).toEqual([]);
    expect(await problems(q, 'packages/server/src/modules/cases/cases.test.ts')).toEqual([]);
  });
});
