/**
 * The one authorization question: may this actor do this action (to a record in this region)?
 * Pure, so the server enforces it and the UI uses the same answer to hide what the actor cannot do
 * (docs/ARCHITECTURE.md "How a request flows"; docs/STYLE.md rule 6).
 */
import { isWithinRegion } from '../ids/region-code.ts';
import type { Action, Role } from './roles.ts';
import { roleAllows } from './roles.ts';

/** The signed-in user as the domain sees it: one role, one region (12- or 15-digit code). */
export type Actor = { userId: string; username: string; role: Role; regionCode: string };

/**
 * Why an action is refused: `noPermission` (the role never may) or `outOfScope` (the role may, but
 * not for a record outside the actor's region subtree).
 */
export type Refusal = { ok: false; reason: 'noPermission' | 'outOfScope' };

/**
 * Checks an action with the reason when refused: first the role's action list, then — when a target
 * is given — that the target's region is the actor's region or below it. An invalid region code on
 * either side is out of scope.
 */
export function check(actor: Actor, action: Action, target?: { regionCode: string }): { ok: true } | Refusal {
  if (!roleAllows(actor.role, action)) return { ok: false, reason: 'noPermission' };
  if (target !== undefined && !isWithinRegion(target.regionCode, actor.regionCode)) {
    return { ok: false, reason: 'outOfScope' };
  }
  return { ok: true };
}

/** `check` as a boolean, for abilities attached to records and for hiding buttons. */
export function can(actor: Actor, action: Action, target?: { regionCode: string }): boolean {
  return check(actor, action, target).ok;
}

/**
 * Whether the actor may see the department rows behind a warning (one person's settlements,
 * disasters or disabilities): those who dispatch or verify warnings; read-only roles such as
 * leaders see the warnings and their totals only.
 */
export function mayReadWarningRows(actor: Actor): boolean {
  return can(actor, 'warning.verify') || can(actor, 'warning.dispatch');
}

/**
 * Checks one action against many targets and reports per target, so a batch (e.g. approving 200
 * households) proceeds for the allowed ones and lists the refused ones with their reason
 * (docs/STYLE.md rule 6). Order is kept.
 */
export function checkEach<T extends { id: string; regionCode: string }>(
  actor: Actor,
  action: Action,
  targets: readonly T[],
): Array<{ id: string; ok: true } | ({ id: string } & Refusal)> {
  return targets.map((target) => {
    const result = check(actor, action, target);
    return result.ok ? { id: target.id, ok: true as const } : { id: target.id, ...result };
  });
}
