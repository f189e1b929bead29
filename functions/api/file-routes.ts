// The file routes: bulk import (CSV, XLSX, SEN2) and every export file. They need exceljs and csv-parse,
// so they have their own Lambda entry (files-lambda.ts) and stay out of the main API bundle.
import type { RouteModule } from './app';
import { dsgPlanExportRoutes } from './routes/dsg-plan-exports';
import { exportRoutes } from './routes/exports';
import { importRoutes } from './routes/imports';

export const FILE_ROUTES: readonly RouteModule[] = [importRoutes, exportRoutes, dsgPlanExportRoutes];
