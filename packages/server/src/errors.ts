/**
 * Error codes of the API, one enum (Documenso's app-error). The HTTP layer turns an AppError into
 * RFC 9457 problem+json; the UI shows the zh-CN message for the code.
 */
export const ERROR_CODES = {
  VALIDATION_FAILED: { status: 400, title: 'Request is not valid' },
  UNAUTHENTICATED: { status: 401, title: 'Not logged in' },
  /**
   * Every failed login, whatever the cause (unknown username, wrong password, account locked after
   * repeated failures or disabled): one answer, so it reveals neither usernames nor a right guess.
   */
  INVALID_CREDENTIALS: { status: 401, title: 'Wrong username or password' },
  RATE_LIMITED: { status: 429, title: 'Too many requests' },
  FORBIDDEN: { status: 403, title: 'Not allowed' },
  /** An administrator set this account's password: the user must choose their own before anything else. */
  PASSWORD_CHANGE_REQUIRED: { status: 403, title: 'Choose a new password first' },
  /** Also returned for records outside the actor's region, so ids cannot be probed. */
  NOT_FOUND: { status: 404, title: 'Not found' },
  CONFLICT: { status: 409, title: 'Conflict' },
  IMPORT_FILE_INVALID: { status: 422, title: 'The file cannot be read' },
  /** The file is over one of the import limits (columns, line or cell length, rows, rejected rows, reading memory): `limit` names it, `row` says where. */
  IMPORT_LIMIT_EXCEEDED: { status: 422, title: 'The file exceeds an import limit' },
  /** No province default covers the region and date (load one before assessing). */
  RULE_SET_UNAVAILABLE: { status: 422, title: 'No rule set in force' },
  /** The merged versions do not form a complete, valid rule set. */
  RULE_SET_INVALID: { status: 422, title: 'Rule set is not valid' },
  /** The official holiday calendar has no data for the year, and the rule set supplies none. */
  CALENDAR_YEAR_UNAVAILABLE: { status: 422, title: 'No working-day calendar for that year' },
  /** The identification workflow refuses the move (wrong step, role, date, missing consent, notice not over …). */
  WORKFLOW_REFUSED: { status: 422, title: 'The procedure does not allow this step' },
  /** The server cannot do this now (e.g. background jobs are not running in this process); try again later. */
  SERVICE_UNAVAILABLE: { status: 503, title: 'Service unavailable' },
  INTERNAL: { status: 500, title: 'Internal error' },
} as const;

export type ErrorCode = keyof typeof ERROR_CODES;

export class AppError extends Error {
  readonly code: ErrorCode;
  readonly field: string | undefined;
  readonly row: number | undefined;
  readonly extra: Record<string, unknown> | undefined;

  constructor(code: ErrorCode, detail?: string, place?: { field?: string; row?: number; extra?: Record<string, unknown> }) {
    super(detail ?? ERROR_CODES[code].title);
    this.name = 'AppError';
    this.code = code;
    this.field = place?.field;
    this.row = place?.row;
    this.extra = place?.extra;
  }

  get status(): number {
    return ERROR_CODES[this.code].status;
  }
}
