// Request and answer shapes of the HTTP API that are not a domain record of their own (pages, lists, job
// progress, who-am-I, the error body…), as zod schemas: the routes parse and type their answers with them, and
// each route's contract (infra/routes.ts) documents the operation with the same objects. Kept light (no Hono,
// no stores); a Lambda cold start builds none of them (route modules and the OpenAPI generator load on use).
import { Alert } from '../../domain/alerts';
import { FinancialYear, IsoDate, YearMonth } from '../../domain/dates';
import { NEW_PLACEMENT_METHODS } from '../../domain/outturn';
import { Placement } from '../../domain/placement';
import { PlacementFilterQuery } from '../../domain/placement-filter';
import { FreeText, Id, Name } from '../../domain/text';
import * as z from '../../domain/zod';
import { MAX_HORIZON, MIN_DRAWS } from '../../model/markov';
import { ProjectionOutput } from '../../model/output';
import { Scenario } from '../../model/scenario';
import { IMPORT_FORMATS, STORED_REJECTS } from '../imports/formats';
import { GROUPS } from './identity';

/** Every error answer: a code, a sentence, and what the code adds (the OpenAPI document's `Error`). */
export const ApiErrorBody = z.looseObject({
  error: z.string().meta({
    description:
      'What went wrong, as a code: validation_failed, invalid_json, unauthorized, forbidden, not_found, conflict, population_missing, payload_too_large, unsupported_media_type, unprocessable, internal…',
  }),
  message: z.string().meta({ description: 'The same in words, naming the field or record.' }),
  errors: z
    .array(
      z.looseObject({
        field: z.string().meta({
          description: 'e.g. `startDate`, `costs.education`, `query.asOf`, `If-Match`, `3.startDate` (row 3)',
        }),
        message: z.string(),
        line: z.number().int().optional(),
        column: z.number().int().optional(),
      }),
    )
    .optional()
    .meta({ description: '400: every field that is wrong, each with what is wrong with it.' }),
  currentVersion: z
    .number()
    .int()
    .optional()
    .meta({ description: '409 on a stale version: the version stored now; read it again and retry.' }),
  requestId: z.string().optional().meta({ description: '500: quote it when reporting the problem.' }),
});

const Timestamp = z.string().meta({ format: 'date-time' });

/** `{ items: [...] }`: a whole list, no paging. */
export const itemsOf = <T extends z.ZodType>(item: T) => z.object({ items: z.array(item) });

// Placements

export const PlacementListQuery = PlacementFilterQuery.extend({
  limit: z.coerce.number().int().min(1).max(500).default(100),
  cursor: z
    .string()
    .max(4096)
    .optional()
    .meta({ description: 'The `cursor` of the previous page, as it came; absent for the first page.' }),
});

/** One page of a list: pass `cursor` back to get the next; the last page has none. */
export const PlacementPage = z
  .object({
    items: z.array(Placement),
    cursor: z.string().optional().meta({ description: 'Opaque; absent on the last page.' }),
  })
  .meta({ id: 'PlacementPage' });

export const AuditEntry = z
  .object({
    entityType: z.string(),
    entityId: z.string(),
    version: z.number().int(),
    action: z.enum(['create', 'update', 'end', 'put', 'delete']),
    at: Timestamp,
    by: z.object({ userId: z.string(), name: z.string() }),
    changes: z.array(
      z.object({ field: z.string(), from: z.unknown().optional(), to: z.unknown().optional() }),
    ),
    /** The import job that created the record (create entries of imported records only). */
    importJob: z.string().optional(),
  })
  .meta({ id: 'AuditEntry' });

// Who am I

export const Me = z
  .object({ userId: z.string(), name: z.string(), groups: z.array(z.enum(GROUPS)) })
  .meta({ id: 'Me' });
export type Me = z.infer<typeof Me>;

// Projections and scenarios

/** Draws an API call may ask for: a run must finish well inside the API's 29-second limit. */
export const MAX_API_DRAWS = 5_000;

export const ProjectionRequestBody = z
  .strictObject({
    horizon: z.number().int().min(1).max(MAX_HORIZON).default(5),
    /** At least MIN_DRAWS (five draws beyond each of p05 and p95); `expected: true` for no band. */
    draws: z
      .number()
      .int()
      .min(
        MIN_DRAWS,
        `at least ${MIN_DRAWS} draws for the p05–p95 band; send expected: true for a point forecast`,
      )
      .max(MAX_API_DRAWS)
      .default(1000),
    seed: z
      .number()
      .int()
      .min(-(2 ** 31))
      .max(2 ** 31 - 1)
      .default(42),
    /** The expected-value path: fast, no bands. */
    expected: z.boolean().default(false),
    /** Add a rolling-origin back-test beside the naive baselines, so users see what the model adds. */
    backtest: z.boolean().default(true),
    scenarioId: Id.optional(),
    scenario: Scenario.optional(),
  })
  .refine((body) => body.scenarioId === undefined || body.scenario === undefined, {
    path: ['scenario'],
    message: 'give scenarioId or scenario, not both',
  });

export const StoredScenario = z
  .object({
    id: z.string(),
    scenario: Scenario,
    version: z.number().int(),
    createdAt: Timestamp,
    updatedAt: Timestamp,
    createdBy: z.string(),
    updatedBy: z.string(),
  })
  .meta({ id: 'StoredScenario' });
export type StoredScenario = z.infer<typeof StoredScenario>;

export const StoredProjection = z
  .object({
    id: z.string(),
    request: z.object({
      horizon: z.number().int(),
      draws: z.number().int(),
      seed: z.number().int(),
      expected: z.boolean(),
      backtest: z.boolean(),
      scenarioId: z.string().optional(),
      scenarioName: z.string().optional(),
    }),
    /** Census years the stored placements gave, oldest first. */
    censusYears: z.array(z.number().int()),
    createdAt: Timestamp,
    createdBy: z.string(),
    output: ProjectionOutput,
  })
  .meta({ id: 'StoredProjection' });
export type StoredProjection = z.infer<typeof StoredProjection>;

// Population

export const PopulationUploadQuery = z.strictObject({
  /** Where the figures come from (default: "ONS <first year>-based subnational population projections"). */
  source: z.string().trim().min(1).max(200).optional(),
});

/** What `GET /population` answers: the area, the years and ages, and persons aged 0–25 by year. */
export const PopulationView = z
  .object({
    areaCode: z.string(),
    areaName: z.string(),
    source: z.string(),
    /** ONS mid-years; mid-year Y's children count in the January census of Y + 1. */
    years: z.array(z.number().int()),
    ages: z.object({ min: z.number().int(), max: z.number().int() }),
    totals: z.array(z.object({ year: z.number().int(), persons: z.number().int() })),
    version: z.number().int(),
    createdAt: Timestamp,
    updatedAt: Timestamp,
    createdBy: z.string(),
    updatedBy: z.string(),
  })
  .meta({ id: 'PopulationView' });
export type PopulationView = z.infer<typeof PopulationView>;

// Finance

export const OutturnQuery = z.strictObject({
  fy: FinancialYear.optional(),
  asOf: IsoDate.optional(),
  /** Expected new placements from the Markov model's joiners (default) or from recorded history only. */
  newPlacements: z.enum(NEW_PLACEMENT_METHODS).default('model'),
});

export const FinancialYearQuery = z.strictObject({ fy: FinancialYear.optional() });

// Exports

/**
 * The witan.send input files, by name (functions/imports/export.ts `WITAN_FILES` maps each to its text; its
 * type requires exactly these, and this module stays clear of the file code and exceljs).
 */
export const WITAN_FILE_NAMES = [
  'transitions.csv',
  'population.csv',
  'costs.csv',
  'valid-states.csv',
] as const;
export const WitanFileName = z.enum(WITAN_FILE_NAMES);

export const CensusQuery = z.strictObject({ year: z.coerce.number().int().min(2000).max(2100) });

// Alerts

export const AlertHistoryQuery = z.strictObject({ since: YearMonth.optional() });
export const AlertRunBody = z.strictObject({ month: YearMonth });

const Digest = z.object({ subject: z.string(), body: z.string() });

export const AlertRun = z
  .object({
    authority: z.string(),
    month: z.string(),
    status: z.enum(['sending', 'sent', 'failed']),
    alerts: z.array(Alert),
    digest: Digest.optional(),
    claimedAt: Timestamp,
    sentAt: Timestamp.optional(),
    error: z.string().optional(),
  })
  .meta({ id: 'AlertRun' });
export type AlertRun = z.infer<typeof AlertRun>;

export const AlertHistory = z
  .object({ authority: z.string(), since: z.string(), runs: z.array(AlertRun) })
  .meta({ id: 'AlertHistory' });

export const AlertRunResult = z
  .object({
    authority: z.string(),
    month: z.string(),
    alerts: z.array(Alert),
    digest: Digest.optional(),
    published: z.boolean(),
    alreadySent: z.boolean(),
  })
  .meta({ id: 'AlertRunResult' });
export type AlertRunResult = z.infer<typeof AlertRunResult>;

// Imports

export const ImportJobId = z.string().uuid('expected an import id');

export const ImportUploadQuery = z.strictObject({
  format: z.enum(IMPORT_FORMATS).default('placements'),
  /** A mapping file's JSON, URL-encoded (or send it as a multipart part named `mapping`). */
  mapping: z.string().max(16_000).optional(),
  /** SEN2: the returning LA's code when the sen2 module is not sent. */
  la: z
    .string()
    .regex(/^\d{3}$/, 'expected a 3-digit LA code')
    .optional(),
});

const Line = z.number().int().min(1);
const StoredReject = z.strictObject({ line: Line, reason: FreeText(2000) });

/** Body of `POST /imports` as JSON: create a job for a file the client parsed, or resume its unfinished one. */
export const ImportJobCreate = z
  .strictObject({
    fileName: Name(300),
    format: z.enum(IMPORT_FORMATS),
    fingerprint: z.string().regex(/^[0-9a-f]{64}$/, 'expected a sha256 in hex'),
    totalRows: z.number().int().min(0),
    rejected: z.number().int().min(0).default(0),
    rejects: z.array(StoredReject).max(STORED_REJECTS).default([]),
    /** Rows repeating an earlier row's natural key in the file (not sent). */
    duplicates: z.number().int().min(0).default(0),
  })
  .meta({ id: 'ImportJobCreate' });

/** Body of `POST /imports/{id}/rows`: the next rows, starting exactly at the job's progress. */
export const ImportRowBatch = z
  .strictObject({
    offset: z.number().int().min(0),
    rows: z
      .array(
        z.strictObject({
          line: Line,
          placement: z.unknown().meta({ description: 'A placement as POST /placements takes it.' }),
        }),
      )
      .min(1)
      .max(1000),
  })
  .meta({ id: 'ImportRowBatch' });

/** An import job's progress, as `GET /imports/{id}` answers. */
export const ImportJobView = z
  .object({
    id: z.string(),
    status: z.enum(['running', 'completed', 'failed']),
    fileName: z.string(),
    format: z.enum(IMPORT_FORMATS),
    /** Valid rows processed (imported or found duplicate), in file order. */
    progress: z.number().int(),
    totalRows: z.number().int().optional(),
    imported: z.number().int(),
    rejected: z.number().int(),
    duplicates: z.number().int(),
    editedSince: z.number().int(),
    rejects: z.array(StoredReject),
    startedAt: Timestamp,
    updatedAt: Timestamp,
    error: z.string().optional(),
  })
  .meta({ id: 'ImportJob' });
export type ImportJobView = z.infer<typeof ImportJobView>;

const BatchOutcome = z.object({
  imported: z.number().int(),
  duplicates: z.number().int(),
  editedSince: z.number().int(),
  rejects: z.array(StoredReject),
});

export const ImportJobStarted = ImportJobView.extend({ resumed: z.boolean() });
export const ImportBatchResult = ImportJobView.extend({ batch: BatchOutcome });

/** `POST /imports` with a file: the whole import done in the request. */
export const ImportUploadResult = z
  .object({
    id: z.string(),
    status: z.enum(['running', 'completed', 'failed']),
    resumed: z.boolean(),
    imported: z.number().int(),
    rejected: z.number().int(),
    duplicates: z.number().int(),
    editedSince: z.number().int(),
    /** Every rejected row: its line and reason (field and problem), as stored; never the row's values. */
    rejects: z.array(StoredReject),
    notes: z.array(z.string()).optional(),
    ignoredColumns: z.array(z.string()).optional(),
  })
  .meta({ id: 'ImportUploadResult' });

// The contract itself

/** `GET /openapi.json`: an OpenAPI 3.1 document (its own schema is the OpenAPI specification's). */
export const OpenApiDocumentShape = z.looseObject({
  openapi: z.string().regex(/^3\.1\./),
  info: z.looseObject({ title: z.string(), version: z.string() }),
  paths: z.record(z.string(), z.unknown()),
});
