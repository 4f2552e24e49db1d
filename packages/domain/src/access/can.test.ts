import { describe, expect, it } from 'vitest';
import type { Actor } from './can.ts';
import { can, check, checkEach, mayReadWarningRows } from './can.ts';
import type { Action, Role } from './roles.ts';

const actor = (role: Role, regionCode: string): Actor => ({ userId: 'u1', username: 'u1', role, regionCode });

const LEYE = '451028000000';
const LUOXI = '451028201000'; // 逻西乡
const MAZHUANG = '451028201201'; // 马庄村
const MAZHUANG_GROUP = '451028201201001';
const TONGLE_VILLAGE = '451028100201'; // 刷把村, another township
const OTHER_COUNTY_VILLAGE = '451029100201';

describe('check', () => {
  it.each<[Role, string, Action, string | undefined, true | 'noPermission' | 'outOfScope']>([
    ['county-admin', LEYE, 'user.manage', undefined, true],
    ['county-admin', LEYE, 'household.write', MAZHUANG, true],
    ['county-admin', LEYE, 'household.write', OTHER_COUNTY_VILLAGE, 'outOfScope'],
    ['county-admin', '450000000000', 'household.read', OTHER_COUNTY_VILLAGE, true],
    ['county-monitor', LEYE, 'member.reveal', MAZHUANG_GROUP, true],
    ['county-monitor', LEYE, 'user.manage', undefined, 'noPermission'],
    ['county-monitor', LEYE, 'registry.import', LEYE, 'noPermission'],
    ['township-officer', LUOXI, 'household.write', MAZHUANG, true],
    ['township-officer', LUOXI, 'household.write', TONGLE_VILLAGE, 'outOfScope'],
    ['township-officer', LUOXI, 'household.read', LEYE, 'outOfScope'],
    ['township-officer', LUOXI, 'audit.read', LUOXI, 'noPermission'],
    ['village-cadre', MAZHUANG, 'member.reveal', MAZHUANG_GROUP, true],
    ['village-cadre', MAZHUANG, 'member.reveal', TONGLE_VILLAGE, 'outOfScope'],
    ['village-cadre', MAZHUANG_GROUP, 'household.read', MAZHUANG, 'outOfScope'],
    ['helping-cadre', LUOXI, 'household.read', MAZHUANG, true],
    ['helping-cadre', LUOXI, 'household.write', MAZHUANG, 'noPermission'],
    ['helping-cadre', LUOXI, 'member.reveal', MAZHUANG, 'noPermission'],
    ['department', LEYE, 'region.read', MAZHUANG, true],
    ['department', LEYE, 'household.read', MAZHUANG, 'noPermission'],
    ['leader', LEYE, 'household.read', MAZHUANG, true],
    ['leader', LEYE, 'member.reveal', MAZHUANG, 'noPermission'],
    ['leader', LEYE, 'household.read', 'garbage', 'outOfScope'],
    ['county-admin', 'garbage', 'household.read', MAZHUANG, 'outOfScope'],
    ['county-admin', 'garbage', 'household.read', undefined, true],
  ])('%s at %s: %s on %s → %s', (role, region, action, targetRegion, expected) => {
    const a = actor(role, region);
    const target = targetRegion === undefined ? undefined : { regionCode: targetRegion };
    const result = check(a, action, target);
    expect(result).toEqual(expected === true ? { ok: true } : { ok: false, reason: expected });
    expect(can(a, action, target)).toBe(expected === true);
  });
});

describe('checkEach', () => {
  it('reports per target, keeping order', () => {
    const results = checkEach(actor('township-officer', LUOXI), 'household.write', [
      { id: 'h1', regionCode: MAZHUANG },
      { id: 'h2', regionCode: TONGLE_VILLAGE },
      { id: 'h3', regionCode: MAZHUANG_GROUP },
    ]);
    expect(results).toEqual([
      { id: 'h1', ok: true },
      { id: 'h2', ok: false, reason: 'outOfScope' },
      { id: 'h3', ok: true },
    ]);
  });

  it('refuses every target with noPermission when the role lacks the action', () => {
    expect(checkEach(actor('leader', LEYE), 'household.write', [{ id: 'h1', regionCode: MAZHUANG }])).toEqual([
      { id: 'h1', ok: false, reason: 'noPermission' },
    ]);
  });
});

describe('mayReadWarningRows', () => {
  it.each<[Role, string, boolean]>([
    ['county-monitor', LEYE, true],
    ['township-officer', LUOXI, true],
    ['village-cadre', MAZHUANG, true],
    ['leader', LEYE, false],
    ['department', LEYE, false],
  ])('%s: %s', (role, region, expected) => {
    expect(mayReadWarningRows(actor(role, region))).toBe(expected);
    // Whoever may see the rows may read the warnings they belong to.
    if (expected) expect(can(actor(role, region), 'warning.read')).toBe(true);
  });
});
