// The finance forecast: a five-year high needs forecast (1,000 Monte Carlo draws, every census of every draw
// priced) for the demo authority (target ≤ 3 s) and for a 22,000-plan authority (the scale bench's data,
// target ≤ 15 s), from records already read (the stores' part is the scale bench's); and the demo's
// five-year figures with the first year against /outturn (the same p50 within 2%).
// `npm run bench -- forecast`.
import { performance } from 'node:perf_hooks';
import type { Budget } from '../../domain/budget';
import { financialYearLabel, financialYearStartOf } from '../../domain/dates';
import type { ForecastQuery } from '../../domain/forecast';
import { forecastOutturn } from '../../domain/outturn';
import type { Placement } from '../../domain/placement';
import type { Provision } from '../../domain/provision';
import { expectedStarts } from '../../functions/finance/expected-starts';
import { computeForecast, type ForecastSources } from '../../functions/finance/forecast';
import { demoBudgets } from '../../infra/local/demo/budgets';
import { DEFAULT_DEMO_AS_OF, generateDemoAuthority } from '../../infra/local/demo/generate';
import { demoPopulation } from '../../infra/local/demo/population';
import { describePopulation, populationRows } from '../../model/population';
import { largeAuthority } from './dataset';

const DEMO_TARGET_S = 3;
const LARGE_TARGET_S = 15;
const money = (value: number) => `£${(value / 1e6).toFixed(2)}m`;

function sourcesFor(placements: Placement[], provisions: Provision[], asOf: string): ForecastSources {
  const population = demoPopulation();
  const budgets = new Map<string, Budget | undefined>();
  for (const { financialYear, input } of demoBudgets(placements, asOf))
    budgets.set(financialYear, { ...input, total: 0, version: 1 } as unknown as Budget);
  return {
    placements,
    provisions,
    population: { rows: populationRows(population), source: describePopulation(population) },
    settings: undefined,
    budgets,
    scenarios: [],
  };
}

function timed<T>(label: string, target: number, run: () => T): T {
  const started = performance.now();
  const cpu = process.cpuUsage();
  const result = run();
  const seconds = (performance.now() - started) / 1000;
  const used = process.cpuUsage(cpu);
  // CPU beside wall time: on a busy shared machine the wall time is mostly waiting for a core.
  const cpuSeconds = (used.user + used.system) / 1e6;
  console.log(
    `${label}: ${seconds.toFixed(2)} s, CPU ${cpuSeconds.toFixed(2)} s (target ≤ ${target} s) ${seconds <= target ? 'PASS' : 'MISS'}`,
  );
  if (seconds > target) process.exitCode = 1;
  return result;
}

const asOf = DEFAULT_DEMO_AS_OF;
const from = financialYearLabel(financialYearStartOf(asOf));
const query: ForecastQuery = { from, years: 5, funder: 'education', asOf };

const demo = generateDemoAuthority({ asOf });
const demoSources = sourcesFor(demo.placements, demo.provisions, asOf);
const forecast = timed(`demo (${demo.placements.length} records), 5 years × 1,000 draws`, DEMO_TARGET_S, () =>
  computeForecast(demoSources, query, asOf),
);
for (const year of forecast.years)
  console.log(
    `  ${year.financialYear} ${year.basis.padEnd(19)} p05 ${money(year.p05)}  p50 ${money(year.p50)}  p95 ${money(year.p95)}` +
      `  budget ${year.budget ? money(year.budget.amount) : '—'}  balance ${year.dsgBalance ? money(year.dsgBalance.closing.p50) : '—'}` +
      `  children ${year.placements?.p50 ?? '—'}`,
  );
const years = forecast.years;
const consecutive = years.every(
  (y, i) =>
    i === 0 || Number(y.financialYear.slice(0, 4)) === Number(years[i - 1]?.financialYear.slice(0, 4)) + 1,
);
const ordered = years.every((y) => y.p05 <= y.p50 && y.p50 <= y.p95);
const widening = years.every(
  (y, i) => i === 0 || y.p95 - y.p05 > (years[i - 1]?.p95 ?? 0) - (years[i - 1]?.p05 ?? 0),
);
const rising = years.every((y, i) => i === 0 || y.p50 > (years[i - 1]?.p50 ?? 0));
const shape = consecutive && ordered && widening && rising && years.length === 5;
console.log(
  `  five consecutive years ${consecutive}, p05 ≤ p50 ≤ p95 ${ordered}, widening bands ${widening}, rising spend ${rising}: ${shape ? 'PASS' : 'MISS'}`,
);
if (!shape) process.exitCode = 1;
const first = forecast.years[0];
const outturn = forecastOutturn({
  placements: demo.placements,
  financialYear: from,
  asOf,
  budget: demoSources.budgets.get(from),
  expectedStarts: expectedStarts(demo.placements, from, asOf, 'model', demoSources.population.rows),
});
const gap = first ? (first.p50 - outturn.forecast.p50) / outturn.forecast.p50 : Number.NaN;
console.log(
  `  first year p50 ${money(first?.p50 ?? 0)} vs /outturn p50 ${money(outturn.forecast.p50)}: ${(gap * 100).toFixed(2)}% (target within 2%) ${Math.abs(gap) <= 0.02 ? 'PASS' : 'MISS'}`,
);
if (!(Math.abs(gap) <= 0.02)) process.exitCode = 1;

const large = largeAuthority();
timed(
  `large authority (${large.placements.length} records, ${large.active} active), 5 years × 1,000 draws`,
  LARGE_TARGET_S,
  () => computeForecast(sourcesFor(large.placements, large.provisions, large.asOf), query, large.asOf),
);
