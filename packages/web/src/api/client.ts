import type { ErrorCode, Problem as ContractProblem, ProblemParams, ProblemReason } from '@fangpin/domain';

/**
 * The one place the browser talks HTTP. Every call sends the session cookie (`same-origin`) and
 * turns an RFC 9457 problem+json response into an {@link ApiError} carrying the server's `code`
 * and `detail`, so pages can show the zh-CN message for the code plus the server's explanation.
 */

/** Failures the browser meets without a problem body from the server: no answer, or an answer a proxy wrote. */
export type ClientErrorCode = 'NETWORK_ERROR' | 'SERVER_ERROR' | 'HTTP_ERROR';

/** The server's problem+json (packages/domain/src/contracts/problems.ts), with any extra fields it carries. */
export type Problem = ContractProblem;

export class ApiError extends Error {
  readonly status: number;
  readonly code: ErrorCode | ClientErrorCode;
  readonly title: string;
  readonly detail: string;
  readonly field: string | undefined;
  readonly row: number | undefined;
  /** Why (a refusal a person can meet): the app writes its text from the reason catalog and `params`. */
  readonly reason: ProblemReason | undefined;
  readonly params: ProblemParams | undefined;
  /** The whole problem body, for the extra fields some answers carry (`currentVersion`, `results` …). */
  readonly body: Readonly<Record<string, unknown>>;

  constructor(status: number, problem: Partial<Omit<Problem, 'code'>> & { code?: ErrorCode | ClientErrorCode }, body: Readonly<Record<string, unknown>> = {}) {
    const code = problem.code ?? fallbackCode(status);
    super(problem.detail || problem.title || `HTTP ${status}`);
    this.name = 'ApiError';
    this.status = status;
    this.code = code;
    this.title = problem.title ?? '';
    this.detail = problem.detail ?? '';
    this.field = problem.field;
    this.row = problem.row;
    this.reason = problem.reason;
    this.params = problem.params;
    this.body = body;
  }
}

/**
 * The request never reached the server (offline, the server down, a dropped connection). The
 * browser's own words ("Failed to fetch", in English whatever the page's language) go to the
 * console, not to the reader, who sees the NETWORK_ERROR text in their language.
 */
export function networkError(cause: unknown): ApiError {
  console.warn('Network request failed:', cause);
  return new ApiError(0, { code: 'NETWORK_ERROR' });
}

export function isApiError(error: unknown): error is ApiError {
  return error instanceof ApiError;
}

/** Code used when the server (or a proxy in between) answers without a problem body. */
function fallbackCode(status: number): ErrorCode | ClientErrorCode {
  if (status === 0) return 'NETWORK_ERROR';
  if (status === 401) return 'UNAUTHENTICATED';
  if (status === 403) return 'FORBIDDEN';
  if (status === 404) return 'NOT_FOUND';
  if (status === 429) return 'RATE_LIMITED';
  if (status >= 500) return 'SERVER_ERROR';
  return 'HTTP_ERROR';
}

/** The error for a failed response whose body is `data` (problem+json or anything else). */
export function apiErrorOf(status: number, data: unknown): ApiError {
  return new ApiError(status, asProblem(data), asBody(data));
}

function asBody(body: unknown): Readonly<Record<string, unknown>> {
  return typeof body === 'object' && body !== null ? (body as Record<string, unknown>) : {};
}

function asProblem(body: unknown): Partial<Problem> {
  if (typeof body !== 'object' || body === null) return {};
  const b = body as Record<string, unknown>;
  const problem: Partial<Problem> = {};
  if (typeof b.type === 'string') problem.type = b.type;
  if (typeof b.title === 'string') problem.title = b.title;
  if (typeof b.status === 'number') problem.status = b.status;
  // Trusted as the contract's codes and reasons (checked by type only: the lists stay out of the first download).
  if (typeof b.code === 'string') problem.code = b.code as ErrorCode;
  if (typeof b.detail === 'string') problem.detail = b.detail;
  if (typeof b.field === 'string') problem.field = b.field;
  if (typeof b.row === 'number') problem.row = b.row;
  if (typeof b.reason === 'string') problem.reason = b.reason as ProblemReason;
  if (typeof b.params === 'object' && b.params !== null) problem.params = b.params as ProblemParams;
  return problem;
}

type UnauthorizedListener = () => void;
const unauthorizedListeners = new Set<UnauthorizedListener>();

/** Called whenever an API call (other than login itself) answers 401: the session is gone. */
export function onUnauthorized(listener: UnauthorizedListener): () => void {
  unauthorizedListeners.add(listener);
  return () => unauthorizedListeners.delete(listener);
}

type PasswordChangeListener = () => void;
const passwordChangeListeners = new Set<PasswordChangeListener>();

/**
 * Called when an API call answers 403 PASSWORD_CHANGE_REQUIRED: an administrator set this user's
 * password (or asked for a new one), and nothing works until the user chooses their own.
 */
export function onPasswordChangeRequired(listener: PasswordChangeListener): () => void {
  passwordChangeListeners.add(listener);
  return () => passwordChangeListeners.delete(listener);
}

export interface RequestOptions {
  method?: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  body?: unknown;
  signal?: AbortSignal;
  /** Set for login/me, whose 401 is an expected answer rather than an expired session. */
  ignoreUnauthorized?: boolean;
}

export async function apiFetch<T>(path: string, options: RequestOptions = {}): Promise<T> {
  const { method = 'GET', body, signal, ignoreUnauthorized = false } = options;
  const headers: Record<string, string> = { Accept: 'application/json, application/problem+json' };
  if (body !== undefined) headers['Content-Type'] = 'application/json';

  let response: Response;
  try {
    response = await fetch(path, {
      method,
      credentials: 'same-origin',
      headers,
      body: body === undefined ? null : JSON.stringify(body),
      signal: signal ?? null,
    });
  } catch (error) {
    if (error instanceof DOMException && error.name === 'AbortError') throw error;
    throw networkError(error);
  }

  const text = response.status === 204 ? '' : await response.text();
  let data: unknown;
  if (text) {
    try {
      data = JSON.parse(text);
    } catch {
      data = undefined;
    }
  }

  if (!response.ok) {
    const error = new ApiError(response.status, asProblem(data), asBody(data));
    if (response.status === 401 && !ignoreUnauthorized) {
      for (const listener of unauthorizedListeners) listener();
    }
    if (error.code === 'PASSWORD_CHANGE_REQUIRED') {
      for (const listener of passwordChangeListeners) listener();
    }
    throw error;
  }
  return data as T;
}

/** Builds `path?a=1&b=2`, leaving out empty values. */
export function withQuery(path: string, params: Record<string, string | number | undefined | null>): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value === undefined || value === null || value === '') continue;
    search.set(key, String(value));
  }
  const qs = search.toString();
  return qs ? `${path}?${qs}` : path;
}

export interface UploadOptions {
  /** Called with the share of the file sent so far (0…1), while the browser uploads it. */
  onUploadProgress?: (fraction: number) => void;
  /** Called once the whole file is sent and the server is working on it. */
  onUploaded?: () => void;
  signal?: AbortSignal;
}

/**
 * POSTs one file as multipart field `file`. Uses XMLHttpRequest because fetch reports no upload
 * progress; errors become {@link ApiError}s exactly as in {@link apiFetch}.
 */
export function uploadFile<T>(path: string, file: Blob, fileName: string, options: UploadOptions = {}): Promise<T> {
  const { onUploadProgress, onUploaded, signal } = options;
  return new Promise<T>((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', path);
    xhr.withCredentials = true;
    xhr.setRequestHeader('Accept', 'application/json, application/problem+json');
    xhr.upload.onprogress = (event) => {
      if (event.lengthComputable && event.total > 0) onUploadProgress?.(event.loaded / event.total);
    };
    xhr.upload.onload = () => {
      onUploadProgress?.(1);
      onUploaded?.();
    };
    xhr.onerror = () => reject(networkError('XMLHttpRequest error'));
    xhr.onabort = () => reject(new DOMException('Upload aborted', 'AbortError'));
    xhr.onload = () => {
      let data: unknown;
      try {
        data = xhr.responseText ? JSON.parse(xhr.responseText) : undefined;
      } catch {
        data = undefined;
      }
      if (xhr.status >= 200 && xhr.status < 300) {
        resolve(data as T);
        return;
      }
      if (xhr.status === 401) for (const listener of unauthorizedListeners) listener();
      reject(new ApiError(xhr.status, asProblem(data), asBody(data)));
    };
    signal?.addEventListener('abort', () => xhr.abort(), { once: true });
    const form = new FormData();
    form.append('file', file, fileName);
    xhr.send(form);
  });
}
