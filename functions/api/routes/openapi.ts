// GET /openapi.json: the API's OpenAPI 3.1 document, generated from the route table (functions/api/openapi.ts).
// Public like the dashboard's files: it describes the API and holds no data. Like every route module, this one
// (and the generator with it) is loaded on the route's first request, not at a function's cold start.

import type { RouteHandlers } from '../app';
import { openApiJson } from '../openapi';

export const openApiRoutes: RouteHandlers<'openapi'> = {
  'GET /openapi.json': (c) => {
    c.header('Cache-Control', 'no-cache');
    return c.body(openApiJson(), 200, { 'Content-Type': 'application/json; charset=utf-8' });
  },
};
