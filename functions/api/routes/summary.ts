// GET /summary?asOf=YYYY-MM-DD (default today): the caseload and its annual cost on a date.
import { Hono } from 'hono';
import { IsoDate } from '../../../domain/dates';
import { summarise } from '../../../domain/summary';
import * as z from '../../../domain/zod';
import type { AppEnv } from '../app';
import { readQuery } from '../http';

const SummaryQuery = z.strictObject({
  asOf: IsoDate.optional(),
  top: z.coerce.number().int().min(1).max(100).default(10),
});

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
