/** Reasons of the channels that bring clues in: hotline, self-application, visits, department data, field sync. */
export const INTAKE_REASONS_EN = {
  clientIdTaken: 'This clientId was already used by another user',
  outOfOrder: 'This action depends on one that has not been applied yet',
  caseMovedOn: 'The case moved on since the phone saw it',
} as const;
