/**
 * Monitoring objects (监测对象): the register of households under monitoring, and of those whose
 * risk was eliminated or whose elimination was rolled back (docs/DOMAIN.md "Glossary", "Risk elimination";
 * issue 13, item 1). Pure: the status is derived from the stored facts, so the register, the
 * household page and the one-household file say the same thing.
 */
import type { IsoDate } from '../calendar/dates.ts';

/**
 * Status of a monitoring object: `monitoring` 监测中 · `eliminatedStable` 风险已消除（稳定）·
 * `eliminatedTracking` 风险已消除（继续跟踪）· `rolledBack` 已回退 (a wrong elimination was rolled back
 * by the county: the household is monitored again, marked so the county sees its history).
 */
export const MONITORING_STATUSES = ['monitoring', 'eliminatedStable', 'eliminatedTracking', 'rolledBack'] as const;
/** One status of a monitoring object. */
export type MonitoringStatus = (typeof MONITORING_STATUSES)[number];

/** zh-CN names of the statuses (the national system's words). */
export const MONITORING_STATUS_ZH = {
  monitoring: '监测中',
  eliminatedStable: '风险已消除（稳定）',
  eliminatedTracking: '风险已消除（继续跟踪）',
  rolledBack: '已回退',
} as const satisfies Record<MonitoringStatus, string>;

/** Whether a string is a monitoring status. */
export function isMonitoringStatus(value: string): value is MonitoringStatus {
  return (MONITORING_STATUSES as readonly string[]).includes(value);
}

/** Outcome of a decided elimination: 稳定消除 (`stable`) or 消除后继续跟踪 (`tracking`). */
export type EliminationOutcome = 'stable' | 'tracking';

/** The stored facts the status is derived from. */
export interface MonitoringStatusFacts {
  readonly eliminatedOn: IsoDate | null;
  /** null for eliminations imported from the national export, which do not say: read as stable. */
  readonly eliminationOutcome: EliminationOutcome | null;
  /** Set when the county rolled a wrong elimination back (回退). */
  readonly rolledBackOn: IsoDate | null;
}

/**
 * The status of a monitoring object: eliminated (stable or tracking) while an elimination date
 * stands; otherwise rolled back when an elimination was rolled back, else under monitoring.
 * The database derives the same value in a generated column (schema/monitoring.ts) so lists can
 * filter on it; monitoring-object.test.ts and the server tests keep the two in step.
 */
export function monitoringStatusOf(facts: MonitoringStatusFacts): MonitoringStatus {
  if (facts.eliminatedOn !== null) return facts.eliminationOutcome === 'tracking' ? 'eliminatedTracking' : 'eliminatedStable';
  return facts.rolledBackOn !== null ? 'rolledBack' : 'monitoring';
}

/** Whether a household in this status is still under monitoring (help, visits and measures go on). */
export function isUnderMonitoring(status: MonitoringStatus): boolean {
  return status === 'monitoring' || status === 'rolledBack';
}

/**
 * The register's list filters (automation contract of issue 13): `noHelper` 未落实帮扶责任人,
 * `helperOverdue` 帮扶责任人落实超期, `uncoveredRisk` 风险未落实措施, `visitOverdue` 走访超期
 * (the next helper visit's due day has passed: visits.ts `nextVisitDueOn`), and (added after the
 * contract, additive) `eliminationInProgress` 消除程序中: a risk-elimination case is running.
 */
export const MONITORING_FLAGS = ['noHelper', 'helperOverdue', 'uncoveredRisk', 'visitOverdue', 'eliminationInProgress'] as const;
/** One list filter of the register. */
export type MonitoringFlag = (typeof MONITORING_FLAGS)[number];
