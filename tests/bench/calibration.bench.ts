// `npm run bench -- calibration`: the figures of docs/model.md's calibration tables, as markdown rows, each
// against its target where the model promises one. Simulated chains (growing, flat, shrinking × 3, 5 and 10
// years of history × REPLICATES replicates, the same runs as tests/unit/model-coverage-*.test.ts), then the
// rolling-origin back-tests of every real series in the repository. Seeded throughout: the same figures on
// every run. Exits non-zero when a simulated chain misses its coverage target.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { generateDemoAuthority } from '../../infra/local/demo/generate';
import { parseCounts } from '../../model/aggregate-csv';
import { backtestAggregate, backtestMarkov } from '../../model/backtest';
import { projectMarkov } from '../../model/markov';
import type { BacktestRow } from '../../model/output';
import { populationRows, populationUpTo } from '../../model/population';
import { placementsToModelData } from '../../model/snapshots';
import { parseWitanCsv } from '../../model/witan';
import { chainCoverage, FUTURE_YEARS, REPLICATES } from '../helpers/coverage';
import { REPO_ROOT, witanDemoTexts } from '../helpers/data';
import { onsPopulation, SOUTH_TYNESIDE } from '../helpers/population';

const two = (share: number) => share.toFixed(2);
const percent = (share: number | null) => (share === null ? '—' : `${(share * 100).toFixed(1)}%`);
const inBand = (share: number, low: number, high: number) => share >= low && share <= high;

let missed = 0;
console.log(
  `Simulated chains: ${REPLICATES} replicates each, 1–${FUTURE_YEARS} years ahead (targets 85–95%, 40–60%)`,
);
console.log(
  '| chain | years of history | 90% band at 1 / 2 / 3 years | 50% band at 1 / 2 / 3 years | verdict |',
);
console.log('|---|---|---|---|---|');
for (const [label, growth] of [
  ['growing 8%/y', 0.08],
  ['flat', 0],
  ['shrinking 6%/y', -0.06],
] as const) {
  for (const history of [3, 5, 10]) {
    const { band90, band50 } = chainCoverage(growth, history);
    const ok = band90.every((s) => inBand(s, 0.85, 0.95)) && band50.every((s) => inBand(s, 0.4, 0.6));
    if (!ok) missed++;
    console.log(
      `| ${label} | ${history} | ${band90.map(two).join(' / ')} | ${band50.map(two).join(' / ')} | ${ok ? 'PASS' : 'MISS'} |`,
    );
  }
}

/** A back-test's rows for one need as the docs' table: horizon, n, bands, MAPE beside the two baselines. */
function table(title: string, rows: readonly BacktestRow[], need = 'ALL') {
  console.log(`\n${title}`);
  console.log('| years ahead | n | 90% band | 50% band | MAPE | last value | linear trend |');
  console.log('|---|---|---|---|---|---|---|');
  for (const row of rows.filter((r) => r.need === need))
    console.log(
      `| ${row.horizon} | ${row.n} | ${percent(row.coverage90)} | ${percent(row.coverage50)} | ${percent(row.mape)} | ${percent(row.baselines.lastValue)} | ${percent(row.baselines.linearTrend)} |`,
    );
}

/** Forecasts inside the band over every need but the total, as "k of n" per horizon. */
function byNeed(rows: readonly BacktestRow[]) {
  const needs = rows.filter((r) => r.need !== 'ALL');
  const horizons = [...new Set(needs.map((r) => r.horizon))].sort((a, b) => a - b);
  return horizons
    .map((h) => {
      const at = needs.filter((r) => r.horizon === h);
      const n = at.reduce((sum, r) => sum + r.n, 0);
      const held = (key: 'coverage90' | 'coverage50') =>
        Math.round(at.reduce((sum, r) => sum + (r[key] ?? 0) * r.n, 0));
      return `${h} year(s) ahead: 90% band ${held('coverage90')} of ${n}, 50% band ${held('coverage50')} of ${n}`;
    })
    .join('; ');
}

const fixture = (name: string) =>
  parseCounts(readFileSync(join(REPO_ROOT, 'tests/fixtures/model', name), 'utf8'));
const ehcps = backtestAggregate(fixture('south-tyneside-ehcps.csv'), { origin: 2017, seed: 42 });
table("South Tyneside's EHCPs (aggregate, counts), origins 2017–2024", ehcps.backtest?.rows ?? []);
const needs = backtestAggregate(fixture('south-tyneside-needs.csv'), { origin: 2022, seed: 42 });
table('South Tyneside by need (aggregate), origins 2022–2024: the total', needs.backtest?.rows ?? []);
console.log(`By need: ${byNeed(needs.backtest?.rows ?? [])}`);

const witan = parseWitanCsv(witanDemoTexts());
const witanBacktest = backtestMarkov(
  witan,
  (data, baseYear, horizon) =>
    projectMarkov(data, { baseYear, horizon, draws: 1000, seed: 42, breakdowns: false }),
  { origin: 2015 },
);
table("witan.send's demo (Markov), origins 2015–2016: the total", witanBacktest.backtest?.rows ?? []);
console.log(`By need: ${byNeed(witanBacktest.backtest?.rows ?? [])}`);
const whole = (value: number) => Math.round(value).toLocaleString('en-GB');
const witanRun = projectMarkov(witan, { horizon: 5, draws: 1000, seed: 42 });
console.log("\nwitan.send's demo projected from 2017 (1,000 draws, seed 42)");
console.log('| year | mean | 50% band | 90% band |');
console.log('|---|---|---|---|');
for (const row of witanRun.total)
  console.log(
    `| ${row.year} | ${whole(row.mean)} | ${whole(row.p25)}–${whole(row.p75)} | ${whole(row.p05)}–${whole(row.p95)} |`,
  );
const at2022 = <T extends { year: number }>(rows: readonly T[] | undefined) =>
  rows?.find((r) => r.year === 2022);
const needW = witanRun.byNeed.find((row) => row.need === 'W' && row.year === 2022);
console.log(
  `2022: p50 ${whole(at2022(witanRun.total)?.p50 ?? 0)}, joiners ${whole(at2022(witanRun.joiners)?.mean ?? 0)}, need W p50 ${whole(needW?.p50 ?? 0)} mean ${whole(needW?.mean ?? 0)}; expected-value path ${whole(at2022(projectMarkov(witan, { horizon: 5, expectedOnly: true }).total)?.mean ?? 0)}`,
);

const asOf = '2026-02-01';
const { placements } = generateDemoAuthority({ asOf });
const population = populationRows(onsPopulation(SOUTH_TYNESIDE));
const { data: demoData } = placementsToModelData(placements, { asOf, population });
const demoBacktest = backtestMarkov(
  demoData,
  (data, baseYear, horizon) =>
    projectMarkov(data, { baseYear, horizon, draws: 200, seed: 42, breakdowns: false }),
  {
    origin: 2020,
    horizon: 3,
    dataUpTo: (origin) =>
      placementsToModelData(placements, {
        asOf,
        lastYear: origin,
        population: populationUpTo(population, origin),
      }).data,
  },
);
table(
  'Demo Borough (Markov from its placements), origins 2020–2025: the total',
  demoBacktest.backtest?.rows ?? [],
);

if (missed > 0) {
  console.error(`\n${missed} simulated chain(s) outside the coverage targets`);
  process.exit(1);
}
