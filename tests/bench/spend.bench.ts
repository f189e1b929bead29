// Spend engine: 10,000 synthetic placements (a third with one or two cost changes) over 36 months
// (FY 2023-24 to 2025-26), every breakdown computed. Target: ≤ 200 ms on a 2-core machine.
import { FUNDERS, NEEDS, SETTINGS } from '../../domain/codes';
import { fromDayNumber, toDayNumber } from '../../domain/dates';
import type { Costs } from '../../domain/placement';
import {
  computeSpend,
  SPEND_DIMENSIONS,
  type SpendPlacement,
  spendBreakdown,
  spendTotal,
} from '../../domain/spend';

const PLACEMENTS = 10_000;
const RUNS = 30;
const TARGET_MS = 200;
const RANGE = { from: '2023-04-01', to: '2026-03-31' };

/** Small deterministic generator (mulberry32), so every run measures the same data. */
function random(seed: number) {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

function syntheticPlacements(n: number): SpendPlacement[] {
  const next = random(42);
  const pick = <T>(list: readonly T[]) => list[Math.floor(next() * list.length)] as T;
  const firstDay = toDayNumber('2019-09-01');
  const lastDay = toDayNumber('2026-03-01');
  const costsOf = (education: number): Costs => ({
    education,
    socialCare: next() < 0.2 ? Math.round(next() * 80_000) : 0,
    health: next() < 0.05 ? Math.round(next() * 30_000) : 0,
    transport: next() < 0.4 ? Math.round(next() * 12_000) : 0,
  });
  return Array.from({ length: n }, () => {
    const start = firstDay + Math.floor(next() * (lastDay - firstDay));
    const end = next() < 0.6 ? start + 30 + Math.floor(next() * 1800) : undefined;
    const first = costsOf(Math.round(5_000 + next() * 70_000));
    const history = [{ effectiveFrom: fromDayNumber(start), costs: first }];
    const changes = next() < 0.33 ? 1 + Math.floor(next() * 2) : 0;
    for (let c = 1; c <= changes; c++)
      history.push({
        effectiveFrom: fromDayNumber(start + c * 200),
        costs: costsOf(first.education * (1 + 0.05 * c)),
      });
    return {
      primaryNeed: pick(NEEDS),
      setting: pick(SETTINGS),
      inBorough: next() < 0.7,
      startDate: fromDayNumber(start),
      endDate: end === undefined ? undefined : fromDayNumber(end),
      costs: history.at(-1)?.costs ?? first,
      costHistory: history,
    };
  });
}

const placements = syntheticPlacements(PLACEMENTS);
const changed = placements.filter((p) => p.costHistory.length > 1).length;

function once(): { ms: number; total: number } {
  const started = performance.now();
  const cube = computeSpend(placements, RANGE);
  for (const by of SPEND_DIMENSIONS) spendBreakdown(cube, by);
  const total = spendTotal(cube);
  return { ms: performance.now() - started, total };
}

once(); // warm-up: JIT and lazy module initialisation
const timings: number[] = [];
let total = 0;
for (let run = 0; run < RUNS; run++) {
  (globalThis as { gc?: () => void }).gc?.();
  const result = once();
  timings.push(result.ms);
  total = result.total;
}
timings.sort((a, b) => a - b);
const quantile = (q: number) =>
  timings[Math.min(timings.length - 1, Math.ceil(q * timings.length) - 1)] as number;
const median = quantile(0.5);
const p95 = quantile(0.95);

console.table({
  placements: { value: PLACEMENTS },
  'with cost changes': { value: changed },
  months: { value: 36 },
  funders: { value: FUNDERS.length },
  runs: { value: RUNS },
  'median ms': { value: Number(median.toFixed(1)) },
  'p95 ms': { value: Number(p95.toFixed(1)) },
  'min ms': { value: Number((timings[0] as number).toFixed(1)) },
  'target ms': { value: TARGET_MS },
  'total £': { value: total },
});
console.log(
  median <= TARGET_MS
    ? `OK: median ${median.toFixed(1)} ms ≤ ${TARGET_MS} ms`
    : `OVER TARGET: median ${median.toFixed(1)} ms`,
);
if (median > TARGET_MS) process.exitCode = 1;
