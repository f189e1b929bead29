// GET /readiness: what this authority has loaded and what is missing (domain/readiness.ts judges it). The
// facts come from the same reads the model, the outturn and the alerts make, so "ready" means they have
// what they need.
import type { Setting } from '../../../domain/codes';
import { academicYearStartOf, censusDate, currentMonth, eachYear } from '../../../domain/dates';
import { assessReadiness, type ReadinessFacts } from '../../../domain/readiness';
import { OUT_OF_BOROUGH } from '../../../model/data';
import { MIN_FIT_POINTS, MIN_SCORED_FORECASTS } from '../../../model/forecast';
import { type CensusEntry, censusSnapshots } from '../../../model/snapshots';
import type { RouteHandlers } from '../app';
import { monthsBefore } from './alerts';
import { currentFinancialYear, today } from './financial-year';

/**
 * Two censuses give one year of transitions; trends are weighed by back-test skill from MIN_SCORED_FORECASTS
 * one-step forecasts, each fitted on at least MIN_FIT_POINTS years of joiners (model/decisions/trend-methods.md).
 */
const CENSUSES_NEEDED = { toProject: 2, forTrend: MIN_FIT_POINTS + MIN_SCORED_FORECASTS + 1 };

/** Children of a census by setting and borough, with how many have a cost and the mean of those costs. */
function unitCostsOf(census: ReadonlyMap<string, CensusEntry>): ReadinessFacts['unitCosts']['settings'] {
  const bySetting = new Map<string, { children: number; costed: number; total: number }>();
  for (const entry of census.values()) {
    const row = bySetting.get(entry.setting) ?? { children: 0, costed: 0, total: 0 };
    row.children += 1;
    if (entry.annualCost > 0) {
      row.costed += 1;
      row.total += entry.annualCost;
    }
    bySetting.set(entry.setting, row);
  }
  return [...bySetting]
    .map(([state, { children, costed, total }]) => ({
      setting: state.slice(0, state.lastIndexOf('@')) as Setting,
      outOfBorough: state.endsWith(OUT_OF_BOROUGH),
      children,
      costed,
      ...(costed > 0 ? { meanCost: Math.round(total / costed) } : {}),
    }))
    .sort((a, b) => a.setting.localeCompare(b.setting) || Number(a.outOfBorough) - Number(b.outOfBorough));
}

export const readinessRoutes: RouteHandlers<'readiness'> = {
  'GET /readiness': async (c) => {
    const deps = c.get('deps');
    const now = deps.now();
    const asOf = today(now);
    const month = currentMonth(now);
    const financialYear = currentFinancialYear(now);
    const { authority } = deps.alerting.settings;
    const [placements, population, provisions, budget, runs] = await Promise.all([
      deps.placements.all(),
      deps.population.get(),
      deps.provisions.all(),
      deps.budgets.get(financialYear),
      deps.alertRuns.since(authority, monthsBefore(now, 12)),
    ]);

    let earliest: string | undefined;
    for (const p of placements) if (earliest === undefined || p.startDate < earliest) earliest = p.startDate;
    const lastYear = Number(asOf.slice(0, 4)) - (asOf < censusDate(Number(asOf.slice(0, 4))) ? 1 : 0);
    const firstYear =
      earliest === undefined
        ? undefined
        : Number(earliest.slice(0, 4)) + (earliest > censusDate(Number(earliest.slice(0, 4))) ? 1 : 0);
    const censuses =
      firstYear === undefined || firstYear > lastYear
        ? new Map()
        : censusSnapshots(placements, firstYear, lastYear);
    const years = firstYear === undefined || firstYear > lastYear ? [] : eachYear(firstYear, lastYear);
    const latest = [...years].reverse().find((year) => (censuses.get(year)?.size ?? 0) > 0);
    const lastRun = runs.at(-1);
    const populationYears = population?.years.map((row) => row.year) ?? [];

    const facts: ReadinessFacts = {
      asOf,
      authority,
      censuses: years.map((year) => ({ year, children: censuses.get(year)?.size ?? 0 })),
      censusesNeeded: CENSUSES_NEEDED,
      ...(population
        ? {
            population: {
              areaCode: population.areaCode,
              areaName: population.areaName,
              firstYear: Math.min(...populationYears),
              lastYear: Math.max(...populationYears),
            },
          }
        : {}),
      provisions: provisions.map(({ id, name, commissionedPlaces }) => ({
        id,
        name,
        academicYears: commissionedPlaces.map((row) => row.academicYear).sort((a, b) => a - b),
      })),
      academicYear: academicYearStartOf(asOf),
      financialYear,
      ...(budget ? { budget: { total: budget.total } } : {}),
      unitCosts:
        latest === undefined
          ? { settings: [] }
          : { census: latest, settings: unitCostsOf(censuses.get(latest) ?? new Map()) },
      month,
      ...(lastRun
        ? {
            lastAlertRun: {
              month: lastRun.month,
              status: lastRun.status,
              alerts: lastRun.alerts.length,
              ...(lastRun.sentAt ? { sentAt: lastRun.sentAt } : {}),
            },
          }
        : {}),
    };
    return c.json(assessReadiness(facts));
  },
};
