import { describe, expect, it } from 'vitest';
import { mayPrintApplicationPosters } from './intake.ts';
import { ROLES, type Role } from './roles.ts';

describe('mayPrintApplicationPosters', () => {
  const expected: Record<Role, boolean> = {
    'county-admin': true,
    'county-monitor': true,
    'township-officer': true,
    'village-cadre': true,
    'helping-cadre': false,
    department: false,
    leader: false,
  };
  it.each(ROLES.map((role) => [role, expected[role]] as const))('%s → %s', (role, may) => {
    expect(mayPrintApplicationPosters(role)).toBe(may);
  });
});
