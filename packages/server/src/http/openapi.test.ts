import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../../test/test-app.ts';

/**
 * The OpenAPI document is generated from the contracts (packages/domain/src/contracts). Operators'
 * scripts depend on its operations: this list is the automation contract, and a change to it is a
 * deliberate edit of `test/openapi-operations.txt` in the same commit.
 */
let ctx: TestContext;
let doc: { paths: Record<string, Record<string, { requestBody?: { content?: Record<string, { schema?: Record<string, unknown> }> } }>> };

beforeAll(async () => {
  ctx = await createTestContext();
  doc = (await ctx.app.inject({ url: '/api/openapi.json' })).json();
});

const METHODS = ['get', 'post', 'put', 'patch', 'delete'];

describe('the OpenAPI document', () => {
  it('lists the same operations as the committed contract', () => {
    const operations = Object.entries(doc.paths)
      .flatMap(([path, item]) => Object.keys(item).filter((m) => METHODS.includes(m)).map((m) => `${m.toUpperCase()} ${path}`))
      .sort();
    const expected = readFileSync(new URL('../../test/openapi-operations.txt', import.meta.url), 'utf8').split('\n').filter(Boolean).sort();
    expect(operations).toEqual(expected);
  });
});
