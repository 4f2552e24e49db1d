import { describe, expect, it } from 'vitest';
import { makeIdNumber } from './factories.ts';

describe('makeIdNumber', () => {
  it('hands out sequence numbers the registry generator never uses, unique over 250 calls', () => {
    // The generator allocates sequences per birth day from 000 up (generate-registry.ts allocateId),
    // so a built household and a generated registry file of the same county must not meet below 500.
    const ids = Array.from({ length: 250 }, () => makeIdNumber('451028', '1980-05-17', 'male'));
    const sequences = ids.map((id) => Number(id.slice(14, 17)));
    expect(Math.min(...sequences)).toBeGreaterThanOrEqual(500);
    expect(new Set(ids).size).toBe(250);
    for (const id of ids) expect(id).toMatch(/^45102819800517\d{3}[\dX]$/);
  });
});
