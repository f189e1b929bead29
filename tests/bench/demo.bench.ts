// Demo authority generator: time to generate (target < 200 ms) and the headline figures it produces.
// Run: npm run bench -- demo
import { quantile } from 'simple-statistics';
import { academicYearStartOf, censusDate } from '../../domain/dates';
import { isActiveOn } from '../../domain/placement';
import { placesInAcademicYear } from '../../domain/provision';
import { DEFAULT_DEMO_AS_OF, generateDemoAuthority } from '../../infra/local/demo/generate';

const RUNS = 20;

const firstStart = performance.now();
const demo = generateDemoAuthority();
const firstMs = performance.now() - firstStart;

const wall: number[] = [];
const cpu: number[] = [];
for (let run = 0; run < RUNS; run++) {
  const cpuStart = process.cpuUsage();
  const start = performance.now();
  generateDemoAuthority({ seed: run + 1 });
  wall.push(performance.now() - start);
  const used = process.cpuUsage(cpuStart);
  cpu.push((used.user + used.system) / 1000);
}

const asOf = DEFAULT_DEMO_AS_OF;
const active = demo.placements.filter((p) => isActiveOn(p, asOf));
const outOfBorough = active.filter((p) => !p.inBorough);
const percent = (part: number, whole: number) => `${((100 * part) / whole).toFixed(1)}%`;
const ms = (value: number) => `${value.toFixed(0)} ms`;

console.table({
  'first call (cold)': { value: ms(firstMs) },
  [`warm p50 of ${RUNS} seeds (wall)`]: { value: ms(quantile(wall, 0.5)) },
  [`warm p95 of ${RUNS} seeds (wall)`]: { value: ms(quantile(wall, 0.95)) },
  [`warm p50 of ${RUNS} seeds (CPU)`]: { value: ms(quantile(cpu, 0.5)) },
  'target (wall)': { value: '< 200 ms' },
});

const census = (year: number, need: string) =>
  demo.placements.filter((p) => p.primaryNeed === need && isActiveOn(p, censusDate(year))).length;
const growth = (need: string) => percent(census(2026, need) - census(2021, need), census(2021, need));
const year = academicYearStartOf(asOf);
console.table({
  placements: { value: demo.placements.length },
  provisions: { value: demo.provisions.length },
  [`active on ${asOf}`]: { value: active.length },
  'out of borough': { value: outOfBorough.length },
  'looked after, out of borough': {
    value: percent(outOfBorough.filter((p) => p.lookedAfter).length, outOfBorough.length),
  },
  'ASD growth, census 2021 → 2026': { value: growth('ASD') },
  'SEMH growth, census 2021 → 2026': { value: growth('SEMH') },
  'provisions ≥ 90% full': {
    value: demo.provisions.filter((provision) => {
      const places = placesInAcademicYear(provision, year);
      const occupied = active.filter((p) => p.provisionId === provision.id).length;
      return places > 0 && occupied / places >= 0.9;
    }).length,
  },
});
