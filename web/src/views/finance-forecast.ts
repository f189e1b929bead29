// Finance, the years ahead: the five-year high needs forecast (GET /forecast) as a fan chart against the
// budget, the cumulative DSG balance without and with the chosen mitigations (planners' scenarios), and each
// mitigation's saving by year, every chart with its table; and the DSG management plan workbook for the
// same years and mitigations.
import {
  type Forecast,
  type ForecastYear,
  getForecast,
  listScenarios,
  managementPlanCsvUrl,
  managementPlanXlsxUrl,
  type PlanQuery,
  type StoredScenario,
} from '../api';
import { chartFigure, fanSeries, PALETTE } from '../chart';
import { fmt, h, section, table } from '../ui';

const PLAN_YEARS = 5;

/** The mitigations chosen in the page's address: `#/finance?mitigations=id1,id2`. */
export const mitigationsOf = (params: URLSearchParams): string[] =>
  (params.get('mitigations') ?? '').split(',').filter((id) => /^[A-Za-z0-9_-]{1,64}$/.test(id));

export function forecastSection(root: HTMLElement, params: URLSearchParams, from: string): void {
  const plan: PlanQuery = { from, years: PLAN_YEARS, mitigations: mitigationsOf(params) };
  const chooser = h('div');
  const charts = h('div');
  root.append(
    h(
      'section',
      { class: 'card', 'aria-labelledby': 'plan-heading' },
      h('h3', { id: 'plan-heading' }, `DSG management plan, ${from} and the ${PLAN_YEARS - 1} years after`),
      h(
        'p',
        { class: 'figure-note' },
        'High needs block: actual spend to date, then the Markov projection of the caseload (joiners, leavers, moves, ageing and post-16 transitions, overflow to independent and out-of-borough settings) priced at the recorded unit costs with the annual cost uplift.',
      ),
      h(
        'p',
        { class: 'downloads' },
        h(
          'a',
          {
            href: managementPlanXlsxUrl(plan),
            download: `dsg-management-plan-${from}.xlsx`,
            id: 'download-plan-xlsx',
          },
          `Download the ${PLAN_YEARS}-year DSG management plan (XLSX)`,
        ),
        ' · ',
        h('a', { href: managementPlanCsvUrl(plan), download: `dsg-management-plan-${from}.csv` }, 'CSV'),
      ),
      chooser,
    ),
    charts,
  );
  void section(chooser, 'the scenarios', listScenarios, ({ items }) => mitigationChooser(items, plan));
  void section(charts, 'the five-year forecast', () => getForecast(plan), renderForecast);
}

function mitigationChooser(scenarios: StoredScenario[], plan: PlanQuery): Node {
  if (scenarios.length === 0)
    return h(
      'p',
      { class: 'figure-note' },
      'No scenarios yet: planners save them on the Scenarios page; each can be applied here as a mitigation.',
    );
  const form = h(
    'form',
    { class: 'controls', 'aria-label': 'Mitigations', onsubmit: (e: Event) => e.preventDefault() },
    h(
      'fieldset',
      { id: 'mitigations' },
      h('legend', {}, 'Apply scenarios as mitigations'),
      ...scenarios.map((stored) =>
        h(
          'label',
          { class: 'check' },
          h('input', {
            type: 'checkbox',
            name: 'mitigation',
            value: stored.id,
            checked: plan.mitigations.includes(stored.id),
          }),
          ` ${stored.scenario.name}`,
        ),
      ),
    ),
  );
  form.addEventListener('change', () => {
    const chosen = [...form.querySelectorAll<HTMLInputElement>('input[name="mitigation"]:checked')].map(
      (input) => input.value,
    );
    const params = new URLSearchParams(location.hash.split('?')[1] ?? '');
    if (chosen.length > 0) params.set('mitigations', chosen.join(','));
    else params.delete('mitigations');
    location.hash = `#/finance?${params}`;
  });
  return form;
}

const label = (year: ForecastYear) =>
  year.basis === 'actual'
    ? `${year.financialYear} (actual)`
    : year.basis === 'forecast'
      ? year.financialYear
      : `${year.financialYear} (to date + forecast)`;

function renderForecast(forecast: Forecast): Node[] {
  const years = forecast.years;
  const categories = years.map((y) => y.financialYear);
  const hasBudget = years.some((y) => y.budget !== null);
  const mitigated = forecast.mitigations.length > 0;
  const nodes: Node[] = [
    chartFigure({
      id: 'chart-forecast',
      title: `High needs spend, ${categories[0]} to ${categories.at(-1)}: forecast against budget`,
      description: `${forecast.counts}. Median with 50% and 90% bands${hasBudget ? '; the dashed line is the budget (a year without one is the last budget grown by the budget growth)' : '; no budget set'}${mitigated ? '; the green line is the median with the chosen mitigations' : ''}.`,
      height: 360,
      option: {
        // The bands' transparent lower edges stay out of the legend.
        legend: {
          top: 0,
          data: [
            'Forecast spend (median)',
            '50% band (p25–p75)',
            '90% band (p05–p95)',
            ...(hasBudget ? ['Budget'] : []),
            ...(mitigated ? ['Forecast with mitigations (median)'] : []),
          ],
        },
        tooltip: { trigger: 'axis', valueFormatter: (v: number) => fmt.money(v) },
        xAxis: { type: 'category', data: categories, boundaryGap: false },
        yAxis: { type: 'value', axisLabel: { formatter: (v: number) => fmt.millions(v) }, scale: true },
        series: [
          ...fanSeries(years, 'Forecast spend'),
          ...(hasBudget
            ? [
                {
                  name: 'Budget',
                  type: 'line',
                  data: years.map((y) => y.budget?.amount ?? null),
                  lineStyle: { width: 3, type: 'dashed', color: PALETTE[5] },
                  itemStyle: { color: PALETTE[5] },
                },
              ]
            : []),
          ...(mitigated
            ? [
                {
                  name: 'Forecast with mitigations (median)',
                  type: 'line',
                  data: years.map((y) => y.mitigated?.p50 ?? null),
                  lineStyle: { width: 3, color: PALETTE[2] },
                  itemStyle: { color: PALETTE[2] },
                },
              ]
            : []),
        ],
      },
      table: table(
        'High needs spend by year: forecast against budget',
        [
          { label: 'Year', value: (y: ForecastYear) => label(y) },
          { label: 'Actual to date', value: (y) => fmt.money(y.actualToDate), numeric: true },
          { label: '5th percentile', value: (y) => fmt.money(y.p05), numeric: true },
          { label: 'Median', value: (y) => fmt.money(y.p50), numeric: true, field: 'forecast-p50' },
          { label: '95th percentile', value: (y) => fmt.money(y.p95), numeric: true },
          {
            label: 'Budget',
            value: (y) => fmt.money(y.budget?.amount),
            numeric: true,
            field: 'forecast-budget',
          },
          { label: 'Over budget (median)', value: (y) => fmt.money(y.variance?.p50), numeric: true },
          ...(mitigated
            ? [
                {
                  label: 'With mitigations (median)',
                  value: (y: ForecastYear) => fmt.money(y.mitigated?.p50),
                  numeric: true,
                },
              ]
            : []),
        ],
        years,
        { id: 'forecast-table' },
      ),
    }),
  ];

  if (years.some((y) => y.dsgBalance !== null))
    nodes.push(
      chartFigure({
        id: 'chart-balance',
        title: 'Cumulative DSG balance at 31 March',
        description: `Balance brought forward, plus each year's budget less its spend, carried draw by draw: the median${mitigated ? ' without and with the mitigations' : ' (choose scenarios above to see it with mitigations)'}, and the 5th percentile (the worse end) without. Negative is a deficit.`,
        height: 320,
        option: {
          legend: { top: 0 },
          tooltip: { trigger: 'axis', valueFormatter: (v: number) => fmt.money(v) },
          xAxis: { type: 'category', data: categories },
          yAxis: { type: 'value', axisLabel: { formatter: (v: number) => fmt.millions(v) } },
          series: [
            {
              name: 'Unmitigated (median)',
              type: 'line',
              data: years.map((y) => y.dsgBalance?.closing.p50 ?? null),
              lineStyle: { width: 3, color: PALETTE[3] },
              itemStyle: { color: PALETTE[3] },
            },
            {
              name: 'Unmitigated, 5th percentile',
              type: 'line',
              data: years.map((y) => y.dsgBalance?.closing.p05 ?? null),
              lineStyle: { width: 2, type: 'dotted', color: PALETTE[3] },
              itemStyle: { color: PALETTE[3] },
            },
            ...(mitigated
              ? [
                  {
                    name: 'Mitigated (median)',
                    type: 'line',
                    data: years.map((y) => y.mitigated?.dsgBalance?.closing.p50 ?? null),
                    lineStyle: { width: 3, color: PALETTE[2] },
                    itemStyle: { color: PALETTE[2] },
                  },
                ]
              : []),
          ],
        },
        table: table(
          'Cumulative DSG balance by year',
          [
            { label: 'Year', value: (y: ForecastYear) => y.financialYear },
            { label: 'Brought forward', value: (y) => fmt.money(y.dsgBalance?.opening.p50), numeric: true },
            { label: 'In year (median)', value: (y) => fmt.money(y.dsgBalance?.inYear.p50), numeric: true },
            {
              label: 'Carried forward (median)',
              value: (y) => fmt.money(y.dsgBalance?.closing.p50),
              numeric: true,
              field: 'balance-closing',
            },
            {
              label: 'Carried forward, 5th percentile',
              value: (y) => fmt.money(y.dsgBalance?.closing.p05),
              numeric: true,
            },
            ...(mitigated
              ? [
                  {
                    label: 'Carried forward, mitigated (median)',
                    value: (y: ForecastYear) => fmt.money(y.mitigated?.dsgBalance?.closing.p50),
                    numeric: true,
                    field: 'balance-mitigated',
                  },
                ]
              : []),
          ],
          years,
          { id: 'balance-table' },
        ),
      }),
    );
  else
    nodes.push(
      h(
        'p',
        { class: 'figure-note', id: 'balance-missing' },
        `No DSG balance: ${(forecast.warnings ?? []).filter((w) => /balance|budget/.test(w)).join('; ') || 'no budget or opening balance is set'}.`,
      ),
    );

  if (mitigated) {
    type Row = { name: string; values: (number | null)[]; total: number };
    const rows: Row[] = forecast.mitigations.map((m) => {
      const values = categories.map((fy) => m.savings.find((s) => s.financialYear === fy)?.p50 ?? null);
      return { name: m.name, values, total: values.reduce<number>((sum, v) => sum + (v ?? 0), 0) };
    });
    nodes.push(
      chartFigure({
        id: 'chart-savings',
        title: "Mitigations' savings by year",
        description:
          'Each scenario priced on the same draws as the baseline: the median of unmitigated less mitigated spend, draw by draw. Positive is a saving.',
        height: 300,
        option: {
          legend: { top: 0 },
          tooltip: { trigger: 'axis', valueFormatter: (v: number) => fmt.money(v) },
          xAxis: { type: 'category', data: categories },
          yAxis: { type: 'value', axisLabel: { formatter: (v: number) => fmt.millions(v) } },
          series: rows.map((row, i) => ({
            name: row.name,
            type: 'bar',
            data: row.values,
            itemStyle: { color: PALETTE[(i + 2) % PALETTE.length] },
          })),
        },
        table: table(
          "Mitigations' savings by year (median)",
          [
            { label: 'Mitigation', value: (r: Row) => r.name },
            ...categories.map((fy, y) => ({
              label: fy,
              value: (r: Row) => fmt.money(r.values[y]),
              numeric: true,
              field: `saving-${fy}`,
            })),
            { label: 'Total', value: (r: Row) => fmt.money(r.total), numeric: true },
          ],
          rows,
          { id: 'savings-table' },
        ),
      }),
    );
  }
  if (forecast.warnings && forecast.warnings.length > 0)
    nodes.push(
      h(
        'ul',
        { class: 'figure-note', id: 'forecast-warnings' },
        ...forecast.warnings.map((w) => h('li', {}, w)),
      ),
    );
  return nodes;
}
