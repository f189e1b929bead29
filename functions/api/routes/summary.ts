// GET /summary?asOf=YYYY-MM-DD (default today): the caseload and its annual cost on a date.
import { type Summary, SummaryQuery, summarise } from '../../../domain/summary';
import { PerState } from '../../store/per-state';
import type { RouteHandlers } from '../app';
import { readQuery } from '../http';

/** Summaries per state of the records: the overview asks for one per census year at once, again and again. */
const summaries = new PerState<Summary>(16);

export const summaryRoutes: RouteHandlers<'summary'> = {
  'GET /summary': async (c) => {
    const { asOf, top } = readQuery(c, SummaryQuery);
    const deps = c.get('deps');
    const date = asOf ?? deps.now().toISOString().slice(0, 10);
    const placements = await deps.placements.all();
    return c.json(summaries.get(placements, `${date}|${top}`, () => summarise(placements, date, top)));
  },
};
