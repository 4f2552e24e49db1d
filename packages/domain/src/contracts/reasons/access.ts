/**
 * Reasons shared by every area: access, sessions, accounts, optimistic concurrency, dates.
 * `{{name}}` placeholders are filled from the problem's `params`.
 */
export const ACCESS_REASONS_EN = {
  /** The role may never do this kind of thing (403). `action` names it. */
  roleForbidden: 'Your role may not {{action}}',
  /** The role acts in the procedure, but not in this step (422). */
  roleNotAllowed: 'Your role does not act in this step',
  noPermission: 'Your role may not do this',
  outOfScope: 'The record is outside your region',
  notFound: 'Not found',
  crossOrigin: 'The request came from another site',
  unknownUser: 'Unknown user',
  /** A county admin signed this device out (用户管理 → 登录设备): the field app wipes what it kept offline. */
  sessionRevoked: 'An administrator signed this device out; sign in again',
  /** The session named is not an open session of this account (signed out already, expired). */
  sessionNotOpen: 'This device is no longer signed in',
  idSearchForbidden: 'Searching by a full ID number needs the right to view full personal data',
  ownAccount: 'You cannot do this to your own account; change your own password on the account page',
  wrongCurrentPassword: 'The current password is wrong',
  /** Someone else saved first: `currentVersion` is the version now stored. */
  staleVersion: 'Someone else changed this first; reload and try again',
  dateInFuture: 'The date {{date}} is after today',
  dateBeforeStep: 'The date {{date}} is before this step began ({{stepEnteredOn}})',
  reasonRequired: 'A reason is required',
  revealLimited: 'Too many reveals of a full ID number or phone (at most {{max}} per {{windowMinutes}} minutes); try again in {{minutes}} minute(s)',
  identifierSearchLimited: 'Too many searches by a full ID number or phone (at most {{max}} per {{windowMinutes}} minutes); try again in {{minutes}} minute(s)',
} as const;
