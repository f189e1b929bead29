// Overview: EHCPs by need and setting today, in and out of borough at each January census, the looked-after
// share of out-of-borough placements, and the out-of-borough providers the authority spends most with.
import {
  DSG_CATEGORIES,
  type DsgCategory,
  NEEDS,
  SETTING_INFO,
  SETTINGS,
  type Setting,
} from '../../../domain/codes';
import { getSummary, type Summary } from '../api';
import { chartFigure, PALETTE } from '../chart';
import { fmt, h, kpi, section, table, today } from '../ui';

/** January censuses shown: this many, ending with the latest one on or before today. */
const CENSUS_YEARS = 7;

const DSG_SHORT_LABELS: Record<DsgCategory, string> = {
  MmSoA: 'Mainstream',
  RPSEN: 'Resourced provision / unit',
  MdSSA: 'Maintained special / academy',
  NMISS: 'Independent / non-maintained',
  HspAP: 'Hospital / AP',
  P16FE: 'Post-16 / FE',
  OTHER: 'Other',
};

export function overviewView(root: HTMLElement): void {
  const asOf = today();
  const headline = h('div', { class: 'kpis' });
  const byNeed = h('div');
  const history = h('div');
  const providers = h('div');
  root.append(
    h('h2', {}, 'Overview'),
    h('p', { class: 'lede' }, `Plans in place on ${asOf}, and each January census before it.`),
    headline,
    byNeed,
    history,
    providers,
  );

  const current = getSummary(asOf);
  void section(headline, 'headline figures', () => current, renderHeadline);
  void section(byNeed, 'EHCPs by need and setting', () => current, renderByNeed);
  void section(providers, 'top out-of-borough providers', () => current, renderProviders);
  void section(history, 'census history', loadCensuses, renderHistory);
}

function renderHeadline(summary: Summary): Node[] {
  return [
    kpi('EHCPs today', fmt.count(summary.total.count), 'total'),
    kpi('Out of borough', fmt.count(summary.outOfBorough.count), 'outOfBorough'),
    kpi(
      'Looked after, of those out of borough',
      fmt.percent(summary.outOfBorough.lookedAfterShare),
      'lookedAfterShare',
      `${fmt.count(summary.outOfBorough.lookedAfter)} children`,
    ),
    kpi(
      'Annualised cost',
      fmt.millions(summary.total.annualCost),
      'annualCost',
      'Recorded placements on the day, each at its annual cost in force, all funders',
    ),
  ];
}

/**
 * The chart groups the fifteen settings into the seven DSG management-plan categories (more colours than
 * that cannot be told apart); the table keeps every setting.
 */
function renderByNeed(summary: Summary): HTMLElement {
  const needs = NEEDS.filter((need) => summary.cells.some((c) => c.primaryNeed === need && c.count > 0));
  const settings = SETTINGS.filter((setting) =>
    summary.cells.some((c) => c.setting === setting && c.count > 0),
  );
  const count = (need: string, match: (setting: Setting) => boolean) =>
    summary.cells
      .filter((c) => c.primaryNeed === need && match(c.setting))
      .reduce((sum, c) => sum + c.count, 0);
  const rows = needs.map((need) => ({
    need,
    counts: settings.map((setting) => count(need, (s) => s === setting)),
  }));
  type Row = (typeof rows)[number];
  return chartFigure({
    id: 'chart-by-need',
    title: 'EHCPs by primary need and setting',
    description: `Children with a plan on ${summary.asOf} by primary need, stacked by type of setting (DSG management-plan category; in and out of borough together). The table has every setting.`,
    height: 380,
    option: {
      grid: { left: 16, right: 24, top: 72, bottom: 16, containLabel: true },
      xAxis: { type: 'category', data: needs },
      yAxis: { type: 'value', name: 'EHCPs' },
      series: DSG_CATEGORIES.map((category) => ({
        name: DSG_SHORT_LABELS[category],
        type: 'bar',
        stack: 'settings',
        data: needs.map((need) => count(need, (s) => SETTING_INFO[s].dsg === category)),
      })),
    },
    table: table(
      'EHCPs by primary need (rows) and setting (columns)',
      [
        { label: 'Need', value: (r: Row) => r.need },
        ...settings.map((setting, index) => ({
          label: SETTING_INFO[setting].label,
          value: (r: Row) => fmt.count(r.counts[index]),
          numeric: true,
        })),
        {
          label: 'All settings',
          value: (r: Row) => fmt.count(r.counts.reduce((a, b) => a + b, 0)),
          numeric: true,
          field: 'need-total',
        },
      ],
      rows,
      { id: 'by-need' },
    ),
  });
}

interface CensusPoint {
  year: number;
  inBorough: number;
  outOfBorough: number;
  lookedAfterShare: number | null;
}

async function loadCensuses(): Promise<CensusPoint[]> {
  const now = new Date();
  const latest = now.getMonth() === 0 && now.getDate() < 15 ? now.getFullYear() - 1 : now.getFullYear();
  const years = Array.from({ length: CENSUS_YEARS }, (_, i) => latest - CENSUS_YEARS + 1 + i);
  const summaries = await Promise.all(years.map((year) => getSummary(`${year}-01-15`)));
  return summaries.map((summary, index) => {
    const outOfBorough = summary.outOfBorough.count;
    return {
      year: years[index] ?? 0,
      inBorough: summary.total.count - outOfBorough,
      outOfBorough,
      lookedAfterShare: summary.outOfBorough.lookedAfterShare,
    };
  });
}

function renderHistory(points: CensusPoint[]): Node[] {
  const years = points.map((p) => String(p.year));
  const historyTable = table(
    'EHCPs in and out of borough at each January census',
    [
      { label: 'January census', value: (p: CensusPoint) => p.year },
      { label: 'In borough', value: (p) => fmt.count(p.inBorough), numeric: true, field: 'in-borough' },
      {
        label: 'Out of borough',
        value: (p) => fmt.count(p.outOfBorough),
        numeric: true,
        field: 'out-of-borough',
      },
      {
        label: 'Looked after, of out of borough',
        value: (p) => fmt.percent(p.lookedAfterShare),
        numeric: true,
        field: 'looked-after-share',
      },
    ],
    points,
    { id: 'census-history' },
  );
  return [
    h(
      'div',
      { class: 'grid-2' },
      chartFigure({
        id: 'chart-in-out',
        title: 'In and out of borough over time',
        description: `EHCPs at each January census from ${years[0]} to ${years.at(-1)}, split by whether the setting lies in the authority's own area.`,
        option: {
          xAxis: { type: 'category', data: years },
          yAxis: { type: 'value', name: 'EHCPs' },
          series: [
            { name: 'In borough', type: 'bar', stack: 'all', data: points.map((p) => p.inBorough) },
            { name: 'Out of borough', type: 'bar', stack: 'all', data: points.map((p) => p.outOfBorough) },
          ],
        },
        table: historyTable,
      }),
      chartFigure({
        id: 'chart-looked-after',
        title: 'Looked-after share of out-of-borough placements',
        description: 'Share of children placed out of borough who are looked after, at each January census.',
        option: {
          xAxis: { type: 'category', data: years },
          yAxis: {
            type: 'value',
            name: 'Share',
            max: 1,
            axisLabel: { formatter: (v: number) => fmt.percent(v) },
          },
          tooltip: { trigger: 'axis', valueFormatter: (v: number) => fmt.percent(v) },
          series: [
            {
              name: 'Looked after',
              type: 'line',
              data: points.map((p) => p.lookedAfterShare),
              lineStyle: { width: 3, color: PALETTE[1] },
              itemStyle: { color: PALETTE[1] },
            },
          ],
        },
        table: table(
          'Looked-after share of out-of-borough placements',
          [
            { label: 'January census', value: (p: CensusPoint) => p.year },
            { label: 'Out of borough', value: (p) => fmt.count(p.outOfBorough), numeric: true },
            { label: 'Looked-after share', value: (p) => fmt.percent(p.lookedAfterShare), numeric: true },
          ],
          points,
        ),
      }),
    ),
  ];
}

function renderProviders(summary: Summary): HTMLElement {
  const top = summary.topOutOfBoroughProviders.slice(0, 10);
  const reversed = [...top].reverse(); // ECharts draws a category y axis bottom-up.
  return chartFigure({
    id: 'chart-providers',
    title: 'Top out-of-borough providers by spend',
    description:
      'Annualised cost of the placements active today with each out-of-borough provider, largest first.',
    height: Math.max(200, 34 * top.length + 40),
    option: {
      legend: { show: false },
      grid: { left: 16, right: 32, top: 16, bottom: 16, containLabel: true },
      tooltip: { trigger: 'axis', valueFormatter: (v: number) => fmt.money(v) },
      xAxis: { type: 'value', axisLabel: { formatter: (v: number) => fmt.millions(v) } },
      yAxis: {
        type: 'category',
        data: reversed.map((p) => p.providerName),
        axisLabel: { width: 220, overflow: 'truncate' },
      },
      series: [{ name: 'Annualised cost', type: 'bar', data: reversed.map((p) => p.annualCost) }],
    },
    table: table(
      'Top out-of-borough providers by annualised cost',
      [
        { label: 'Provider', value: (p: (typeof top)[number]) => p.providerName },
        { label: 'URN', value: (p) => p.providerUrn ?? '—' },
        { label: 'Children', value: (p) => fmt.count(p.count), numeric: true },
        {
          label: 'Annualised cost',
          value: (p) => fmt.money(p.annualCost),
          numeric: true,
          field: 'provider-cost',
        },
      ],
      top,
      { id: 'providers' },
    ),
  });
}
