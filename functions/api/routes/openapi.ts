// GET /openapi.json: the API's OpenAPI 3.1 document, generated from the route table (functions/api/openapi.ts).
// Public like the dashboard's files: it describes the API and holds no data.
import type { RouteHandlers } from '../app';

export const openApiRoutes: RouteHandlers<'openapi'> = {
  'GET /openapi.json': async (c) => {
    // The generator is loaded on the first request for the document, not at every function's cold start.
    const { openApiJson } = await import('../openapi');
    c.header('Cache-Control', 'no-cache');
    return c.body(openApiJson(), 200, { 'Content-Type': 'application/json; charset=utf-8' });
  },
};
