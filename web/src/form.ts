// Accessible form parts shared by the record, edit, cost, end and provision forms: every control has its
// label, hint and error tied to it (aria-describedby), errors appear beside the field in the user's words
// and in a summary that is announced (role="alert") and links to each field, as GOV.UK forms do.
import type * as z from '../../domain/zod';
import { ApiError } from './api';
import { errorBox, h } from './ui';

type Control = HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement;

export interface FieldIssue {
  /** The schema path joined with dots (`costs.education`), or '' for the form as a whole. */
  field: string;
  message: string;
}

/** One labelled field: the wrapper to place, and where its error goes. */
export interface FormField {
  key: string;
  label: string;
  wrapper: HTMLElement;
  /** What focus moves to from the error summary. */
  focusTarget: HTMLElement;
  error: HTMLElement;
  /** Marked aria-invalid with an error. */
  controls: Control[];
}

let sequence = 0;
/** Ids unique on the page, readable in tests: `<prefix>-<key>`. */
export const fieldId = (prefix: string, key: string) => `${prefix}-${key.replaceAll('.', '-')}`;

function describe(control: Control, ...ids: string[]) {
  control.setAttribute('aria-describedby', ids.join(' '));
}

/** A label, an optional hint and an error line above a single control. */
export function field(options: {
  prefix: string;
  key: string;
  label: string;
  hint?: string;
  control: Control;
  /** Shown after the control, e.g. the host LA's name as it is typed. */
  after?: HTMLElement;
}): FormField {
  const id = fieldId(options.prefix, options.key);
  const { control } = options;
  control.id = id;
  const hintId = `${id}-hint`;
  const errorId = `${id}-error`;
  const error = h('p', { class: 'field-error', id: errorId, hidden: true });
  describe(control, ...(options.hint ? [hintId] : []), errorId);
  const wrapper = h(
    'div',
    { class: 'field', 'data-field': options.key },
    h('label', { for: id }, options.label),
    options.hint ? h('p', { class: 'hint', id: hintId }, options.hint) : null,
    error,
    control,
    options.after,
  );
  return {
    key: options.key,
    label: options.label,
    wrapper,
    focusTarget: control,
    error,
    controls: [control],
  };
}

/** Radio buttons (or checkboxes) in a fieldset whose legend is the question. */
export function choices(options: {
  prefix: string;
  key: string;
  label: string;
  hint?: string;
  type: 'radio' | 'checkbox';
  items: { value: string; label: string }[];
  checked: readonly string[];
  onChange?: () => void;
}): FormField & { values: () => string[] } {
  const id = fieldId(options.prefix, options.key);
  const hintId = `${id}-hint`;
  const errorId = `${id}-error`;
  const error = h('p', { class: 'field-error', id: errorId, hidden: true });
  const inputs = options.items.map((item) =>
    h('input', {
      type: options.type,
      name: id,
      id: `${id}-${item.value}`,
      value: item.value,
      checked: options.checked.includes(item.value),
      onchange: options.onChange ? () => options.onChange?.() : undefined,
    }),
  );
  const wrapper = h(
    'fieldset',
    {
      class: `field choices ${options.type === 'radio' ? 'inline' : ''}`,
      'data-field': options.key,
      'aria-describedby': [options.hint ? hintId : '', errorId].filter(Boolean).join(' '),
    },
    h('legend', {}, options.label),
    options.hint ? h('p', { class: 'hint', id: hintId }, options.hint) : null,
    error,
    h(
      'div',
      { class: 'choice-list' },
      options.items.map((item, index) =>
        h('div', { class: 'choice' }, inputs[index], h('label', { for: `${id}-${item.value}` }, item.label)),
      ),
    ),
  );
  return {
    key: options.key,
    label: options.label,
    wrapper,
    focusTarget: inputs[0] as HTMLElement,
    error,
    controls: inputs,
    values: () => inputs.filter((input) => input.checked).map((input) => input.value),
  };
}

export const textInput = (value = '', attrs: Record<string, string | number | boolean | undefined> = {}) =>
  h('input', { type: 'text', value, autocomplete: 'off', spellcheck: 'false', ...attrs });

export function selectInput(
  items: { value: string; label: string }[],
  value: string,
  attrs: Record<string, string | boolean | undefined> = {},
) {
  const select = h('select', attrs, ...items.map((item) => h('option', { value: item.value }, item.label)));
  select.value = value;
  return select;
}

/**
 * The errors of one form: beside each field, and in a summary at the top that is announced when it appears
 * and links to each field. Issues for fields not on the form go in the summary alone.
 */
export class FormErrors {
  readonly summary: HTMLElement;
  private readonly fields = new Map<string, FormField>();

  constructor(
    private readonly labelOf: (field: string) => string,
    title = 'There is a problem',
  ) {
    sequence += 1;
    this.summary = h('div', {
      class: 'error-summary',
      role: 'alert',
      tabindex: -1,
      hidden: true,
      'aria-labelledby': `error-summary-${sequence}`,
    });
    this.summary.dataset.title = title;
    this.summary.dataset.headingId = `error-summary-${sequence}`;
  }

  add(...fields: FormField[]): void {
    for (const item of fields) this.fields.set(item.key, item);
  }

  clear(): void {
    this.summary.hidden = true;
    this.summary.replaceChildren();
    for (const item of this.fields.values()) {
      item.error.hidden = true;
      item.error.textContent = '';
      for (const control of item.controls) control.removeAttribute('aria-invalid');
    }
  }

  /** The field an issue belongs to: its own key, or the nearest enclosing one (`costs.education` → `costs`). */
  private fieldOf(path: string): FormField | undefined {
    for (let key = path; key !== ''; key = key.includes('.') ? key.slice(0, key.lastIndexOf('.')) : '') {
      const found = this.fields.get(key);
      if (found) return found;
    }
    return undefined;
  }

  /** Shows the issues and moves focus to the summary, so a screen reader reads them first. */
  show(issues: FieldIssue[]): void {
    this.clear();
    if (issues.length === 0) return;
    const items: HTMLElement[] = [];
    const seen = new Set<string>();
    for (const issue of issues) {
      const target = this.fieldOf(issue.field);
      const text = issue.message;
      const line = `${target ? target.label : this.labelOf(issue.field) || 'Form'}: ${text}`;
      if (seen.has(line)) continue;
      seen.add(line);
      if (target) {
        target.error.hidden = false;
        target.error.textContent = target.error.textContent ? `${target.error.textContent} ${text}` : text;
        for (const control of target.controls) control.setAttribute('aria-invalid', 'true');
        const link = h('a', { href: `#${target.focusTarget.id}` }, line);
        link.addEventListener('click', (event) => {
          event.preventDefault(); // the hash is the route: move focus instead
          target.focusTarget.focus();
        });
        items.push(h('li', {}, link));
      } else items.push(h('li', {}, line));
    }
    const headingId = this.summary.dataset.headingId as string;
    this.summary.replaceChildren(
      h('h3', { id: headingId }, this.summary.dataset.title ?? 'There is a problem'),
      h('ul', {}, items),
    );
    this.summary.hidden = false;
    this.summary.focus();
  }
}

/** Zod issues as form issues: the path joined with dots. */
export const zodIssues = (
  issues: readonly { path: readonly PropertyKey[]; message: string }[],
): FieldIssue[] =>
  issues.map((issue) => ({ field: issue.path.map(String).join('.'), message: issue.message }));

/** A status line that screen readers announce politely (saved, loading, conflicts resolved). */
export const liveStatus = (id?: string) =>
  h('div', { class: 'status', role: 'status', 'aria-live': 'polite', id });

/** Field issues from a 400 the API sent back (the browser's checks passed but the server's did not). */
export const apiFieldIssues = (error: ApiError): FieldIssue[] =>
  error.fields.length > 0 ? error.fields : [{ field: '', message: error.message }];

/**
 * Runs a form's write: its button disabled and "Saving…" said while it runs; a 400's fields shown beside
 * them; an error the form deals with itself (a 409, a lost answer) handed to `handle`, which says whether
 * it did; anything else shown as the API's message.
 */
export async function submitting(options: {
  submit: HTMLButtonElement;
  status: HTMLElement;
  errors: FormErrors;
  what: string;
  run: () => Promise<void>;
  handle?: (error: ApiError) => boolean | Promise<boolean>;
}): Promise<void> {
  const { submit, status, errors } = options;
  submit.disabled = true;
  status.textContent = 'Saving…';
  try {
    await options.run();
  } catch (error) {
    status.textContent = '';
    if (error instanceof ApiError && (await options.handle?.(error))) return;
    if (error instanceof ApiError && error.status === 400) errors.show(apiFieldIssues(error));
    else status.replaceChildren(errorBox(error, options.what));
  } finally {
    submit.disabled = false;
  }
}

/** The schema's answer: the valid body (the form's errors cleared), or its issues shown on the form. */
export function validated<T>(errors: FormErrors, parsed: z.ZodSafeParseResult<T>): T | undefined {
  if (!parsed.success) {
    errors.show(zodIssues(parsed.error.issues));
    return undefined;
  }
  errors.clear();
  return parsed.data;
}
