/**
 * `nextState(current, event, actor, today, ruleSet)` for either workflow (docs/STYLE.md rule 2),
 * dispatching on `current.kind`.
 */
import type { IsoDate } from '../calendar/dates.ts';
import type { RuleSet } from '../rulesets/rule-set.schema.ts';
import type { Transition, WorkflowActor } from './common.ts';
import { type EliminationEvent, type EliminationState, nextEliminationState } from './elimination.ts';
import { type IdentificationEvent, type IdentificationState, nextIdentificationState } from './identification.ts';

/** Apply an identification event: new state or WorkflowRefusal (docs/DOMAIN.md "Identification procedure"). */
export function nextState(
  current: IdentificationState,
  event: IdentificationEvent,
  actor: WorkflowActor,
  today: IsoDate,
  ruleSet: RuleSet,
): Transition<IdentificationState>;
/** Apply an elimination event: new state or WorkflowRefusal (docs/DOMAIN.md "Risk elimination"). */
export function nextState(
  current: EliminationState,
  event: EliminationEvent,
  actor: WorkflowActor,
  today: IsoDate,
  ruleSet: RuleSet,
): Transition<EliminationState>;
export function nextState(
  current: IdentificationState | EliminationState,
  event: IdentificationEvent | EliminationEvent,
  actor: WorkflowActor,
  today: IsoDate,
  ruleSet: RuleSet,
): Transition<IdentificationState> | Transition<EliminationState> {
  return current.kind === 'identification'
    ? nextIdentificationState(current, event as IdentificationEvent, actor, today, ruleSet)
    : nextEliminationState(current, event as EliminationEvent, actor, today, ruleSet);
}
