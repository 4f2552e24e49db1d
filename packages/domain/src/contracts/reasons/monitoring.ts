/**
 * Reasons of monitoring and assistance (监测帮扶), risk elimination (风险消除), the statistics and the
 * field app's sync (外勤同步). `{{name}}` placeholders are filled from the problem's `params`.
 */
export const MONITORING_REASONS_EN = {
  /** Every blocker is in the problem's `details` as a code with its figures (contracts/monitoring.ts). */
  eliminationNotAllowed: 'The household does not meet the conditions for risk elimination',
  notMonitored: 'The household is not under monitoring',
  notAssignedHelper: 'You are not a helper of this household: you may read it, not act on it',
  eliminationRunning: 'A risk elimination is already in progress for this household ({{caseNumber}})',
  notEliminated: 'The household is not eliminated',
  outcomeRequired: 'Choose whether the risk is eliminated stably or with continued tracking',
  dateBeforeIdentification: 'The date {{date}} is before the household was identified ({{identifiedOn}})',
  dateBeforeElimination: 'The date {{date}} is before the elimination ({{eliminatedOn}})',
  // helpers (帮扶责任人)
  helperAccountMissing: 'Choose the helping-cadre account',
  helperAccountNotCovering: 'No helping-cadre account found whose region contains this household',
  helperNameRequired: 'Enter the name',
  helperUnitRequired: "Enter the helper's unit",
  helperAlreadyAssigned: '{{name}} is already assigned to this household',
  helperAlreadyReassigned: 'This helper was already replaced on {{endedOn}}',
  dateBeforeAssignment: 'The date {{date}} is before the previous assignment ({{assignedOn}})',
  // measures (帮扶措施)
  riskNotOfHousehold: 'Risk type {{riskType}} is not one of the household’s risks',
  measureCategoryUnknown: 'Unknown measure category',
  measureRequired: 'Enter the measure',
  endBeforeStart: 'The end date {{endOn}} is before the start date {{startOn}}',
  measureNotStarted: 'A measure that has not started cannot be delivered',
  deliveredBeforeStart: 'The delivery day {{deliveredOn}} is before the start date {{startOn}}',
  deliveredOnWithoutDelivery: 'A delivery day is given only for a delivered measure',
  measureMoveNotAllowed: 'A measure only moves forward: planned → in progress → delivered',
  // helper visits (帮扶走访)
  observedRequired: 'Describe what the visit found',
  // field sync (外勤同步)
  clientIdTaken: 'This clientId was already used by another user',
  outOfOrder: 'This action depends on one that has not been applied yet',
  caseMovedOn: 'The case moved on since the phone saw it',
  photoEmpty: 'The photo is empty',
  photoTooLarge: 'The photo is larger than {{maxMb}} MB',
  photoTypeNotAccepted: 'Only photos (JPEG, PNG, WebP) are accepted',
  // imports of monitoring facts
  monitoringColumnMissing: 'The required column {{column}} is missing',
  monitoringHeaderMissing: 'No header row found: expected columns such as 户编号, 人均纯收入, 风险类型',
  // statistics (统计分析) and the deadline board (期限看板)
  statsNotAllowed: 'Your role may not read statistics',
  statsRegionNotFound: 'Region {{regionCode}} is not in your region, or is not known',
} as const;
