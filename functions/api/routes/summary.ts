// GET /summary?asOf=YYYY-MM-DD (default today): the caseload and its annual cost on a date.
import { Hono } from 'hono';
import { SummaryQuery, summarise } from '../../../domain/summary';
import type { AppEnv } from '../app';
import { readQuery } from '../http';

export function summaryRoutes() {
  const routes = new Hono<AppEnv>();
  routes.get('/summary', async (c) => {
    const { asOf, top } = readQuery(c, SummaryQuery);
    const deps = c.get('deps');
    const date = asOf ?? deps.now().toISOString().slice(0, 10);
    return c.json(summarise(await deps.placements.all(), date, top));
  });
  return routes;
}
