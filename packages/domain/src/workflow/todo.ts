/**
 * What reaches whom (待办): the identification steps a role acts in, the warnings it handles, and
 * whether it has a to-do list at all. Shared by the server (which counts the work) and the UI (which
 * shows the list, the badge and the landing page through the abilities of `/api/me`).
 */
import { can, type Actor } from '../access/can.ts';
import type { RuleSet } from '../rulesets/rule-set.schema.ts';
import { IDENTIFICATION_STEPS, identificationRolesFor, type IdentificationStep } from './identification.ts';
import type { WorkflowRole } from './common.ts';
import { warningStatusesHandledBy } from './warning.ts';

/** The identification steps `role` acts in, the public notice narrowed by the rule set's notice level. */
export function identificationStepsFor(role: WorkflowRole, ruleSet: Pick<RuleSet, 'noticeLevel'>): IdentificationStep[] {
  return IDENTIFICATION_STEPS.filter((step) => identificationRolesFor(step, ruleSet).includes(role));
}

/**
 * Whether work reaches the actor's role: it acts in an identification step (under either notice
 * level), handles warnings, reviews visit reports (`visit.review`) or calls back hotline callers
 * (`hotline.record`). Leaders, helping cadres and department clerks have no to-do list: leaders
 * read, helping cadres file visits, clerks upload files.
 */
export function hasTodo(actor: Actor): boolean {
  const actsInCases = (['village', 'township'] as const).some(
    (noticeLevel) => identificationStepsFor(actor.role, { noticeLevel }).length > 0,
  );
  return (
    actsInCases ||
    warningStatusesHandledBy(actor.role).length > 0 ||
    can(actor, 'visit.review') ||
    can(actor, 'hotline.record')
  );
}
