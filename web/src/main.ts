// Dashboard entry: signs in when deployed, then routes `#/<view>?<params>` to one of five views. Each view
// renders into <main>; navigating disposes the previous view's charts and moves focus to the new heading.
import { ensureSignedIn } from './auth';
import { disposeCharts } from './chart';
import { errorBox, h } from './ui';
import { alertsView } from './views/alerts';
import { financeView } from './views/finance';
import { overviewView } from './views/overview';
import { scenariosView } from './views/scenarios';
import { sufficiencyView } from './views/sufficiency';

type View = (root: HTMLElement, params: URLSearchParams) => void;

const VIEWS: { path: string; label: string; view: View }[] = [
  { path: 'overview', label: 'Overview', view: overviewView },
  { path: 'sufficiency', label: 'Sufficiency', view: sufficiencyView },
  { path: 'scenarios', label: 'Scenarios', view: scenariosView },
  { path: 'finance', label: 'Finance', view: financeView },
  { path: 'alerts', label: 'Alerts', view: alertsView },
];

const main = document.getElementById('main') as HTMLElement;
const nav = document.getElementById('nav') as HTMLElement;

nav.append(
  h(
    'ul',
    {},
    ...VIEWS.map(({ path, label }) => h('li', {}, h('a', { href: `#/${path}`, 'data-view': path }, label))),
  ),
);

// The skip link must not change the hash (the hash is the route): it moves focus instead.
document.querySelector('.skip-link')?.addEventListener('click', (event) => {
  event.preventDefault();
  main.focus();
});

let lastPath: string | undefined;

function route(): void {
  const [rawPath = '', rawQuery = ''] = location.hash.replace(/^#\/?/, '').split('?');
  const entry = VIEWS.find((v) => v.path === rawPath);
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
    entry.view(main, new URLSearchParams(rawQuery));
  } catch (error) {
    main.replaceChildren(errorBox(error, entry.label));
  }
  const heading = main.querySelector('h2');
  if (heading && lastPath !== undefined && lastPath !== entry.path) {
    heading.tabIndex = -1;
    heading.focus();
  }
  lastPath = entry.path;
}

async function start(): Promise<void> {
  try {
    await ensureSignedIn();
  } catch (error) {
    main.replaceChildren(errorBox(error, 'sign-in'));
    return;
  }
  window.addEventListener('hashchange', route);
  route();
}

void start();
