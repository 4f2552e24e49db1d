import { ERROR_CODES, reasonTextEn, type ErrorCode, type ProblemParams, type ProblemReason } from '@fangpin/domain';

/**
 * Error codes and refusal reasons are part of the API contract (packages/domain/src/contracts/problems.ts).
 * The HTTP layer turns an AppError into RFC 9457 problem+json; the web app writes the text a person
 * reads from `code`, `reason` and `params`.
 */
export { ERROR_CODES, type ErrorCode };

/** Why, for a person: a reason of the contract and what its text is filled with. */
export interface ProblemWhy {
  readonly reason: ProblemReason;
  readonly params?: ProblemParams;
}

export interface ProblemPlace {
  readonly field?: string | undefined;
  readonly row?: number | undefined;
  /** Why, for a person (web text from the catalog); also sent as the top-level `reason` and `params`. */
  readonly reason?: ProblemReason | undefined;
  readonly params?: ProblemParams | undefined;
  /** More machine-readable fields for API users (e.g. `currentVersion`, `retryAfter`). */
  readonly extra?: Record<string, unknown> & { readonly reason?: never; readonly params?: never };
}

export class AppError extends Error {
  readonly code: ErrorCode;
  readonly field: string | undefined;
  readonly row: number | undefined;
  readonly reason: ProblemReason | undefined;
  readonly params: ProblemParams | undefined;
  readonly extra: Record<string, unknown> | undefined;

  /**
   * `detail` is English for logs and API users. Without it, the reason's English text (filled from
   * params) or the code's title is used.
   */
  constructor(code: ErrorCode, detail?: string, place?: ProblemPlace) {
    super(detail ?? (place?.reason ? reasonTextEn(place.reason, place.params) : ERROR_CODES[code].title));
    this.name = 'AppError';
    this.code = code;
    this.field = place?.field;
    this.row = place?.row;
    this.reason = place?.reason;
    this.params = place?.params;
    this.extra = place?.extra;
  }

  /** A refusal with a reason of the contract and its English text: `AppError.because('FORBIDDEN', 'roleForbidden', { action: 'read cases' })`. */
  static because(code: ErrorCode, reason: ProblemReason, params?: ProblemParams, place?: Omit<ProblemPlace, 'reason' | 'params'>): AppError {
    return new AppError(code, undefined, { ...place, reason, ...(params ? { params } : {}) });
  }

  get status(): number {
    return ERROR_CODES[this.code].status;
  }
}
