import { describe, expect, it } from 'vitest';
import type { RegionTreeNode } from '../api/types';
import type { ManagedUser } from './types';
import { assignableRoles, deviceKind, filterUsers, flattenRegions, regionsForRole, userStates } from './user-model';

const user = (over: Partial<ManagedUser>): ManagedUser => ({
  id: 'u',
  username: 'village-mazhuang',
  displayName: '马庄村村干部',
  role: 'village-cadre',
  roleLabel: { zh: '村干部/网格员', en: 'Village cadre / grid worker' },
  regionCode: '451028201201',
  regionName: '马庄村',
  isDisabled: false,
  isLocked: false,
  lockedUntil: null,
  failedLogins: 0,
  mustChangePassword: false,
  isDemo: false,
  lastLoginAt: null,
  passwordChangedAt: null,
  createdAt: '2026-01-01T00:00:00Z',
  canManage: true,
  ...over,
});

const tree: RegionTreeNode = {
  code: '451028000000',
  name: '乐业县',
  level: 'county',
  children: [
    { code: '451028201000', name: '逻西乡', level: 'township', children: [{ code: '451028201201', name: '马庄村', level: 'village', children: [] }] },
    { code: '451028100000', name: '同乐镇', level: 'township', children: [] },
  ],
};

describe('account administration model', () => {
  it('names the states of an account, active when nothing else applies', () => {
    expect(userStates(user({}))).toEqual(['active']);
    expect(userStates(user({ isDisabled: true, isLocked: true, mustChangePassword: true }))).toEqual(['disabled', 'locked', 'mustChange']);
  });

  it('filters by username or name, role and state', () => {
    const users = [user({ id: 'a' }), user({ id: 'b', username: 'leader', displayName: '县领导', role: 'leader', isDisabled: true })];
    expect(filterUsers(users, { q: '马庄', role: '', state: '' }).map((u) => u.id)).toEqual(['a']);
    expect(filterUsers(users, { q: 'LEAD', role: '', state: '' }).map((u) => u.id)).toEqual(['b']);
    expect(filterUsers(users, { q: '', role: 'village-cadre', state: '' }).map((u) => u.id)).toEqual(['a']);
    expect(filterUsers(users, { q: '', role: '', state: 'disabled' }).map((u) => u.id)).toEqual(['b']);
    expect(filterUsers(users, { q: '', role: '', state: 'active' }).map((u) => u.id)).toEqual(['a']);
  });

  it('offers each role only the regions it may be given', () => {
    const regions = flattenRegions(tree);
    expect(regions.map((r) => r.path)).toEqual(['乐业县', '逻西乡', '逻西乡 / 马庄村', '同乐镇']);
    expect(regionsForRole(regions, 'village-cadre').map((r) => r.name)).toEqual(['马庄村']);
    expect(regionsForRole(regions, 'township-officer').map((r) => r.name)).toEqual(['逻西乡', '同乐镇']);
    expect(regionsForRole(regions, 'county-admin').map((r) => r.name)).toEqual(['乐业县']);
    expect(regionsForRole(regions, undefined)).toEqual([]);
    expect(assignableRoles(regions)).toEqual(['county-admin', 'county-monitor', 'township-officer', 'village-cadre', 'helping-cadre', 'department', 'leader']);
    expect(assignableRoles(flattenRegions({ code: '451028201000', name: '逻西乡', level: 'township', children: [] }))).toEqual(['township-officer', 'helping-cadre']);
  });
});

describe('deviceKind', () => {
  it('names the system, the form and the browser of common phones and computers', () => {
    expect(deviceKind('Mozilla/5.0 (Linux; Android 10; Redmi 9A) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0 Mobile Safari/537.36')).toEqual({ system: 'Android', form: 'phone', browser: 'Chrome' });
    expect(deviceKind('Mozilla/5.0 (iPhone; CPU iPhone OS 16_0 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148 MicroMessenger/8.0.40')).toEqual({ system: 'iPhone', form: 'phone', browser: 'wechat' });
    expect(deviceKind('Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0 Safari/537.36 Edg/120.0')).toEqual({ system: 'Windows', form: 'computer', browser: 'Edge' });
    expect(deviceKind('Mozilla/5.0 (Linux; Android 12; HarmonyOS; ALN-AL00) AppleWebKit/537.36 Chrome/99.0 Mobile Safari/537.36')).toEqual({ system: 'HarmonyOS', form: 'phone', browser: 'Chrome' });
    expect(deviceKind(null)).toEqual({ system: null, form: null, browser: null });
  });
});
