import { describe, expect, it } from 'vitest';
import type { Me } from '../api/types';
import { homePathFor } from './home-path';

const base: Me['abilities'] = {
  canReadHouseholds: false,
  canReveal: false,
  canActOnCases: false,
  canAttachToCases: false,
  canEditHouseholds: false,
  canImport: false,
  canManageUsers: false,
  canManageCountySettings: false,
  canReadAudit: false,
  canReadRules: false,
  canManageRules: false,
  canReviewRules: false,
  canReadStats: false,
  canRunAssessment: false,
  canReadQuality: false,
  canImportDepartment: false,
  canReadDepartmentImports: false,
  canReadWarnings: false,
  canDispatchWarnings: false,
  canVerifyWarnings: false,
  canCorrectWarnings: false,
  canReadWarningRows: false,
  canRecordHotline: false,
  canRecordVisits: false,
  canReviewVisits: false,
  canReadCases: false,
  hasTodo: false,
  worksInTheField: false,
};

describe('homePathFor: where a user lands, from the abilities alone', () => {
  it.each([
    ['work reaches them (village, township, county)', { hasTodo: true, canReadHouseholds: true, canReadCases: true, canImportDepartment: true }, '/todo'],
    ['a department clerk (imports, reads no households)', { canImportDepartment: true, canReadHouseholds: false }, '/department/import'],
    ['a leader (reads statistics and cases, acts on none)', { canReadStats: true, canReadCases: true, canReadHouseholds: true }, '/stats'],
    ['a county centre with work and statistics (work first)', { hasTodo: true, canReadStats: true, canReadCases: true }, '/todo'],
    ['a reader of cases without statistics', { canReadCases: true, canReadHouseholds: true }, '/cases'],
    ['a helping cadre (files visit reports)', { canRecordVisits: true, canReadHouseholds: true }, '/visits'],
    ['anyone else', { canReadHouseholds: true }, '/households'],
  ] as [string, Partial<Me['abilities']>, string][])('%s → %s', (_, abilities, path) => {
    expect(homePathFor({ ...base, ...abilities })).toBe(path);
  });
});
