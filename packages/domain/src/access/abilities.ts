/**
 * What the signed-in user may do, as `/api/me` tells the front ends (menus, buttons, landing page):
 * every ability is read from the same tables the server enforces — the role's actions (`can`), the
 * workflow tables (who acts on cases, who handles warnings) — so the UI never keeps a role list.
 */
import { z } from 'zod';
import { actsOnIdentificationCases } from '../workflow/identification.ts';
import { hasTodo } from '../workflow/todo.ts';
import { can, mayReadWarningRows, type Actor } from './can.ts';

export const AbilitiesSchema = z.object({
  /** Read the registry (农户查询). */
  canReadHouseholds: z.boolean(),
  canReveal: z.boolean(),
  canEditHouseholds: z.boolean(),
  canImport: z.boolean(),
  canManageUsers: z.boolean(),
  /** Edit the county's settings (县级设置: the supervision number on notices and posters). */
  canManageCountySettings: z.boolean(),
  canReadAudit: z.boolean(),
  canReadRules: z.boolean(),
  canManageRules: z.boolean(),
  /** Open the rule-set pages (规则管理); every role reads the rules in force through the API. */
  canReviewRules: z.boolean(),
  canReadStats: z.boolean(),
  canRunAssessment: z.boolean(),
  canReadQuality: z.boolean(),
  canImportDepartment: z.boolean(),
  /** See department imports (导入记录) and the sources (数据来源). */
  canReadDepartmentImports: z.boolean(),
  canReadWarnings: z.boolean(),
  canDispatchWarnings: z.boolean(),
  canVerifyWarnings: z.boolean(),
  /** Correct a recorded verification result (county centre). */
  canCorrectWarnings: z.boolean(),
  /** See the department rows behind a warning (查看依据). */
  canReadWarningRows: z.boolean(),
  canRecordHotline: z.boolean(),
  canRecordVisits: z.boolean(),
  canReviewVisits: z.boolean(),
  canReadCases: z.boolean(),
  /** Carry out steps of identification cases (the steps themselves are in each case's `allowedEvents`). */
  canActOnCases: z.boolean(),
  /** Add scans and photos to cases. */
  canAttachToCases: z.boolean(),
  /** Work reaches this user (待办: the menu entry, its badge, and the landing page after sign-in). */
  hasTodo: z.boolean(),
  /**
   * Works in the villages, mostly on a phone: records visits but does not review them (village
   * cadres, helping cadres). Their phone shows a bottom navigation (待办, households, visits, the
   * offline field app) within reach of a thumb.
   */
  worksInTheField: z.boolean(),
});
export type Abilities = z.infer<typeof AbilitiesSchema>;

/** The abilities of `actor` (no region target: what the role may do inside the actor's region). */
export function abilitiesOf(actor: Actor): Abilities {
  return {
    canReadHouseholds: can(actor, 'household.read'),
    canReveal: can(actor, 'member.reveal'),
    canEditHouseholds: can(actor, 'household.write'),
    canImport: can(actor, 'registry.import'),
    canManageUsers: can(actor, 'user.manage'),
    canManageCountySettings: can(actor, 'county.settings.manage'),
    canReadAudit: can(actor, 'audit.read'),
    canReadRules: can(actor, 'ruleset.read'),
    canManageRules: can(actor, 'ruleset.manage'),
    canReviewRules: can(actor, 'ruleset.review'),
    canReadStats: can(actor, 'stats.read'),
    canRunAssessment: can(actor, 'assessment.run'),
    canReadQuality: can(actor, 'quality.read'),
    canImportDepartment: can(actor, 'department.import'),
    canReadDepartmentImports: can(actor, 'department.read'),
    canReadWarnings: can(actor, 'warning.read'),
    canDispatchWarnings: can(actor, 'warning.dispatch'),
    canVerifyWarnings: can(actor, 'warning.verify'),
    canCorrectWarnings: can(actor, 'warning.correct'),
    canReadWarningRows: mayReadWarningRows(actor),
    canRecordHotline: can(actor, 'hotline.record'),
    canRecordVisits: can(actor, 'visit.record'),
    canReviewVisits: can(actor, 'visit.review'),
    canReadCases: can(actor, 'case.read'),
    canActOnCases: can(actor, 'case.read') && actsOnIdentificationCases(actor.role),
    canAttachToCases: can(actor, 'case.attach'),
    hasTodo: hasTodo(actor),
    worksInTheField: can(actor, 'visit.record') && !can(actor, 'visit.review'),
  };
}
