// The one place zod is imported from, so the whole project shares a single zod instance and version.

export type { ZodError, ZodType } from 'zod';
export { z } from 'zod';
