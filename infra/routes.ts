// What every API route takes and answers: the contract, as the zod schemas each route parses and returns,
// with its examples. The OpenAPI document (`GET /openapi.json`, functions/api/openapi.ts) is generated from
// it; see docs/api.md "The contract". Who may call a route, and which function and module answer it, is the
// route table (infra/route-access.ts): the app's cold start reads that table and never loads this file.
import { Budget, BudgetInput } from '../domain/budget';
import { FinanceSettings, FinanceSettingsInput } from '../domain/finance-settings';
import { DsgPlanQuery, Forecast, ForecastQuery } from '../domain/forecast';
import { OccupancyQuery, OccupancyReport } from '../domain/occupancy';
import { Outturn } from '../domain/outturn';
import { Placement, PlacementEnd, PlacementInput, PlacementPatch } from '../domain/placement';
import { PlacementFilterQuery } from '../domain/placement-filter';
import { Provision, ProvisionInput, ProvisionPatch } from '../domain/provision';
import { Readiness } from '../domain/readiness';
import { SpendAnswer, SpendQuery } from '../domain/spend';
import { Summary, SummaryQuery } from '../domain/summary';
import * as z from '../domain/zod';
import { CSV_TYPE, file, json, type Operation, XLSX_TYPE } from '../functions/api/operation';
import {
  AlertHistory,
  AlertHistoryQuery,
  AlertRunBody,
  AlertRunResult,
  AuditEntry,
  CensusQuery,
  ImportBatchResult,
  ImportJobCreate,
  ImportJobId,
  ImportJobStarted,
  ImportJobView,
  ImportRowBatch,
  ImportUploadQuery,
  ImportUploadResult,
  itemsOf,
  Me,
  OpenApiDocumentShape,
  OutturnQuery,
  PlacementListQuery,
  PlacementPage,
  PopulationUploadQuery,
  PopulationView,
  ProjectionRequestBody,
  StoredProjection,
  StoredScenario,
  WitanFileName,
} from '../functions/api/schemas';
import { Scenario } from '../model/scenario';
import { ROUTE_ACCESS, type RouteAccess, type RouteKey, routeKey } from './route-access';

/** A route of the table with its contract. */
export interface ApiRoute extends RouteAccess {
  /** What the route takes and answers (docs/api.md "The contract"). */
  doc: Operation;
}

/** The README tour's placement, to the letter: the document's example, sent by the example test. */
export const TOUR_PLACEMENT = {
  id: 'tour-0001',
  childRef: 'T-000001',
  primaryNeed: 'SPLD',
  setting: 'independent-special',
  residential: false,
  inBorough: false,
  hostLaCode: '390',
  lookedAfter: true,
  ncy: 8,
  providerUrn: '123456',
  providerName: 'Example Independent School',
  startDate: '2025-09-01',
  costs: { education: 62000, transport: 8000 },
};

const EXAMPLE_PROVISION = {
  id: 'example-resourced-base',
  name: 'Example Primary resourced base',
  type: 'resourced-provision',
  needs: ['ASD'],
  phases: ['primary'],
  commissionedPlaces: [{ academicYear: 2025, places: 12 }],
};

const tourId = { id: 'tour-0001' };
const CSV = file(CSV_TYPE, 'A CSV file (UTF-8), with a header row.');
const XLSX = file(XLSX_TYPE, 'An Excel workbook.');
const placementAnswer = json(Placement, 'The placement as stored, with its version and cost history.');
const provisionAnswer = json(Provision, 'The provision as stored, with its version.');
const byFinancialYear = { financialYear: '2025-26' };

/**
 * PUT /population's example: the ONS SNPP layout for one area, persons by single year of age 0–25 (the
 * ages model/population.ts reads; not imported, as that module brings a CSV parser into the dashboard).
 */
const EXAMPLE_POPULATION_YEARS = Array.from({ length: 14 }, (_, i) => 2022 + i);
const EXAMPLE_POPULATION_CSV = [
  ['AREA_CODE', 'AREA_NAME', 'COMPONENT', 'SEX', 'AGE_GROUP', ...EXAMPLE_POPULATION_YEARS].join(','),
  ...Array.from({ length: 26 }, (_, age) =>
    ['E08000023', 'South Tyneside', 'Population', 'persons', age]
      .concat(EXAMPLE_POPULATION_YEARS.map((year) => (1850 - 2 * age + (year - 2022)).toFixed(3)))
      .join(','),
  ),
].join('\n');

/** The import job examples: a file parsed by the client, one valid row, sent then completed. */
const IMPORT_JOB = 'POST /imports: a job for rows sent in batches';
const IMPORT_ROW_PLACEMENT = {
  childRef: 'IMP-0001',
  primaryNeed: 'ASD',
  setting: 'mainstream',
  inBorough: true,
  lookedAfter: false,
  ncy: 4,
  startDate: '2025-09-03',
  costs: { education: 7000 },
};
/** The CSV upload's example: two rows as a case-management system exports them (headers are matched by name). */
const EXAMPLE_IMPORT_CSV = [
  'Child Ref,Primary Need,Setting,In Borough,Host LA,Provider,LAC,NCY,Start Date,Education Cost,Transport Cost',
  'CSV-1001,ASD,Mainstream,Y,,Hebburn Academy,N,5,01/09/2025,"£8,500","£1,200"',
  'CSV-1002,SEMH,ISS,N,840,Oakwood Independent School,Y,9,2025-09-08,"£62,000.00","£9,800"',
].join('\n');
const DSG_PLAN_DESCRIPTION =
  "By default the multi-year management plan from the high needs forecast (`GET /forecast`): `from` (default this financial year), `years` (default 5) and optional `mitigations` (scenario ids). With `fy`, one year's table from the recorded placements instead.";

/** Every route of the table, by its `METHOD /path`: the compiler refuses a route left out or one not in it. */
const ROUTE_DOCS: Record<RouteKey, Operation> = {
  'GET /placements': {
    tag: 'Placements',
    summary: 'List placements, a page at a time, optionally filtered',
    description:
      "Filters combine (all must hold). Pages hold `limit` records; pass the answer's `cursor` back for the next page (the last page has none).",
    query: PlacementListQuery,
    responses: { 200: json(PlacementPage, 'One page of placements.') },
    examples: [{ name: 'out of borough', query: { inBorough: 'false', limit: '10' }, status: 200 }],
  },
  'POST /placements': {
    tag: 'Placements',
    summary: 'Record a placement',
    description:
      'A client-given `id` (or an `Idempotency-Key`) makes the create safe to retry: the same body again answers the stored record; a different body with the same id or key is a 409.',
    body: json(PlacementInput, 'The placement: a pseudonymous child reference, never a name or UPN.'),
    responses: { 201: placementAnswer },
    etag: true,
    idempotencyKey: true,
    errors: [409],
    examples: [
      { name: 'README tour', body: TOUR_PLACEMENT, status: 201 },
      {
        name: 'a need that does not exist (400 naming the field)',
        body: { ...TOUR_PLACEMENT, id: 'tour-0002', primaryNeed: 'XYZ' },
        status: 400,
      },
    ],
  },
  'GET /placements/{id}': {
    tag: 'Placements',
    summary: 'Read one placement',
    responses: { 200: placementAnswer },
    etag: true,
    errors: [404],
    examples: [
      { name: 'README tour', params: tourId, status: 200 },
      { name: 'no such placement', params: { id: 'no-such-placement' }, status: 404 },
    ],
  },
  'PATCH /placements/{id}': {
    tag: 'Placements',
    summary: 'Change a placement',
    description:
      'Send only the fields that change, and the version you read (`If-Match` or `version`). A cost change keeps the earlier costs in `costHistory`, effective from `costsEffectiveFrom` (default: today).',
    body: json(PlacementPatch, 'The fields to change.'),
    responses: { 200: placementAnswer },
    etag: true,
    ifMatch: 'required',
    errors: [404, 409],
    examples: [
      {
        name: 'new transport cost',
        params: tourId,
        headers: { 'If-Match': '"1"' },
        body: { costs: { education: 62000, transport: 9500 }, costsEffectiveFrom: '2026-01-01' },
        status: 200,
      },
      {
        name: 'a stale version (409 with currentVersion)',
        params: tourId,
        headers: { 'If-Match': '"1"' },
        body: { lookedAfter: false },
        status: 409,
      },
    ],
  },
  'POST /placements/{id}/end': {
    tag: 'Placements',
    summary: 'End a placement',
    body: json(PlacementEnd, 'The last day (inclusive) and why it ended.'),
    responses: { 200: placementAnswer },
    etag: true,
    ifMatch: 'optional',
    errors: [404, 409],
    examples: [
      {
        name: 'moved setting',
        params: tourId,
        body: { endDate: '2026-07-20', endReason: 'moved-setting', version: 2 },
        status: 200,
      },
    ],
  },
  'GET /placements/{id}/history': {
    tag: 'Placements',
    summary: "A placement's audit trail",
    description: 'Every change, oldest first: who made it, when, and each field before and after.',
    responses: { 200: json(itemsOf(AuditEntry), 'The audit entries.') },
    examples: [{ name: 'README tour', params: tourId, status: 200 }],
  },
  'GET /summary': {
    tag: 'Caseload',
    summary: 'The caseload and its annual cost on a date',
    query: SummaryQuery,
    responses: { 200: json(Summary, 'Counts and annual cost by need, setting and location.') },
    examples: [{ name: 'on a date', query: { asOf: '2026-01-10', top: '5' }, status: 200 }],
  },
  'GET /provisions': {
    tag: 'Provisions',
    summary: 'Every local provision',
    responses: { 200: json(itemsOf(Provision), 'The provisions.') },
    examples: [{ name: 'all', status: 200 }],
  },
  'POST /provisions': {
    tag: 'Provisions',
    summary: 'Record a local provision and its commissioned places',
    body: json(ProvisionInput, 'The provision.'),
    responses: { 201: provisionAnswer },
    etag: true,
    errors: [409],
    examples: [{ name: 'resourced base', body: EXAMPLE_PROVISION, status: 201 }],
  },
  'GET /provisions/{id}': {
    tag: 'Provisions',
    summary: 'Read one provision',
    responses: { 200: provisionAnswer },
    etag: true,
    errors: [404],
    examples: [{ name: 'resourced base', params: { id: EXAMPLE_PROVISION.id }, status: 200 }],
  },
  'GET /occupancy': {
    tag: 'Provisions',
    summary: 'How full each provision is on a date',
    query: OccupancyQuery,
    responses: { 200: json(OccupancyReport, 'Places and children placed, per provision.') },
    examples: [{ name: 'on a date', query: { asOf: '2026-01-10' }, status: 200 }],
  },
  'PATCH /provisions/{id}': {
    tag: 'Provisions',
    summary: 'Change a provision',
    body: json(ProvisionPatch, 'The fields to change.'),
    responses: { 200: provisionAnswer },
    etag: true,
    ifMatch: 'required',
    errors: [404, 409],
    examples: [
      {
        name: 'more places',
        params: { id: EXAMPLE_PROVISION.id },
        headers: { 'If-Match': '"1"' },
        body: { commissionedPlaces: [{ academicYear: 2025, places: 14 }] },
        status: 200,
      },
    ],
  },
  'POST /projections': {
    tag: 'Projections',
    summary: 'Project the caseload and its cost (Markov model), optionally under a scenario',
    description:
      'Runs on the stored placements, provisions and population (409 `population_missing` without one). The result is stored: read it again by id.',
    body: json(ProjectionRequestBody, 'Run settings; every field has a default.'),
    responses: { 201: json(StoredProjection, 'The stored projection.') },
    errors: [409, 422],
    examples: [{ name: 'expected path', body: { horizon: 3, expected: true, backtest: false }, status: 201 }],
  },
  'GET /projections/{id}': {
    tag: 'Projections',
    summary: 'Read a stored projection',
    responses: { 200: json(StoredProjection, 'The stored projection.') },
    errors: [404],
    examples: [{ name: 'the one just run', idFrom: 'POST /projections: expected path', status: 200 }],
  },
  'GET /scenarios': {
    tag: 'Projections',
    summary: 'Every stored scenario',
    responses: { 200: json(itemsOf(StoredScenario), 'The scenarios.') },
    examples: [{ name: 'all', status: 200 }],
  },
  'POST /scenarios': {
    tag: 'Projections',
    summary: 'Store a scenario (changes to places, demand or costs) to project under',
    body: json(Scenario, 'The scenario.'),
    responses: { 201: json(StoredScenario, 'The stored scenario.') },
    examples: [
      {
        name: 'inflation',
        body: { name: 'Inflation 3%', changes: [{ kind: 'inflation', rate: 0.03 }] },
        status: 201,
      },
    ],
  },
  'GET /scenarios/{id}': {
    tag: 'Projections',
    summary: 'Read a stored scenario',
    responses: { 200: json(StoredScenario, 'The stored scenario.') },
    errors: [404],
    examples: [{ name: 'inflation', idFrom: 'POST /scenarios: inflation', status: 200 }],
  },
  'GET /population': {
    tag: 'Population',
    summary: "The authority's general population (ONS projections, one area)",
    responses: { 200: json(PopulationView, 'The stored population: area, years and totals.') },
    etag: true,
    errors: [404],
    examples: [{ name: 'stored', status: 200 }],
  },
  'PUT /population': {
    tag: 'Population',
    summary: 'Replace the population with an ONS sub-national projections CSV for one area',
    query: PopulationUploadQuery,
    body: file(CSV_TYPE, 'The ONS SNPP CSV (persons by single year of age) for one area, as published.'),
    responses: {
      200: json(PopulationView, 'Replaced.'),
      201: json(PopulationView, 'Stored for the first time.'),
    },
    etag: true,
    ifMatch: 'optional',
    errors: [409],
    examples: [
      {
        name: 'one area, replacing version 1',
        query: { source: 'ONS 2022-based subnational population projections' },
        headers: { 'If-Match': '"1"' },
        body: EXAMPLE_POPULATION_CSV,
        status: 200,
      },
    ],
  },
  'GET /spend': {
    tag: 'Finance',
    summary: 'High-needs spend in a financial year, split one way',
    query: SpendQuery,
    responses: { 200: json(SpendAnswer, 'The total and its breakdown, to the penny, and what it counts.') },
    examples: [{ name: 'by DSG category', query: { fy: '2025-26', by: 'dsg' }, status: 200 }],
  },
  'GET /outturn': {
    tag: 'Finance',
    summary: 'Forecast outturn for a financial year against its budget',
    query: OutturnQuery,
    responses: {
      200: json(Outturn, 'Actual to date, committed, expected and the forecast with its band.'),
    },
    examples: [{ name: 'from history', query: { fy: '2025-26', newPlacements: 'history' }, status: 200 }],
  },
  'GET /forecast': {
    tag: 'Finance',
    summary: 'The multi-year high needs forecast: the Markov projection priced draw by draw, against budget',
    query: ForecastQuery,
    responses: {
      200: json(Forecast, 'The forecast by financial year, with its bands, budgets and DSG balance.'),
    },
    errors: [409, 422],
    examples: [{ name: 'three years from 2026-27', query: { from: '2026-27', years: '3' }, status: 200 }],
  },
  'GET /budgets/{financialYear}': {
    tag: 'Finance',
    summary: "A financial year's high-needs budget",
    responses: { 200: json(Budget, 'The budget, with its version.') },
    etag: true,
    errors: [404],
    examples: [{ name: '2025-26', params: byFinancialYear, status: 200 }],
  },
  'PUT /budgets/{financialYear}': {
    tag: 'Finance',
    summary: "Set a financial year's budget lines",
    description: 'Replacing a stored budget names the version read (`If-Match` or `version`).',
    body: json(BudgetInput, 'The budget lines by DSG category (and optionally need).'),
    responses: { 200: json(Budget, 'Replaced.'), 201: json(Budget, 'Stored for the first time.') },
    etag: true,
    ifMatch: 'optional',
    errors: [409],
    examples: [
      {
        name: '2025-26',
        params: byFinancialYear,
        body: {
          lines: [
            { dsgCategory: 'NMISS', amount: 9_500_000 },
            { dsgCategory: 'MdSSA', amount: 12_000_000 },
          ],
          openingDsgBalance: -2_500_000,
        },
        status: 201,
      },
    ],
  },
  'GET /finance/settings': {
    tag: 'Finance',
    summary: "The forecast's finance settings: cost uplift, budget growth, opening DSG balance",
    description: 'Each setting with its source; defaults (version 0, no ETag) until finance sets them.',
    responses: { 200: json(FinanceSettings, 'The settings in force.') },
    etag: true,
    examples: [{ name: 'in force', status: 200 }],
  },
  'PUT /finance/settings': {
    tag: 'Finance',
    summary: "Set the forecast's finance settings",
    description: 'Replacing stored settings names the version read (`If-Match` or `version`).',
    body: json(FinanceSettingsInput, 'The settings, each with its source.'),
    responses: {
      200: json(FinanceSettings, 'Replaced.'),
      201: json(FinanceSettings, 'Stored for the first time.'),
    },
    etag: true,
    ifMatch: 'optional',
    errors: [409],
    examples: [
      {
        name: 'uplift and opening balance',
        body: {
          costUplift: { rate: 0.04, source: 'Provider fee uplift agreed for 2026-27' },
          openingDsgBalance: {
            financialYear: '2026-27',
            amount: -4_250_000,
            source: 'S251 outturn 2025-26',
          },
        },
        status: 201,
      },
    ],
  },
  'GET /exports/placements.csv': {
    tag: 'Exports',
    summary: 'Placements as CSV (all, or those a GET /placements filter picks)',
    query: PlacementFilterQuery,
    responses: { 200: CSV },
    errors: [413],
    examples: [{ name: 'all', status: 200 }],
  },
  'GET /exports/placements.xlsx': {
    tag: 'Exports',
    summary: 'Placements as an Excel workbook (all, or those a GET /placements filter picks)',
    query: PlacementFilterQuery,
    responses: { 200: XLSX },
    errors: [413],
    examples: [{ name: 'out of borough', query: { inBorough: 'false' }, status: 200 }],
  },
  'GET /exports/census.csv': {
    tag: 'Exports',
    summary: 'The January census snapshot of a year, one row per child',
    query: CensusQuery,
    responses: { 200: CSV },
    errors: [413],
    examples: [{ name: '2026', query: { year: '2026' }, status: 200 }],
  },
  'GET /exports/witan/{file}': {
    tag: 'Exports',
    summary: 'One witan.send input file, from the stored placements',
    params: { file: WitanFileName },
    responses: { 200: CSV },
    errors: [404, 409, 413, 422],
    examples: [
      { name: 'transitions', params: { file: 'transitions.csv' }, status: 200 },
      { name: 'costs', params: { file: 'costs.csv' }, status: 200 },
    ],
  },
  'GET /exports/dsg-plan.csv': {
    tag: 'Exports',
    summary: 'The DSG management plan, as CSV',
    description: DSG_PLAN_DESCRIPTION,
    query: DsgPlanQuery,
    responses: { 200: CSV },
    examples: [
      { name: 'one year (2025-26)', query: { fy: '2025-26' }, status: 200 },
      { name: 'three years from 2026-27', query: { from: '2026-27', years: '3' }, status: 200 },
    ],
  },
  'GET /exports/dsg-plan.xlsx': {
    tag: 'Exports',
    summary: 'The DSG management plan, as an Excel workbook',
    description: DSG_PLAN_DESCRIPTION,
    query: DsgPlanQuery,
    responses: { 200: XLSX },
    examples: [{ name: 'two years from 2026-27', query: { from: '2026-27', years: '2' }, status: 200 }],
  },
  'GET /imports/{id}': {
    tag: 'Imports',
    summary: "An import job's progress",
    params: { id: ImportJobId },
    responses: { 200: json(ImportJobView, 'The job.') },
    errors: [404],
    examples: [{ name: 'a job in progress', idFrom: IMPORT_JOB, status: 200 }],
  },
  'POST /imports': {
    tag: 'Imports',
    summary:
      'Import placements: a file (CSV, XLSX, SEN2 XML, multipart), or start a job for rows sent in batches',
    description:
      'A file up to the body limit is parsed and imported in the request. For any size, parse locally and send JSON: this creates a job (or resumes the unfinished job of the same file), then send rows with `POST /imports/{id}/rows` and finish with `POST /imports/{id}/complete`.',
    query: ImportUploadQuery,
    body: [
      json(ImportJobCreate, 'Start (or resume) a job for a file parsed by the client.'),
      CSV,
      XLSX,
      file('multipart/form-data', 'File parts, and optionally `mapping` (JSON) and, for SEN2, `salt`.'),
    ],
    responses: {
      200: json(
        z.union([ImportJobStarted, ImportUploadResult]),
        'An unfinished job of the same file resumed.',
      ),
      201: json(z.union([ImportJobStarted, ImportUploadResult]), 'A new job.'),
    },
    errors: [409],
    examples: [
      {
        name: 'a job for rows sent in batches',
        body: {
          fileName: 'placements-2025.csv',
          format: 'placements',
          fingerprint: 'a3f1c2d4e5b6a7980112233445566778899aabbccddeeff00112233445566778',
          totalRows: 1,
          rejected: 0,
          rejects: [],
          duplicates: 0,
        },
        status: 201,
      },
      {
        name: 'a CSV file',
        headers: { 'X-File-Name': 'placements.csv' },
        body: EXAMPLE_IMPORT_CSV,
        status: 201,
      },
      {
        name: 'an Excel workbook',
        upload: { file: 'tests/fixtures/imports/placements.xlsx', mediaType: XLSX_TYPE },
        status: 201,
      },
      {
        name: 'SEN2 module files',
        query: { format: 'sen2' },
        upload: { folder: 'tests/fixtures/imports/sen2', fields: { salt: 'example-salt-0123456789' } },
        status: 201,
      },
    ],
  },
  'POST /imports/{id}/rows': {
    tag: 'Imports',
    summary: 'Send the next batch of rows of an import job',
    params: { id: ImportJobId },
    body: json(ImportRowBatch, "Rows from `offset` = the job's progress."),
    responses: { 200: json(ImportBatchResult, 'The job, and what this batch did.') },
    errors: [404, 409],
    examples: [
      {
        name: 'the first batch',
        idFrom: IMPORT_JOB,
        body: { offset: 0, rows: [{ line: 2, placement: IMPORT_ROW_PLACEMENT }] },
        status: 200,
      },
    ],
  },
  'POST /imports/{id}/complete': {
    tag: 'Imports',
    summary: 'Finish an import job once every row is sent',
    params: { id: ImportJobId },
    responses: { 200: json(ImportJobView, 'The completed job.') },
    errors: [404, 409],
    examples: [{ name: 'every row sent', idFrom: IMPORT_JOB, status: 200 }],
  },
  'GET /alerts': {
    tag: 'Alerts',
    summary: 'Monthly alert runs on record',
    query: AlertHistoryQuery,
    responses: { 200: json(AlertHistory, 'The runs, newest first.') },
    examples: [{ name: 'since', query: { since: '2025-01' }, status: 200 }],
  },
  'POST /alerts/runs': {
    tag: 'Alerts',
    summary: "Run a month's alerts now (local runtime; a deployed stack runs them on its schedule)",
    body: json(AlertRunBody, 'The month.'),
    responses: {
      200: json(AlertRunResult, 'Already sent: the run on record.'),
      201: json(AlertRunResult, 'Run and published.'),
    },
    errors: [409, 503],
    examples: [{ name: 'last month', body: { month: '2025-12' }, status: 201 }],
  },
  'GET /me': {
    tag: 'Session',
    summary: 'Who the API takes the caller to be, and their groups',
    responses: { 200: json(Me, 'The caller.') },
    examples: [{ name: 'me', status: 200 }],
  },
  'GET /readiness': {
    tag: 'Session',
    summary: 'What this authority has loaded and what is missing, item by item, with how to fill each',
    responses: { 200: json(Readiness, 'Each item ready, partial or missing, and the facts judged.') },
    examples: [{ name: 'readiness', status: 200 }],
  },
  'GET /openapi.json': {
    tag: 'Session',
    summary: 'This OpenAPI 3.1 document',
    responses: { 200: json(OpenApiDocumentShape, 'The OpenAPI document, generated from the route table.') },
    examples: [{ name: 'document', status: 200 }],
  },
  'GET /docs': {
    tag: 'Session',
    summary: 'Interactive API docs (Swagger UI, served from this deployment, no CDN)',
    responses: { 200: file('text/html', 'The docs page.') },
  },
  'GET /docs/{proxy+}': {
    tag: 'Session',
    summary: "The docs page's scripts, styles and changelog",
    responses: { 200: file('application/octet-stream', 'A static file of the docs page.') },
    errors: [404],
  },
  'GET /': {
    tag: 'Session',
    summary: 'The dashboard page',
    responses: { 200: file('text/html', 'The dashboard.') },
  },
  'GET /assets/{proxy+}': {
    tag: 'Session',
    summary: "The dashboard's scripts, styles and sign-in settings",
    responses: { 200: file('application/octet-stream', 'A static file of the dashboard.') },
    errors: [404],
  },
};

/** The route table with each route's contract: what the stack deploys and GET /openapi.json describes. */
export const DEPLOYED_ROUTES: readonly ApiRoute[] = ROUTE_ACCESS.map((route) => ({
  ...route,
  doc: ROUTE_DOCS[routeKey(route)],
}));
