import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { CalendarYearUnavailableError, type Problem as ContractProblem, type ProblemParams, type ProblemReason } from '@fangpin/domain';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { AppError, ERROR_CODES, type ErrorCode } from '../errors.ts';

/** RFC 9457 problem details (the contract's ProblemSchema), plus an error's extra machine-readable fields. */
export type Problem = ContractProblem & { [extra: string]: unknown };

export function problemOf(code: ErrorCode, detail: string, place?: { field?: string | undefined; row?: number | undefined; reason?: ProblemReason | undefined; params?: ProblemParams | undefined }): Problem {
  const { status, title } = ERROR_CODES[code];
  return {
    type: `https://fangpin.org/problems/${code.toLowerCase().replace(/_/g, '-')}`,
    title,
    status,
    code,
    detail,
    ...(place?.field !== undefined ? { field: place.field } : {}),
    ...(place?.row !== undefined ? { row: place.row } : {}),
    ...(place?.reason !== undefined ? { reason: place.reason } : {}),
    ...(place?.params !== undefined ? { params: place.params } : {}),
  };
}

export function sendProblem(reply: FastifyReply, problem: Problem): FastifyReply {
  return reply.status(problem.status).type('application/problem+json').send(problem);
}

/** The one error handler: AppError, zod validation, rate limit, everything else as a 500 without internals. */
export function handleError(error: FastifyError | AppError | Error, request: FastifyRequest, reply: FastifyReply) {
  if (error instanceof AppError) {
    // A limit says when to try again, in the header too (RFC 9110 Retry-After, seconds).
    if (typeof error.extra?.retryAfter === 'number') void reply.header('retry-after', String(error.extra.retryAfter));
    return sendProblem(reply, { ...error.extra, ...problemOf(error.code, error.message, { field: error.field, row: error.row, reason: error.reason, params: error.params }) });
  }
  if (error instanceof CalendarYearUnavailableError) {
    return sendProblem(reply, { ...problemOf('CALENDAR_YEAR_UNAVAILABLE', error.message, { params: { year: error.year } }), year: error.year });
  }
  if (hasZodFastifySchemaValidationErrors(error)) {
    const first = error.validation[0];
    const field = first ? first.instancePath.replace(/^\//, '').replace(/\//g, '.') || undefined : undefined;
    const detail = error.validation.map((v) => `${v.instancePath.replace(/^\//, '') || error.validationContext}: ${v.message}`).join('; ');
    return sendProblem(reply, problemOf('VALIDATION_FAILED', detail, { field }));
  }
  const status = (error as FastifyError).statusCode;
  if (status === 429) return sendProblem(reply, problemOf('RATE_LIMITED', 'Too many requests, try again later / 请求过于频繁，请稍后再试'));
  if (status && status >= 400 && status < 500) {
    const code: ErrorCode = status === 404 ? 'NOT_FOUND' : status === 401 ? 'UNAUTHENTICATED' : status === 403 ? 'FORBIDDEN' : 'VALIDATION_FAILED';
    return sendProblem(reply, { ...problemOf(code, error.message), status });
  }
  request.log.error({ err: { message: error.message, stack: error.stack } }, 'unhandled error');
  return sendProblem(reply, problemOf('INTERNAL', 'An internal error occurred; it has been logged.'));
}
