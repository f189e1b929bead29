// GET /alerts?since=YYYY-MM: the monthly digests on record. POST /alerts/runs: run a month's alerts now
// (the local command uses it; a deployed stack runs them from its schedule and has no publisher here).
import { alertMonthProblem } from '../../../domain/alerts';
import { runAuthorityAlerts } from '../../alerts/figures';
import { monthOf } from '../../alerts/run';
import type { RouteHandlers } from '../app';
import { AppError, ValidationError } from '../errors';
import { readJson, readQuery } from '../http';
import { AlertHistoryQuery, AlertRunBody } from '../schemas';

/** YYYY-MM of the month `months` before the one containing `date`. */
export const monthsBefore = (date: Date, months: number) =>
  new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth() - months, 1)).toISOString().slice(0, 7);

export const alertRoutes: RouteHandlers<'alerts'> = {
  'GET /alerts': async (c) => {
    const deps = c.get('deps');
    const { since = monthsBefore(deps.now(), 12) } = readQuery(c, AlertHistoryQuery);
    const runs = await deps.alertRuns.since(deps.alerting.settings.authority, since);
    return c.json({ authority: deps.alerting.settings.authority, since, runs: runs.reverse() });
  },

  'POST /alerts/runs': async (c) => {
    const { month } = await readJson(c, AlertRunBody);
    const deps = c.get('deps');
    const problem = alertMonthProblem(month, monthOf(undefined, deps.now()));
    if (problem) throw new ValidationError([{ field: 'month', message: problem }]);
    const { publisher } = deps.alerting;
    if (!publisher)
      throw new AppError(503, 'alerts_scheduled', 'alerts run from the monthly schedule in this deployment');
    const result = await runAuthorityAlerts(deps, month, publisher);
    return c.json(result, result.published ? 201 : 200);
  },
};
