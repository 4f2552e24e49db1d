import { describe, expect, it } from 'vitest';
import { ROLES } from './roles.ts';
import { actsInElimination, mayProposeElimination, mayRollBackElimination, seesOnlyAssignedHouseholds } from './monitoring.ts';

describe('monitoring access (docs/DOMAIN.md "Roles", "Risk elimination")', () => {
  it('a helping cadre sees only assigned households; every other role sees its region', () => {
    expect(ROLES.filter(seesOnlyAssignedHouseholds)).toEqual(['helping-cadre']);
    expect(seesOnlyAssignedHouseholds(undefined)).toBe(false);
  });
  it('who may propose an elimination: village, helping cadre, township, county centre — never the leader or a department', () => {
    expect(ROLES.filter(mayProposeElimination).sort()).toEqual(['county-monitor', 'helping-cadre', 'township-officer', 'village-cadre']);
  });
  it('only the county rolls an elimination back', () => {
    expect(ROLES.filter(mayRollBackElimination).sort()).toEqual(['county-admin', 'county-monitor']);
  });
  it('the leader and a department never act in an elimination (403), the others do in some step (else 422)', () => {
    expect(ROLES.filter((r) => !actsInElimination(r)).sort()).toEqual(['department', 'leader']);
  });
});
