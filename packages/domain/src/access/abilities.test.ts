import { describe, expect, it } from 'vitest';
import { abilitiesOf } from './abilities.ts';
import { can } from './can.ts';
import { ROLES, type Role } from './roles.ts';

const actor = (role: Role) => ({ userId: 'u', username: 'u', role, regionCode: '451028' });

describe('abilitiesOf (what /api/me tells the front ends)', () => {
  it('reads the role table: an ability is the action the server checks', () => {
    for (const role of ROLES) {
      const a = abilitiesOf(actor(role));
      expect(a.canReadCases).toBe(can(actor(role), 'case.read'));
      expect(a.canAttachToCases).toBe(can(actor(role), 'case.attach'));
      expect(a.canManageUsers).toBe(can(actor(role), 'user.manage'));
    }
  });
  it('acting on cases: those who carry out the steps, not leaders, helping cadres or departments', () => {
    expect(ROLES.filter((role) => abilitiesOf(actor(role)).canActOnCases)).toEqual(['county-admin', 'county-monitor', 'township-officer', 'village-cadre']);
    expect(abilitiesOf(actor('leader'))).toMatchObject({ canReadCases: true, canActOnCases: false, canAttachToCases: false, hasTodo: false });
  });
  it('working in the field: those who record visits without reviewing them (village and helping cadres)', () => {
    expect(ROLES.filter((role) => abilitiesOf(actor(role)).worksInTheField)).toEqual(['village-cadre', 'helping-cadre']);
  });
});
