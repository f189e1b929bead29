// The main API's routes: everything but the spreadsheet and CSV files. The main Lambda entry imports this
// set only, so its bundle carries no exceljs or csv-parse (esbuild bundles what is imported).
import type { RouteModule } from './app';
import { alertRoutes } from './routes/alerts';
import { financeRoutes } from './routes/finance';
import { meRoutes } from './routes/me';
import { openApiRoutes } from './routes/openapi';
import { placementRoutes } from './routes/placements';
import { populationRoutes } from './routes/population';
import { projectionRoutes } from './routes/projections';
import { provisionRoutes } from './routes/provisions';
import { readinessRoutes } from './routes/readiness';
import { summaryRoutes } from './routes/summary';

export const API_ROUTES: readonly RouteModule[] = [
  placementRoutes,
  provisionRoutes,
  summaryRoutes,
  projectionRoutes,
  populationRoutes,
  financeRoutes,
  alertRoutes,
  meRoutes,
  readinessRoutes,
  openApiRoutes,
];
