import { describe, expect, it } from 'vitest';
import type { Actor } from './can.ts';
import type { Scope } from './region-scope.ts';
import { isInScope, scopeOf } from './region-scope.ts';

const actorAt = (regionCode: string): Actor => ({ userId: 'u', username: 'u', role: 'county-admin', regionCode });

describe('scopeOf', () => {
  it.each<[string, Scope]>([
    ['450000000000', { regionPrefix: '45', countyCodes: [] }],
    ['451000000000', { regionPrefix: '4510', countyCodes: [] }],
    ['451028000000', { regionPrefix: '451028', countyCodes: ['451028'] }],
    ['451028201000', { regionPrefix: '451028201', countyCodes: ['451028'] }],
    ['451028201201', { regionPrefix: '451028201201', countyCodes: ['451028'] }],
    ['451028201201001', { regionPrefix: '451028201201001', countyCodes: ['451028'] }],
    ['451028', { regionPrefix: '451028', countyCodes: ['451028'] }],
  ])('%s → %j', (regionCode, scope) => {
    expect(scopeOf(actorAt(regionCode))).toEqual(scope);
  });

  it.each([[''], ['garbage'], ['000000000000']])('throws for region %j', (regionCode) => {
    expect(() => scopeOf(actorAt(regionCode))).toThrow();
  });
});

describe('isInScope', () => {
  const province: Scope = { regionPrefix: '45', countyCodes: [] };
  const county: Scope = { regionPrefix: '451028', countyCodes: ['451028'] };
  const township: Scope = { regionPrefix: '451028201', countyCodes: ['451028'] };
  const village: Scope = { regionPrefix: '451028201201', countyCodes: ['451028'] };
  it.each<[string, Scope, string, boolean]>([
    ['province', province, '451028201201', true],
    ['province', province, '450000000000', true],
    ['province', province, '440100000000', false],
    ['county', county, '451028201201', true],
    ['county', county, '451028201201001', true],
    ['county', county, '451028000000', true],
    ['county', county, '451000000000', false],
    ['county', county, '451029201201', false],
    ['township', township, '451028201201', true],
    ['township', township, '451028100201', false],
    ['township', township, '451028000000', false],
    ['village', village, '451028201201', true],
    ['village', village, '451028201201002', true],
    ['village', village, '451028201202', false],
    ['county', county, 'garbage', false],
    ['county', county, '', false],
    ['broken scope', { regionPrefix: '', countyCodes: [] }, '451028201201', false],
    ['inconsistent scope', { regionPrefix: '4510', countyCodes: ['451028'] }, '451029100201', false],
  ])('%s scope: %s → %s', (_label, scope, regionCode, expected) => {
    expect(isInScope(scope, regionCode)).toBe(expected);
  });
});
