// Request parsing shared by every route: JSON only, validated with the domain's zod schemas.
import type { Context } from 'hono';
import type { ZodType } from '../../domain/zod';
import { AppError, unsupportedMediaType, ValidationError } from './errors';

export async function readJson<T>(c: Context, schema: ZodType<T>): Promise<T> {
  const contentType = c.req.header('content-type') ?? '';
  if (!/^application\/(.+\+)?json\b/i.test(contentType)) throw unsupportedMediaType();
  let body: unknown;
  try {
    body = JSON.parse(await c.req.text());
  } catch {
    throw new AppError(400, 'invalid_json', 'the body is not valid JSON', {
      errors: [{ field: '(body)', message: 'not valid JSON' }],
    });
  }
  return parseWith(schema, body);
}

export function parseWith<T>(schema: ZodType<T>, value: unknown, prefix?: string): T {
  const result = schema.safeParse(value);
  if (!result.success) throw ValidationError.fromZod(result.error, prefix);
  return result.data;
}

/** Query parameters validated like a body; field names in errors are prefixed `query.`. */
export const readQuery = <T>(c: Context, schema: ZodType<T>): T => parseWith(schema, c.req.query(), 'query');

/** Validates every value, naming each bad field by its index (`3.startDate`); nothing passes if one fails. */
export function checkEach<T>(schema: ZodType<T>, values: readonly unknown[]): void {
  const errors = values.flatMap((value, index) => {
    const result = schema.safeParse(value);
    return result.success ? [] : ValidationError.fromZod(result.error, String(index)).errors;
  });
  if (errors.length > 0) throw new ValidationError(errors);
}
