/**
 * The error contract of the API (issue 12 "errors as data"). Every error is RFC 9457 problem+json
 * with a `code` (what kind of failure, one HTTP status each) and, where a person needs to know why,
 * a `reason` with `params` (numbers, dates, names). The server's `detail` is English text for logs
 * and API users; the web app writes the text a person reads from its own catalogs, which must
 * cover every code and every reason (`satisfies Record<…>`, so a new one without text fails the
 * typecheck).
 */
import { z } from 'zod';
import type { RefusalReason } from '../workflow/common.ts';
import { REASON_TEXT_EN, type ProblemReason } from './reason-texts.ts';

export * from './reason-texts.ts';

/** Error codes, one HTTP status each (Documenso's app-error). */
export const ERROR_CODES = {
  VALIDATION_FAILED: { status: 400, title: 'Request is not valid' },
  UNAUTHENTICATED: { status: 401, title: 'Not logged in' },
  /**
   * Every failed login, whatever the cause (unknown username, wrong password, account locked after
   * repeated failures or disabled): one answer, so it reveals neither usernames nor a right guess.
   */
  INVALID_CREDENTIALS: { status: 401, title: 'Wrong username or password' },
  RATE_LIMITED: { status: 429, title: 'Too many requests' },
  /** The actor's role may never do this to this kind of resource (a leader posting a case event). */
  FORBIDDEN: { status: 403, title: 'Not allowed' },
  /** An administrator set this account's password: the user must choose their own before anything else. */
  PASSWORD_CHANGE_REQUIRED: { status: 403, title: 'Choose a new password first' },
  /** Also returned for records outside the actor's region, so ids cannot be probed. */
  NOT_FOUND: { status: 404, title: 'Not found' },
  /** Someone else changed the record first (a stale `version`), or the record already exists. */
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
  /**
   * The procedure refuses this move to a role that could otherwise act (wrong step, date, missing
   * consent, notice not over …); `reason` says which.
   */
  WORKFLOW_REFUSED: { status: 422, title: 'The procedure does not allow this step' },
  /** The server cannot do this now (e.g. background jobs are not running in this process); try again later. */
  SERVICE_UNAVAILABLE: { status: 503, title: 'Service unavailable' },
  INTERNAL: { status: 500, title: 'Internal error' },
} as const;

export type ErrorCode = keyof typeof ERROR_CODES;
export const ERROR_CODE_LIST = Object.keys(ERROR_CODES) as [ErrorCode, ...ErrorCode[]];

export const PROBLEM_REASONS = Object.keys(REASON_TEXT_EN) as [ProblemReason, ...ProblemReason[]];

// Every refusal of the workflow tables is a problem reason (so it has text on both sides).
const _workflowReasonsCovered: Record<RefusalReason, string> = REASON_TEXT_EN;
void _workflowReasonsCovered;

export const ProblemSchema = z.object({
  type: z.string(),
  title: z.string().describe('the English title of the code'),
  status: z.number().int(),
  code: z.enum(ERROR_CODE_LIST),
  detail: z.string().describe('English text for logs and API users; people read the text the app writes for code, reason and params'),
  reason: z.enum(PROBLEM_REASONS).optional().describe('why, for a refusal a person can meet'),
  params: z.record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.null(), z.array(z.string()).readonly()])).optional(),
  field: z.string().optional().describe('the request field at fault, e.g. data.income.0.month'),
  row: z.number().int().optional().describe('the file row at fault (1-based, as the spreadsheet shows it)'),
});
export type Problem = z.infer<typeof ProblemSchema>;
