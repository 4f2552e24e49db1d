import { describe, expect, it } from 'vitest';
import { ROLES } from '../access/roles.ts';
import type { IdentificationStep } from './identification.ts';
import { hasTodo } from './todo.ts';
import {
  WARNING_HANDLERS,
  WARNING_STATUSES,
  WARNING_TRANSITIONS,
  checkWarningCorrection,
  isWarningMoveAllowed,
  reopenedWarningStatus,
  warningNoteRequired,
  warningStatusesHandledBy,
  type WarningCorrection,
  type WarningStatus,
} from './warning.ts';

describe('warning transition table', () => {
  it('every target is a status; outcomes are final', () => {
    for (const status of WARNING_STATUSES) for (const to of WARNING_TRANSITIONS[status]) expect(WARNING_STATUSES).toContain(to);
    expect(WARNING_TRANSITIONS.riskConfirmed).toEqual([]);
    expect(WARNING_HANDLERS.riskConfirmed).toEqual([]);
  });

  it.each([
    ['new', 'dispatched', true],
    ['new', 'riskConfirmed', true],
    ['dispatched', 'noRisk', true],
    ['dispatched', 'new', false],
    ['dispatched', 'dispatched', false],
    ['noRisk', 'riskConfirmed', false],
  ] as [WarningStatus, WarningStatus, boolean][])('%s → %s: %s', (from, to, allowed) => {
    expect(isWarningMoveAllowed(from, to)).toBe(allowed);
  });

  it.each([
    ['riskConfirmed', true],
    ['noRisk', true],
    ['alreadyMonitored', false],
    ['dispatched', false],
  ] as [WarningStatus, boolean][])('a note is required for %s: %s', (to, required) => {
    expect(warningNoteRequired(to)).toBe(required);
  });
});

describe('who handles warnings (to-do)', () => {
  it.each([
    ['county-monitor', ['new']],
    ['county-admin', ['new']],
    ['township-officer', ['new']],
    ['village-cadre', ['dispatched']],
    ['helping-cadre', []],
    ['department', []],
    ['leader', []],
  ] as const)('%s handles %j', (role, statuses) => {
    expect(warningStatusesHandledBy(role)).toEqual(statuses);
  });

  it.each(ROLES.map((role) => [role, ['county-admin', 'county-monitor', 'township-officer', 'village-cadre'].includes(role)] as const))(
    '%s has a to-do list: %s',
    (role, expected) => {
      expect(hasTodo({ userId: 'u', username: 'u', role, regionCode: '451028000000' })).toBe(expected);
    },
  );
});

describe('correcting a verification outcome', () => {
  const base = { reason: '村里核实时把户搞错了', caseStep: null as IdentificationStep | null };
  it.each([
    // A confirmed risk whose case is still at 线索登记: may be reopened or changed.
    ['riskConfirmed', 'reopen', 'clueRegistered', true],
    ['riskConfirmed', 'noRisk', 'clueRegistered', true],
    // Once the home check is dispatched, the procedure decides.
    ['riskConfirmed', 'noRisk', 'homeVerification', 'caseMoved'],
    ['riskConfirmed', 'reopen', 'propertyCheck', 'caseMoved'],
    // A case the county already withdrew is no obstacle.
    ['riskConfirmed', 'reopen', 'withdrawn', true],
    // No case behind "no risk": may become a confirmed risk.
    ['noRisk', 'riskConfirmed', null, true],
    ['alreadyMonitored', 'reopen', null, true],
    ['noRisk', 'noRisk', null, 'sameOutcome'],
    ['dispatched', 'noRisk', null, 'notVerified'],
    ['new', 'reopen', null, 'notVerified'],
  ] as [WarningStatus, WarningCorrection, IdentificationStep | null, true | string][])('%s → %s with the case at %s: %s', (status, to, caseStep, expected) => {
    const result = checkWarningCorrection({ ...base, status, to, caseStep });
    expect(result.ok ? true : result.reason).toBe(expected);
  });

  it.each([
    // The case stands on another clue too (a visit): only the warning's clue leaves it, at any step before the decision.
    ['riskConfirmed', 'reopen', 'clueRegistered', true],
    ['riskConfirmed', 'noRisk', 'homeVerification', true],
    ['riskConfirmed', 'reopen', 'publicNotice', true],
    ['riskConfirmed', 'noRisk', 'countyApproval', true],
    // Decided: the decision rested on every clue.
    ['riskConfirmed', 'reopen', 'callback', 'caseMoved'],
    ['riskConfirmed', 'reopen', 'closed', 'caseMoved'],
  ] as [WarningStatus, WarningCorrection, IdentificationStep, true | string][])('%s → %s with the case (kept by other clues) at %s: %s', (status, to, caseStep, expected) => {
    const result = checkWarningCorrection({ ...base, status, to, caseStep, caseKeepsOtherClues: true });
    expect(result.ok ? true : result.reason).toBe(expected);
  });

  it('needs a reason', () => {
    expect(checkWarningCorrection({ status: 'noRisk', to: 'reopen', reason: '  ', caseStep: null })).toMatchObject({ ok: false, reason: 'reasonRequired' });
  });

  it('a reopened warning goes back to where it stood', () => {
    expect(reopenedWarningStatus(true)).toBe('dispatched');
    expect(reopenedWarningStatus(false)).toBe('new');
  });
});
