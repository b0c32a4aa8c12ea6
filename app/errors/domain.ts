// Domain errors: what a caller did wrong or asked for that cannot be, each with the HTTP status
// it maps to, a stable id that clients and tests match on (never the message text), and details.
// app/errors/plugin.ts is the one place that turns them into responses; anything else thrown is
// a system error (a bug, a database down) and answers 500.

export type ErrorDetails = Record<string, unknown>;

export abstract class DomainError extends Error {
  abstract readonly status: number;
  /** Extra response headers (a 401's WWW-Authenticate). */
  readonly headers: Record<string, string> = {};

  constructor(
    /** Stable, dotted: `prompt.too_long`, `auth.invalid_token`. */
    readonly id: string,
    message: string,
    readonly details: ErrorDetails = {},
  ) {
    super(message);
  }
}

/** 400: the request is malformed (a parameter, the query, the body). */
export class BadRequestError extends DomainError {
  override readonly name = 'BadRequestError';
  readonly status = 400;
}

/** 401: no credentials, or credentials we do not accept; the challenge follows RFC 6750. */
export class UnauthenticatedError extends DomainError {
  override readonly name = 'UnauthenticatedError';
  readonly status = 401;
  override readonly headers: Record<string, string>;

  constructor(id: string, message: string, opts: { invalidToken?: boolean; details?: ErrorDetails } = {}) {
    super(id, message, opts.details);
    this.headers = { 'WWW-Authenticate': `Bearer realm="ccapp"${opts.invalidToken ? ', error="invalid_token"' : ''}` };
  }
}

/** 403: authenticated, but not allowed to do this (another tenant's data, a role too low). */
export class ForbiddenError extends DomainError {
  override readonly name = 'ForbiddenError';
  readonly status = 403;
}

/** 404: the thing named in the URL does not exist. */
export class NotFoundError extends DomainError {
  override readonly name = 'NotFoundError';
  readonly status = 404;
}

/** 409: the request conflicts with the current state. */
export class ConflictError extends DomainError {
  override readonly name = 'ConflictError';
  readonly status = 409;
}

/** 413: the body is larger than allowed. */
export class PayloadTooLargeError extends DomainError {
  override readonly name = 'PayloadTooLargeError';
  readonly status = 413;
}

/** 415: the body is not of a type we take, or not of the type it claims. */
export class UnsupportedMediaTypeError extends DomainError {
  override readonly name = 'UnsupportedMediaTypeError';
  readonly status = 415;
}

/** 422: well-formed and of the right type, but its content cannot be used. */
export class UnprocessableError extends DomainError {
  override readonly name = 'UnprocessableError';
  readonly status = 422;
}

/** 429: too many attempts or calls at once; `details.retryAfterSeconds` says when to try again. */
export class TooManyRequestsError extends DomainError {
  override readonly name = 'TooManyRequestsError';
  readonly status = 429;
}
