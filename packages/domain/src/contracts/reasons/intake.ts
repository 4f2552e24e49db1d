/** Reasons of the channels that bring clues in: hotline, self-application, visits, department data (field sync: reasons/monitoring.ts). */
export const INTAKE_REASONS_EN = {
  caseMoved: 'The case this warning opened has moved on',
  sameOutcome: 'The warning already has this outcome',
  notVerified: 'The warning has not been verified yet',
  wrongStatus: 'The warning is not in a status that allows this',
  beforeWarning: 'The verification date is before the warning was raised ({{raisedOn}})',
  listDateMissing: "The list's date is missing: give it in the title row or choose it",
  listDateInFuture: "The list's date {{date}} is after today",
} as const;
