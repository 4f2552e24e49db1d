import { describe, expect, it } from 'vitest';
import { ROLES, roleAllows } from '../access/roles.ts';
import { RISK_TYPES } from '../codes/risk-types.ts';
import type { WorkflowActor, WorkflowRole } from './common.ts';
import {
  CASE_EVENT_TYPES,
  GREEN_CHANNEL_ASSISTANCE_ROLES,
  IDENTIFICATION_STEPS,
  IDENTIFICATION_STEP_EVENTS,
  actsOnIdentificationCases,
  allowedEventsFor,
  checkAssistance,
  isGreenChannelCase,
  startIdentification,
  type IdentificationStep,
} from './identification.ts';

const village = { noticeLevel: 'village' } as const;
const township = { noticeLevel: 'township' } as const;
const as = (role: WorkflowRole): WorkflowActor => ({ id: `u-${role}`, role });
const at = (step: IdentificationStep) => ({ ...startIdentification('2026-03-01'), step });
const plain = { hasHousehold: true, greenChannel: false };

describe('green-channel eligibility (from the risk-type codes)', () => {
  it('opens for every natural disaster, the disaster family code and accidents', () => {
    expect(isGreenChannelCase([RISK_TYPES.disasterFlood.code])).toBe(true);
    expect(isGreenChannelCase([RISK_TYPES.disasterOther.code])).toBe(true);
    expect(isGreenChannelCase(['02'])).toBe(true);
    expect(isGreenChannelCase([RISK_TYPES.illness.code, RISK_TYPES.accident.code])).toBe(true);
  });
  it('stays closed for illness, schooling, employment and unknown codes', () => {
    expect(isGreenChannelCase([RISK_TYPES.illness.code, RISK_TYPES.schooling.code, RISK_TYPES.unstableEmployment.code])).toBe(false);
    expect(isGreenChannelCase(['0207', '5'])).toBe(false);
    expect(isGreenChannelCase([])).toBe(false);
  });
});

describe('who may record green-channel assistance', () => {
  it('the county centre and the township, on an open green-channel case', () => {
    for (const role of GREEN_CHANNEL_ASSISTANCE_ROLES) expect(checkAssistance({ step: 'propertyCheck', greenChannel: true }, role)).toBeNull();
  });
  it('refuses a village cadre (it acts in cases, so 422 roleNotAllowed), a case without the green channel, a closed case', () => {
    expect(checkAssistance({ step: 'homeVerification', greenChannel: true }, 'village-cadre')?.reason).toBe('roleNotAllowed');
    expect(checkAssistance({ step: 'homeVerification', greenChannel: false }, 'county-monitor')?.reason).toBe('notGreenChannel');
    expect(checkAssistance({ step: 'closed', greenChannel: true }, 'county-monitor')?.reason).toBe('caseClosed');
    expect(checkAssistance({ step: 'withdrawn', greenChannel: true }, 'township-officer')?.reason).toBe('caseClosed');
  });
});

describe('who acts on identification cases', () => {
  it('the county centre, townships and villages; never leaders, helping cadres or departments', () => {
    expect(ROLES.filter((role) => actsOnIdentificationCases(role))).toEqual(['county-admin', 'county-monitor', 'township-officer', 'village-cadre']);
    expect(actsOnIdentificationCases('system')).toBe(false);
  });
  it('is exactly who may attach files to cases (the access table agrees with the workflow tables)', () => {
    for (const role of ROLES) expect(roleAllows(role, 'case.attach')).toBe(actsOnIdentificationCases(role));
  });
  it('a role that never acts is offered nothing at any step', () => {
    for (const role of ['leader', 'helping-cadre', 'department'] as const)
      for (const step of IDENTIFICATION_STEPS)
        expect(allowedEventsFor(at(step), { hasHousehold: false, greenChannel: true }, as(role), village)).toEqual([]);
  });
});

describe('allowedEventsFor', () => {
  it("offers the step's events to the role acting in it, and the county's withdrawal", () => {
    expect(allowedEventsFor(at('homeVerification'), plain, as('village-cadre'), village)).toEqual(['recordVerification', 'screenOut']);
    expect(allowedEventsFor(at('homeVerification'), plain, as('county-monitor'), village)).toEqual(['recordVerification', 'screenOut', 'withdraw']);
    expect(allowedEventsFor(at('townshipReview'), plain, as('village-cadre'), village)).toEqual([]);
    expect(allowedEventsFor(at('countyApproval'), plain, as('county-admin'), village)).toEqual(['countyDecide']);
  });
  it('follows the notice level: the village ends a village notice, the township a township one', () => {
    expect(allowedEventsFor(at('publicNotice'), plain, as('village-cadre'), village)).toEqual(['endNotice', 'raiseObjection']);
    expect(allowedEventsFor(at('publicNotice'), plain, as('village-cadre'), township)).toEqual([]);
    expect(allowedEventsFor(at('publicNotice'), plain, as('township-officer'), township)).toEqual(['endNotice', 'raiseObjection']);
  });
  it('offers linking a household first while the case has none, and assistance on a green-channel case', () => {
    expect(allowedEventsFor(at('clueRegistered'), { hasHousehold: false, greenChannel: true }, as('township-officer'), village)).toEqual([
      'linkHousehold',
      'startVerification',
      'recordAssistance',
    ]);
    expect(allowedEventsFor(at('closed'), { hasHousehold: true, greenChannel: true }, as('county-monitor'), village)).toEqual([]);
  });
  it('every event a step offers is an event of the API', () => {
    for (const step of IDENTIFICATION_STEPS) for (const event of IDENTIFICATION_STEP_EVENTS[step]) expect(CASE_EVENT_TYPES).toContain(event);
  });
});
