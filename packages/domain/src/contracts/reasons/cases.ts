/** Reasons of the identification procedure (识别认定): cases, clues, attachments. */
export const CASE_REASONS_EN = {
  transitionNotAllowed: 'The step "{{step}}" does not allow this',
  consentMissing: 'The signed consent (申请及承诺授权查询书) is missing',
  householdMissing: 'The case has no household yet: link a registered household or register the family first',
  householdEmpty: 'The household has no members registered yet',
  householdAlreadyLinked: 'The case already has its household',
  minutesMissing: 'A village deliberation needs its attendees and minutes',
  noticePeriodNotOver: 'The public notice runs at least {{noticeDays}} days; it may close from {{endsOn}}',
  riskTypesRequired: 'Mark at least one risk type',
  categoryRequired: 'Choose the monitoring category',
  tooManyRiskTypes: 'At most {{max}} risk types',
  notGreenChannel: 'Only green-channel cases (disaster, accident) may record assistance before approval',
  outsideIncomeWindow: 'Income months must lie in the 12 months before the clue ({{fromMonth}} to {{toMonth}})',
  caseClosed: 'The case is closed',
  notInNotice: 'The case is not in its public notice',
} as const;
