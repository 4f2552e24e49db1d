/**
 * Reasons of the household registry (农户信息) and its imports, department data (部门数据比对:
 * imports, warnings 预警 and their correction), and accounts (login, passwords).
 */
export const REGISTRY_REASONS_EN = {
  personRegistered: 'This person is already registered in household {{householdNumber}}',
  /** Registering a family: the member `member` (1-based) and their name as typed. */
  personRegisteredElsewhere: 'Member {{member}} ({{name}}) is already registered in a household outside your region',
  headCountWrong: 'Exactly one member must be the head of household (found {{found}})',
  /** `code` is the ID problem's import-row code (ID_BAD_CHECKSUM …). */
  memberIdInvalid: 'Member {{member}} ({{name}}): the ID number is not valid',
  memberIdRepeated: 'Members {{first}} and {{member}} have the same ID number',
  memberPhoneInvalid: 'Member {{member}}: not a phone number',

  // department data: warnings and their correction, list dates
  caseMoved: 'The case this warning opened has moved on',
  sameOutcome: 'The warning already has this outcome',
  notVerified: 'The warning has not been verified yet',
  wrongStatus: 'The warning is not in a status that allows this',
  beforeWarning: 'The verification date is before the warning was raised ({{raisedOn}})',
  listDateMissing: "The list's date is missing: give it in the title row or choose it",
  listDateInFuture: "The list's date {{date}} is after today",

  // accounts: login and passwords
  /** Every failed login (unknown user, wrong password, locked, disabled) reads the same. */
  loginFailed: 'Wrong username or password. After {{maxFailures}} failed attempts an account is locked for {{minutes}} minutes; a county admin can unlock it',
  passwordTooShort: 'The password must have at least {{min}} characters',
  passwordTooLong: 'The password may have at most {{max}} characters',
  passwordContainsUsername: 'The password must not contain the username',
  passwordCommon: 'The password is too common',
  passwordPattern: 'The password is a repeat or a run of characters (such as 1111111111 or abcdefghij)',
  newPasswordSame: 'The new password must differ from the current one',
} as const;
