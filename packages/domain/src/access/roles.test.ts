import { describe, expect, it } from 'vitest';
import type { Action, Role } from './roles.ts';
import { ACTIONS, ROLE_ACTIONS, ROLE_LABELS, ROLES, isRole, isRoleAllowedAtLevel, roleAllows } from './roles.ts';

/**
 * Who may do what, stated action by action (roles.ts states it role by role, so this is a second,
 * independent statement of the policy, not a copy). One column per role, in `ROLES` order:
 * county-admin, county-monitor, township-officer, village-cadre, helping-cadre, department, leader.
 */
const GRANTED: Record<Action, string> = {
  'household.read':         'YYYYY.Y',
  'household.write':        'YYYY...',
  'member.reveal':          'YYYY...',
  'registry.import':        'Y......',
  'user.read':              'Y......',
  'user.manage':            'Y......',
  'audit.read':             'Y......',
  'region.read':            'YYYYYYY',
  'ruleset.read':           'YYYYYYY',
  'ruleset.manage':         'Y......',
  'ruleset.review':         'YY....Y',
  'assessment.run':         'YYYYY..',
  'quality.read':           'YYY...Y',
  'department.import':      'YY...Y.',
  'department.read':        'YY...Y.',
  'warning.read':           'YYYY..Y',
  'warning.dispatch':       'YYY....',
  'warning.verify':         'YYYY...',
  'warning.correct':        'YY.....',
  'hotline.record':         'YY.....',
  'visit.record':           'YYYYY..',
  'visit.review':           'YYY....',
  'case.read':              'YYYY..Y',
  'case.attach':            'YYYY...',
  'helper.assign':          'YYY....',
  'measure.record':         'YYYYY..',
  'stats.read':             'YYY...Y',
  'county.settings.manage': 'Y......',
  'helperVisit.record':     'YYYYY..',
};
const COLUMNS: readonly Role[] = ['county-admin', 'county-monitor', 'township-officer', 'village-cadre', 'helping-cadre', 'department', 'leader'];

const matrix = COLUMNS.flatMap((role, column) =>
  ACTIONS.map((action) => [role, action, GRANTED[action][column] === 'Y'] as const),
);

describe('roleAllows', () => {
  it('the grid has a column for every role', () => {
    expect(COLUMNS).toEqual(ROLES);
    for (const action of ACTIONS) expect(GRANTED[action]).toMatch(/^[Y.]{7}$/);
  });

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
