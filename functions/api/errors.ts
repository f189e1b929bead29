// Typed errors, mapped to HTTP in one place (toResponse). Clients never see a stack trace.
import type * as z from '../../domain/zod';

/** The largest request body any route reads. */
export const MAX_BODY_BYTES = 256 * 1024;
/**
 * The most an answer's body may weigh: deployed, it travels in Lambda's response payload (at most 6 MB) with
 * a file's bytes base64-encoded (4 characters for 3 bytes): 6,000,000 characters plus the headers.
 */
export const MAX_ANSWER_BYTES = 4_500_000;

export interface FieldError {
  field: string;
  message: string;
}

export class AppError extends Error {
  constructor(
    readonly status: 400 | 401 | 403 | 404 | 409 | 413 | 415 | 422 | 503,
    readonly code: string,
    message: string,
    readonly details?: Record<string, unknown>,
  ) {
    super(message);
  }
}

/** At most this many field errors are spelled out in the one-line message (all are in `errors`). */
const ERRORS_IN_MESSAGE = 3;

export class ValidationError extends AppError {
  constructor(readonly errors: FieldError[]) {
    // One line a CLI or a log can show as it is: each bad field and what is wrong with it.
    const shown = errors.slice(0, ERRORS_IN_MESSAGE).map((e) => `${e.field}: ${e.message}`);
    const more = errors.length - shown.length;
    super(400, 'validation_failed', `${shown.join('; ')}${more > 0 ? `; and ${more} more` : ''}`, { errors });
  }
  static fromZod(error: z.ZodError, prefix?: string): ValidationError {
    return new ValidationError(
      error.issues.map((issue) => ({
        field: [prefix, ...issue.path.map(String)].filter(Boolean).join('.') || '(body)',
        message: issue.message,
      })),
    );
  }
}

export class NotFoundError extends AppError {
  constructor(what: string, id: string) {
    super(404, 'not_found', `${what} ${id} not found`);
  }
}

export class ConflictError extends AppError {
  constructor(message: string, details?: Record<string, unknown>) {
    super(409, 'conflict', message, details);
  }
}

export class ForbiddenError extends AppError {
  constructor(message: string) {
    super(403, 'forbidden', message);
  }
}

export class UnauthorizedError extends AppError {
  constructor() {
    super(401, 'unauthorized', 'sign in first');
  }
}

export const tooLarge = (limit: number) =>
  new AppError(413, 'payload_too_large', `request body over ${Math.round(limit / 1024)} KB`);
export const unsupportedMediaType = () =>
  new AppError(415, 'unsupported_media_type', 'send the body as application/json');
