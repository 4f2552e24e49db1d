import { describe, expect, it } from 'vitest';
import { isUnderMonitoring, monitoringStatusOf, type MonitoringStatus, type MonitoringStatusFacts } from './monitoring-object.ts';

const cases: [string, MonitoringStatusFacts, MonitoringStatus][] = [
  ['never eliminated', { eliminatedOn: null, eliminationOutcome: null, rolledBackOn: null }, 'monitoring'],
  ['eliminated, outcome stable', { eliminatedOn: '2026-06-01', eliminationOutcome: 'stable', rolledBackOn: null }, 'eliminatedStable'],
  ['eliminated, keep tracking', { eliminatedOn: '2026-06-01', eliminationOutcome: 'tracking', rolledBackOn: null }, 'eliminatedTracking'],
  ['imported elimination (no outcome) reads as stable', { eliminatedOn: '2024-02-20', eliminationOutcome: null, rolledBackOn: null }, 'eliminatedStable'],
  ['elimination rolled back', { eliminatedOn: null, eliminationOutcome: null, rolledBackOn: '2026-07-01' }, 'rolledBack'],
  ['rolled back, then eliminated again', { eliminatedOn: '2027-03-01', eliminationOutcome: 'stable', rolledBackOn: '2026-07-01' }, 'eliminatedStable'],
];

describe('monitoringStatusOf', () => {
  it.each(cases)('%s', (_name, facts, status) => expect(monitoringStatusOf(facts)).toBe(status));
  it('monitoring and rolled back are under monitoring; eliminated ones are not', () => {
    expect(['monitoring', 'rolledBack', 'eliminatedStable', 'eliminatedTracking'].map((s) => isUnderMonitoring(s as MonitoringStatus))).toEqual([true, true, false, false]);
  });
});
