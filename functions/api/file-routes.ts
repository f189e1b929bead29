// The file routes' modules: bulk import (CSV, XLSX, SEN2) and every export file. They need exceljs and
// csv-parse, so they have their own Lambda entry (files-lambda.ts) and stay out of the main API bundle.
import type { RouteModules } from './app';

export const FILE_ROUTES: RouteModules = {
  imports: () => import('./routes/imports').then((module) => module.importRoutes),
  exports: () => import('./routes/exports').then((module) => module.exportRoutes),
  'dsg-plan-exports': () => import('./routes/dsg-plan-exports').then((module) => module.dsgPlanExportRoutes),
};
