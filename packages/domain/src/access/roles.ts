/**
 * Roles and what each may do (docs/DOMAIN.md "Roles"). Every user has exactly one role and one region;
 * the role says which actions, the region says where (`can.ts`, `region-scope.ts`).
 * The maps are data checked by `satisfies`, so adding a role or action fails to compile until every
 * entry is decided.
 */
import type { RegionLevel } from '../ids/region-code.ts';

/** All roles, in the order they are listed to administrators. */
export const ROLES = [
  'county-admin',
  'county-monitor',
  'township-officer',
  'village-cadre',
  'helping-cadre',
  'department',
  'leader',
] as const;

/** A user's role (角色). */
export type Role = (typeof ROLES)[number];

/** zh-CN and English display names of each role. */
export const ROLE_LABELS: Record<Role, { zh: string; en: string }> = {
  'county-admin': { zh: '县级管理员', en: 'County admin' },
  'county-monitor': { zh: '县防贫中心监测员', en: 'County centre monitor' },
  'township-officer': { zh: '乡镇信息员', en: 'Township officer' },
  'village-cadre': { zh: '村干部/网格员', en: 'Village cadre / grid worker' },
  'helping-cadre': { zh: '帮扶干部', en: 'Helping cadre' },
  department: { zh: '部门数据员', en: 'Department data provider' },
  leader: { zh: '领导', en: 'Leader (read-only)' },
};

/**
 * The region levels a user of each role may be assigned to. A county admin may also sit at city or
 * province level (provincial deployments); a township officer only at a township; village cadres at a
 * village or one of its groups (组/屯); helping cadres anywhere from county down, because they are
 * assigned households rather than territory.
 */
export const ROLE_MIN_LEVEL: Record<Role, RegionLevel[]> = {
  'county-admin': ['province', 'city', 'county'],
  'county-monitor': ['province', 'city', 'county'],
  'township-officer': ['township'],
  'village-cadre': ['village', 'group'],
  'helping-cadre': ['county', 'township', 'village', 'group'],
  department: ['province', 'city', 'county'],
  leader: ['province', 'city', 'county'],
};

/** All actions that are permission-checked. */
export const ACTIONS = [
  'household.read',
  'household.write',
  'member.reveal',
  'registry.import',
  'user.read',
  'user.manage',
  'audit.read',
  'region.read',
  /** Read the rule set in force and its history (every role: the field app shows the same numbers). */
  'ruleset.read',
  /** Publish a new rule-set version for the region (监测线, deadlines, thresholds). */
  'ruleset.manage',
  /**
   * Open the rule-set pages (规则管理): versions, history, trial assessment. For those who set the
   * numbers or answer for them; everyone else reads the rules in force through `ruleset.read`.
   */
  'ruleset.review',
  /** Run the system assessment of a household (advice only; it never decides). */
  'assessment.run',
  /** Read data-quality reports over the registry. */
  'quality.read',
  /** Upload department files (部门数据比对); a department sees its match statistics, not the registry. */
  'department.import',
  /** See department imports (导入记录), their rejected rows and the sources' settings (数据来源). */
  'department.read',
  /** Read the warnings (预警) queue. */
  'warning.read',
  /** Dispatch warnings to villages for verification. */
  'warning.dispatch',
  /** Record the verification result of a warning. */
  'warning.verify',
  /**
   * Correct a recorded verification result (the county centre), while the case a confirmed risk
   * opened has not moved past its first step (workflow/warning.ts).
   */
  'warning.correct',
  /** Log hotline calls (一键报告) and read the call-record table. */
  'hotline.record',
  /** File visit reports (走访记录): grid workers, cadres, township officers. */
  'visit.record',
  /** Review visit reports and forward them to the county as clues (township information officer). */
  'visit.review',
  /** Read identification cases and their timelines; acting on a step is decided by the workflow table. */
  'case.read',
  /** Add scans and photos to a case (consent, minutes, notice…): those who carry out the steps (workflow `actsOnIdentificationCases`). */
  'case.attach',
  /** Assign and reassign the helping cadres (帮扶责任人) of a monitoring object. */
  'helper.assign',
  /** Record assistance measures (帮扶措施) and their progress and evidence; a helping cadre for the households assigned to them. */
  'measure.record',
  /** Read the statistics (统计分析) and export the standard report tables (报表) of the region: leaders, the county centre, township officers. */
  'stats.read',
  /** Edit the county's own settings (县级设置: the supervision / hotline number printed on notices and posters): the county admin. */
  'county.settings.manage',
  /** Record helper visits (帮扶走访) of monitoring objects, with income updates and photos; a helping cadre for the households assigned to them. */
  'helperVisit.record',
] as const;

/**
 * Something an actor may be allowed to do. `member.reveal` means seeing an unmasked ID number or
 * phone (audited); everything else shows masked data.
 */
export type Action = (typeof ACTIONS)[number];

/**
 * Which actions each role may perform (inside its region). Departments only read regions: they
 * upload their own source and see match statistics through their own module. Leaders read
 * households masked only, never revealed. Township officers and village cadres verify warnings but
 * neither see the department imports behind them nor open the rule-set pages.
 */
export const ROLE_ACTIONS = {
  'county-admin': ACTIONS,
  'county-monitor': ['household.read', 'household.write', 'member.reveal', 'region.read', 'ruleset.read', 'ruleset.review', 'assessment.run', 'quality.read', 'department.import', 'department.read', 'warning.read', 'warning.dispatch', 'warning.verify', 'warning.correct', 'hotline.record', 'visit.record', 'visit.review', 'case.read', 'case.attach', 'helper.assign', 'measure.record', 'stats.read', 'helperVisit.record'],
  'township-officer': ['household.read', 'household.write', 'member.reveal', 'region.read', 'ruleset.read', 'assessment.run', 'quality.read', 'warning.read', 'warning.dispatch', 'warning.verify', 'visit.record', 'visit.review', 'case.read', 'case.attach', 'helper.assign', 'measure.record', 'stats.read', 'helperVisit.record'],
  'village-cadre': ['household.read', 'household.write', 'member.reveal', 'region.read', 'ruleset.read', 'assessment.run', 'warning.read', 'warning.verify', 'visit.record', 'case.read', 'case.attach', 'measure.record', 'helperVisit.record'],
  'helping-cadre': ['household.read', 'region.read', 'ruleset.read', 'assessment.run', 'visit.record', 'measure.record', 'helperVisit.record'],
  department: ['region.read', 'ruleset.read', 'department.import', 'department.read'],
  leader: ['household.read', 'region.read', 'ruleset.read', 'ruleset.review', 'quality.read', 'warning.read', 'case.read', 'stats.read'],
} as const satisfies Record<Role, readonly Action[]>;

/** Whether a string (e.g. from the database or a form) is a known role. */
export function isRole(value: string): value is Role {
  return (ROLES as readonly string[]).includes(value);
}

/** Whether the role's action list includes `action`, regardless of region. */
export function roleAllows(role: Role, action: Action): boolean {
  return (ROLE_ACTIONS[role] as readonly Action[]).includes(action);
}

/**
 * Whether a user of `role` may be assigned to a region of `level` (`ROLE_MIN_LEVEL`); used when
 * creating or editing users so a village cadre cannot be given a whole county.
 */
export function isRoleAllowedAtLevel(role: Role, level: RegionLevel): boolean {
  return ROLE_MIN_LEVEL[role].includes(level);
}
