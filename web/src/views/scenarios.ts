// Scenarios: build a scenario from the model's levers (validated in the browser with the model's own zod
// schema), save and run it, and compare it with the baseline year by year: places, out-of-borough
// placements avoided, cost, saving and the break-even year against the capital cost.
import { NEEDS, PHASES, SETTING_INFO, SETTINGS } from '../../../domain/codes';
import { academicYearStartOf } from '../../../domain/dates';
import { stateSetting } from '../../../model/data';
import type { ScenarioComparison, ScenarioRow } from '../../../model/output';
import { Scenario, type ScenarioChange } from '../../../model/scenario';
import { createScenario, listScenarios, runProjection, type StoredScenario } from '../api';
import { chartFigure, PALETTE } from '../chart';
import { errorBox, fmt, h, kpi, loading, section, table, today } from '../ui';
import { PROJECTION_HORIZON } from './sufficiency';

type Kind = ScenarioChange['kind'];

interface FieldSpec {
  key: string;
  label: string;
  input: 'need' | 'phase' | 'setting' | 'integer' | 'number' | 'year' | 'text' | 'choice';
  optional?: boolean;
  choices?: string[];
  hint?: string;
}

const thisAcademicYear = academicYearStartOf(today());
const nextCensus = Number(today().slice(0, 4)) + 1;

/** The model's levers (model/scenario.ts ScenarioChange), one form each. */
const LEVERS: Record<Kind, { label: string; fields: FieldSpec[]; defaults: Record<string, string> }> = {
  places: {
    label: 'Add or remove local places',
    fields: [
      {
        key: 'provision',
        label: 'Provision',
        input: 'text',
        optional: true,
        hint: 'new or existing; for your notes',
      },
      { key: 'need', label: 'Need', input: 'need' },
      { key: 'phase', label: 'Phase', input: 'phase' },
      { key: 'places', label: 'Places', input: 'integer', hint: 'negative to remove' },
      { key: 'fromAcademicYear', label: 'From academic year', input: 'year', hint: 'starting September of' },
    ],
    defaults: {
      need: 'ASD',
      phase: 'secondary',
      places: '40',
      fromAcademicYear: String(thisAcademicYear + 1),
    },
  },
  scale: {
    label: 'Scale joiners, leavers or movers',
    fields: [
      { key: 'transition', label: 'Transition', input: 'choice', choices: ['joiners', 'leavers', 'movers'] },
      { key: 'need', label: 'Need', input: 'need', optional: true },
      { key: 'setting', label: 'Setting', input: 'setting', optional: true },
      { key: 'factor', label: 'Factor', input: 'number', hint: '0.9 = 10% fewer' },
      { key: 'fromYear', label: 'From census year', input: 'year' },
    ],
    defaults: { transition: 'joiners', need: 'ASD', factor: '0.9', fromYear: String(nextCensus) },
  },
  redirect: {
    label: 'Move a share of joiners or movers to another setting',
    fields: [
      { key: 'transition', label: 'Transition', input: 'choice', choices: ['joiners', 'movers'] },
      { key: 'need', label: 'Need', input: 'need', optional: true },
      { key: 'phase', label: 'Phase', input: 'phase', optional: true },
      { key: 'fromSetting', label: 'From setting', input: 'setting' },
      { key: 'toSetting', label: 'To setting', input: 'setting' },
      { key: 'share', label: 'Share', input: 'number', hint: '0.2 = 20%' },
      { key: 'fromYear', label: 'From census year', input: 'year' },
    ],
    defaults: {
      transition: 'joiners',
      need: 'SEMH',
      phase: 'secondary',
      fromSetting: stateSetting('independent-special', true),
      toSetting: stateSetting('resourced-provision', false),
      share: '0.2',
      fromYear: String(nextCensus),
    },
  },
  close: {
    label: 'Close a setting',
    fields: [
      { key: 'setting', label: 'Setting', input: 'setting' },
      { key: 'fromYear', label: 'From census year', input: 'year' },
    ],
    defaults: { setting: stateSetting('alternative-provision', true), fromYear: String(nextCensus) },
  },
  'unit-cost': {
    label: 'Change a unit cost',
    fields: [
      { key: 'need', label: 'Need', input: 'need', optional: true },
      { key: 'setting', label: 'Setting', input: 'setting' },
      { key: 'cost', label: 'Annual cost (£)', input: 'number' },
      { key: 'fromYear', label: 'From census year', input: 'year', optional: true },
    ],
    defaults: { setting: stateSetting('independent-special', true), cost: '60000' },
  },
  inflation: {
    label: 'Set cost inflation',
    fields: [{ key: 'rate', label: 'Annual rate', input: 'number', hint: '0.03 = 3% a year' }],
    defaults: { rate: '0.03' },
  },
};

const STATE_SETTINGS = SETTINGS.flatMap((setting) =>
  [false, true].map((out) => ({
    value: stateSetting(setting, out),
    label: `${SETTING_INFO[setting].label} (${out ? 'out of borough' : 'in borough'})`,
  })),
);

interface Draft {
  name: string;
  description: string;
  capitalCost: string;
  changes: { kind: Kind; values: Record<string, string> }[];
}

const presetForty = (): Draft => ({
  name: '40 new local ASD places',
  description: 'A 40-place secondary ASD resourced provision opening next September.',
  capitalCost: '',
  changes: [
    {
      kind: 'places',
      values: { ...LEVERS.places.defaults, provision: 'New ASD resourced provision' },
    },
  ],
});

/** Form draft → the object the schema validates (numbers parsed; empty optional fields left out). */
function toScenario(draft: Draft): unknown {
  const parse = (spec: FieldSpec, raw: string): unknown => {
    if (['integer', 'number', 'year'].includes(spec.input))
      return raw.trim() === '' ? Number.NaN : Number(raw);
    return raw;
  };
  return {
    name: draft.name,
    ...(draft.description.trim() ? { description: draft.description.trim() } : {}),
    ...(draft.capitalCost.trim() ? { capitalCost: Number(draft.capitalCost) } : {}),
    changes: draft.changes.map(({ kind, values }) => ({
      kind,
      ...Object.fromEntries(
        LEVERS[kind].fields
          .filter((spec) => !(spec.optional && (values[spec.key] ?? '').trim() === ''))
          .map((spec) => [spec.key, parse(spec, values[spec.key] ?? '')]),
      ),
    })),
  };
}

/** A stored scenario back into a form draft (to edit and save as a new version). */
function toDraft(scenario: Scenario): Draft {
  return {
    name: scenario.name,
    description: scenario.description ?? '',
    capitalCost: scenario.capitalCost === undefined ? '' : String(scenario.capitalCost),
    changes: scenario.changes.map((change) => ({
      kind: change.kind,
      values: Object.fromEntries(
        Object.entries(change)
          .filter(([key]) => key !== 'kind')
          .map(([key, value]) => [key, String(value)]),
      ),
    })),
  };
}

const inputId = (path: (string | number)[]) => `scn-${path.join('-')}`;

export function scenariosView(root: HTMLElement): void {
  let draft = presetForty();
  const formSlot = h('div');
  const resultSlot = h('div', { id: 'scenario-result', 'aria-live': 'polite' });
  const savedSlot = h('div');
  root.append(
    h('h2', {}, 'Scenarios'),
    h(
      'p',
      { class: 'lede' },
      'Change places, joiner and transition rates, settings or costs, run the projection with the change, and compare it with the baseline. Start from the example (40 new local ASD places) or a saved scenario.',
    ),
    formSlot,
    resultSlot,
    savedSlot,
  );

  const renderForm = () =>
    formSlot.replaceChildren(
      scenarioForm(draft, { onChange: (d) => (draft = d), onRun: run, onReset: reset }),
    );
  const reset = () => {
    draft = presetForty();
    renderForm();
  };
  const loadSaved = () =>
    section(savedSlot, 'saved scenarios', listScenarios, ({ items }) =>
      savedScenarios(items, (scenario) => {
        draft = toDraft(scenario);
        renderForm();
        formSlot.querySelector<HTMLInputElement>(`#${inputId(['name'])}`)?.focus();
      }),
    );

  async function run(scenario: Scenario, button: HTMLButtonElement) {
    button.disabled = true;
    resultSlot.replaceChildren(loading('the scenario and baseline projections'));
    try {
      const stored = await createScenario(scenario);
      const projection = await runProjection({
        scenarioId: stored.id,
        horizon: PROJECTION_HORIZON,
        // The comparison is what this view shows; the back-test belongs to the baseline (Sufficiency).
        backtest: false,
      });
      const comparison = projection.output.scenario;
      if (!comparison) throw new Error('the projection came back without a scenario comparison');
      resultSlot.replaceChildren(...renderComparison(comparison, projection.id, stored.id));
      resultSlot.querySelector('h3')?.focus();
      void loadSaved();
    } catch (error) {
      resultSlot.replaceChildren(errorBox(error, 'the scenario run'));
    } finally {
      button.disabled = false;
    }
  }

  renderForm();
  void loadSaved();
}

function scenarioForm(
  initial: Draft,
  handlers: {
    onChange: (draft: Draft) => void;
    onRun: (scenario: Scenario, button: HTMLButtonElement) => void;
    onReset: () => void;
  },
): HTMLElement {
  const draft: Draft = structuredClone(initial);
  const errors = h('div', { class: 'field-errors', role: 'alert', id: 'scenario-errors' });
  const levers = h('div');

  const control = (spec: FieldSpec, path: (string | number)[], value: string, set: (v: string) => void) => {
    const id = inputId(path);
    const label = `${spec.label}${spec.optional ? ' (optional)' : ''}`;
    const hintId = spec.hint ? `${id}-hint` : undefined;
    const options = (values: { value: string; label: string }[]) => [
      ...(spec.optional ? [h('option', { value: '', selected: value === '' }, 'Any')] : []),
      ...values.map((o) => h('option', { value: o.value, selected: o.value === value }, o.label)),
    ];
    const plain = (list: readonly string[]) => list.map((v) => ({ value: v, label: v }));
    const field =
      spec.input === 'need'
        ? h('select', { id }, ...options(plain(NEEDS)))
        : spec.input === 'phase'
          ? h('select', { id }, ...options(plain(PHASES)))
          : spec.input === 'setting'
            ? h('select', { id }, ...options(STATE_SETTINGS))
            : spec.input === 'choice'
              ? h('select', { id }, ...options(plain(spec.choices ?? [])))
              : h('input', {
                  id,
                  type: spec.input === 'text' ? 'text' : 'number',
                  inputmode: spec.input === 'text' ? undefined : 'decimal',
                  step: spec.input === 'number' ? 'any' : '1',
                  value,
                  size: spec.input === 'text' ? 28 : 10,
                });
    if (hintId) field.setAttribute('aria-describedby', hintId);
    field.addEventListener('input', () => {
      set((field as HTMLInputElement).value);
      handlers.onChange(draft);
    });
    return h(
      'div',
      { class: 'field' },
      h('label', { for: id }, label),
      field,
      spec.hint ? h('span', { class: 'hint', id: hintId }, spec.hint) : null,
    );
  };

  const drawLevers = () => {
    levers.replaceChildren(
      ...draft.changes.map((change, index) =>
        h(
          'fieldset',
          {},
          h('legend', {}, `Change ${index + 1}: ${LEVERS[change.kind].label}`),
          h(
            'div',
            { class: 'lever' },
            ...LEVERS[change.kind].fields.map((spec) =>
              control(spec, ['changes', index, spec.key], change.values[spec.key] ?? '', (v) => {
                change.values[spec.key] = v;
              }),
            ),
            h(
              'button',
              {
                type: 'button',
                class: 'secondary',
                'aria-label': `Remove change ${index + 1}`,
                onclick: () => {
                  draft.changes.splice(index, 1);
                  handlers.onChange(draft);
                  drawLevers();
                },
              },
              'Remove',
            ),
          ),
        ),
      ),
    );
  };
  drawLevers();

  const addKind = h(
    'select',
    { id: 'scn-add-kind' },
    ...(Object.keys(LEVERS) as Kind[]).map((kind) => h('option', { value: kind }, LEVERS[kind].label)),
  );
  const runButton = h('button', { type: 'submit' }, 'Save and run against the baseline');
  const form = h(
    'form',
    { class: 'card', 'aria-labelledby': 'scenario-form-heading', novalidate: true },
    h('h3', { id: 'scenario-form-heading' }, 'Scenario'),
    h(
      'div',
      { class: 'controls' },
      control({ key: 'name', label: 'Name', input: 'text' }, ['name'], draft.name, (v) => {
        draft.name = v;
      }),
      control(
        {
          key: 'capitalCost',
          label: 'Capital cost (£)',
          input: 'number',
          optional: true,
          hint: 'sets the break-even year',
        },
        ['capitalCost'],
        draft.capitalCost,
        (v) => {
          draft.capitalCost = v;
        },
      ),
      control(
        { key: 'description', label: 'Description', input: 'text', optional: true },
        ['description'],
        draft.description,
        (v) => {
          draft.description = v;
        },
      ),
    ),
    levers,
    h(
      'div',
      { class: 'controls' },
      h('div', { class: 'field' }, h('label', { for: 'scn-add-kind' }, 'Another change'), addKind),
      h(
        'button',
        {
          type: 'button',
          class: 'secondary',
          onclick: () => {
            const kind = addKind.value as Kind;
            draft.changes.push({ kind, values: { ...LEVERS[kind].defaults } });
            handlers.onChange(draft);
            drawLevers();
            levers
              .querySelector<HTMLElement>('fieldset:last-child select, fieldset:last-child input')
              ?.focus();
          },
        },
        'Add change',
      ),
    ),
    errors,
    h(
      'div',
      { class: 'controls' },
      runButton,
      h(
        'button',
        { type: 'button', class: 'secondary', onclick: handlers.onReset },
        'Start again from the example',
      ),
    ),
  );
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    for (const invalid of form.querySelectorAll('[aria-invalid]')) invalid.removeAttribute('aria-invalid');
    const parsed = Scenario.safeParse(toScenario(draft));
    if (!parsed.success) {
      const messages = parsed.error.issues.map((issue) => {
        const target = form.querySelector(
          `#${inputId(issue.path.map((p) => (typeof p === 'symbol' ? '' : p)))}`,
        );
        target?.setAttribute('aria-invalid', 'true');
        const where = issue.path.length ? issue.path.join('.') : 'scenario';
        return h('li', {}, `${where}: ${issue.message}`);
      });
      errors.replaceChildren(
        h('p', {}, h('strong', {}, 'Please correct the scenario:')),
        h('ul', {}, ...messages),
      );
      form.querySelector<HTMLElement>('[aria-invalid]')?.focus();
      return;
    }
    errors.replaceChildren();
    handlers.onRun(parsed.data, runButton);
  });
  return form;
}

function savedScenarios(items: StoredScenario[], edit: (scenario: Scenario) => void): HTMLElement {
  const saved = [...items].sort((a, b) => b.createdAt.localeCompare(a.createdAt));
  const when = (item: StoredScenario) => item.createdAt.slice(0, 16).replace('T', ' ');
  return h(
    'section',
    { class: 'card', 'aria-labelledby': 'saved-heading' },
    h('h3', { id: 'saved-heading' }, 'Saved scenarios'),
    table(
      'Saved scenarios, newest first',
      [
        { label: 'Name', value: (item: StoredScenario) => item.scenario.name },
        {
          label: 'Changes',
          value: (item) => item.scenario.changes.map((c) => LEVERS[c.kind].label).join('; '),
        },
        { label: 'Capital cost', value: (item) => fmt.money(item.scenario.capitalCost), numeric: true },
        { label: 'Saved', value: (item) => `${when(item)} by ${item.createdBy}` },
        {
          label: 'Edit',
          value: (item) =>
            h(
              'button',
              {
                type: 'button',
                class: 'secondary',
                'aria-label': `Edit ${item.scenario.name}, saved ${when(item)}`,
                onclick: () => edit(item.scenario),
              },
              'Edit',
            ),
        },
      ],
      saved,
    ),
  );
}

function renderComparison(comparison: ScenarioComparison, projectionId: string, scenarioId: string): Node[] {
  const rows = comparison.rows;
  const last = rows.at(-1);
  const years = rows.map((r) => String(r.year));
  const avoided = rows.reduce((sum, r) => sum + r.outOfBoroughAvoided, 0);
  const heading = h(
    'h3',
    { tabindex: -1, id: 'comparison-heading' },
    `${comparison.name} against the baseline`,
  );
  return [
    h(
      'section',
      { class: 'card', 'aria-labelledby': 'comparison-heading' },
      heading,
      h(
        'p',
        { class: 'meta' },
        `Scenario ${scenarioId}, projection ${projectionId}. Means across the model's draws.`,
      ),
      h(
        'div',
        { class: 'kpis' },
        kpi(
          `Out-of-borough placements avoided in ${last?.year ?? '—'}`,
          fmt.decimal(last?.outOfBoroughAvoided),
          'avoided-last',
          `${fmt.decimal(avoided)} child-years over the projection`,
        ),
        kpi(`Saving in ${last?.year ?? '—'}`, fmt.money(last?.saving), 'saving-last'),
        kpi(
          `Cumulative saving to ${last?.year ?? '—'}`,
          fmt.money(last?.cumulativeSaving),
          'cumulative-saving',
        ),
        kpi(
          'Break-even year',
          comparison.breakEvenYear === null ? 'not within the projection' : String(comparison.breakEvenYear),
          'break-even',
          comparison.capitalCost
            ? `against ${fmt.money(comparison.capitalCost)} capital`
            : 'first year of a cumulative saving',
        ),
      ),
    ),
    h(
      'div',
      { class: 'grid-2' },
      chartFigure({
        id: 'chart-scenario-cost',
        title: 'Cost: scenario against baseline',
        description:
          "Projected annual cost of the caseload at each January census, in the baseline and under the scenario (lines), and the cumulative saving (bars): a full year at that census's caseload, at the model's unit costs, all funders, specialist children beyond local places at the overflow cost. Money by financial year, against the budget, is on the Finance page.",
        option: {
          tooltip: { trigger: 'axis', valueFormatter: (v: number) => fmt.money(v) },
          xAxis: { type: 'category', data: years },
          yAxis: [
            {
              type: 'value',
              name: 'Annual cost',
              scale: true,
              axisLabel: { formatter: (v: number) => fmt.millions(v) },
            },
            {
              type: 'value',
              name: 'Cumulative saving',
              axisLabel: { formatter: (v: number) => fmt.millions(v) },
            },
          ],
          series: [
            {
              name: 'Baseline cost',
              type: 'line',
              data: rows.map((r) => r.cost.baseline),
              lineStyle: { width: 3, type: 'dashed' },
            },
            {
              name: 'Scenario cost',
              type: 'line',
              data: rows.map((r) => r.cost.scenario),
              lineStyle: { width: 3 },
            },
            {
              name: 'Cumulative saving',
              type: 'bar',
              yAxisIndex: 1,
              data: rows.map((r) => r.cumulativeSaving),
              itemStyle: { color: PALETTE[2] },
            },
          ],
        },
        table: comparisonTable(rows, 'cost'),
      }),
      chartFigure({
        id: 'chart-scenario-places',
        title: 'Specialist demand and local places',
        description:
          'Children wanting a specialist place and the local places available, baseline and scenario.',
        option: {
          xAxis: { type: 'category', data: years },
          grid: { left: 16, right: 24, top: 72, bottom: 16, containLabel: true },
          yAxis: { type: 'value', name: 'Children', scale: true },
          series: [
            {
              name: 'Demand, baseline',
              type: 'line',
              data: rows.map((r) => r.specialistDemand.baseline),
              lineStyle: { type: 'dashed' },
            },
            { name: 'Demand, scenario', type: 'line', data: rows.map((r) => r.specialistDemand.scenario) },
            {
              name: 'Places, baseline',
              type: 'line',
              step: 'end',
              data: rows.map((r) => r.localPlaces.baseline),
              lineStyle: { type: 'dashed' },
            },
            {
              name: 'Places, scenario',
              type: 'line',
              step: 'end',
              data: rows.map((r) => r.localPlaces.scenario),
            },
          ],
        },
        table: comparisonTable(rows, 'places'),
      }),
    ),
    h(
      'section',
      { class: 'card', 'aria-labelledby': 'scenario-table-heading' },
      h('h3', { id: 'scenario-table-heading' }, 'Year by year'),
      comparisonTable(rows, 'all', 'scenario-table'),
    ),
  ];
}

type ComparisonColumns = 'places' | 'cost' | 'all';

function comparisonTable(rows: ScenarioRow[], columns: ComparisonColumns, id?: string): HTMLElement {
  const year = { label: 'January', value: (r: ScenarioRow) => r.year };
  const places = [
    {
      label: 'Places, baseline',
      value: (r: ScenarioRow) => fmt.count(r.localPlaces.baseline),
      numeric: true,
    },
    {
      label: 'Places, scenario',
      value: (r: ScenarioRow) => fmt.count(r.localPlaces.scenario),
      numeric: true,
      field: 'places',
    },
  ];
  const demand = [
    {
      label: 'Demand, baseline',
      value: (r: ScenarioRow) => fmt.decimal(r.specialistDemand.baseline),
      numeric: true,
    },
    {
      label: 'Demand, scenario',
      value: (r: ScenarioRow) => fmt.decimal(r.specialistDemand.scenario),
      numeric: true,
    },
  ];
  const avoided = {
    label: 'Out of borough avoided',
    value: (r: ScenarioRow) => fmt.decimal(r.outOfBoroughAvoided),
    numeric: true,
    field: 'avoided',
  };
  const cost = [
    { label: 'Cost, baseline', value: (r: ScenarioRow) => fmt.money(r.cost.baseline), numeric: true },
    { label: 'Cost, scenario', value: (r: ScenarioRow) => fmt.money(r.cost.scenario), numeric: true },
    { label: 'Saving', value: (r: ScenarioRow) => fmt.money(r.saving), numeric: true, field: 'saving' },
    {
      label: 'Cumulative saving',
      value: (r: ScenarioRow) => fmt.money(r.cumulativeSaving),
      numeric: true,
      field: 'cumulative',
    },
  ];
  const chosen =
    columns === 'places'
      ? [year, ...places, ...demand, avoided]
      : columns === 'cost'
        ? [year, ...cost]
        : [year, ...places, avoided, ...cost];
  return table('Scenario against baseline by January census', chosen, rows, id ? { id } : {});
}
