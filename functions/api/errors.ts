// Typed errors, mapped to HTTP in one place (toResponse). Clients never see a stack trace.
import type { ZodError } from '../../domain/zod';

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

export class ValidationError extends AppError {
  constructor(readonly errors: FieldError[]) {
    super(400, 'validation_failed', `invalid ${errors.map((e) => e.field).join(', ')}`, { errors });
  }
  static fromZod(error: ZodError, prefix?: string): ValidationError {
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
