/**
 * What reaches whom (待办): the identification steps a role acts in, the warnings it handles, and
 * whether it has a to-do list at all. Shared by the server (which counts the work) and the UI (which
 * shows the list, the badge and the landing page through the abilities of `/api/me`).
 */
import { can, type Actor } from '../access/can.ts';
import type { RuleSet } from '../rulesets/rule-set.schema.ts';
import { ELIMINATION_STEPS, eliminationRolesFor, type EliminationStep } from './elimination.ts';
import { IDENTIFICATION_STEPS, identificationRolesFor, type IdentificationStep } from './identification.ts';
import type { WorkflowRole } from './common.ts';
import { warningStatusesHandledBy } from './warning.ts';

/** The identification steps `role` acts in, the public notice narrowed by the rule set's notice level. */
export function identificationStepsFor(role: WorkflowRole, ruleSet: Pick<RuleSet, 'noticeLevel'>): IdentificationStep[] {
  return IDENTIFICATION_STEPS.filter((step) => identificationRolesFor(step, ruleSet).includes(role));
}

/**
 * The steps of a running risk elimination (风险消除) `role` acts in, the notice narrowed by the rule
 * set's notice level. A proposal waiting to be dispatched (`proposed`) reaches those who dispatch an
 * identification clue (county, township, village), not the helping cadre who may have proposed it.
 */
export function eliminationStepsFor(role: WorkflowRole, ruleSet: Pick<RuleSet, 'noticeLevel'>): EliminationStep[] {
  return ELIMINATION_STEPS.filter(
    (step) =>
      !ELIMINATION_FINAL.has(step) &&
      eliminationRolesFor(step, ruleSet).includes(role) &&
      (step !== 'proposed' || identificationRolesFor('clueRegistered', ruleSet).includes(role)),
  );
}

/** Steps after which nothing waits for anyone (a decided elimination may only be rolled back, on request). */
const ELIMINATION_FINAL: ReadonlySet<EliminationStep> = new Set(['eliminated', 'rejected', 'withdrawn', 'rolledBack']);

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
