// Dashboard entry: signs in when deployed, reads who the user is, then routes `#/<view>[/<more>]?<params>`
// to a view. Each view renders into <main>; navigating disposes the previous view's charts and moves focus
// to the new heading. A view that reads child-level records is in the menu only for groups the route
// table lets read them (access.ts).
import { can, loadAccess } from './access';
import { ensureSignedIn } from './auth';
import { disposeCharts } from './chart';
import { errorBox, h } from './ui';
import { alertsView } from './views/alerts';
import { financeView } from './views/finance';
import { overviewView } from './views/overview';
import { placementView } from './views/placement';
import { placementsView } from './views/placements';
import { provisionsView } from './views/provisions';
import { readinessView } from './views/readiness';
import { scenariosView } from './views/scenarios';
import { sufficiencyView } from './views/sufficiency';

/** `rest`: the path after the view's own segment (`#/placements/<id>` → [id]). */
type View = (root: HTMLElement, params: URLSearchParams, rest: string[]) => void;

const VIEWS: { path: string; label: string; view: View /** API path the view lists */; requires?: string }[] =
  [
    { path: 'overview', label: 'Overview', view: overviewView },
    { path: 'sufficiency', label: 'Sufficiency', view: sufficiencyView },
    { path: 'scenarios', label: 'Scenarios', view: scenariosView },
    { path: 'finance', label: 'Finance', view: financeView },
    { path: 'alerts', label: 'Alerts', view: alertsView },
    {
      path: 'placements',
      label: 'Placements',
      view: (root, params, rest) => (rest.length > 0 ? placementView : placementsView)(root, params, rest),
      requires: '/placements',
    },
    { path: 'provisions', label: 'Provisions', view: provisionsView, requires: '/provisions' },
    { path: 'readiness', label: 'Data readiness', view: readinessView },
  ];

const main = document.getElementById('main') as HTMLElement;
const nav = document.getElementById('nav') as HTMLElement;

function buildNav(): void {
  nav.replaceChildren(
    h(
      'ul',
      {},
      ...VIEWS.filter((view) => view.requires === undefined || can('GET', view.requires)).map(
        ({ path, label }) => h('li', {}, h('a', { href: `#/${path}`, 'data-view': path }, label)),
      ),
    ),
  );
}

// The skip link must not change the hash (the hash is the route): it moves focus instead.
document.querySelector('.skip-link')?.addEventListener('click', (event) => {
  event.preventDefault();
  main.focus();
});

let lastPath: string | undefined;

function route(): void {
  const [rawPath = '', rawQuery = ''] = location.hash.replace(/^#\/?/, '').split('?');
  const [head = '', ...rest] = rawPath.split('/').filter(Boolean);
  const entry = VIEWS.find((v) => v.path === head);
  if (!entry) {
    location.replace('#/overview');
    return;
  }
  for (const link of nav.querySelectorAll('a'))
    if (link.dataset.view === entry.path) link.setAttribute('aria-current', 'page');
    else link.removeAttribute('aria-current');
  // Selection changes inside a view update the hash with replaceState (no hashchange); a hashchange to the
  // same view with new parameters (e.g. another financial year) re-renders it.
  disposeCharts();
  main.replaceChildren();
  document.title = `${entry.label} · SEND sufficiency`;
  try {
    entry.view(main, new URLSearchParams(rawQuery), rest);
  } catch (error) {
    main.replaceChildren(errorBox(error, entry.label));
  }
  const heading = main.querySelector('h2');
  if (heading && lastPath !== undefined && lastPath !== rawPath) {
    heading.tabIndex = -1;
    heading.focus();
  }
  lastPath = rawPath;
}

async function start(): Promise<void> {
  try {
    await ensureSignedIn();
    const me = await loadAccess();
    document
      .querySelector('.banner')
      ?.append(h('p', { class: 'who', id: 'who' }, `${me.name} · ${me.groups.join(', ') || 'no groups'}`));
  } catch (error) {
    main.replaceChildren(errorBox(error, 'sign-in'));
    return;
  }
  buildNav();
  window.addEventListener('hashchange', route);
  route();
}

void start();
