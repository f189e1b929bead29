// The Lambda entry for the main API (every route but the import and export files, which are in
// files-lambda.ts), deployed as the read, placements, planning and finance functions. The read function
// also serves the dashboard: the stack builds it into that function's asset as `web/`, beside this bundle.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { dashboardAuthFromEnv, withDashboard } from '../../web/serve';
import { API_ROUTES } from './api-routes';
import { apiHandler } from './lambda-handler';

const dashboardRoot = join(import.meta.dirname, 'web');
// Only the read function's asset has the dashboard; the others serve the API alone.
const hasDashboard = existsSync(join(dashboardRoot, 'index.html'));

export const handler = apiHandler(
  API_ROUTES,
  hasDashboard
    ? { serve: (app) => withDashboard(app, { root: dashboardRoot, auth: dashboardAuthFromEnv(process.env) }) }
    : {},
);
