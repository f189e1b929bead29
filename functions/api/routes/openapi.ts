// GET /openapi.json: the API's OpenAPI 3.1 document, generated from the route table (functions/api/openapi.ts).
// Public like the dashboard's files: it describes the API and holds no data.
import { Hono } from 'hono';
import type { AppEnv } from '../app';

export function openApiRoutes() {
  const routes = new Hono<AppEnv>();
  routes.get('/openapi.json', async (c) => {
    // The generator is loaded on the first request for the document, not at every function's cold start.
    const { openApiJson } = await import('../openapi');
    c.header('Cache-Control', 'no-cache');
    return c.body(openApiJson(), 200, { 'Content-Type': 'application/json; charset=utf-8' });
  });
  return routes;
}
