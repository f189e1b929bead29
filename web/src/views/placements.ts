// Placements: the caseworker's list. Filters on the API's own query (need, setting, in or out of borough,
// looked after, status, provider, provision, changed since) and a child reference search, kept in the URL so
// a link can be shared; one page at a time through the API's cursor (never the whole table); the same
// filtered list as CSV or XLSX.
import { NEED_LABELS, NEEDS, SETTINGS } from '../../../domain/codes';
import { localAuthority } from '../../../domain/local-authorities';
import { costsOn, type Placement, totalAnnualCost } from '../../../domain/placement';
import {
  describePlacementFilter,
  PLACEMENT_FILTER_KEYS,
  type PlacementFilter,
  PlacementFilterQuery,
} from '../../../domain/placement-filter';
import type { Provision } from '../../../domain/provision';
import { can, currentUser, routeFor } from '../access';
import {
  downloadPlacements,
  listPlacements,
  listProvisions,
  type PlacementQuery,
  placementsExportPath,
} from '../api';
import { saveFromApi } from '../download';
import { FormErrors, field, liveStatus, selectInput, textInput, zodIssues } from '../form';
import { errorBox, fmt, h, section, table, today } from '../ui';
import { fieldLabel, settingWords } from '../words';

export const PAGE_SIZE = 50;

const SHORT_DATE = new Intl.DateTimeFormat('en-GB', {
  day: 'numeric',
  month: 'short',
  year: 'numeric',
  timeZone: 'UTC',
});
const shortDate = (iso: string) => SHORT_DATE.format(new Date(`${iso}T00:00:00Z`));

/** The filters as the URL and the form hold them: text, checked by PlacementFilterQuery before use. */
type FilterText = Partial<Record<keyof PlacementFilter, string>>;

/**
 * The filters in the URL, whether they pass the API's schema, and (when they do) the same filters as the
 * API's query: PlacementFilterQuery is the schema the contract documents that query with, so text it
 * accepts is that query.
 */
function filtersFrom(params: URLSearchParams): {
  query: FilterText;
  parsed: ReturnType<typeof PlacementFilterQuery.safeParse>;
  accepted: PlacementQuery | undefined;
} {
  const query: FilterText = {};
  for (const key of PLACEMENT_FILTER_KEYS) {
    const value = params.get(key)?.trim();
    if (value) query[key] = value;
  }
  const parsed = PlacementFilterQuery.safeParse(query);
  return { query, parsed, accepted: parsed.success ? (query as PlacementQuery) : undefined };
}

export const placementsLink = (query: FilterText) => {
  const search = new URLSearchParams(
    Object.entries(query).filter(([, v]) => v) as [string, string][],
  ).toString();
  return `#/placements${search ? `?${search}` : ''}`;
};

/** Readers may be kept to aggregates by the route table: say so rather than show an empty page. */
export function childLevelRefused(root: HTMLElement, what: string): boolean {
  if (can('GET', '/placements')) return false;
  const groups = routeFor('GET', '/placements')?.groups;
  const who = groups && groups !== 'public' ? groups.join(', ') : 'other roles';
  root.append(
    h('h2', {}, what),
    h(
      'p',
      { class: 'notice', id: 'not-permitted' },
      `Your role (${currentUser()?.groups.join(', ') || 'none'}) sees aggregate figures only. Records of individual children are for ${who}.`,
    ),
  );
  return true;
}

export function placementsView(root: HTMLElement, params: URLSearchParams): void {
  if (childLevelRefused(root, 'Placements')) return;
  const { query, parsed, accepted } = filtersFrom(params);
  const results = h('div', { id: 'placement-results' });
  const status = liveStatus('placements-status');
  const filterSlot = h('div');
  const head = h(
    'div',
    { class: 'view-head' },
    h('h2', {}, 'Placements'),
    can('POST', '/placements')
      ? h('a', { class: 'button', href: '#/placements/new', id: 'record-placement' }, 'Record a placement')
      : null,
  );
  root.append(
    head,
    h(
      'p',
      { class: 'lede' },
      'Find a child’s placements, or list placements by need, setting, borough, care status, provider or provision. Filters stay in the address, so the link shows the same list to a colleague.',
    ),
    filterSlot,
    status,
    results,
  );

  void listProvisions()
    .then(({ items }) => items)
    .catch(() => [] as Provision[])
    .then((provisions) => filterSlot.replaceChildren(filterForm(query, parsed, provisions)));

  if (!parsed.success || !accepted) {
    results.replaceChildren(h('p', { class: 'notice' }, 'Correct the filters above to see the list.'));
    return;
  }
  const words = describePlacementFilter(parsed.data);
  const cursors: (string | undefined)[] = [undefined];
  let pageIndex = 0;
  const showPage = () =>
    section(
      results,
      'placements',
      () =>
        listPlacements(accepted, {
          limit: PAGE_SIZE,
          ...(cursors[pageIndex] ? { cursor: cursors[pageIndex] } : {}),
        }),
      (page) => {
        if (page.cursor && cursors.length === pageIndex + 1) cursors.push(page.cursor);
        status.textContent = `Page ${pageIndex + 1}: ${page.items.length} placement${page.items.length === 1 ? '' : 's'}${
          words.length ? ` (${words.join(', ')})` : ''
        }${page.cursor ? ', more on the next page' : ''}.`;
        return [
          placementTable(page.items, words),
          pager(pageIndex, page.cursor !== undefined, (step) => {
            pageIndex += step;
            void showPage().then(() => results.querySelector<HTMLElement>('caption')?.focus());
          }),
          exportBar(accepted),
        ].filter((node): node is HTMLElement => node !== null);
      },
    );
  void showPage();
}

function filterForm(
  query: FilterText,
  parsed: ReturnType<typeof PlacementFilterQuery.safeParse>,
  provisions: Provision[],
): HTMLElement {
  const prefix = 'flt';
  const errors = new FormErrors(fieldLabel, 'Check the filters');
  const any = { value: '', label: 'Any' };
  const yesNo = (yes: string, no: string) => [
    any,
    { value: 'true', label: yes },
    { value: 'false', label: no },
  ];
  const items = [
    field({
      prefix,
      key: 'childRef',
      label: 'Child reference starts with',
      control: textInput(query.childRef ?? '', { type: 'search', maxlength: 64 }),
    }),
    field({
      prefix,
      key: 'primaryNeed',
      label: 'Primary need',
      control: selectInput(
        [any, ...NEEDS.map((need) => ({ value: need, label: `${need}: ${NEED_LABELS[need]}` }))],
        query.primaryNeed ?? '',
      ),
    }),
    field({
      prefix,
      key: 'setting',
      label: 'Setting',
      control: selectInput(
        [any, ...SETTINGS.map((value) => ({ value, label: settingWords(value) }))],
        query.setting ?? '',
      ),
    }),
    field({
      prefix,
      key: 'inBorough',
      label: 'In or out of borough',
      control: selectInput(yesNo('In borough', 'Out of borough'), query.inBorough ?? ''),
    }),
    field({
      prefix,
      key: 'lookedAfter',
      label: 'Looked after',
      control: selectInput(yesNo('Looked after', 'Not looked after'), query.lookedAfter ?? ''),
    }),
    field({
      prefix,
      key: 'status',
      label: 'Status',
      control: selectInput(
        [any, { value: 'active', label: 'Active today' }, { value: 'ended', label: 'Ended' }],
        query.status ?? '',
      ),
    }),
    field({
      prefix,
      key: 'provider',
      label: 'Provider (URN or part of the name)',
      control: textInput(query.provider ?? '', { maxlength: 200 }),
    }),
    field({
      prefix,
      key: 'provisionId',
      label: 'Local provision',
      control: selectInput(
        [any, ...provisions.map((p) => ({ value: p.id, label: p.name }))],
        query.provisionId ?? '',
      ),
    }),
    field({
      prefix,
      key: 'changedSince',
      label: 'Changed since',
      control: h('input', { type: 'date', value: (query.changedSince ?? '').slice(0, 10) }),
    }),
  ];
  errors.add(...items);
  const form = h(
    'form',
    { class: 'card filters', id: 'placement-filters', 'aria-label': 'Filter placements', novalidate: true },
    errors.summary,
    h(
      'div',
      { class: 'form-grid' },
      items.map((item) => item.wrapper),
    ),
    h(
      'div',
      { class: 'actions' },
      h('button', { type: 'submit' }, 'Show placements'),
      h('a', { href: '#/placements', class: 'button secondary', id: 'clear-filters' }, 'Clear filters'),
    ),
  );
  const read = (): FilterText => {
    const next: FilterText = {};
    for (const item of items) {
      const value = (item.controls[0] as HTMLInputElement | HTMLSelectElement).value.trim();
      if (value) next[item.key as keyof PlacementFilter] = value;
    }
    return next;
  };
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const next = read();
    const check = PlacementFilterQuery.safeParse(next);
    if (!check.success) {
      errors.show(zodIssues(check.error.issues));
      return;
    }
    location.hash = placementsLink(next);
  });
  // Filters from a link that the API would refuse (a UPN-like reference, a bad date) are shown at once.
  if (!parsed.success) queueMicrotask(() => errors.show(zodIssues(parsed.error.issues)));
  return form;
}

function placementTable(items: Placement[], words: string[]): HTMLElement {
  const date = today();
  const wrap = table(
    words.length ? `Placements: ${words.join(', ')}` : 'Placements, most recently changed first',
    [
      {
        label: 'Child ref',
        field: 'childRef',
        value: (p: Placement) => h('a', { href: `#/placements/${encodeURIComponent(p.id)}` }, p.childRef),
      },
      {
        label: 'Need',
        field: 'need',
        value: (p) => h('abbr', { title: NEED_LABELS[p.primaryNeed] }, p.primaryNeed),
      },
      { label: 'Setting', field: 'setting', value: (p) => settingWords(p.setting) },
      {
        label: 'Provider',
        field: 'provider',
        value: (p) => p.providerName ?? (p.providerUrn ? `URN ${p.providerUrn}` : '—'),
      },
      {
        label: 'Host LA',
        field: 'hostLa',
        value: (p) =>
          p.inBorough
            ? 'In borough'
            : p.hostLaCode
              ? `${localAuthority(p.hostLaCode)?.name ?? 'Unknown'} (${p.hostLaCode})`
              : '—',
      },
      { label: 'Start', field: 'start', value: (p) => shortDate(p.startDate) },
      {
        label: 'Status',
        field: 'status',
        value: (p) =>
          p.endDate === undefined
            ? 'Active'
            : p.endDate >= date
              ? `Ends ${shortDate(p.endDate)}`
              : `Ended ${shortDate(p.endDate)}`,
      },
      {
        label: 'Annual cost',
        field: 'annualCost',
        numeric: true,
        value: (p) => fmt.money(totalAnnualCost(costsOn(p, date))),
      },
    ],
    items,
    { id: 'placements-table' },
  );
  wrap.querySelector('caption')?.setAttribute('tabindex', '-1');
  if (items.length === 0) {
    const cell = wrap.querySelector('tbody td');
    if (cell) cell.textContent = 'No placements match these filters.';
  }
  return wrap;
}

function pager(index: number, hasNext: boolean, go: (step: number) => void): HTMLElement {
  return h(
    'nav',
    { class: 'pager', 'aria-label': 'Pages of placements' },
    h(
      'button',
      {
        type: 'button',
        class: 'secondary',
        id: 'previous-page',
        disabled: index === 0,
        onclick: () => go(-1),
      },
      'Previous page',
    ),
    h('span', { class: 'meta' }, `Page ${index + 1}`),
    h(
      'button',
      { type: 'button', class: 'secondary', id: 'next-page', disabled: !hasNext, onclick: () => go(1) },
      'Next page',
    ),
  );
}

function exportBar(query: PlacementQuery): HTMLElement | null {
  const kinds = (['csv', 'xlsx'] as const).filter((kind) => can('GET', placementsExportPath(kind)));
  if (kinds.length === 0) return null;
  const status = liveStatus('export-status');
  return h(
    'div',
    { class: 'downloads export-bar' },
    h('span', {}, 'Download this list (every page): '),
    ...kinds.map((kind) =>
      h(
        'button',
        {
          type: 'button',
          class: 'secondary',
          id: `export-${kind}`,
          onclick: async (event: Event) => {
            const button = event.currentTarget as HTMLButtonElement;
            button.disabled = true;
            status.textContent = `Preparing the ${kind.toUpperCase()} file…`;
            try {
              status.textContent = `Downloaded ${await saveFromApi(downloadPlacements(query, kind))}.`;
            } catch (error) {
              status.replaceChildren(errorBox(error, `the ${kind.toUpperCase()} export`));
            } finally {
              button.disabled = false;
            }
          },
        },
        kind === 'csv' ? 'CSV' : 'Excel (XLSX)',
      ),
    ),
    status,
  );
}
