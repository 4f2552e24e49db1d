import { describe, expect, it } from 'vitest';
import { ROLES } from './roles.ts';
import { actsInElimination, actsOnlyOnAssignedHouseholds, mayProposeElimination, mayRollBackElimination, seesOnlyAssignedHouseholds } from './monitoring.ts';

describe('monitoring access (docs/DOMAIN.md "Roles", "Risk elimination")', () => {
  it('a helping cadre sees only assigned households when the rule set says so (the default); every other role sees its region', () => {
    expect(ROLES.filter((r) => seesOnlyAssignedHouseholds(r, { helperReadScope: 'assigned' }))).toEqual(['helping-cadre']);
    expect(seesOnlyAssignedHouseholds(undefined, { helperReadScope: 'assigned' })).toBe(false);
  });
  it('with helperReadScope "region" a helping cadre reads the region but still acts only on assigned households', () => {
    expect(ROLES.filter((r) => seesOnlyAssignedHouseholds(r, { helperReadScope: 'region' }))).toEqual([]);
    expect(ROLES.filter(actsOnlyOnAssignedHouseholds)).toEqual(['helping-cadre']);
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
