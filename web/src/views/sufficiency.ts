// Sufficiency: projected demand for local specialist places against commissioned capacity, by need (ASD and
// SEMH first) and phase, with its uncertainty; where and when places run short; and how well the model
// has forecast the past against naive baselines.
import { NEEDS, PHASE_LABELS, PHASES, type Phase, SETTING_INFO, type Setting } from '../../../domain/codes';
import type {
  BacktestRow,
  CapacityRow,
  NeedSettingPhaseYearQuantiles,
  ProjectionOutput,
  Quantiles,
} from '../../../model/output';
import { ApiError, getProjection, runProjection, type StoredProjection } from '../api';
import { chartFigure, fanSeries, PALETTE } from '../chart';
import { fmt, h, section, table } from '../ui';

/** Long enough to see the next admissions rounds and a new school's build time. */
export const PROJECTION_HORIZON = 8;

let baseline: Promise<StoredProjection> | undefined;

/**
 * The baseline projection: the stored one a link names (`#/sufficiency?projection=<id>`: how a planner
 * shares a run with readers, who may not run one), else one run per page load, shared by the views.
 */
function baselineProjection(options: { linked?: string | null; refresh?: boolean } = {}) {
  if (options.linked && !options.refresh) return getProjection(options.linked);
  if (!baseline || options.refresh) {
    baseline = runProjection({ horizon: PROJECTION_HORIZON, backtest: true }).catch((error: unknown) => {
      if (error instanceof ApiError && error.status === 403)
        throw new ApiError(
          403,
          error.path,
          `${error.message}. Ask a planner for a link to a projection (it opens here as #/sufficiency?projection=…).`,
        );
      throw error;
    });
    baseline.catch(() => {
      baseline = undefined; // let the next visit retry
    });
  }
  return baseline;
}

const needOrder = (need: string) => {
  const index = (NEEDS as readonly string[]).indexOf(need);
  return index === -1 ? NEEDS.length : index;
};
const phaseOrder = (phase: string) => {
  const index = (PHASES as readonly string[]).indexOf(phase);
  return index === -1 ? PHASES.length : index;
};

export function sufficiencyView(root: HTMLElement, params: URLSearchParams): void {
  const body = h('div');
  const rerun = h('button', { type: 'button', class: 'secondary' }, 'Run the projection again');
  root.append(
    h('div', { class: 'view-head' }, h('h2', {}, 'Sufficiency'), rerun),
    h(
      'p',
      { class: 'lede' },
      'Demand for local specialist places (resourced provision and special schools) projected from the recorded placements, against the places commissioned in each academic year.',
    ),
    body,
  );
  const load = (refresh: boolean) =>
    section(
      body,
      'the projection (a few seconds)',
      () => baselineProjection({ linked: params.get('projection'), refresh }),
      (p) => renderProjection(p, params),
    );
  rerun.addEventListener('click', () => {
    params.delete('projection');
    void load(true);
  });
  void load(false);
}

function renderProjection(projection: StoredProjection, params: URLSearchParams) {
  const output = projection.output;
  const capacity = output.capacity ?? [];
  if (capacity.length === 0)
    return h(
      'p',
      { class: 'error', role: 'alert' },
      'The projection has no capacity figures: record local provisions first.',
    );
  const needs = [...new Set(capacity.map((r) => r.need))].sort((a, b) => needOrder(a) - needOrder(b));
  const phases = [...new Set(capacity.map((r) => r.phase))].sort((a, b) => phaseOrder(a) - phaseOrder(b));
  const years = [...new Set(capacity.map((r) => r.year))].sort((a, b) => a - b);

  const state = {
    need: needs.includes(params.get('need') ?? '') ? (params.get('need') as string) : (needs[0] as string),
    phase: phases.includes(params.get('phase') ?? '')
      ? (params.get('phase') as string)
      : worstPhase(capacity, needs[0] as string),
  };
  const select = (id: string, label: string, options: string[], value: string) =>
    h(
      'div',
      { class: 'field' },
      h('label', { for: id }, label),
      h(
        'select',
        { id, name: id },
        ...options.map((o) => h('option', { value: o, selected: o === value }, o)),
      ),
    );
  // The address always names the projection shown, so it can be shared or bookmarked.
  const viewLink = () =>
    `#/sufficiency?${new URLSearchParams({ projection: projection.id, need: state.need, phase: state.phase })}`;
  history.replaceState(null, '', viewLink());
  const needSelect = select('suff-need', 'Primary need', needs, state.need);
  const phaseSelect = select('suff-phase', 'Phase', phases, state.phase);
  const detail = h('div');
  const draw = () => {
    detail.replaceChildren(
      ...renderNeed(capacity, state.need, state.phase, years, phases, output.baseYear),
      renderBreakdown(output, state.need),
    );
  };
  const controls = h(
    'form',
    { class: 'controls', 'aria-label': 'Choose need and phase', onsubmit: (e: Event) => e.preventDefault() },
    needSelect,
    phaseSelect,
    h(
      'p',
      { class: 'meta' },
      'Projection ',
      h('a', { href: `#/sufficiency?projection=${projection.id}`, id: 'projection-link' }, projection.id),
      `: ${output.method}, base census ${output.baseYear}`,
      output.draws ? `, ${fmt.count(output.draws)} draws` : '',
      '.',
    ),
  );
  controls.addEventListener('change', (event) => {
    const target = event.target as HTMLSelectElement;
    if (target.id === 'suff-need') state.need = target.value;
    if (target.id === 'suff-phase') state.phase = target.value;
    history.replaceState(null, '', viewLink());
    draw();
  });
  draw();
  return [
    controls,
    detail,
    ...(output.warnings?.length
      ? [
          h(
            'details',
            { class: 'notice' },
            h(
              'summary',
              {},
              `Model notes (${output.warnings.length}): fallbacks the model took on this data`,
            ),
            h('ul', {}, ...output.warnings.map((warning) => h('li', {}, warning))),
          ),
        ]
      : []),
    output.backtest
      ? renderBacktest(output.backtest.rows, output.backtest.origins)
      : h(
          'p',
          { class: 'notice', id: 'no-backtest' },
          'This projection carries no back-test (the model notes above say why, e.g. too few censuses). The model CLI runs one on files: npm run -s model -- backtest.',
        ),
  ];
}

/** The phase with the largest median shortfall for a need over the horizon (the one to look at first). */
function worstPhase(capacity: CapacityRow[], need: string): string {
  const rows = capacity.filter((r) => r.need === need);
  const worst = rows.reduce<CapacityRow | undefined>(
    (best, row) => (!best || row.shortfall.p50 > best.shortfall.p50 ? row : best),
    undefined,
  );
  return worst?.phase ?? rows[0]?.phase ?? 'secondary';
}

function renderNeed(
  capacity: CapacityRow[],
  need: string,
  phase: string,
  years: number[],
  phases: string[],
  baseYear: number,
): Node[] {
  const series = capacity.filter((r) => r.need === need && r.phase === phase).sort((a, b) => a.year - b.year);
  const fan = chartFigure({
    id: 'chart-fan',
    title: `${need} ${phase}: projected demand against local places`,
    description: `Children wanting a local specialist ${phase} place with a primary need of ${need}, by January census: median, 50% and 90% bands, against commissioned places.`,
    height: 360,
    option: {
      legend: {
        top: 0,
        data: [`${need} demand (median)`, '50% band (p25–p75)', '90% band (p05–p95)', 'Local places'],
      },
      tooltip: {
        trigger: 'axis',
        formatter: (items: { dataIndex: number }[]) => {
          const row = series[items[0]?.dataIndex ?? 0];
          if (!row) return '';
          return [
            `<strong>January ${row.year}</strong>`,
            `Demand median ${fmt.decimal(row.demand.p50)}`,
            `50%: ${fmt.decimal(row.demand.p25)}–${fmt.decimal(row.demand.p75)}`,
            `90%: ${fmt.decimal(row.demand.p05)}–${fmt.decimal(row.demand.p95)}`,
            `Local places ${fmt.count(row.places)}`,
            `Short (median) ${fmt.decimal(row.shortfall.p50)}`,
          ].join('<br>');
        },
      },
      xAxis: { type: 'category', data: series.map((r) => String(r.year)), boundaryGap: false },
      yAxis: { type: 'value', name: 'Children', min: 0 },
      series: [
        ...fanSeries(
          series.map((r) => r.demand),
          `${need} demand`,
        ),
        {
          name: 'Local places',
          type: 'line',
          step: 'end',
          data: series.map((r) => r.places),
          lineStyle: { width: 3, type: 'dashed', color: PALETTE[1] },
          itemStyle: { color: PALETTE[1] },
          symbol: 'rect',
        },
      ],
    },
    table: table(
      `${need} ${phase}: demand and places by year`,
      [
        { label: 'January', value: (r: CapacityRow) => r.year },
        { label: 'Local places', value: (r) => fmt.count(r.places), numeric: true },
        { label: 'Demand p05', value: (r) => fmt.decimal(r.demand.p05), numeric: true },
        { label: 'p25', value: (r) => fmt.decimal(r.demand.p25), numeric: true },
        { label: 'Median', value: (r) => fmt.decimal(r.demand.p50), numeric: true },
        { label: 'p75', value: (r) => fmt.decimal(r.demand.p75), numeric: true },
        { label: 'p95', value: (r) => fmt.decimal(r.demand.p95), numeric: true },
      ],
      series,
    ),
  });

  // Shortfall for the need, by year and phase: the table a planner quotes ("how many short in 2028").
  const cell = (year: number, p: string) =>
    capacity.find((r) => r.need === need && r.year === year && r.phase === p);
  const rows = years.map((year) => {
    const cells = phases.map((p) => cell(year, p));
    return {
      year,
      cells,
      p50: cells.reduce((sum, c) => sum + (c?.shortfall.p50 ?? 0), 0),
      p95: cells.reduce((sum, c) => sum + (c?.shortfall.p95 ?? 0), 0),
      overflowCost: cells.reduce((sum, c) => sum + (c?.overflowCost.p50 ?? 0), 0),
    };
  });
  type ShortRow = (typeof rows)[number];
  const shortfall = h(
    'section',
    { class: 'card', 'aria-labelledby': 'shortfall-heading' },
    h('h3', { id: 'shortfall-heading' }, `${need}: places short by year`),
    h(
      'p',
      { class: 'figure-note' },
      'Shortfall = projected demand beyond local places, rounded up, at the median (and at the 95th percentile in brackets). Children beyond local places go to independent or out-of-borough settings at their cost.',
    ),
    table(
      `${need} specialist places short, by January census and phase`,
      [
        { label: 'January', value: (r: ShortRow) => (r.year === baseYear ? `${r.year} (census)` : r.year) },
        ...phases.map((p, index) => ({
          label: p,
          value: (r: ShortRow) => {
            const c = r.cells[index];
            return c
              ? `${fmt.count(Math.ceil(c.shortfall.p50))} (${fmt.count(Math.ceil(c.shortfall.p95))})`
              : '—';
          },
          numeric: true,
        })),
        {
          label: 'All phases, median',
          value: (r) => fmt.count(Math.ceil(r.p50)),
          numeric: true,
          field: 'shortfall-p50',
        },
        {
          label: 'All phases, p95',
          value: (r) => fmt.count(Math.ceil(r.p95)),
          numeric: true,
          field: 'shortfall-p95',
        },
        { label: 'Overflow cost (median)', value: (r) => fmt.money(r.overflowCost), numeric: true },
      ],
      rows,
      { id: 'shortfall-table', 'data-need': need },
    ),
  );
  return [h('div', { class: 'grid-fan' }, fan), shortfall];
}

/** `independent-special@OB` → "Independent special school, out of borough". */
function settingLabel(stateSetting: string): string {
  const [setting = stateSetting, where] = stateSetting.split('@');
  const label = SETTING_INFO[setting as Setting]?.label ?? setting;
  return where === 'OB' ? `${label}, out of borough` : where === 'IB' ? `${label}, in borough` : label;
}

const band = (q: Quantiles) => `${fmt.count(q.p50)} (${fmt.count(q.p05)}–${fmt.count(q.p95)})`;

/**
 * Where the need's children are: every setting × phase with children, median (p05–p95) at the census and a
 * few projected years. The cells come from the same draws as the totals, so they add up draw by draw.
 */
function renderBreakdown(output: ProjectionOutput, need: string): HTMLElement {
  const cells = (output.byNeedSettingPhase ?? []).filter((r) => r.need === need);
  const last = Math.max(...cells.map((r) => r.year));
  const shown = [output.baseYear, output.baseYear + 1, output.baseYear + 3, output.baseYear + 5, last].filter(
    (year, i, all) => year <= last && all.indexOf(year) === i,
  );
  const byCell = new Map<string, Map<number, NeedSettingPhaseYearQuantiles>>();
  for (const row of cells) {
    const key = `${row.setting}|${row.phase}`;
    byCell.set(key, (byCell.get(key) ?? new Map()).set(row.year, row));
  }
  type CellRow = { setting: string; phase: string; years: Map<number, NeedSettingPhaseYearQuantiles> };
  const rows: CellRow[] = [...byCell]
    .map(([key, years]) => {
      const [setting = '', phase = ''] = key.split('|');
      return { setting, phase, years };
    })
    .sort(
      (a, b) =>
        (b.years.get(last)?.p50 ?? 0) - (a.years.get(last)?.p50 ?? 0) ||
        phaseOrder(a.phase) - phaseOrder(b.phase),
    );
  return h(
    'section',
    { class: 'card', 'aria-labelledby': 'breakdown-heading' },
    h('h3', { id: 'breakdown-heading' }, `${need}: children by setting and phase`),
    h(
      'p',
      { class: 'figure-note' },
      'Median (90% band) of the children with this primary need in each setting and phase, largest first. From the same draws as the totals: in every draw the rows add up to the need’s total.',
    ),
    rows.length === 0
      ? h('p', { class: 'notice' }, 'This projection has no breakdown by setting and phase.')
      : table(
          `${need}: children by setting and phase, median (p05–p95)`,
          [
            { label: 'Setting', value: (r: CellRow) => settingLabel(r.setting) },
            { label: 'Phase', value: (r: CellRow) => PHASE_LABELS[r.phase as Phase] ?? r.phase },
            ...shown.map((year) => ({
              label: year === output.baseYear ? `January ${year} (census)` : `January ${year}`,
              value: (r: CellRow) => {
                const q = r.years.get(year);
                return q ? (year === output.baseYear ? fmt.count(q.p50) : band(q)) : '—';
              },
              numeric: true,
            })),
          ],
          rows,
          { id: 'breakdown-table', 'data-need': need },
        ),
  );
}

function renderBacktest(rows: BacktestRow[], origins: number[]): HTMLElement {
  const horizon1 = rows
    .filter((r) => r.horizon === 1)
    .sort((a, b) => (a.need === 'ALL' ? -1 : b.need === 'ALL' ? 1 : needOrder(a.need) - needOrder(b.need)));
  const percent = (v: number | null) => (v === null ? null : Math.round(v * 1000) / 10);
  return chartFigure({
    id: 'chart-backtest',
    title: 'Back-test: one-year-ahead error against naive baselines',
    description: `Mean absolute percentage error of forecasts one year ahead, fitted only on data up to each origin (${origins.join(', ')}), for the model and for two naive forecasts: last value carried forward and a straight-line trend. Lower is better.`,
    option: {
      tooltip: { trigger: 'axis', valueFormatter: (v: number) => `${v}%` },
      xAxis: { type: 'category', data: horizon1.map((r) => r.need) },
      yAxis: { type: 'value', name: 'MAPE %' },
      series: [
        { name: 'Model', type: 'bar', data: horizon1.map((r) => percent(r.mape)) },
        { name: 'Last value', type: 'bar', data: horizon1.map((r) => percent(r.baselines.lastValue)) },
        { name: 'Linear trend', type: 'bar', data: horizon1.map((r) => percent(r.baselines.linearTrend)) },
      ],
    },
    table: table(
      'Back-test errors by need and horizon',
      [
        { label: 'Need', value: (r: BacktestRow) => r.need },
        { label: 'Years ahead', value: (r) => r.horizon, numeric: true },
        { label: 'Forecasts scored', value: (r) => r.n, numeric: true },
        { label: 'Model MAPE', value: (r) => fmt.percent(r.mape), numeric: true, field: 'mape' },
        { label: 'Last value MAPE', value: (r) => fmt.percent(r.baselines.lastValue), numeric: true },
        { label: 'Linear trend MAPE', value: (r) => fmt.percent(r.baselines.linearTrend), numeric: true },
        { label: 'In 50% band', value: (r) => fmt.percent(r.coverage50), numeric: true },
        { label: 'In 90% band', value: (r) => fmt.percent(r.coverage90), numeric: true },
      ],
      [...rows].sort((a, b) => needOrder(a.need) - needOrder(b.need) || a.horizon - b.horizon),
      { id: 'backtest-table' },
    ),
  });
}
