import { describe, expect, it } from 'vitest';
import { mayManageSourceSettings, mayRecompareSource, maySeeServerVersions } from './county-roles.ts';
import { ROLES, type Role } from './roles.ts';

const who = (rule: (role: Role) => boolean) => ROLES.filter(rule);

describe('roles outside the action table', () => {
  it('the county admin and the county centre monitor keep the source settings; nobody else', () => {
    expect(who(mayManageSourceSettings)).toEqual(['county-admin', 'county-monitor']);
  });

  it('only the county admin re-runs a comparison and sees the server versions', () => {
    expect(who(mayRecompareSource)).toEqual(['county-admin']);
    expect(who(maySeeServerVersions)).toEqual(['county-admin']);
  });
});
