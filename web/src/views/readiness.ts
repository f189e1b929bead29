// Data readiness: an authority's first week. What it has loaded and what is missing, each item with its
// status in words, and for each one not ready the route (and command) that fills it. The figures behind the
// census and unit-cost items are shown as tables.
import { academicYearLabel, settingLabel } from '../../../domain/readiness';
import { getReadiness, type Readiness, type ReadinessItem, type ReadinessStatus } from '../api';
import { fmt, h, section, table } from '../ui';

const STATUS_WORDS: Record<ReadinessStatus, string> = {
  ready: 'Ready',
  partial: 'Partly there',
  missing: 'Missing',
};

export function readinessView(root: HTMLElement): void {
  const body = h('div');
  root.append(
    h('div', { class: 'view-head' }, h('h2', {}, 'Data readiness')),
    h(
      'p',
      { class: 'lede' },
      'What this authority has loaded, and what the model, the finance forecast and the alerts still need. Each item not ready says the route or command that fills it.',
    ),
    body,
  );
  void section(body, 'data readiness', getReadiness, render);
}

function itemCard(item: ReadinessItem): HTMLElement {
  return h(
    'li',
    {
      class: `card readiness-item readiness-${item.status}`,
      'data-item': item.id,
      'data-status': item.status,
    },
    h('h3', {}, h('span', { class: 'badge' }, STATUS_WORDS[item.status]), item.title),
    h('p', { class: 'readiness-summary' }, item.summary),
    item.missing.length > 0
      ? h(
          'div',
          {},
          h('p', {}, 'Missing:'),
          h('ul', { class: 'readiness-missing-list' }, ...item.missing.map((line) => h('li', {}, line))),
        )
      : null,
    item.fill
      ? h(
          'p',
          { class: 'readiness-fill' },
          'Fill it with ',
          h('code', { 'data-route': '' }, item.fill.route),
          ` (${item.fill.group})`,
          item.fill.command ? [', or run ', h('code', { 'data-command': '' }, item.fill.command)] : null,
          '.',
        )
      : null,
  );
}

function render(readiness: Readiness): Node[] {
  const { facts } = readiness;
  const notReady = readiness.items.filter((item) => item.status !== 'ready').length;
  const headline = readiness.ready
    ? h(
        'p',
        { class: 'notice readiness-headline', id: 'readiness-headline', 'data-ready': 'true' },
        'Everything is loaded: the model, the finance forecast and the alerts have what they need.',
      )
    : h(
        'p',
        { class: 'notice readiness-headline', id: 'readiness-headline', 'data-ready': 'false' },
        `${notReady} of ${readiness.items.length} items to load or complete, as at ${readiness.asOf}: work down the checklist.`,
      );
  const censuses = table(
    'Children at each January census',
    [
      { label: 'January census', value: (row: { year: number }) => row.year },
      { label: 'Children', value: (row) => fmt.count(row.children), numeric: true, field: 'children' },
    ],
    facts.censuses,
    { id: 'readiness-censuses' },
  );
  const costs = table(
    facts.unitCosts.census === undefined
      ? 'Unit costs by setting'
      : `Unit costs by setting, January ${facts.unitCosts.census} census`,
    [
      {
        label: 'Setting',
        value: (row: (typeof facts.unitCosts.settings)[number]) =>
          settingLabel(row.setting, row.outOfBorough),
      },
      { label: 'Children', value: (row) => fmt.count(row.children), numeric: true },
      { label: 'With a cost', value: (row) => fmt.count(row.costed), numeric: true, field: 'costed' },
      { label: 'Mean annual cost', value: (row) => fmt.money(row.meanCost), numeric: true },
    ],
    facts.unitCosts.settings,
    { id: 'readiness-unit-costs' },
  );
  const provisions = table(
    `Commissioned places recorded for ${academicYearLabel(facts.academicYear)} and ${academicYearLabel(facts.academicYear + 1)}`,
    [
      { label: 'Provision', value: (row: (typeof facts.provisions)[number]) => row.name },
      ...[facts.academicYear, facts.academicYear + 1].map((year) => ({
        label: academicYearLabel(year),
        value: (row: (typeof facts.provisions)[number]) => (row.academicYears.includes(year) ? 'yes' : 'no'),
      })),
    ],
    facts.provisions,
    { id: 'readiness-provisions' },
  );
  return [
    headline,
    h('ul', { class: 'readiness-list', id: 'readiness-items' }, ...readiness.items.map(itemCard)),
    h(
      'details',
      { class: 'card' },
      h('summary', {}, 'The figures behind the checklist'),
      censuses,
      provisions,
      costs,
    ),
  ];
}
