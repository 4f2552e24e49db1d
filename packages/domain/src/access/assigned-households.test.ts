import { describe, expect, it } from 'vitest';
import { worksOnAssignedHouseholds } from './assigned-households.ts';
import { ROLES } from './roles.ts';

describe('worksOnAssignedHouseholds', () => {
  it('is the helping cadre only: every other role works on its region', () => {
    expect(ROLES.filter(worksOnAssignedHouseholds)).toEqual(['helping-cadre']);
  });
});
