// Readable tables for the model CLI (without --json): totals with bands, needs by year, trends, back-test
// errors beside the naive baselines, capacity and scenario rows.
import { NEEDS, SETTINGS } from '../domain/codes';
import type { ProjectionOutput, Quantiles } from '../model/output';

function table(header: string[], rows: (string | number)[][]): string {
  const cells = [header, ...rows.map((row) => row.map(String))];
  const widths = header.map((_, i) =>
    cells.reduce((widest, row) => Math.max(widest, (row[i] ?? '').length), 0),
  );
  const line = (row: string[]) =>
    row.map((cell, i) => (i === 0 ? cell.padEnd(widths[i] ?? 0) : cell.padStart(widths[i] ?? 0))).join('  ');
  return `${cells.map(line).join('\n')}\n`;
}

const whole = (value: number) => Math.round(value).toLocaleString('en-GB');
const money = (value: number) => `£${(value / 1e6).toFixed(2)}m`;
const percent = (value: number | null) => (value === null ? '—' : `${(value * 100).toFixed(1)}%`);
const bandCells = (q: Quantiles, format = whole) => [q.mean, q.p05, q.p25, q.p50, q.p75, q.p95].map(format);
const BAND_HEADER = ['mean', 'p05', 'p25', 'p50', 'p75', 'p95'];

function byKeyTable(rows: { key: string; year: number; q: Quantiles }[], label: string): string {
  const years = [...new Set(rows.map((r) => r.year))].sort((a, b) => a - b);
  const keys = [...new Set(rows.map((r) => r.key))];
  const index = new Map(rows.map((r) => [`${r.key}\u0000${r.year}`, r.q]));
  const cell = (key: string, year: number) => {
    const q = index.get(`${key}\u0000${year}`);
    return q ? `${whole(q.p50)} (${whole(q.p05)}–${whole(q.p95)})` : '';
  };
  return table(
    [label, ...years.map(String)],
    keys.map((key) => [key, ...years.map((year) => cell(key, year))]),
  );
}

const OUR_NEEDS = new Set<string>(NEEDS);
const OUR_SETTINGS = new Set<string>(SETTINGS);
const listed = (codes: string[]) => codes.sort().join(', ');

/**
 * A line saying that needs and settings which are not SEN2 needs or this product's settings are the input's
 * own codes (a witan.send set's letters: its demo anonymises them), so nobody reads "T" or "A" as a need or
 * a school they should know. Undefined when every code is ours.
 */
export function codesNote(output: ProjectionOutput): string | undefined {
  const needs = [...new Set(output.byNeed.map((row) => row.need))].filter((need) => !OUR_NEEDS.has(need));
  const settings = [...new Set(output.bySetting.map((row) => row.setting))].filter(
    (setting) => !OUR_SETTINGS.has(setting.replace(/@(IB|OB)$/, '')),
  );
  if (needs.length === 0 && settings.length === 0) return undefined;
  const what = [
    needs.length > 0 ? `needs ${listed(needs)}` : undefined,
    settings.length > 0 ? `settings ${listed(settings)}` : undefined,
  ]
    .filter(Boolean)
    .join(' and ');
  return `Codes: ${what} are the input's own codes, not SEN2 needs or this product's settings (the witan.send demo set anonymises them as letters; see data/witan-send-demo/SOURCE.md).\n`;
}

/** Breakdowns `--by` can ask for, each the name of its output array and how a row is labelled. */
export const BREAKDOWNS = {
  need: {
    label: 'need',
    rows: (o: ProjectionOutput) => o.byNeed.map((r) => ({ key: r.need, year: r.year, q: r })),
  },
  setting: {
    label: 'setting',
    rows: (o: ProjectionOutput) => o.bySetting.map((r) => ({ key: r.setting, year: r.year, q: r })),
  },
  'need,setting': {
    label: 'need × setting',
    rows: (o: ProjectionOutput) =>
      (o.byNeedSetting ?? []).map((r) => ({ key: `${r.need} in ${r.setting}`, year: r.year, q: r })),
  },
  'need,phase': {
    label: 'need × phase',
    rows: (o: ProjectionOutput) =>
      (o.byNeedPhase ?? []).map((r) => ({ key: `${r.need}, ${r.phase}`, year: r.year, q: r })),
  },
  'need,setting,phase': {
    label: 'need × setting × phase',
    rows: (o: ProjectionOutput) =>
      (o.byNeedSettingPhase ?? []).map((r) => ({
        key: `${r.need} in ${r.setting}, ${r.phase}`,
        year: r.year,
        q: r,
      })),
  },
  ncy: {
    label: 'NCY',
    rows: (o: ProjectionOutput) => (o.byNcy ?? []).map((r) => ({ key: String(r.ncy), year: r.year, q: r })),
  },
} as const;
export type Breakdown = keyof typeof BREAKDOWNS;

const share = (value: number | undefined) => (value === undefined ? '' : `${(value * 100).toFixed(1)}%`);
const growth = (value: number | undefined) =>
  value === undefined ? '' : `${value >= 0 ? '+' : ''}${(value * 100).toFixed(1)}%/y`;

/**
 * Readable tables: the total with its band, then the breakdowns asked for (`by`, default need and setting),
 * cost, trends, capacity, back-test and scenario.
 */
export function formatOutput(
  output: ProjectionOutput,
  by: readonly Breakdown[] = ['need', 'setting'],
): string {
  const parts: string[] = [];
  const runInfo = [
    output.method,
    `base year ${output.baseYear}`,
    output.draws === undefined ? undefined : `${output.draws} draws`,
    output.seed === undefined ? undefined : `seed ${output.seed}`,
  ].filter(Boolean);
  parts.push(`Projection: ${runInfo.join(', ')}\n`);
  if (output.population)
    parts.push(
      `Population: ${[
        output.population.areaName,
        output.population.areaCode && `(${output.population.areaCode})`,
      ]
        .filter(Boolean)
        .join(' ')}${output.population.areaName ? ', ' : ''}${output.population.source}\n`,
    );
  const note = codesNote(output);
  if (note) parts.push(note);
  parts.push(
    `\nEHCPs, all needs\n${table(
      ['year', ...BAND_HEADER],
      output.total.map((r) => [r.year, ...bandCells(r)]),
    )}`,
  );
  for (const name of by) {
    const { label, rows } = BREAKDOWNS[name];
    const found = rows(output);
    parts.push(
      found.length > 0
        ? `\nBy ${label}: p50 (p05–p95)\n${byKeyTable(found, label)}`
        : `\nBy ${label}: not in this projection (${output.method})\n`,
    );
  }
  if (output.cost.length > 0)
    parts.push(
      `\nCost\n${table(
        ['year', ...BAND_HEADER],
        output.cost.map((r) => [r.year, ...bandCells(r, money)]),
      )}`,
    );
  if (output.trends && output.trends.length > 0)
    parts.push(
      `\nTrends: the total's candidates weighted by back-test skill; each need a share with pooled growth\n${table(
        ['series', 'method', 'chosen by', 'weights', 'drift sd', 'share', 'growth (raw)', 'capped'],
        output.trends.map((t) => [
          t.setting === undefined ? t.need : `${t.need} in ${t.setting}`,
          t.method,
          t.chosenBy,
          t.weights
            ? Object.entries(t.weights)
                .map(([method, weight]) => `${method} ${(weight * 100).toFixed(0)}%`)
                .join(', ')
            : '',
          t.driftSd === undefined ? '' : t.driftSd.toPrecision(3),
          share(t.share),
          t.growth === undefined ? '' : `${growth(t.growth)} (${growth(t.rawGrowth)})`,
          t.capped ? 'yes' : '',
        ]),
      )}`,
    );
  if (output.capacity && output.capacity.length > 0)
    parts.push(
      `\nCapacity\n${table(
        [
          'need',
          'phase',
          'year',
          'places',
          'demand p50',
          'shortfall p50',
          'shortfall p95',
          'utilisation',
          'overflow',
          'overflow cost',
        ],
        output.capacity.map((r) => [
          r.need,
          r.phase,
          r.year,
          whole(r.places),
          whole(r.demand.p50),
          whole(r.shortfall.p50),
          whole(r.shortfall.p95),
          percent(r.utilisation),
          whole(r.overflow.mean),
          money(r.overflowCost.mean),
        ]),
      )}`,
    );
  if (output.backtest) {
    const { origins, rows } = output.backtest;
    parts.push(
      `\nBack-test, origins ${origins.join(', ')}: MAPE of the median beside the naive baselines; band coverage\n${table(
        ['need', 'h', 'n', 'model MAPE', 'last value', 'linear trend', '50% band', '90% band'],
        rows.map((r) => [
          r.need,
          r.horizon,
          r.n,
          percent(r.mape),
          percent(r.baselines.lastValue),
          percent(r.baselines.linearTrend),
          percent(r.coverage50),
          percent(r.coverage90),
        ]),
      )}`,
    );
  }
  if (output.scenario) {
    const { name, rows, breakEvenYear, capitalCost } = output.scenario;
    parts.push(
      `\nScenario "${name}" against baseline${capitalCost === undefined ? '' : ` (capital ${money(capitalCost)})`}\n${table(
        [
          'year',
          'specialist base',
          'specialist scen.',
          'local places',
          'OOB avoided',
          'cost base',
          'cost scen.',
          'saving',
          'cumulative',
        ],
        rows.map((r) => [
          r.year,
          whole(r.specialistDemand.baseline),
          whole(r.specialistDemand.scenario),
          whole(r.localPlaces.scenario),
          whole(r.outOfBoroughAvoided),
          money(r.cost.baseline),
          money(r.cost.scenario),
          money(r.saving),
          money(r.cumulativeSaving),
        ]),
      )}break-even year: ${breakEvenYear ?? 'not within the horizon'}\n`,
    );
  }
  if (output.warnings && output.warnings.length > 0)
    parts.push(`\nNotes\n${output.warnings.map((w) => `- ${w}\n`).join('')}`);
  return parts.join('');
}
