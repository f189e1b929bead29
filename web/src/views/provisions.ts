// Provisions: the local places the authority commissions, each with its type, needs and phases, places by
// academic year, planned changes and today's occupancy from the placements that name it. The occupancy and
// its level come from GET /occupancy, the occupancy alert's own computation, with bars marked at the
// alert's thresholds. Planners add provisions and change their places here.
import { NEED_LABELS, NEEDS, PHASE_LABELS, PHASES, SETTING_INFO } from '../../../domain/codes';
import { academicYearStartOf } from '../../../domain/dates';
import {
  PLANNED_CHANGE_KINDS,
  PLANNED_CHANGE_LABELS,
  PROVISION_TYPES,
  type Provision,
  ProvisionInput,
  ProvisionPatch,
  placesInAcademicYear,
} from '../../../domain/provision';
import { can } from '../access';
import { createProvision, getOccupancy, listProvisions, type Occupancy, updateProvision } from '../api';
import {
  choices,
  FormErrors,
  type FormField,
  field,
  liveStatus,
  selectInput,
  submitting,
  textInput,
  validated,
} from '../form';
import { errorBox, fmt, h, loading, table, today } from '../ui';
import { longDate } from '../words';
import { placementsLink } from './placements';

type OccupancyRow = Occupancy['items'][number];

const yearLabel = (year: number) => `${year}/${String((year + 1) % 100).padStart(2, '0')}`;
const LEVEL_WORDS = { ok: 'Places available', warn: 'Nearly full', critical: 'Full' } as const;

const PROVISION_LABELS: Record<string, string> = {
  name: 'Name',
  type: 'Type',
  providerUrn: 'Provider URN',
  needs: 'Needs',
  phases: 'Phases',
  commissionedPlaces: 'Commissioned places',
  plannedChanges: 'Planned changes',
};
const provisionLabel = (path: string) => {
  const [key, index, sub] = path.split('.');
  const base = PROVISION_LABELS[key ?? ''] ?? path;
  return index === undefined ? base : `${base}, row ${Number(index) + 1}${sub ? ` (${sub})` : ''}`;
};

export function provisionsView(root: HTMLElement, params: URLSearchParams): void {
  const body = h('div', { id: 'provisions' }, loading('provisions'));
  const panel = h('div', { id: 'provision-panel' });
  const notice = liveStatus('provisions-status');
  const canAdd = can('POST', '/provisions');
  root.append(
    h(
      'div',
      { class: 'view-head' },
      h('h2', {}, 'Provisions'),
      canAdd
        ? h('button', { type: 'button', id: 'add-provision', onclick: () => openAdd() }, 'Add a provision')
        : null,
    ),
    h(
      'p',
      { class: 'lede' },
      'The local places we commission, and how full each is today from the placements that name it. The bars are marked where the monthly alert warns (nearly full) and where it is critical (full).',
    ),
    notice,
    panel,
    body,
  );

  let provisions: Provision[] = [];
  let occupancy: Occupancy | undefined;

  const load = async () => {
    try {
      const [list, occ] = await Promise.all([listProvisions(), getOccupancy(today())]);
      provisions = [...list.items].sort((a, b) => a.name.localeCompare(b.name));
      occupancy = occ;
      render();
    } catch (error) {
      body.replaceChildren(errorBox(error, 'provisions'));
    }
  };

  const render = () => {
    if (!occupancy) return;
    const occ = occupancy;
    const byId = new Map(occ.items.map((item) => [item.provisionId, item]));
    body.replaceChildren(
      h(
        'p',
        { class: 'meta', id: 'occupancy-basis' },
        `Occupancy on ${longDate(occ.asOf)} (academic year ${yearLabel(occ.academicYear)}): nearly full from ${fmt.percent(occ.thresholds.occupancyWarn)}, full from ${fmt.percent(occ.thresholds.occupancyCritical)}.`,
      ),
      provisions.length === 0
        ? h('p', { class: 'notice' }, 'No provisions recorded yet.')
        : h(
            'div',
            { class: 'provision-list' },
            provisions.map((provision) =>
              provisionCard(provision, byId.get(provision.id), occ, () => openEdit(provision)),
            ),
          ),
    );
    const wanted = params.get('provision');
    if (wanted) document.getElementById(`provision-${wanted}`)?.focus();
  };

  const done = async (message: string) => {
    panel.replaceChildren();
    notice.textContent = message;
    await load();
  };

  const openAdd = () => {
    panel.replaceChildren(addForm(done, () => panel.replaceChildren()));
    panel.querySelector<HTMLElement>('h3')?.focus();
  };
  const openEdit = (provision: Provision) => {
    panel.replaceChildren(placesForm(provision, done, () => panel.replaceChildren()));
    panel.querySelector<HTMLElement>('h3')?.focus();
  };

  void load();
}

function occupancyBar(row: OccupancyRow | undefined, occ: Occupancy): HTMLElement {
  if (!row) return h('p', { class: 'meta' }, 'No occupancy figure.');
  const share = row.share ?? Number.POSITIVE_INFINITY;
  // Scale to at least 120% so the 100% mark is always inside the bar.
  const scale = Math.min(2, Math.max(1.2, Number.isFinite(share) ? share : 2));
  const at = (value: number) => `${(Math.min(value, scale) / scale) * 100}%`;
  const text =
    row.share === null
      ? `${row.occupied} ${row.occupied === 1 ? 'child' : 'children'} and no commissioned places: over capacity`
      : `${row.occupied} of ${row.places} places filled (${fmt.percent(row.share)})`;
  return h(
    'div',
    {
      class: `occupancy level-${row.level}`,
      'data-level': row.level,
      'data-occupied': row.occupied,
      'data-places': row.places,
    },
    h('p', { class: 'occupancy-text' }, h('strong', {}, LEVEL_WORDS[row.level]), `: ${text}`),
    h(
      'div',
      { class: 'bar', 'aria-hidden': 'true' },
      h('div', { class: 'fill', style: `width: ${at(Number.isFinite(share) ? share : scale)}` }),
      h('span', { class: 'mark', style: `left: ${at(occ.thresholds.occupancyWarn)}`, title: 'nearly full' }),
      h('span', {
        class: 'mark critical',
        style: `left: ${at(occ.thresholds.occupancyCritical)}`,
        title: 'full',
      }),
    ),
  );
}

function provisionCard(
  provision: Provision,
  row: OccupancyRow | undefined,
  occ: Occupancy,
  edit: () => void,
): HTMLElement {
  const thisYear = academicYearStartOf(today());
  const years = [
    ...new Set([
      ...provision.commissionedPlaces.map((r) => r.academicYear),
      thisYear,
      thisYear + 1,
      thisYear + 2,
    ]),
  ]
    .filter((year) => year >= Math.min(...provision.commissionedPlaces.map((r) => r.academicYear)))
    .sort((a, b) => a - b);
  const canEdit = can('PATCH', `/provisions/${encodeURIComponent(provision.id)}`);
  return h(
    'section',
    {
      class: 'card provision',
      id: `provision-${provision.id}`,
      tabindex: -1,
      'aria-labelledby': `provision-${provision.id}-name`,
      'data-provision': provision.id,
    },
    h(
      'div',
      { class: 'view-head' },
      h('h3', { id: `provision-${provision.id}-name` }, provision.name),
      canEdit
        ? h(
            'button',
            { type: 'button', class: 'secondary', onclick: edit, 'data-action': 'change-places' },
            'Change places',
          )
        : null,
    ),
    h(
      'p',
      { class: 'meta' },
      `${SETTING_INFO[provision.type].label}${provision.providerUrn ? `, URN ${provision.providerUrn}` : ''}. Needs: `,
      ...provision.needs.flatMap((need, i) => [
        i > 0 ? ', ' : '',
        h('abbr', { title: NEED_LABELS[need] }, need),
      ]),
      `. Phases: ${provision.phases.map((phase) => PHASE_LABELS[phase].split(' (')[0]).join(', ')}.`,
    ),
    occupancyBar(row, occ),
    table(
      'Places by academic year (commissioned, with planned changes from September)',
      [
        { label: 'Academic year', value: (year: number) => yearLabel(year) },
        {
          label: 'Commissioned',
          numeric: true,
          value: (year) => {
            const own = provision.commissionedPlaces.find((r) => r.academicYear === year);
            return own ? fmt.count(own.places) : '—';
          },
        },
        {
          label: 'Places',
          numeric: true,
          field: 'places',
          value: (year) => fmt.count(placesInAcademicYear(provision, year)),
        },
      ],
      years,
      { class: 'places-table' },
    ),
    provision.plannedChanges.length > 0
      ? h(
          'ul',
          { class: 'planned' },
          provision.plannedChanges.map((change) =>
            h(
              'li',
              {},
              `${PLANNED_CHANGE_LABELS[change.kind]} on ${longDate(change.date)}: ${change.places > 0 ? '+' : ''}${change.places} places${change.note ? ` (${change.note})` : ''}`,
            ),
          ),
        )
      : h('p', { class: 'meta' }, 'No planned changes.'),
    can('GET', '/placements')
      ? h(
          'p',
          {},
          h(
            'a',
            { href: placementsLink({ provisionId: provision.id, status: 'active' }) },
            'Children placed here now',
          ),
        )
      : null,
  );
}

// ---- Planners' forms ----

interface Rows<T> {
  element: HTMLElement;
  read: () => T[];
  fields: () => FormField[];
}

/** Editable rows (places by year, planned changes): add and remove, each field labelled with its row. */
function rowsEditor<T>(options: {
  prefix: string;
  key: string;
  legend: string;
  addLabel: string;
  rows: Record<string, string>[];
  columns: { key: string; label: string; control: (value: string) => HTMLInputElement | HTMLSelectElement }[];
  toValue: (row: Record<string, string>) => T;
  errors: FormErrors;
}): Rows<T> {
  const list = h('div', { class: 'rows' });
  let rows: { values: Record<string, string>; fields: FormField[] }[] = [];
  const group: FormField = {
    key: options.key,
    label: options.legend,
    wrapper: h('fieldset', { class: 'field rows-field', 'data-field': options.key }),
    focusTarget: list,
    error: h('p', { class: 'field-error', hidden: true }),
    controls: [],
  };
  const renderRows = () => {
    rows = rows.map((row, index) => ({
      values: row.values,
      fields: options.columns.map((column) =>
        field({
          prefix: options.prefix,
          key: `${options.key}.${index}.${column.key}`,
          label: `${column.label} (row ${index + 1})`,
          control: column.control(row.values[column.key] ?? ''),
        }),
      ),
    }));
    list.replaceChildren(
      ...rows.map((row, index) =>
        h(
          'div',
          { class: 'row' },
          row.fields.map((f) => f.wrapper),
          h(
            'button',
            {
              type: 'button',
              class: 'secondary',
              'aria-label': `Remove row ${index + 1}`,
              onclick: () => {
                sync();
                rows.splice(index, 1);
                renderRows();
              },
            },
            'Remove',
          ),
        ),
      ),
    );
    options.errors.add(group, ...rows.flatMap((row) => row.fields));
  };
  const sync = () => {
    for (const row of rows)
      options.columns.forEach((column, i) => {
        row.values[column.key] = ((row.fields[i] as FormField).controls[0] as HTMLInputElement).value;
      });
  };
  rows = options.rows.map((values) => ({ values: { ...values }, fields: [] }));
  renderRows();
  list.tabIndex = -1;
  group.wrapper.append(
    h('legend', {}, options.legend),
    group.error,
    list,
    h(
      'button',
      {
        type: 'button',
        class: 'secondary',
        onclick: () => {
          sync();
          rows.push({ values: {}, fields: [] });
          renderRows();
          rows.at(-1)?.fields[0]?.focusTarget.focus();
        },
      },
      options.addLabel,
    ),
  );
  return {
    element: group.wrapper,
    read: () => {
      sync();
      return rows.map((row) => options.toValue(row.values));
    },
    fields: () => rows.flatMap((row) => row.fields),
  };
}

const numberOrNaN = (text: string) => (text.trim() === '' ? Number.NaN : Number(text));

function placesRows(prefix: string, errors: FormErrors, rows: Provision['commissionedPlaces']) {
  return rowsEditor({
    prefix,
    key: 'commissionedPlaces',
    legend: 'Commissioned places by academic year',
    addLabel: 'Add an academic year',
    rows: rows.map((row) => ({ academicYear: String(row.academicYear), places: String(row.places) })),
    columns: [
      {
        key: 'academicYear',
        label: 'Academic year starting September',
        control: (v) => textInput(v, { inputmode: 'numeric', maxlength: 4 }),
      },
      { key: 'places', label: 'Places', control: (v) => textInput(v, { inputmode: 'numeric' }) },
    ],
    toValue: (row) => ({
      academicYear: numberOrNaN(row.academicYear ?? ''),
      places: numberOrNaN(row.places ?? ''),
    }),
    errors,
  });
}

function changesRows(prefix: string, errors: FormErrors, rows: Provision['plannedChanges']) {
  return rowsEditor({
    prefix,
    key: 'plannedChanges',
    legend: 'Planned changes (openings, expansions, reductions, closures)',
    addLabel: 'Add a planned change',
    rows: rows.map((row) => ({
      kind: row.kind,
      date: row.date,
      places: String(row.places),
      note: row.note ?? '',
    })),
    columns: [
      {
        key: 'kind',
        label: 'Change',
        control: (v) =>
          selectInput(
            PLANNED_CHANGE_KINDS.map((kind) => ({ value: kind, label: PLANNED_CHANGE_LABELS[kind] })),
            v || 'expansion',
          ),
      },
      { key: 'date', label: 'From', control: (v) => h('input', { type: 'date', value: v }) },
      {
        key: 'places',
        label: 'Places (+ added, − removed)',
        control: (v) => textInput(v, { inputmode: 'numeric' }),
      },
      { key: 'note', label: 'Note', control: (v) => textInput(v, { maxlength: 500 }) },
    ],
    toValue: (row) => ({
      kind: row.kind,
      date: row.date || undefined,
      places: numberOrNaN(row.places ?? ''),
      ...(row.note?.trim() ? { note: row.note.trim() } : {}),
    }),
    errors,
  });
}

function formShell(
  id: string,
  title: string,
  errors: FormErrors,
  body: Node[],
  submitLabel: string,
  cancel: () => void,
) {
  const status = liveStatus(`${id}-status`);
  const conflict = h('div');
  const submit = h('button', { type: 'submit', id: `${id}-save` }, submitLabel);
  const form = h(
    'form',
    { class: 'card action-form', id, novalidate: true, 'aria-labelledby': `${id}-heading` },
    h('h3', { id: `${id}-heading`, tabindex: -1 }, title),
    conflict,
    errors.summary,
    ...body,
    h(
      'div',
      { class: 'actions' },
      submit,
      h('button', { type: 'button', class: 'secondary', onclick: cancel }, 'Cancel'),
    ),
    status,
  );
  return { form, status, conflict, submit };
}

function addForm(done: (message: string) => Promise<void>, cancel: () => void): HTMLElement {
  const prefix = 'prov';
  const errors = new FormErrors(provisionLabel);
  // A client-given id: saving twice (a double click, a retry) finds the first record instead of a second.
  const id = `prov-${crypto.randomUUID().slice(0, 8)}`;
  const name = field({ prefix, key: 'name', label: 'Name', control: textInput('', { maxlength: 200 }) });
  const type = field({
    prefix,
    key: 'type',
    label: 'Type',
    control: selectInput(
      PROVISION_TYPES.map((value) => ({ value, label: SETTING_INFO[value].label })),
      'resourced-provision',
    ),
  });
  const urn = field({
    prefix,
    key: 'providerUrn',
    label: 'Provider URN (if any)',
    control: textInput('', { inputmode: 'numeric', maxlength: 7 }),
  });
  const needs = choices({
    prefix,
    key: 'needs',
    label: 'Needs it is for',
    type: 'checkbox',
    items: NEEDS.map((need) => ({ value: need, label: `${need}: ${NEED_LABELS[need]}` })),
    checked: [],
  });
  const phases = choices({
    prefix,
    key: 'phases',
    label: 'Phases',
    type: 'checkbox',
    items: PHASES.map((phase) => ({ value: phase, label: PHASE_LABELS[phase] })),
    checked: [],
  });
  const year = academicYearStartOf(today());
  const places = placesRows(prefix, errors, [{ academicYear: year, places: 0 }]);
  const changes = changesRows(prefix, errors, []);
  errors.add(name, type, urn, needs, phases);
  const parts = formShell(
    'add-provision-form',
    'Add a provision',
    errors,
    [
      h('div', { class: 'form-grid' }, name.wrapper, type.wrapper, urn.wrapper),
      needs.wrapper,
      phases.wrapper,
      places.element,
      changes.element,
    ],
    'Save the provision',
    cancel,
  );
  parts.form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const candidate = {
      id,
      name: (name.controls[0] as HTMLInputElement).value.trim(),
      type: (type.controls[0] as HTMLSelectElement).value,
      ...((urn.controls[0] as HTMLInputElement).value.trim()
        ? { providerUrn: (urn.controls[0] as HTMLInputElement).value.trim() }
        : {}),
      needs: needs.values(),
      phases: phases.values(),
      commissionedPlaces: places.read(),
      plannedChanges: changes.read(),
    };
    const parsed = validated(errors, ProvisionInput.safeParse(candidate));
    if (!parsed) return;
    await submitting({
      ...parts,
      errors,
      what: 'the new provision',
      run: async () => {
        const created = await createProvision(parsed);
        await done(`${created.name} added.`);
      },
    });
  });
  return parts.form;
}

function placesForm(
  provision: Provision,
  done: (message: string) => Promise<void>,
  cancel: () => void,
): HTMLElement {
  let base = provision;
  const prefix = 'places';
  const errors = new FormErrors(provisionLabel);
  const body = h('div');
  let places = placesRows(prefix, errors, base.commissionedPlaces);
  let changes = changesRows(prefix, errors, base.plannedChanges);
  body.append(places.element, changes.element);
  const parts = formShell(
    'places-form',
    `Change places: ${provision.name}`,
    errors,
    [body],
    'Save the places',
    cancel,
  );
  parts.form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const patch = { commissionedPlaces: places.read(), plannedChanges: changes.read() };
    const parsed = validated(errors, ProvisionPatch.safeParse(patch));
    if (!parsed) return;
    await submitting({
      ...parts,
      errors,
      what: 'the places',
      run: async () => {
        const saved = await updateProvision(base.id, parsed, base.version);
        await done(`Places saved for ${saved.name} (version ${saved.version}).`);
      },
      handle: async (error) => {
        if (error.status !== 409) return false;
        // Someone changed it meanwhile: show theirs, keep the planner's rows, save again on the new version.
        const latest = (await listProvisions()).items.find((item) => item.id === base.id);
        if (latest) {
          const mine = { commissionedPlaces: patch.commissionedPlaces, plannedChanges: patch.plannedChanges };
          parts.conflict.replaceChildren(
            h(
              'div',
              { class: 'conflict', role: 'alert', tabindex: -1 },
              h(
                'h4',
                {},
                `${latest.updatedBy} changed this provision while you were editing (version ${base.version} → ${latest.version})`,
              ),
              h(
                'p',
                {},
                `Their places: ${latest.commissionedPlaces.map((r) => `${yearLabel(r.academicYear)} ${r.places}`).join(', ')}.`,
              ),
              h(
                'p',
                {},
                'Your rows are kept below. Check them and save again to apply them to the current version.',
              ),
            ),
          );
          base = latest;
          places = placesRows(prefix, errors, mine.commissionedPlaces as Provision['commissionedPlaces']);
          changes = changesRows(prefix, errors, mine.plannedChanges as Provision['plannedChanges']);
          body.replaceChildren(places.element, changes.element);
          parts.conflict.querySelector<HTMLElement>('.conflict')?.focus();
        }
        return true;
      },
    });
  });
  return parts.form;
}
