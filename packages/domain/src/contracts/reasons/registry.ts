/**
 * Reasons of the household registry (农户信息) and its imports, department data (部门数据比对:
 * imports, warnings 预警 and their correction), accounts (login, passwords, administration), rule
 * sets and county settings.
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
  /** The field app's offline verification arrived after someone else handled the warning. */
  warningMovedOn: 'This warning was handled while you were offline (it is no longer waiting for verification); your result was not recorded',
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

  // account administration, rule sets, county settings
  usernameInvalid: 'The username has 3–50 letters, digits, dots, dashes or underscores',
  usernameTaken: 'User "{{username}}" already exists',
  unknownRole: 'Unknown role "{{role}}"',
  notARegionCode: '"{{code}}" is not a region code',
  regionNotLoaded: 'Region {{code}} is not loaded; import the region tree first',
  /** The region's level does not suit the role (a village cadre on a county, …). */
  roleLevelMismatch: 'This role cannot be given a region at this level; choose a region of the level the role works at',
  accountOutsideRegion: 'You may only create accounts inside your own region',
  notARealDate: '{{date}} is not a real date',
  ruleSetLevel: 'Rule sets are set for a province, city or county',
  ruleSetUnchanged: 'This version changes nothing compared with the rules in force',
  supervisionPhoneInvalid: 'The supervision number must be a phone number such as 0776-7921234 or 12317',
  oneCountyOnly: 'County settings belong to one county: sign in with an account of that county',
} as const;
