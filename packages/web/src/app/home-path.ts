import type { Me } from '../api/types';

/**
 * Where a user lands after signing in, from the abilities of /api/me (no role names here): those
 * whom work reaches on 待办; department clerks, who read no households, on 数据导入; those who read
 * statistics and have no work of their own (leaders) on the dashboard 统计分析; readers of cases with
 * neither, on the case list; helping cadres on their visit reports; anyone else on the household search.
 */
export function homePathFor(abilities: Me['abilities']): string {
  if (abilities.hasTodo === true) return '/todo';
  if (abilities.canImportDepartment === true && abilities.canReadHouseholds !== true) return '/department/import';
  if (abilities.canReadStats === true) return '/stats';
  if (abilities.canReadCases === true) return '/cases';
  if (abilities.canRecordVisits === true) return '/visits';
  return '/households';
}
