// Finance: high-needs spend by month against the budget, the outturn forecast with its band, spend by DSG
// management-plan category against the budget lines, and the DSG-plan workbook.
import { financialYearBounds, financialYearLabel, financialYearStartOf } from '../../../domain/dates';
import {
  dsgPlanCsvUrl,
  dsgPlanXlsxUrl,
  getOutturn,
  getSpend,
  type Outturn,
  type OutturnDsgRow,
  type Spend,
} from '../api';
import { chartFigure, PALETTE } from '../chart';
import { fmt, h, kpi, section, table, today } from '../ui';
import { forecastSection } from './finance-forecast';

const MONTH_NAMES = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const monthLabel = (yearMonth: string) =>
  `${MONTH_NAMES[Number(yearMonth.slice(5, 7)) - 1]} ${yearMonth.slice(0, 4)}`;

export function financeView(root: HTMLElement, params: URLSearchParams): void {
  const asOf = today();
  const current = financialYearStartOf(asOf);
  const asked = params.get('fy') ?? '';
  const fy =
    /^\d{4}-\d{2}$/.test(asked) && Number(asked.slice(0, 4)) <= current ? asked : financialYearLabel(current);
  // Years that have started: recorded spend cannot say what a future year costs (the forecast does).
  const years = [current - 2, current - 1, current].map(financialYearLabel);

  const picker = h(
    'form',
    { class: 'controls', 'aria-label': 'Choose financial year', onsubmit: (e: Event) => e.preventDefault() },
    h(
      'div',
      { class: 'field' },
      h('label', { for: 'fin-fy' }, 'Financial year'),
      h(
        'select',
        { id: 'fin-fy', name: 'fy' },
        ...years.map((year) => h('option', { value: year, selected: year === fy }, year)),
      ),
    ),
    h(
      'p',
      { class: 'downloads' },
      h(
        'a',
        { href: dsgPlanXlsxUrl(fy), download: `dsg-plan-${fy}.xlsx`, id: 'download-xlsx' },
        'Download the DSG plan (XLSX)',
      ),
      ' · ',
      h('a', { href: dsgPlanCsvUrl(fy), download: `dsg-plan-${fy}.csv` }, 'CSV'),
    ),
  );
  picker.addEventListener('change', (event) => {
    location.hash = `#/finance?fy=${(event.target as HTMLSelectElement).value}`;
  });

  const outturnSlot = h('div');
  const monthly = h('div');
  const dsg = h('div');
  root.append(
    h('h2', {}, 'Finance'),
    h(
      'p',
      { class: 'lede' },
      `High-needs spend in financial year ${fy} (April–March) from the recorded placements.`,
    ),
    picker,
    outturnSlot,
    monthly,
    dsg,
  );
  // The years ahead: from the current financial year, whatever year the spend above shows.
  forecastSection(root, params, financialYearLabel(current));

  // The budget is the DSG high needs block, so spend is compared on its education cost.
  const outturn = getOutturn(fy);
  void section(outturnSlot, 'the outturn forecast', () => outturn, renderOutturn);
  void section(
    monthly,
    'spend by month',
    // The outturn carries the year's budget (null when none is set), so no request can 404.
    () => Promise.all([getSpend(fy, 'month', 'education'), outturn]),
    ([spend, { budget }]) => renderMonthly(spend, budget, asOf),
  );
  void section(
    dsg,
    'spend by DSG category',
    () => Promise.all([outturn, getSpend(fy, 'dsg', 'education')]),
    ([forecast, spend]) => renderDsg(forecast, spend),
  );
}

/** The days counted as spent: 1 April to asOf, or to 31 March for a year that is over. */
function spentPeriod({ financialYear, asOf }: Pick<Outturn, 'financialYear' | 'asOf'>): string {
  const { start, end } = financialYearBounds(financialYear);
  return `${fmt.date(start)} to ${fmt.date(asOf < end ? asOf : end)}`;
}

function renderOutturn(outturn: Outturn): Node[] {
  const variance = outturn.variance;
  const over = variance !== null && variance.p50 > 0;
  return [
    h(
      'div',
      { class: 'kpis' },
      kpi('Spent to date', fmt.money(outturn.actualToDate), 'actualToDate', spentPeriod(outturn)),
      kpi(
        'Forecast outturn',
        fmt.money(outturn.forecast.p50),
        'forecastP50',
        `90% band ${fmt.money(outturn.forecast.p05)} – ${fmt.money(outturn.forecast.p95)}`,
      ),
      kpi('Budget', outturn.budget === null ? 'not set' : fmt.money(outturn.budget), 'budget'),
      kpi(
        variance === null ? 'Variance' : over ? 'Forecast overspend' : 'Forecast underspend',
        variance === null ? '—' : fmt.money(Math.abs(variance.p50)),
        'variance',
        outturn.varianceShare
          ? `${fmt.percent(outturn.varianceShare.p50)} of budget`
          : 'no budget to compare',
      ),
      ...(outturn.dsgBalance
        ? [
            kpi(
              'DSG balance at 31 March',
              fmt.money(outturn.dsgBalance.closing.p50),
              'dsgBalance',
              `from ${fmt.money(outturn.dsgBalance.opening)} brought forward`,
            ),
          ]
        : []),
    ),
    chartFigure({
      id: 'chart-outturn',
      title: `Outturn forecast ${outturn.financialYear}`,
      description: `${outturn.scope}. Spent to date, committed by placements in place to 31 March, planned starts and expected new placements (median); dotted lines mark the forecast's 90% band, the dashed line the budget.`,
      height: 230,
      option: {
        tooltip: { trigger: 'axis', valueFormatter: (v: number) => fmt.money(v) },
        grid: { left: 16, right: 40, top: 48, bottom: 16, containLabel: true },
        yAxis: { type: 'category', data: ['Forecast'] },
        xAxis: { type: 'value', axisLabel: { formatter: (v: number) => fmt.millions(v) } },
        series: [
          { name: 'Spent to date', type: 'bar', stack: 'o', data: [outturn.actualToDate], barWidth: 40 },
          { name: 'Committed to 31 March', type: 'bar', stack: 'o', data: [outturn.committed] },
          { name: 'Planned starts', type: 'bar', stack: 'o', data: [outturn.plannedStarts] },
          {
            name: 'Expected new placements',
            type: 'bar',
            stack: 'o',
            data: [outturn.expectedNew.p50],
            markLine: {
              symbol: 'none',
              // The band's edges are named in the legend note and the table; only the budget is labelled.
              label: { show: false },
              data: [
                {
                  name: '5th percentile',
                  xAxis: outturn.forecast.p05,
                  lineStyle: { color: '#1f2328', type: 'dotted', width: 2 },
                },
                {
                  name: '95th percentile',
                  xAxis: outturn.forecast.p95,
                  lineStyle: { color: '#1f2328', type: 'dotted', width: 2 },
                },
                ...(outturn.budget === null
                  ? []
                  : [
                      {
                        name: 'Budget',
                        xAxis: outturn.budget,
                        lineStyle: { color: PALETTE[5], type: 'dashed', width: 3 },
                        label: {
                          show: true,
                          formatter: 'Budget',
                          position: 'end',
                          color: '#1f2328',
                        },
                      },
                    ]),
              ],
            },
          },
        ],
      },
      table: table(
        `Outturn forecast ${outturn.financialYear}`,
        [
          { label: 'Part', value: (r: { part: string; amount: number | null }) => r.part },
          { label: 'Amount', value: (r) => fmt.money(r.amount), numeric: true, field: 'outturn-amount' },
        ],
        [
          { part: 'Spent to date', amount: outturn.actualToDate },
          { part: 'Committed to 31 March', amount: outturn.committed },
          { part: 'Planned starts', amount: outturn.plannedStarts },
          { part: 'Expected new placements (median)', amount: outturn.expectedNew.p50 },
          { part: 'Forecast outturn, 5th percentile', amount: outturn.forecast.p05 },
          { part: 'Forecast outturn, median', amount: outturn.forecast.p50 },
          { part: 'Forecast outturn, 95th percentile', amount: outturn.forecast.p95 },
          { part: 'Budget', amount: outturn.budget },
          { part: 'Variance (forecast − budget), median', amount: outturn.variance?.p50 ?? null },
        ],
        { id: 'outturn-table' },
      ),
    }),
  ];
}

function renderMonthly(spend: Spend, budget: number | null, asOf: string): HTMLElement {
  const annualBudget = budget ?? undefined;
  const thisMonth = asOf.slice(0, 7);
  let running = 0;
  const rows = spend.breakdown.map((item, index) => {
    running += item.amount;
    return {
      month: item.key,
      amount: item.amount,
      cumulative: running,
      budgetToDate:
        annualBudget === undefined ? undefined : (annualBudget * (index + 1)) / spend.breakdown.length,
      ahead: item.key > thisMonth,
    };
  });
  type Row = (typeof rows)[number];
  return chartFigure({
    id: 'chart-monthly',
    title: `High-needs spend against budget by month, ${spend.financialYear}`,
    description: `Education (high needs block) cost of placements in each month — pale bars are months still to come, on the placements in place — and cumulative spend against the budget profiled evenly over the year. Year total ${fmt.money(spend.total)}${annualBudget === undefined ? '; no budget set for this year' : ` against a budget of ${fmt.money(annualBudget)}`}.`,
    height: 340,
    option: {
      tooltip: { trigger: 'axis', valueFormatter: (v: number) => fmt.money(v) },
      xAxis: { type: 'category', data: rows.map((r) => monthLabel(r.month)) },
      yAxis: [
        { type: 'value', name: 'In month', axisLabel: { formatter: (v: number) => fmt.millions(v) } },
        { type: 'value', name: 'Cumulative', axisLabel: { formatter: (v: number) => fmt.millions(v) } },
      ],
      series: [
        {
          name: 'Spend in month',
          type: 'bar',
          data: rows.map((r) => ({
            value: r.amount,
            itemStyle: r.ahead ? { color: '#9dbfe3', borderColor: PALETTE[0], borderWidth: 1 } : {},
          })),
        },
        {
          name: 'Cumulative spend',
          type: 'line',
          yAxisIndex: 1,
          data: rows.map((r) => r.cumulative),
          lineStyle: { width: 3 },
        },
        ...(annualBudget === undefined
          ? []
          : [
              {
                name: 'Budget, profiled',
                type: 'line',
                yAxisIndex: 1,
                data: rows.map((r) => r.budgetToDate),
                lineStyle: { width: 3, type: 'dashed', color: PALETTE[5] },
                itemStyle: { color: PALETTE[5] },
              },
            ]),
      ],
    },
    table: table(
      `High-needs spend by month, ${spend.financialYear}`,
      [
        { label: 'Month', value: (r: Row) => `${monthLabel(r.month)}${r.ahead ? ' (to come)' : ''}` },
        { label: 'Spend', value: (r) => fmt.money(r.amount), numeric: true, field: 'month-spend' },
        { label: 'Cumulative', value: (r) => fmt.money(r.cumulative), numeric: true },
        { label: 'Budget to date', value: (r) => fmt.money(r.budgetToDate), numeric: true },
      ],
      rows,
      { id: 'monthly-table' },
    ),
  });
}

function renderDsg(outturn: Outturn, spend: Spend): HTMLElement {
  const yearSpend = (category: string) =>
    category === 'Total' ? spend.total : (spend.breakdown.find((b) => b.key === category)?.amount ?? 0);
  const total = (pick: (row: OutturnDsgRow) => number | null) =>
    outturn.byDsg.some((row) => pick(row) !== null)
      ? outturn.byDsg.reduce((sum, row) => sum + (pick(row) ?? 0), 0)
      : null;
  const totals = {
    dsgCategory: 'Total',
    label: 'all categories',
    budget: total((r) => r.budget),
    actualToDate: total((r) => r.actualToDate),
    committed: total((r) => r.committed),
    plannedStarts: total((r) => r.plannedStarts),
    expectedNew: total((r) => r.expectedNew),
    forecast: total((r) => r.forecast),
    variance: total((r) => r.variance),
  };
  type Row = Omit<OutturnDsgRow, 'dsgCategory'> & { dsgCategory: string };
  return h(
    'section',
    { class: 'card', 'aria-labelledby': 'dsg-heading' },
    h('h3', { id: 'dsg-heading' }, `DSG management-plan categories, ${outturn.financialYear}`),
    h(
      'p',
      { class: 'figure-note' },
      'High needs block (education) cost by category: spent to date; the full year on the placements recorded; committed, planned and expected new cost to 31 March; and the forecast outturn (median) against the budget lines.',
    ),
    table(
      `Spend and forecast by DSG management-plan category, ${outturn.financialYear}`,
      [
        { label: 'Category', value: (r: Row) => `${r.dsgCategory}: ${r.label}` },
        { label: 'Budget', value: (r) => fmt.money(r.budget), numeric: true },
        {
          label: 'Spent to date',
          value: (r) => fmt.money(r.actualToDate),
          numeric: true,
          field: 'dsg-actual',
        },
        {
          label: 'Full year, recorded',
          value: (r) => fmt.money(yearSpend(r.dsgCategory)),
          numeric: true,
          field: 'dsg-spend',
        },
        { label: 'Committed', value: (r) => fmt.money(r.committed), numeric: true },
        { label: 'Planned', value: (r) => fmt.money(r.plannedStarts), numeric: true },
        { label: 'Expected new', value: (r) => fmt.money(r.expectedNew), numeric: true },
        { label: 'Forecast', value: (r) => fmt.money(r.forecast), numeric: true, field: 'dsg-forecast' },
        { label: 'Over budget', value: (r) => fmt.money(r.variance), numeric: true },
      ],
      [...outturn.byDsg, totals as Row],
      { id: 'dsg-table' },
    ),
  );
}
