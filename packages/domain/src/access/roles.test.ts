import { describe, expect, it } from 'vitest';
import type { Action, Role } from './roles.ts';
import { ACTIONS, ROLE_ACTIONS, ROLE_LABELS, ROLES, isRole, isRoleAllowedAtLevel, roleAllows } from './roles.ts';

const expected: Record<Role, Action[]> = {
  'county-admin': [...ACTIONS],
  'county-monitor': ['household.read', 'household.write', 'member.reveal', 'region.read', 'ruleset.read', 'ruleset.review', 'assessment.run', 'quality.read', 'department.import', 'department.read', 'warning.read', 'warning.dispatch', 'warning.verify', 'warning.correct', 'hotline.record', 'visit.record', 'visit.review', 'case.read', 'case.attach', 'helper.assign', 'measure.record', 'stats.read', 'helperVisit.record'],
  'township-officer': ['household.read', 'household.write', 'member.reveal', 'region.read', 'ruleset.read', 'assessment.run', 'quality.read', 'warning.read', 'warning.dispatch', 'warning.verify', 'visit.record', 'visit.review', 'case.read', 'case.attach', 'helper.assign', 'measure.record', 'stats.read', 'helperVisit.record'],
  'village-cadre': ['household.read', 'household.write', 'member.reveal', 'region.read', 'ruleset.read', 'assessment.run', 'warning.read', 'warning.verify', 'visit.record', 'case.read', 'case.attach', 'measure.record', 'helperVisit.record'],
  'helping-cadre': ['household.read', 'region.read', 'ruleset.read', 'assessment.run', 'visit.record', 'measure.record', 'helperVisit.record'],
  department: ['region.read', 'ruleset.read', 'department.import', 'department.read'],
  leader: ['household.read', 'region.read', 'ruleset.read', 'ruleset.review', 'quality.read', 'warning.read', 'case.read', 'stats.read'],
};

const matrix = ROLES.flatMap((role) =>
  ACTIONS.map((action) => [role, action, expected[role].includes(action)] as const),
);

describe('roleAllows', () => {
  it.each(matrix)('%s %s → %s', (role, action, allowed) => {
    expect(roleAllows(role, action)).toBe(allowed);
    expect((ROLE_ACTIONS[role] as readonly string[]).includes(action)).toBe(allowed);
  });
});

describe('ROLE_LABELS', () => {
  it.each([
    ['county-admin', '县级管理员', 'County admin'],
    ['county-monitor', '县防贫中心监测员', 'County centre monitor'],
    ['township-officer', '乡镇信息员', 'Township officer'],
    ['village-cadre', '村干部/网格员', 'Village cadre / grid worker'],
    ['helping-cadre', '帮扶干部', 'Helping cadre'],
    ['department', '部门数据员', 'Department data provider'],
    ['leader', '领导', 'Leader (read-only)'],
  ] as const)('%s → %s / %s', (role, zh, en) => {
    expect(ROLE_LABELS[role]).toEqual({ zh, en });
  });
});

describe('isRole', () => {
  it.each([
    ['county-admin', true],
    ['leader', true],
    ['admin', false],
    ['', false],
    ['Leader', false],
  ])('%j → %s', (value, result) => {
    expect(isRole(value)).toBe(result);
  });
});

describe('isRoleAllowedAtLevel', () => {
  it.each([
    ['county-admin', 'province', true],
    ['county-admin', 'county', true],
    ['county-admin', 'township', false],
    ['county-monitor', 'county', true],
    ['township-officer', 'township', true],
    ['township-officer', 'county', false],
    ['township-officer', 'village', false],
    ['village-cadre', 'village', true],
    ['village-cadre', 'group', true],
    ['village-cadre', 'township', false],
    ['helping-cadre', 'village', true],
    ['helping-cadre', 'city', false],
    ['department', 'county', true],
    ['department', 'village', false],
    ['leader', 'city', true],
    ['leader', 'village', false],
  ] as const)('%s at %s → %s', (role, level, allowed) => {
    expect(isRoleAllowedAtLevel(role, level)).toBe(allowed);
  });
});
