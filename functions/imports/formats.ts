// What an import job accepts and keeps, shared by the job (job.ts), the CLI and the API's schemas (which the
// dashboard bundles too). Apart from job.ts and from the schemas: no Node modules and no zod, so a browser
// bundle can take them, and a function that only stores jobs does not build every API schema to get them.

/** What an import reads: placements (CSV, XLSX, mapped columns) or a SEN2 return. */
export const IMPORT_FORMATS = ['placements', 'sen2'] as const;
export type ImportFormat = (typeof IMPORT_FORMATS)[number];

/** Rejects kept on the job record: line and reason only, never the row (it may hold what must not be stored). */
export const STORED_REJECTS = 200;
