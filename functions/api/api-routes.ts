// The main API's route modules: everything but the spreadsheet and CSV files. The main Lambda entry imports
// this set only, so its bundle carries no exceljs or csv-parse (esbuild bundles what is imported). Each
// module is a chunk of its own, imported on the first request for one of its routes.
import type { RouteModules } from './app';

export const API_ROUTES: RouteModules = {
  placements: () => import('./routes/placements').then((module) => module.placementRoutes),
  provisions: () => import('./routes/provisions').then((module) => module.provisionRoutes),
  summary: () => import('./routes/summary').then((module) => module.summaryRoutes),
  projections: () => import('./routes/projections').then((module) => module.projectionRoutes),
  population: () => import('./routes/population').then((module) => module.populationRoutes),
  finance: () => import('./routes/finance').then((module) => module.financeRoutes),
  alerts: () => import('./routes/alerts').then((module) => module.alertRoutes),
  me: () => import('./routes/me').then((module) => module.meRoutes),
  readiness: () => import('./routes/readiness').then((module) => module.readinessRoutes),
  openapi: () => import('./routes/openapi').then((module) => module.openApiRoutes),
};
