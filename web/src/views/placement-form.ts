// The form that records a placement and corrects one: every field of the create body, in plain words,
// validated in the browser by the API's own schemas (domain/placement.ts) before anything is sent.
import { FUNDER_LABELS, FUNDERS, MAX_NCY, MIN_NCY, NEEDS, ncyLabel, SETTINGS } from '../../../domain/codes';
import {
  ENGLISH_LOCAL_AUTHORITIES,
  localAuthority,
  searchLocalAuthorities,
} from '../../../domain/local-authorities';
import { type Placement, REMOVABLE_FIELDS } from '../../../domain/placement';
import type { Provision } from '../../../domain/provision';
import { choices, type FormErrors, type FormField, field, selectInput, textInput } from '../form';
import { h } from '../ui';
import { hostLaWords, needWords, settingWords } from '../words';

/** The fields a correction may change (costs change from a date, and an end has its own form). */
export const EDITABLE_FIELDS = [
  'childRef',
  'primaryNeed',
  'secondaryNeed',
  'setting',
  'residential',
  'inBorough',
  'hostLaCode',
  'providerUrn',
  'providerName',
  'provisionId',
  'lookedAfter',
  'ncy',
  'birthMonth',
  'startDate',
] as const;
export type EditableField = (typeof EDITABLE_FIELDS)[number];

const removable = new Set<string>(REMOVABLE_FIELDS);

export interface PlacementForm {
  element: HTMLElement;
  /** The form as the API's body: empty optional fields left out, numbers parsed (NaN if not a number). */
  value: () => Record<string, unknown>;
  focusFirst: () => void;
}

const trimmed = (input: HTMLInputElement | HTMLSelectElement) => input.value.trim();
const optional = (text: string) => (text === '' ? undefined : text);
/** Whole pounds or pence ("£8,000" too); an empty cost is £0 (a funder that pays nothing). */
export const money = (text: string) => {
  const amount = text.trim().replaceAll(',', '').replace(/^£\s*/, '');
  return amount === '' ? 0 : Number(amount);
};

/**
 * The record/edit form's fields. `initial` fills them (a placement to correct, or nothing for a new one);
 * `withCosts` adds the four annual costs (a new placement's first costs).
 */
export function placementForm(options: {
  prefix: string;
  initial?: Partial<Placement>;
  withCosts: boolean;
  provisions: Provision[];
  errors: FormErrors;
}): PlacementForm {
  const { prefix, errors } = options;
  const initial = options.initial ?? {};
  const text = (value: unknown) => (value === undefined || value === null ? '' : String(value));

  const childRef = field({
    prefix,
    key: 'childRef',
    label: 'Child reference',
    hint: 'The pseudonymous reference from your case system. Never a name, UPN, ULN, NHS number or date of birth.',
    control: textInput(text(initial.childRef), { maxlength: 64, autocapitalize: 'characters' }),
  });
  const needItems = NEEDS.map((need) => ({ value: need, label: needWords(need) }));
  const primaryNeed = field({
    prefix,
    key: 'primaryNeed',
    label: 'Primary need',
    control: selectInput(needItems, text(initial.primaryNeed) || 'ASD'),
  });
  const secondaryNeed = field({
    prefix,
    key: 'secondaryNeed',
    label: 'Secondary need (if any)',
    control: selectInput([{ value: '', label: 'None' }, ...needItems], text(initial.secondaryNeed)),
  });
  const setting = field({
    prefix,
    key: 'setting',
    label: 'Setting',
    control: selectInput(
      SETTINGS.map((value) => ({ value, label: settingWords(value) })),
      text(initial.setting) || 'maintained-special',
    ),
  });
  const yesNo = (key: 'residential' | 'lookedAfter', label: string) =>
    choices({
      prefix,
      key,
      label,
      type: 'radio',
      items: [
        { value: 'no', label: 'No' },
        { value: 'yes', label: 'Yes' },
      ],
      checked: [initial[key] ? 'yes' : 'no'],
    });
  const residential = yesNo('residential', 'Residential placement?');

  // Host LA: type a code or any part of a name; the list offers the 153 English authorities.
  const listId = `${prefix}-la-list`;
  const hostLaInput = textInput(text(initial.hostLaCode), { list: listId, inputmode: 'search' });
  const hostLaName = h('p', {
    class: 'hint la-name',
    id: `${prefix}-hostLaCode-name`,
    'aria-live': 'polite',
  });
  const laList = h(
    'datalist',
    { id: listId },
    ENGLISH_LOCAL_AUTHORITIES.map((la) => h('option', { value: la.code }, `${la.name} (${la.region})`)),
  );
  const showHostLa = () => {
    const code = trimmed(hostLaInput);
    hostLaName.textContent = code === '' ? '' : /^\d{3}$/.test(code) ? hostLaWords(code) : '';
  };
  // A name typed in full (or a part only one authority has) becomes its code.
  hostLaInput.addEventListener('change', () => {
    const typed = trimmed(hostLaInput);
    if (typed !== '' && !/^\d{3}$/.test(typed)) {
      const exact = ENGLISH_LOCAL_AUTHORITIES.find((la) => la.name.toLowerCase() === typed.toLowerCase());
      const found = exact ? [exact] : searchLocalAuthorities(typed);
      if (found.length === 1 && found[0]) hostLaInput.value = found[0].code;
    }
    showHostLa();
  });
  hostLaInput.addEventListener('input', showHostLa);
  showHostLa();
  const hostLaCode = field({
    prefix,
    key: 'hostLaCode',
    label: 'Host local authority',
    hint: 'Where the setting is: type its three-digit DfE code or part of its name and pick from the list.',
    control: hostLaInput,
    after: h('div', {}, hostLaName, laList),
  });
  const whereChanged = () => {
    hostLaCode.wrapper.hidden = inBorough.values()[0] !== 'out';
  };
  const inBorough = choices({
    prefix,
    key: 'inBorough',
    label: 'Where is the setting?',
    type: 'radio',
    items: [
      { value: 'in', label: 'In borough (in our area)' },
      { value: 'out', label: 'Out of borough (another authority’s area)' },
    ],
    checked: [initial.inBorough === false ? 'out' : 'in'],
    onChange: whereChanged,
  });
  whereChanged();

  const providerUrn = field({
    prefix,
    key: 'providerUrn',
    label: 'Provider URN (if known)',
    hint: 'The setting’s unique reference number from Get Information about Schools: 6 or 7 digits.',
    control: textInput(text(initial.providerUrn), { inputmode: 'numeric', maxlength: 7 }),
  });
  const providerName = field({
    prefix,
    key: 'providerName',
    label: 'Provider name (if known)',
    control: textInput(text(initial.providerName), { maxlength: 200 }),
  });
  const provisionId = field({
    prefix,
    key: 'provisionId',
    label: 'Local provision (if the child has one of our commissioned places)',
    control: selectInput(
      [
        { value: '', label: 'None' },
        ...options.provisions.map((provision) => ({ value: provision.id, label: provision.name })),
      ],
      text(initial.provisionId),
    ),
  });
  const lookedAfter = yesNo('lookedAfter', 'Is the child looked after (in the authority’s care)?');
  const ncyItems = [{ value: '', label: 'Not known' }];
  for (let ncy = MIN_NCY; ncy <= MAX_NCY; ncy++) ncyItems.push({ value: String(ncy), label: ncyLabel(ncy) });
  const ncy = field({
    prefix,
    key: 'ncy',
    label: 'Year group (national curriculum year)',
    hint: 'Give the year group, the birth month, or both.',
    control: selectInput(ncyItems, text(initial.ncy)),
  });
  const birthMonth = field({
    prefix,
    key: 'birthMonth',
    label: 'Birth month',
    hint: 'Month and year only, e.g. 2014-03.',
    control: h('input', { type: 'month', value: text(initial.birthMonth), min: '1990-01' }),
  });
  const startDate = field({
    prefix,
    key: 'startDate',
    label: 'Start date',
    control: h('input', {
      type: 'date',
      value: text(initial.startDate),
      min: '1990-01-01',
      max: '2100-12-31',
    }),
  });
  const costInputs = FUNDERS.map((funder) =>
    field({
      prefix,
      key: `costs.${funder}`,
      label: `${FUNDER_LABELS[funder]} (£ a year)`,
      control: textInput(initial.costs ? String(initial.costs[funder]) : '', { inputmode: 'decimal' }),
    }),
  );
  const childFields = [childRef, primaryNeed, secondaryNeed, lookedAfter, ncy, birthMonth];
  const placementFields = [
    setting,
    residential,
    inBorough,
    hostLaCode,
    providerUrn,
    providerName,
    provisionId,
    startDate,
  ];
  const fields: FormField[] = [...childFields, ...placementFields, ...(options.withCosts ? costInputs : [])];
  errors.add(...fields);

  const control = (item: FormField) => item.controls[0] as HTMLInputElement | HTMLSelectElement;
  const value = (): Record<string, unknown> => {
    const out = inBorough.values()[0] === 'out';
    const ncyText = trimmed(control(ncy));
    const body: Record<string, unknown> = {
      childRef: optional(trimmed(control(childRef))),
      primaryNeed: control(primaryNeed).value,
      secondaryNeed: optional(control(secondaryNeed).value),
      setting: control(setting).value,
      residential: residential.values()[0] === 'yes',
      inBorough: !out,
      hostLaCode: out ? optional(trimmed(hostLaInput)) : undefined,
      providerUrn: optional(trimmed(control(providerUrn))),
      providerName: optional(trimmed(control(providerName))),
      provisionId: optional(control(provisionId).value),
      lookedAfter: lookedAfter.values()[0] === 'yes',
      ncy: ncyText === '' ? undefined : Number(ncyText),
      birthMonth: optional(control(birthMonth).value),
      startDate: optional(control(startDate).value),
    };
    if (options.withCosts)
      body.costs = Object.fromEntries(
        FUNDERS.map((funder, index) => [funder, money(control(costInputs[index] as FormField).value)]),
      );
    return Object.fromEntries(Object.entries(body).filter(([, v]) => v !== undefined));
  };

  const group = (title: string, ...items: FormField[]) =>
    h(
      'div',
      { class: 'form-group' },
      h('h3', {}, title),
      h(
        'div',
        { class: 'form-grid' },
        items.map((i) => i.wrapper),
      ),
    );
  const element = h(
    'div',
    {},
    group('The child', ...childFields),
    group('The placement', ...placementFields),
    options.withCosts ? group('Annual cost by who pays', ...costInputs) : null,
  );
  return { element, value, focusFirst: () => childRef.focusTarget.focus() };
}

/**
 * What a correction changes: each editable field whose value differs from the version read; an optional
 * detail cleared on the form is `null` (the API removes it).
 */
export function patchOf(base: Placement, value: Record<string, unknown>): Record<string, unknown> {
  const patch: Record<string, unknown> = {};
  for (const key of EDITABLE_FIELDS) {
    const before = base[key];
    const after = value[key];
    if (after === undefined) {
      if (before !== undefined && removable.has(key)) patch[key] = null;
    } else if (JSON.stringify(after) !== JSON.stringify(before)) patch[key] = after;
  }
  return patch;
}

/** The host LA's name for a code, or nothing: used to warn about a code that is not a current English LA. */
export const knownHostLa = (code: string) => localAuthority(code) !== undefined;
