import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';

/** Every expected failure's code and the HTTP status it maps to (the one table). */
export const errorStatus = {
  bad_request: 400,
  validation_failed: 400,
  invalid_json: 400,
  unauthorized: 401,
  forbidden: 403,
  not_found: 404,
  store_not_found: 404,
  workflow_not_found: 404,
  customer_not_found: 404,
  run_not_found: 404,
  route_not_found: 404,
  method_not_allowed: 405,
  stale_revision: 409,
  conflict: 409,
  payload_too_large: 413,
  unsupported_media_type: 415,
  invalid_graph: 422,
  not_published: 422,
  too_many_requests: 429,
  internal: 500,
  database_unavailable: 503,
  query_timeout: 503,
} as const;

/** A code of {@link errorStatus}. */
export type ErrorCode = keyof typeof errorStatus;

/** The one application error: a code from the table, a message for humans, optional details. */
export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details?: unknown,
    /** Extra top-level keys of the error body (e.g. `issues` for invalid graphs). */
    readonly extra?: Record<string, unknown>,
  ) {
    super(message);
    this.name = 'AppError';
  }

  /** The HTTP status of this error's code. */
  get status(): number {
    return errorStatus[this.code];
  }
}

const fastifyCodes: Record<string, ErrorCode> = {
  FST_ERR_CTP_BODY_TOO_LARGE: 'payload_too_large',
  FST_ERR_CTP_INVALID_MEDIA_TYPE: 'unsupported_media_type',
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: 'bad_request',
  FST_ERR_CTP_EMPTY_JSON_BODY: 'invalid_json',
  FST_ERR_CTP_INVALID_JSON_BODY: 'invalid_json',
};

const unavailableCodes = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', '57P01', '57P03', '53300']);

/** True for connection-level failures, looking through drizzle's wrapping (`cause`) and AggregateErrors. */
function isDatabaseUnavailable(error: unknown, depth = 0): boolean {
  if (!error || typeof error !== 'object' || depth > 4) return false;
  const err = error as { code?: string; message?: string; cause?: unknown; errors?: unknown[] };
  if (unavailableCodes.has(err.code ?? '')) return true;
  if (/timeout exceeded when trying to connect|Connection terminated/i.test(err.message ?? '')) return true;
  return (
    isDatabaseUnavailable(err.cause, depth + 1) ||
    (Array.isArray(err.errors) && err.errors.some((e) => isDatabaseUnavailable(e, depth + 1)))
  );
}

/** Maps a validation failure to 400 naming the fields (path → message). */
function validationError(error: { validation: { instancePath: string; message?: string }[] }, where: string) {
  const issues = error.validation.map((v) => ({
    path: `${where}${v.instancePath.replace(/\//g, '.')}`,
    message: v.message ?? 'invalid',
  }));
  const first = issues[0];
  return new AppError('validation_failed', first ? `${first.path}: ${first.message}` : 'Invalid request', {
    issues,
  });
}

/** Turns any thrown value into an AppError; unknown errors become `internal`. */
export function toAppError(error: unknown): AppError {
  if (error instanceof AppError) return error;
  if (hasZodFastifySchemaValidationErrors(error)) {
    return validationError(error, (error as { validationContext?: string }).validationContext ?? 'body');
  }
  const fastifyError = error as FastifyError;
  const mapped = fastifyCodes[fastifyError.code ?? ''];
  if (mapped) return new AppError(mapped, fastifyError.message);
  if (fastifyError.validation) return validationError(fastifyError as never, 'body');
  if (isDatabaseUnavailable(error))
    return new AppError('database_unavailable', 'The database is unavailable');
  const status = fastifyError.statusCode;
  if (status && status >= 400 && status < 500) return new AppError('bad_request', fastifyError.message);
  return new AppError('internal', 'Internal server error');
}

/** Registers the one error handler and the 404 handler. 5xx bodies hide internals; logs keep them. */
export function registerErrorHandling(app: FastifyInstance): void {
  app.setErrorHandler((error: unknown, request: FastifyRequest, reply: FastifyReply) => {
    const appError = toAppError(error);
    if (appError.status >= 500) {
      request.log.error({ err: error, reqId: request.id }, 'request failed');
    }
    if (appError.code === 'database_unavailable') void reply.header('retry-after', '5');
    const body: Record<string, unknown> = { error: { code: appError.code, message: appError.message } };
    if (appError.details !== undefined) (body.error as Record<string, unknown>).details = appError.details;
    if (appError.status >= 500) (body.error as Record<string, unknown>).requestId = request.id;
    return reply.status(appError.status).send({ ...body, ...appError.extra });
  });
  app.setNotFoundHandler((request, reply) =>
    reply.status(404).send({
      error: { code: 'route_not_found', message: `No route ${request.method} ${request.url.split('?')[0]}` },
    }),
  );
}
