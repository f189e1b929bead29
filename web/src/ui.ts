// Small DOM helpers shared by the views: element builder, number formats, accessible tables, loading and
// error states. No framework: each view renders into its section and rebuilds on change.
import { ApiError } from './api';

type Child = Node | string | number | null | undefined | false;
type Attrs = Record<string, string | number | boolean | undefined | EventListener>;

export function h<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attrs: Attrs = {},
  ...children: (Child | Child[])[]
): HTMLElementTagNameMap[K] {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs)) {
    if (value === undefined || value === false) continue;
    if (typeof value === 'function') element.addEventListener(name.replace(/^on/, ''), value);
    else if (value === true) element.setAttribute(name, '');
    else element.setAttribute(name, String(value));
  }
  for (const child of children.flat()) {
    if (child === null || child === undefined || child === false) continue;
    element.append(typeof child === 'number' ? String(child) : child);
  }
  return element;
}

const gbp = new Intl.NumberFormat('en-GB', { style: 'currency', currency: 'GBP', maximumFractionDigits: 0 });
const whole = new Intl.NumberFormat('en-GB', { maximumFractionDigits: 0 });
const oneDecimal = new Intl.NumberFormat('en-GB', { maximumFractionDigits: 1 });

const longDate = new Intl.DateTimeFormat('en-GB', {
  day: 'numeric',
  month: 'long',
  year: 'numeric',
  timeZone: 'UTC',
});

export const fmt = {
  money: (value: number | null | undefined) =>
    value === null || value === undefined ? '—' : gbp.format(value),
  /** Millions with one decimal: £12.3m. */
  millions: (value: number) => `£${oneDecimal.format(value / 1e6)}m`,
  count: (value: number | null | undefined) =>
    value === null || value === undefined ? '—' : whole.format(value),
  decimal: (value: number | null | undefined) =>
    value === null || value === undefined ? '—' : oneDecimal.format(value),
  percent: (share: number | null | undefined) =>
    share === null || share === undefined ? '—' : `${oneDecimal.format(share * 100)}%`,
  /** An ISO date in words: 2026-04-01 → 1 April 2026. */
  date: (iso: string) => longDate.format(new Date(`${iso}T00:00:00Z`)),
};

export interface Column<Row> {
  label: string;
  value: (row: Row) => string | number | Node;
  /** Numbers are right-aligned and tabular. */
  numeric?: boolean;
  /** Test hook: the cell carries data-field so browser tests can read a figure without parsing layout. */
  field?: string;
}

export function table<Row>(
  caption: string,
  columns: Column<Row>[],
  rows: Row[],
  attrs: Attrs = {},
): HTMLElement {
  return h(
    'div',
    { class: 'table-wrap', tabindex: 0, role: 'region', 'aria-label': caption },
    h(
      'table',
      attrs,
      h('caption', {}, caption),
      h(
        'thead',
        {},
        h('tr', {}, ...columns.map((c) => h('th', { scope: 'col', class: c.numeric ? 'num' : '' }, c.label))),
      ),
      h(
        'tbody',
        {},
        rows.length === 0
          ? h('tr', {}, h('td', { colspan: columns.length }, 'No data.'))
          : rows.map((row) =>
              h(
                'tr',
                {},
                ...columns.map((c, index) =>
                  h(
                    index === 0 ? 'th' : 'td',
                    {
                      class: c.numeric ? 'num' : '',
                      'data-field': c.field,
                      ...(index === 0 ? { scope: 'row' } : {}),
                    },
                    c.value(row),
                  ),
                ),
              ),
            ),
      ),
    ),
  );
}

/** A headline figure; `field` names it for tests (data-kpi). */
export const kpi = (label: string, value: string, field: string, note?: string) =>
  h(
    'div',
    { class: 'kpi' },
    h('p', { class: 'kpi-label' }, label),
    h('p', { class: 'kpi-value', 'data-kpi': field }, value),
    note ? h('p', { class: 'kpi-note' }, note) : null,
  );

export const loading = (what: string) =>
  h(
    'p',
    { class: 'loading', role: 'status', 'aria-live': 'polite' },
    h('span', { class: 'spinner', 'aria-hidden': 'true' }),
    `Loading ${what}…`,
  );

export function errorBox(error: unknown, what: string): HTMLElement {
  const detail =
    error instanceof ApiError
      ? `${error.status ? `${error.status} from ${error.path}: ` : ''}${error.message}`
      : error instanceof Error
        ? error.message
        : String(error);
  return h('div', { class: 'error', role: 'alert' }, h('strong', {}, `Could not load ${what}.`), ' ', detail);
}

/**
 * Renders `what` into `slot` once `load` resolves: a loading line first, the API's own message if it fails.
 * Sections load independently, so one failing endpoint leaves the rest of a view usable.
 */
export async function section<T>(
  slot: HTMLElement,
  what: string,
  load: () => Promise<T>,
  render: (data: T) => Node | Node[],
): Promise<void> {
  slot.replaceChildren(loading(what));
  slot.setAttribute('aria-busy', 'true');
  try {
    const data = await load();
    const content = render(data);
    slot.replaceChildren(...(Array.isArray(content) ? content : [content]));
  } catch (error) {
    slot.replaceChildren(errorBox(error, what));
  } finally {
    slot.removeAttribute('aria-busy');
  }
}

/** Today as YYYY-MM-DD in the user's calendar. */
export const today = (): string => {
  const now = new Date();
  return `${now.getFullYear()}-${String(now.getMonth() + 1).padStart(2, '0')}-${String(now.getDate()).padStart(2, '0')}`;
};
