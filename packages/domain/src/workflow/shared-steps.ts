/**
 * The steps identification and risk elimination share (docs/DOMAIN.md "Procedure": elimination mirrors
 * identification): village deliberation → public notice → township review → county approval, an
 * objection during the notice or a township return sending the case back to the home check, and a
 * withdrawal with its reason. Each procedure declares its own first and last steps and decisions;
 * these tables and moves are written once here and spread into both (`import * as shared`).
 */
import type { IsoDate } from '../calendar/dates.ts';
import type { WorkingCalendar } from '../calendar/working-days.ts';
import type { RuleSet } from '../rulesets/rule-set.schema.ts';
import {
  addDayLimit,
  checkMove,
  checkNoticeOver,
  noticeEndsOn,
  refuse,
  type Transition,
  type WorkflowActor,
  type WorkflowRefusal,
  type WorkflowRole,
} from './common.ts';

/** zh-CN names of the shared steps, in procedure order. */
export const STEP_ZH = {
  villageDeliberation: '村级评议',
  publicNotice: '公示',
  townshipReview: '乡镇审核',
  countyApproval: '县级审定',
} as const;
/** One of the shared steps. */
export type SharedStep = keyof typeof STEP_ZH;

/** Moves out of the notice and the township review: forward, or back to the home check. */
export const TRANSITIONS = {
  publicNotice: ['townshipReview', 'homeVerification'],
  townshipReview: ['countyApproval', 'homeVerification'],
} as const;

/**
 * Who acts in the shared steps (docs/DOMAIN.md "Steps and limits", column "who"); the notice is
 * narrowed further by the rule set's notice level (`rolesForStep` in common.ts).
 */
export const ROLES = {
  villageDeliberation: ['village-cadre'],
  publicNotice: ['village-cadre', 'township-officer'],
  townshipReview: ['township-officer'],
  countyApproval: ['county-monitor', 'county-admin'],
} as const satisfies Record<SharedStep, readonly WorkflowRole[]>;

/** The village deliberation's record: attendees, minutes, and a reason when it does not recommend. */
export interface DeliberationEvent {
  readonly type: 'recordDeliberation';
  readonly result: 'recommend' | 'notRecommend';
  readonly attendees: number;
  readonly minutesRecorded: boolean;
  readonly reason?: string | undefined;
}

/** The events of the shared steps, which lead to the same step in both procedures. */
export type ReviewEvent =
  | { readonly type: 'raiseObjection'; readonly note: string }
  | { readonly type: 'endNotice' }
  | { readonly type: 'townshipApprove' }
  | { readonly type: 'townshipReturn'; readonly reason: string }
  | { readonly type: 'withdraw'; readonly reason: string };

/** Where each shared event leads, from the one step it applies in (a withdrawal: from any step the table allows). */
const MOVES = {
  raiseObjection: { from: 'publicNotice', to: 'homeVerification' },
  endNotice: { from: 'publicNotice', to: 'townshipReview' },
  townshipApprove: { from: 'townshipReview', to: 'countyApproval' },
  townshipReturn: { from: 'townshipReview', to: 'homeVerification' },
} as const satisfies Record<Exclude<ReviewEvent['type'], 'withdraw'>, { readonly from: SharedStep; readonly to: string }>;

/** Where a shared event leads from `step`, or null when it does not apply there. */
export function targetOf(
  step: string,
  event: ReviewEvent,
): (typeof MOVES)[keyof typeof MOVES]['to'] | 'withdrawn' | null {
  if (event.type === 'withdraw') return 'withdrawn';
  const move = MOVES[event.type];
  return step === move.from ? move.to : null;
}

/** A procedure's tables, as {@link startMove} reads them. */
export interface ProcedureTables<S extends string> {
  readonly transitions: Readonly<Record<S, readonly S[]>>;
  readonly stepZh: Readonly<Record<S, string>>;
}

/** The part of a case's state every move reads and writes. */
export interface StepState<S extends string> {
  readonly step: S;
  readonly stepEnteredOn: IsoDate;
}

/**
 * The common checks of a move ({@link checkMove}: table, role, date) on a procedure's tables; on
 * success, the state moved to the target step, entered `today`, for the procedure's own conditions.
 */
export function startMove<S extends string, T extends StepState<S>>(
  tables: ProcedureTables<S>,
  state: T,
  move: {
    readonly target: S | null;
    readonly eventType: string;
    readonly roles: readonly WorkflowRole[];
    readonly actor: WorkflowActor;
    readonly today: IsoDate;
  },
): WorkflowRefusal | { readonly ok: true; readonly moved: T } {
  const checked = checkMove({
    ...move,
    step: state.step,
    allowed: tables.transitions[state.step],
    stepEnteredOn: state.stepEnteredOn,
    stepZh: tables.stepZh[state.step],
  });
  if (!checked.ok) return checked;
  return { ok: true, moved: { ...state, step: checked.target, stepEnteredOn: move.today } };
}

/** Refuse an empty reason (a return, a withdrawal, a rejection, a rollback); null when one is given. */
export function requireReason(reason: string | undefined): WorkflowRefusal | null {
  return reason?.trim() ? null : refuse('reasonRequired');
}

/** The part of a case's state the notice reads and writes. */
export interface NoticeState {
  readonly stepEnteredOn: IsoDate;
  readonly noticeStartedOn: IsoDate | null;
  readonly objections: number;
}

/**
 * The effect of an accepted shared event on the moved state: an objection counts and restarts the
 * notice later, the notice ends only once it has run its length, a return or a withdrawal needs a
 * reason. `state` is the state before the move, `moved` after it.
 */
export function applyEvent<T extends NoticeState>(
  state: T,
  moved: T,
  event: ReviewEvent,
  today: IsoDate,
  ruleSet: Pick<RuleSet, 'noticeDays'>,
): Transition<T> {
  switch (event.type) {
    case 'raiseObjection':
      return { ok: true, state: { ...moved, objections: state.objections + 1, noticeStartedOn: null } };
    case 'endNotice':
      return checkNoticeOver(state.noticeStartedOn ?? state.stepEnteredOn, today, ruleSet) ?? { ok: true, state: moved };
    case 'townshipReturn':
    case 'withdraw':
      return requireReason(event.reason) ?? { ok: true, state: moved };
    case 'townshipApprove':
      return { ok: true, state: moved };
  }
}

/**
 * The deadline of a case's current step, or null when the step has no limit of its own: the
 * notice's earliest end, else the rule set's limit for the step (`ruleSet.stepLimits`, home check,
 * property check, deliberation, reviews, callback) counted from the day the step began
 * (docs/DOMAIN.md "Steps and limits", column "default limit").
 */
export function stepDeadline(
  state: StepState<string> & Pick<NoticeState, 'noticeStartedOn'>,
  ruleSet: Pick<RuleSet, 'noticeDays' | 'stepLimits'>,
  calendar: WorkingCalendar,
): IsoDate | null {
  if (state.step === 'publicNotice') return noticeEndsOn(state.noticeStartedOn ?? state.stepEnteredOn, ruleSet);
  const limits = ruleSet.stepLimits;
  const limit = Object.hasOwn(limits, state.step) ? limits[state.step as keyof typeof limits] : null;
  return limit ? addDayLimit(calendar, state.stepEnteredOn, limit) : null;
}
