/** Reasons of monitoring and assistance (监测帮扶) and risk elimination (风险消除). */
export const MONITORING_REASONS_EN = {
  eliminationNotAllowed: 'The household does not meet the conditions for risk elimination',
  notMonitored: 'The household is not under monitoring',
  eliminationRunning: 'A risk elimination is already in progress for this household',
  notEliminated: 'The household is not eliminated',
} as const;
