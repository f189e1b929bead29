// One placement: every field in plain words, its cost history, its audit trail field by field, and the
// actions the user's groups allow (correct it, change its cost from a date, end it). Also the form that
// records a new placement (#/placements/new). Every write names the version it read; when someone else
// changed the placement meanwhile (409) the form shows what they changed and keeps the user's own changes,
// ready to be saved again on the current version — nothing is lost silently.
import {
  DSG_CATEGORY_LABELS,
  dsgCategoryOf,
  FUNDER_LABELS,
  FUNDERS,
  phaseOfNcy,
} from '../../../domain/codes';
import { IsoDate } from '../../../domain/dates';
import {
  Costs,
  costsOn,
  END_REASON_LABELS,
  END_REASONS,
  type Placement,
  PlacementEnd,
  PlacementInput,
  PlacementPatch,
  totalAnnualCost,
  validatePlacementRules,
} from '../../../domain/placement';
import { applyPlacementPatch, type BuildResult, endPlacement } from '../../../domain/placement-build';
import type { Provision } from '../../../domain/provision';
import * as z from '../../../domain/zod';
import { can, currentUser } from '../access';
import {
  type AuditEntry,
  createPlacement,
  endPlacementAt,
  getPlacement,
  listProvisions,
  placementHistory,
  updatePlacement,
} from '../api';
import {
  type FieldIssue,
  FormErrors,
  type FormField,
  field,
  liveStatus,
  selectInput,
  submitting,
  textInput,
  validated,
  zodIssues,
} from '../form';
import { errorBox, fmt, h, loading, table, today } from '../ui';
import { fieldLabel, longDate, phaseWords, stamp, valueWords } from '../words';
import { money, patchOf, placementForm } from './placement-form';
import { childLevelRefused } from './placements';

const placementPath = (id: string) => `/placements/${encodeURIComponent(id)}`;
const actor = () => ({ userId: currentUser()?.userId ?? 'me', name: currentUser()?.name ?? 'me' });

/**
 * The schema checks rules across fields only once every field is valid; a form shows them all at once, so
 * the same rules (validatePlacementRules, the API's own) are run on what the user has entered so far.
 */
function withRules(issues: FieldIssue[], value: Record<string, unknown>): FieldIssue[] {
  const rules = validatePlacementRules(value as Parameters<typeof validatePlacementRules>[0]);
  if (rules.success) return issues;
  const seen = new Set(issues.map((issue) => `${issue.field} ${issue.message}`));
  return [
    ...issues,
    ...zodIssues(rules.error.issues).filter((issue) => !seen.has(`${issue.field} ${issue.message}`)),
  ];
}

const provisionsOrNone = () =>
  listProvisions()
    .then(({ items }) => items)
    .catch(() => [] as Provision[]);

/** `#/placements/new` records one; `#/placements/<id>` shows one. */
export function placementView(root: HTMLElement, params: URLSearchParams, rest: string[]): void {
  const [id] = rest;
  if (id === 'new') recordView(root);
  else if (id) pageView(root, decodeURIComponent(id), params);
}

// ---- Recording a placement ----

function recordView(root: HTMLElement): void {
  root.append(h('h2', {}, 'Record a placement'));
  if (!can('POST', '/placements')) {
    root.append(
      h(
        'p',
        { class: 'notice', id: 'not-permitted' },
        'Only caseworkers record placements. Your role can read them.',
      ),
    );
    return;
  }
  const slot = h('div', {}, loading('the form'));
  root.append(
    h(
      'p',
      { class: 'lede' },
      'Every field is checked as you save, by the same rules the API applies. Nothing is saved until every problem is fixed.',
    ),
    slot,
  );
  void provisionsOrNone().then((provisions) => slot.replaceChildren(recordForm(provisions)));
}

function recordForm(provisions: Provision[]): HTMLElement {
  // One key for this form: a double click, or a retry after a lost answer, never makes two records.
  let idempotencyKey = crypto.randomUUID();
  const errors = new FormErrors(fieldLabel);
  const form = placementForm({ prefix: 'rec', withCosts: true, provisions, errors });
  const status = liveStatus('record-status');
  const save = h('button', { type: 'submit', id: 'record-save' }, 'Save the placement');
  const element = h(
    'form',
    { class: 'card', id: 'record-form', novalidate: true, 'aria-label': 'Record a placement' },
    errors.summary,
    form.element,
    h(
      'div',
      { class: 'actions' },
      save,
      h('a', { href: '#/placements', class: 'button secondary' }, 'Cancel'),
    ),
    status,
  );
  let sending = false;
  element.addEventListener('submit', async (event) => {
    event.preventDefault();
    if (sending) return; // the key would make a second send harmless; this keeps the page calm
    const value = form.value();
    const parsed = PlacementInput.safeParse(value);
    if (!parsed.success) {
      errors.show(withRules(zodIssues(parsed.error.issues), value));
      return;
    }
    errors.clear();
    sending = true;
    await submitting({
      submit: save,
      status,
      errors,
      what: 'the new placement',
      run: async () => {
        const placement = await createPlacement(parsed.data, idempotencyKey);
        location.hash = `#/placements/${encodeURIComponent(placement.id)}?saved=recorded`;
      },
      handle: (error) => {
        if (error.status === 409 && error.body.field === 'Idempotency-Key') {
          errors.show([
            {
              field: '',
              message:
                'this form was already sent with other details, and may have been saved then. Check the placements list for this child before recording again; the next save starts a new record.',
            },
          ]);
          idempotencyKey = crypto.randomUUID();
          return true;
        }
        if (error.status !== 0) return false;
        errors.show([
          {
            field: '',
            message: `${error.message} The placement may have been saved: press Save again — it cannot make a second record.`,
          },
        ]);
        return true;
      },
    });
    sending = false;
  });
  queueMicrotask(() => form.focusFirst());
  return element;
}

// ---- One placement ----

interface PageState {
  placement: Placement;
  history: AuditEntry[] | undefined;
  provisions: Provision[];
}

type Action = 'edit' | 'cost' | 'end';

function pageView(root: HTMLElement, id: string, params: URLSearchParams): void {
  if (childLevelRefused(root, 'Placement')) return;
  const heading = h('h2', {}, 'Placement');
  const notice = h('div', { id: 'placement-notice', role: 'status', 'aria-live': 'polite' });
  const actionsBar = h('div', { class: 'actions', id: 'placement-actions' });
  const panel = h('div', { id: 'action-panel' });
  const details = h('section', { class: 'card', 'aria-labelledby': 'details-heading' });
  const costs = h('section', { class: 'card', 'aria-labelledby': 'costs-heading' });
  const audit = h('section', { class: 'card', 'aria-labelledby': 'audit-heading', id: 'audit-trail' });
  root.append(h('div', { class: 'view-head' }, heading), notice, actionsBar, panel, details, costs, audit);
  details.append(loading('the placement'));

  let state: PageState;
  const canHistory = can('GET', `${placementPath(id)}/history`);

  const render = () => {
    const p = state.placement;
    heading.textContent = `Placement of ${p.childRef}`;
    document.title = `${p.childRef} · Placements · SEND sufficiency`;
    renderDetails(details, state);
    renderCosts(costs, p);
    if (state.history) renderAudit(audit, state.history);
    else
      audit.replaceChildren(
        h('h3', { id: 'audit-heading' }, 'Changes'),
        h('p', { class: 'meta' }, 'Your role does not see the audit trail.'),
      );
    renderActions();
  };

  const reload = async () => {
    const [placement, history] = await Promise.all([
      getPlacement(id),
      canHistory ? placementHistory(id).then((r) => r.items) : Promise.resolve(undefined),
    ]);
    // Mutated in place: the open form holds this same state.
    state.placement = placement;
    state.history = history;
  };

  const allowed = (action: Action) => {
    const path = placementPath(id);
    if (action === 'end') return can('POST', `${path}/end`) && state.placement.endDate === undefined;
    return can('PATCH', path);
  };

  const renderActions = () => {
    const items: [Action, string][] = [
      ['edit', 'Correct the details'],
      ['cost', 'Change the cost from a date'],
      ['end', 'End the placement'],
    ];
    actionsBar.replaceChildren(
      ...items
        .filter(([action]) => allowed(action))
        .map(([action, label]) =>
          h(
            'button',
            { type: 'button', class: 'secondary', id: `action-${action}`, onclick: () => open(action) },
            label,
          ),
        ),
    );
  };

  const close = (message?: string) => {
    panel.replaceChildren();
    history.replaceState(null, '', `#/placements/${encodeURIComponent(id)}`);
    if (message) notice.replaceChildren(h('p', { class: 'notice saved' }, message));
  };

  const saved = async (placement: Placement, message: string) => {
    state.placement = placement;
    if (canHistory) state.history = (await placementHistory(id)).items;
    render();
    close(message);
    notice.querySelector('p')?.setAttribute('tabindex', '-1');
    notice.querySelector<HTMLElement>('p')?.focus();
  };

  /** After a 409: the current version, what others changed since the version the form read. */
  const catchUp = async (readVersion: number, mine: readonly string[]) => {
    await reload();
    render();
    const meanwhile = (state.history ?? []).filter((entry) => entry.version > readVersion);
    return conflictPanel(readVersion, state.placement, meanwhile, mine);
  };

  const open = (action: Action) => {
    if (!allowed(action)) return;
    notice.replaceChildren();
    history.replaceState(null, '', `#/placements/${encodeURIComponent(id)}?action=${action}`);
    const form =
      action === 'edit'
        ? editForm(state, { saved, catchUp, cancel: () => close() })
        : action === 'cost'
          ? costForm(state, { saved, catchUp, cancel: () => close() })
          : endForm(state, { saved, catchUp, cancel: () => close() });
    panel.replaceChildren(form);
    form.querySelector<HTMLElement>('h3')?.focus();
  };

  void (async () => {
    try {
      const [placement, historyItems, provisions] = await Promise.all([
        getPlacement(id),
        canHistory ? placementHistory(id).then((r) => r.items) : Promise.resolve(undefined),
        provisionsOrNone(),
      ]);
      state = { placement, history: historyItems, provisions };
      render();
      const savedWhat = params.get('saved');
      if (savedWhat === 'recorded')
        notice.replaceChildren(
          h('p', { class: 'notice saved' }, `Placement recorded for ${placement.childRef} (version 1).`),
        );
      const action = params.get('action');
      if (action === 'edit' || action === 'cost' || action === 'end') open(action);
    } catch (error) {
      details.replaceChildren(errorBox(error, `placement ${id}`));
    }
  })();
}

// ---- The page's sections ----

function renderDetails(slot: HTMLElement, state: PageState): void {
  const p = state.placement;
  const provision = p.provisionId ? state.provisions.find((item) => item.id === p.provisionId) : undefined;
  const now = today();
  const row = (key: string, label: string, value: Node | string) =>
    [h('dt', {}, label), h('dd', { 'data-field': key }, value)] as const;
  const status =
    p.endDate === undefined
      ? 'Active'
      : p.endDate >= now
        ? `Active, ending ${longDate(p.endDate)}`
        : `Ended ${longDate(p.endDate)}`;
  slot.replaceChildren(
    h('h3', { id: 'details-heading' }, 'Details'),
    h(
      'dl',
      { class: 'details' },
      ...row('status', 'Status', status),
      ...row('childRef', 'Child reference', p.childRef),
      ...row('primaryNeed', 'Primary need', valueWords('primaryNeed', p.primaryNeed)),
      ...row(
        'secondaryNeed',
        'Secondary need',
        p.secondaryNeed ? valueWords('secondaryNeed', p.secondaryNeed) : 'None',
      ),
      ...row(
        'setting',
        'Setting',
        `${valueWords('setting', p.setting)} (DSG category: ${DSG_CATEGORY_LABELS[dsgCategoryOf(p.setting)]})`,
      ),
      ...row('residential', 'Residential', valueWords('residential', p.residential)),
      ...row('inBorough', 'In or out of borough', valueWords('inBorough', p.inBorough)),
      ...(p.hostLaCode !== undefined
        ? row('hostLaCode', 'Host local authority', valueWords('hostLaCode', p.hostLaCode))
        : []),
      ...row(
        'provider',
        'Provider',
        [p.providerName, p.providerUrn ? `URN ${p.providerUrn}` : undefined].filter(Boolean).join(', ') ||
          'not recorded',
      ),
      ...row(
        'provisionId',
        'Local provision',
        p.provisionId
          ? h(
              'a',
              { href: `#/provisions?provision=${encodeURIComponent(p.provisionId)}` },
              provision?.name ?? p.provisionId,
            )
          : 'None',
      ),
      ...row('lookedAfter', 'Looked after (in care)', valueWords('lookedAfter', p.lookedAfter)),
      ...row(
        'ncy',
        'Year group',
        p.ncy !== undefined
          ? `${valueWords('ncy', p.ncy)} — ${phaseWords(phaseOfNcy(p.ncy))}`
          : 'not recorded',
      ),
      ...row('birthMonth', 'Birth month', valueWords('birthMonth', p.birthMonth)),
      ...row('startDate', 'Start date', valueWords('startDate', p.startDate)),
      ...(p.endDate !== undefined
        ? [
            ...row('endDate', 'End date', valueWords('endDate', p.endDate)),
            ...row('endReason', 'Reason it ended', valueWords('endReason', p.endReason)),
          ]
        : []),
      ...row('annualCost', 'Annual cost today', valueWords('costs', costsOn(p, now))),
      ...row(
        'record',
        'Record',
        `Version ${p.version}. Recorded by ${p.createdBy} on ${stamp(p.createdAt)}; last changed by ${p.updatedBy} on ${stamp(p.updatedAt)}.`,
      ),
    ),
  );
}

function renderCosts(slot: HTMLElement, p: Placement): void {
  const now = today();
  const periods = p.costHistory.map((period, index) => ({
    ...period,
    until: p.costHistory[index + 1]?.effectiveFrom,
  }));
  slot.replaceChildren(
    h('h3', { id: 'costs-heading' }, 'Cost history'),
    h(
      'p',
      { class: 'meta' },
      'Annual costs by who pays, each in force from its date until the next change. Spend is worked out day by day from these.',
    ),
    table(
      'Annual costs by the date they took effect',
      [
        {
          label: 'In force from',
          field: 'effectiveFrom',
          value: (r: (typeof periods)[number]) =>
            `${longDate(r.effectiveFrom)}${r.effectiveFrom <= now && (r.until === undefined || r.until > now) ? ' (current)' : r.effectiveFrom > now ? ' (future)' : ''}`,
        },
        ...FUNDERS.map((funder) => ({
          label: FUNDER_LABELS[funder],
          numeric: true,
          field: `cost-${funder}`,
          value: (r: (typeof periods)[number]) => fmt.money(r.costs[funder]),
        })),
        {
          label: 'Total a year',
          numeric: true,
          field: 'cost-total',
          value: (r) => fmt.money(totalAnnualCost(r.costs)),
        },
      ],
      periods,
      { id: 'cost-history' },
    ),
  );
}

const ACTION_WORDS: Record<AuditEntry['action'], string> = {
  create: 'Recorded',
  update: 'Changed',
  end: 'Ended',
  put: 'Written',
  delete: 'Deleted',
};

/** Cost periods that differ between two versions of the history, in words. */
function periodsWords(from: unknown, to: unknown): { before: string; after: string } {
  const was = (from as Placement['costHistory'] | undefined) ?? [];
  const now = (to as Placement['costHistory'] | undefined) ?? [];
  const key = (period: Placement['costHistory'][number]) =>
    `${period.effectiveFrom} ${JSON.stringify(period.costs)}`;
  const kept = new Set(now.map(key));
  const before = was.filter((period) => !kept.has(key(period)));
  const gone = new Set(was.map(key));
  const after = now.filter((period) => !gone.has(key(period)));
  const words = (periods: typeof was) => (periods.length === 0 ? '—' : valueWords('costHistory', periods));
  return { before: words(before), after: words(after) };
}

function renderAudit(slot: HTMLElement, entries: AuditEntry[]): void {
  const newestFirst = [...entries].sort((a, b) => b.version - a.version);
  slot.replaceChildren(
    h('h3', { id: 'audit-heading' }, 'Changes (audit trail)'),
    h(
      'p',
      { class: 'meta' },
      'Every change to this placement, newest first: who made it, when, and each field before and after.',
    ),
    h(
      'ul',
      { class: 'audit' },
      ...newestFirst.map((entry) => {
        const rows = entry.changes.map((change) => {
          if (change.field === 'costHistory') {
            const { before, after } = periodsWords(change.from, change.to);
            return { field: change.field, before, after };
          }
          return {
            field: change.field,
            before: entry.action === 'create' ? '—' : valueWords(change.field, change.from),
            after: valueWords(change.field, change.to),
          };
        });
        const changes = table(
          `Version ${entry.version}: ${ACTION_WORDS[entry.action].toLowerCase()} by ${entry.by.name}`,
          [
            { label: 'Field', field: 'field', value: (r: (typeof rows)[number]) => fieldLabel(r.field) },
            { label: 'Before', field: 'before', value: (r) => r.before },
            { label: 'After', field: 'after', value: (r) => r.after },
          ],
          rows,
          { class: 'audit-changes' },
        );
        return h(
          'li',
          { class: 'audit-entry', 'data-version': entry.version, 'data-action': entry.action },
          h(
            'p',
            { class: 'audit-line' },
            h('strong', {}, `${ACTION_WORDS[entry.action]} (version ${entry.version})`),
            ` by ${entry.by.name}, ${stamp(entry.at)}`,
          ),
          entry.action === 'create'
            ? h('details', {}, h('summary', {}, `The ${rows.length} details recorded`), changes)
            : changes,
        );
      }),
    ),
  );
}

/** What changed since the version the form read, by whom, and that the user's own entries are kept. */
function conflictPanel(
  readVersion: number,
  latest: Placement,
  meanwhile: AuditEntry[],
  mine: readonly string[],
): HTMLElement {
  const changes = meanwhile.flatMap((entry) =>
    entry.changes
      .filter((change) => change.field !== 'costHistory')
      .map((change) => ({ ...change, by: entry.by.name, at: entry.at })),
  );
  return h(
    'div',
    { class: 'conflict', role: 'alert', id: 'conflict', tabindex: -1 },
    h(
      'h4',
      {},
      `Someone else changed this placement while you were working on it (version ${readVersion} → ${latest.version})`,
    ),
    changes.length > 0
      ? h(
          'ul',
          {},
          changes.map((change) =>
            h(
              'li',
              { 'data-field': change.field },
              `${fieldLabel(change.field)}: ${valueWords(change.field, change.from)} → ${valueWords(change.field, change.to)} (${change.by}, ${stamp(change.at)})`,
              mine.includes(change.field)
                ? h('strong', {}, ' You changed this too: your value is the one in the form.')
                : null,
            ),
          ),
        )
      : h('p', {}, 'The audit trail below shows their change.'),
    h(
      'p',
      {},
      'Your own entries are still in the form, now on top of their version. Check them and save again to apply them.',
    ),
  );
}

// ---- The action forms ----

/** A cost change: the new annual costs and the date they apply from (a PATCH's two cost fields). */
const CostChange = z.strictObject({ costs: Costs, costsEffectiveFrom: IsoDate });

interface ActionHooks {
  saved: (placement: Placement, message: string) => Promise<void>;
  /** The version the form read and the fields the user changed. */
  catchUp: (readVersion: number, mine: readonly string[]) => Promise<HTMLElement>;
  cancel: () => void;
}

/** What one action form asks, checks and sends; `current` is always the version the page holds. */
interface ActionSpec<T> {
  id: string;
  title: string;
  intro: string;
  submitLabel: string;
  errors: FormErrors;
  body: Node;
  /** Issues the form finds before the schema (a required field emptied, nothing changed); none: go on. */
  precheck?: (current: Placement) => FieldIssue[];
  /** The request body as the API takes it, from the form. */
  read: (current: Placement) => unknown;
  schema: z.ZodType<T>;
  /** The API's rules on the record as the write would leave it (domain/placement-build.ts). */
  rules: (current: Placement, valid: T) => BuildResult;
  changing: (valid: T) => string[];
  send: (current: Placement, valid: T) => Promise<Placement>;
  message: (saved: Placement, valid: T) => string;
  /** After a 409 has brought the page to the current version: rebuild the form on it, keeping the user's entries. */
  rebase?: (valid: T) => void;
}

/**
 * An action in the panel: the API's own checks run in the browser first (the schema, then the rules), then
 * the write for the version read. On a 409 the page catches up, the form shows what changed meanwhile and
 * keeps the user's entries for them to save again on the current version.
 */
function actionForm<T>(state: PageState, hooks: ActionHooks, spec: ActionSpec<T>): HTMLElement {
  const status = liveStatus(`${spec.id}-status`);
  const conflict = h('div');
  const submit = h('button', { type: 'submit', id: `${spec.id}-save` }, spec.submitLabel);
  const form = h(
    'form',
    { class: 'card action-form', id: spec.id, novalidate: true, 'aria-labelledby': `${spec.id}-heading` },
    h('h3', { id: `${spec.id}-heading`, tabindex: -1 }, spec.title),
    h('p', { class: 'meta' }, spec.intro),
    conflict,
    spec.errors.summary,
    spec.body,
    h(
      'div',
      { class: 'actions' },
      submit,
      h('button', { type: 'button', class: 'secondary', onclick: hooks.cancel }, 'Cancel'),
    ),
    status,
  );
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const current = state.placement;
    const early = spec.precheck?.(current) ?? [];
    if (early.length > 0) {
      spec.errors.show(early);
      return;
    }
    const valid = validated(spec.errors, spec.schema.safeParse(spec.read(current)));
    if (valid === undefined) return;
    const built = spec.rules(current, valid);
    if (!built.ok) {
      spec.errors.show(built.problems);
      return;
    }
    spec.errors.clear();
    void submitting({
      submit,
      status,
      errors: spec.errors,
      what: 'the change',
      run: async () => {
        const saved = await spec.send(current, valid);
        await hooks.saved(saved, spec.message(saved, valid));
      },
      handle: async (error) => {
        if (error.status !== 409) return false;
        const panel = await hooks.catchUp(current.version, spec.changing(valid));
        spec.rebase?.(valid);
        conflict.replaceChildren(panel);
        panel.focus();
        return true;
      },
    });
  });
  return form;
}

const rulesNow = () => ({ now: new Date(), actor: actor() });

function editForm(state: PageState, hooks: ActionHooks): HTMLElement {
  const errors = new FormErrors(fieldLabel);
  const body = h('div');
  const build = (initial: Placement) =>
    placementForm({ prefix: 'edit', initial, withCosts: false, provisions: state.provisions, errors });
  let form = build(state.placement);
  body.append(form.element);
  return actionForm(state, hooks, {
    id: 'edit-form',
    title: 'Correct the details',
    intro: 'Only the fields you change are sent. To change the cost, use “Change the cost from a date”.',
    submitLabel: 'Save the corrections',
    errors,
    body,
    precheck: (current) => {
      const value = form.value();
      // The corrected record must still be a whole, valid placement (a required field cannot be emptied).
      const whole = PlacementInput.safeParse({
        ...value,
        costs: current.costs,
        ...(current.endDate ? { endDate: current.endDate, endReason: current.endReason } : {}),
      });
      if (!whole.success) return withRules(zodIssues(whole.error.issues), value);
      return Object.keys(patchOf(current, value)).length === 0
        ? [{ field: '', message: 'nothing has changed yet' }]
        : [];
    },
    read: (current) => patchOf(current, form.value()),
    schema: PlacementPatch,
    rules: (current, patch) => applyPlacementPatch(current, patch, rulesNow()),
    changing: (patch) => Object.keys(patch),
    send: (current, patch) => updatePlacement(current.id, patch, current.version),
    message: (saved) => `Corrections saved (version ${saved.version}).`,
    rebase: (patch) => {
      const initial: Record<string, unknown> = { ...state.placement, ...patch };
      for (const [key, value] of Object.entries(patch)) if (value === null) delete initial[key];
      form = build(initial as Placement);
      body.replaceChildren(form.element);
    },
  });
}

function costForm(state: PageState, hooks: ActionHooks): HTMLElement {
  const errors = new FormErrors(fieldLabel);
  const current = costsOn(state.placement, today());
  const last = state.placement.costHistory.at(-1)?.effectiveFrom ?? state.placement.startDate;
  const inputs = FUNDERS.map((funder) =>
    field({
      prefix: 'cost',
      key: `costs.${funder}`,
      label: `${FUNDER_LABELS[funder]} (£ a year)`,
      control: textInput(String(current[funder]), { inputmode: 'decimal' }),
    }),
  );
  const from = field({
    prefix: 'cost',
    key: 'costsEffectiveFrom',
    label: 'New costs apply from',
    hint: `Not before ${longDate(last)}, when the current costs took effect. Give that date to correct the current costs instead of changing them.`,
    control: h('input', { type: 'date', value: today(), min: last }),
  });
  errors.add(...inputs, from);
  return actionForm(state, hooks, {
    id: 'cost-form',
    title: 'Change the cost from a date',
    intro: 'Costs before the date are kept: spend up to then is worked out on them.',
    submitLabel: 'Save the new costs',
    errors,
    body: h('div', { class: 'form-grid' }, ...inputs.map((i) => i.wrapper), from.wrapper),
    read: () => ({
      costs: Object.fromEntries(
        FUNDERS.map((funder, index) => [
          funder,
          money(((inputs[index] as FormField).controls[0] as HTMLInputElement).value),
        ]),
      ),
      costsEffectiveFrom: (from.controls[0] as HTMLInputElement).value || undefined,
    }),
    schema: CostChange,
    rules: (placement, change) => applyPlacementPatch(placement, change, rulesNow()),
    changing: () => ['costs'],
    send: (placement, change) => updatePlacement(placement.id, change, placement.version),
    message: (saved, change) =>
      `New costs saved from ${longDate(change.costsEffectiveFrom)} (version ${saved.version}).`,
  });
}

function endForm(state: PageState, hooks: ActionHooks): HTMLElement {
  const errors = new FormErrors(fieldLabel);
  const endDate = field({
    prefix: 'end',
    key: 'endDate',
    label: 'Last day of the placement',
    hint: `On or after the start, ${longDate(state.placement.startDate)}. A date ahead of today ends it then.`,
    control: h('input', { type: 'date', value: today(), min: state.placement.startDate }),
  });
  const endReason = field({
    prefix: 'end',
    key: 'endReason',
    label: 'Why it ended',
    control: selectInput(
      [
        { value: '', label: 'Choose a reason' },
        ...END_REASONS.map((value) => ({ value, label: END_REASON_LABELS[value] })),
      ],
      '',
    ),
  });
  errors.add(endDate, endReason);
  return actionForm(state, hooks, {
    id: 'end-form',
    title: 'End the placement',
    intro:
      'The placement stays on record, with its end date and reason, and counts no more from the day after.',
    submitLabel: 'End the placement',
    errors,
    body: h('div', { class: 'form-grid' }, endDate.wrapper, endReason.wrapper),
    read: () => ({
      endDate: (endDate.controls[0] as HTMLInputElement).value || undefined,
      endReason: (endReason.controls[0] as HTMLSelectElement).value || undefined,
    }),
    schema: PlacementEnd,
    rules: (placement, end) => endPlacement(placement, end, rulesNow()),
    changing: () => ['endDate', 'endReason'],
    send: (placement, end) => endPlacementAt(placement.id, end, placement.version),
    message: (saved, end) =>
      `Placement ended on ${longDate(saved.endDate as string)}: ${END_REASON_LABELS[end.endReason]}.`,
  });
}
