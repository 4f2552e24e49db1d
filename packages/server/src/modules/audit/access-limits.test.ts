import { beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../../../test/test-app.ts';
import { REVEAL_ACTIONS } from '../registry/reveal-personal-data.ts';
import { IDENTIFIER_SEARCH_ACTION } from '../registry/search-households.ts';

// The per-user limits count the latest rows of the limited actions through a partial index
// (migration 0039) whose predicate names those actions: a limited action missing from it would still
// be counted, but by reading the user's whole hour of access rows (issue 10).
let ctx: TestContext;

beforeAll(async () => {
  ctx = await createTestContext();
});

describe('the index of the limited actions', () => {
  it('names every action a per-user limit counts', async () => {
    const { rows } = await ctx.pool.query<{ indexdef: string }>(`SELECT indexdef FROM pg_indexes WHERE indexname = 'audit_limited_access_idx'`);
    expect(rows).toHaveLength(1);
    for (const action of [...REVEAL_ACTIONS, IDENTIFIER_SEARCH_ACTION]) expect(rows[0]!.indexdef).toContain(`'${action}'`);
  });
});
