// What an import job accepts and keeps, shared by the job (job.ts), the API's schemas and the dashboard, which
// is why it lives apart from job.ts: no Node modules, no zod, so a browser bundle or a function that only
// reads jobs takes these two constants and nothing else.

/** What an import reads: placements (CSV, XLSX, mapped columns) or a SEN2 return. */
export const IMPORT_FORMATS = ['placements', 'sen2'] as const;
export type ImportFormat = (typeof IMPORT_FORMATS)[number];

/** Rejects kept on the job record: line and reason only, never the row (it may hold what must not be stored). */
export const STORED_REJECTS = 200;
