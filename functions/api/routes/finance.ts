// Finance: budgets (finance writes, everyone reads), spend by month and financial year and the outturn
// forecast. The figures come from the pure engines in domain/. The DSG management plan files are file
// routes (dsg-plan-exports.ts), kept out of the main API bundle.
import { BudgetInput } from '../../../domain/budget';
import { FinancialYear, financialYearBounds } from '../../../domain/dates';
import { effectiveFinanceSettings, FinanceSettingsInput } from '../../../domain/finance-settings';
import { ForecastQuery } from '../../../domain/forecast';
import { financialYearSpendSummary, SpendQuery, type SpendSummary, spendBasis } from '../../../domain/spend';
import { outturnFor } from '../../finance/expected-starts';
import { forecastFor } from '../../finance/forecast';
import { PerState } from '../../store/per-state';
import { storedPopulationRows } from '../../store/population';
import type { RouteHandlers } from '../app';
import { AppError, NotFoundError } from '../errors';
import { parseWith, readJson, readQuery } from '../http';
import { requireIdentity } from '../identity';
import { OutturnQuery } from '../schemas';
import { actorOf, etag, expectedVersion } from './concurrency';
import { currentFinancialYear, today } from './financial-year';

/** Recorded spend cannot say what a year that has not started costs: the forecast can. */
function yearNotStarted(fy: string) {
  const { start } = financialYearBounds(fy);
  const forecast = `/forecast?from=${fy}&years=1`;
  const message =
    `financial year ${fy} has not started (it begins on ${start}): /spend counts recorded placements only, ` +
    `which cannot say what a future year costs. Ask ${forecast} for the forecast (joiners, leavers, ageing, ` +
    'moves and the cost uplift included).';
  return new AppError(400, 'year_not_started', message, {
    errors: [{ field: 'query.fy', message: `${fy} has not started: use ${forecast}` }],
    forecast,
  });
}

/** Spend answers per state of the records (functions/store/per-state.ts): a year × breakdown × funder each. */
const spendAnswers = new PerState<SpendSummary>(16);

export const financeRoutes: RouteHandlers<'finance'> = {
  'PUT /budgets/{financialYear}': async (c) => {
    const identity = requireIdentity(c);
    const financialYear = parseWith(FinancialYear, c.req.param('financialYear'), 'financialYear');
    const { version, ...input } = await readJson(c, BudgetInput);
    const deps = c.get('deps');
    const wanted = expectedVersion(c, version);
    const { budget, created } = await deps.budgets.put(financialYear, input, {
      actor: actorOf(identity),
      now: deps.now(),
      ...(wanted === undefined ? {} : { expectedVersion: wanted }),
    });
    c.header('ETag', etag(budget.version));
    if (created) c.header('Location', `/budgets/${financialYear}`);
    return c.json(budget, created ? 201 : 200);
  },

  'GET /budgets/{financialYear}': async (c) => {
    const financialYear = parseWith(FinancialYear, c.req.param('financialYear'), 'financialYear');
    const budget = await c.get('deps').budgets.get(financialYear);
    if (!budget) throw new NotFoundError('budget for', financialYear);
    c.header('ETag', etag(budget.version));
    return c.json(budget);
  },

  'GET /finance/settings': async (c) => {
    const settings = effectiveFinanceSettings(await c.get('deps').financeSettings.get());
    if (settings.version > 0) c.header('ETag', etag(settings.version));
    return c.json(settings);
  },

  'PUT /finance/settings': async (c) => {
    const identity = requireIdentity(c);
    const { version, ...input } = await readJson(c, FinanceSettingsInput);
    const deps = c.get('deps');
    const wanted = expectedVersion(c, version);
    const { settings, created } = await deps.financeSettings.put(input, {
      actor: actorOf(identity),
      now: deps.now(),
      ...(wanted === undefined ? {} : { expectedVersion: wanted }),
    });
    c.header('ETag', etag(settings.version));
    return c.json(effectiveFinanceSettings(settings), created ? 201 : 200);
  },

  'GET /spend': async (c) => {
    const deps = c.get('deps');
    const day = today(deps.now());
    const { fy = currentFinancialYear(deps.now()), by, funder } = readQuery(c, SpendQuery);
    const basis = spendBasis(fy, day);
    if (!basis) throw yearNotStarted(fy);
    const placements = await deps.placements.all();
    const spend = spendAnswers.get(placements, `${fy}|${by}|${funder}`, () =>
      financialYearSpendSummary(placements, fy, by, funder),
    );
    return c.json({ ...spend, ...basis });
  },

  'GET /forecast': async (c) => {
    const deps = c.get('deps');
    return c.json(await forecastFor(deps, readQuery(c, ForecastQuery), today(deps.now())));
  },

  'GET /outturn': async (c) => {
    const deps = c.get('deps');
    const now = deps.now();
    const { fy = currentFinancialYear(now), asOf = today(now), newPlacements } = readQuery(c, OutturnQuery);
    const [placements, budget, population] = await Promise.all([
      deps.placements.all(),
      deps.budgets.get(fy),
      storedPopulationRows(deps.population),
    ]);
    return c.json(
      outturnFor(placements, { financialYear: fy, asOf, method: newPlacements, budget, population }),
    );
  },
};
