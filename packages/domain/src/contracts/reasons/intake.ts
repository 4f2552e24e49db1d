/** Reasons of the channels that bring clues in: hotline, self-application, visits, department data (field sync: reasons/monitoring.ts). */
export const INTAKE_REASONS_EN = {
  // hotline desk (一键报告)
  hotlineForbidden: 'Your role may not use the hotline desk',
  callTimeInFuture: 'The call time is after now',
  phoneInvalid: 'Not a valid phone number',

  // self-application (自主申报, the public page)
  submissionInvalid: 'The submission is not valid',
  mobileInvalid: 'Enter an 11-digit mobile number',
  describeInWords: 'Describe the difficulty in words',
  villageNotFound: 'Village not found: check the QR code or the link',
  countyNotFound: 'County not found',
  applicationNotFound: 'No application with that reference number and phone',
  /** The same phone filed `max` applications in the last day. */
  applicationsPerPhoneLimited: 'This phone has already applied {{max}} times today; staff will contact you soon. If it is urgent, call the hotline',
  /** One address sent more than `max` applications in `windowMinutes` minutes. */
  applicationsRateLimited: 'Too many applications from here (at most {{max}} in {{windowMinutes}} minutes); try again later or call the hotline',

  // visit reports (走访记录)
  visitRecordForbidden: 'Your role may not file visit reports',
  visitReadForbidden: 'Your role may not read visit reports',
  visitReviewForbidden: 'Only township officers and the county centre review visit reports',
  visitAlreadyReviewed: 'This visit report was already reviewed (perhaps by someone else); reload',
  visitSavedTwice: 'The same visit report is being saved twice; reload',
} as const;
