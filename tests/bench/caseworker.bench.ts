// The caseworker's list pages with 50,000 placements in the table: time from opening the address in
// Chromium to the page showing its first page of results (the page, its script, GET /me and the list
// through the API's cursor), cold once and then warm. Target: every list page ≤ 1 s. Also the API call
// alone, to tell the page's share from the store's.
// Run: npm run bench -- caseworker   (needs Debian's chromium on PATH)
import { quantile } from 'simple-statistics';
import type { Placement } from '../../domain/placement';
import { startLocal } from '../../infra/local/server';
import { CHROMIUM, launchBrowser } from '../helpers/browser';
import { LARGE_RECORDS, largeAuthority } from './dataset';

const WARM_RUNS = 5;
const TARGET_MS = 1_000;

if (!CHROMIUM) {
  console.error('caseworker bench: no Chromium on PATH (apt-get install -y chromium)');
  process.exit(1);
}

// The large authority of the scale bench (50,000 records, 22,000 active, the demo's mix), bulk-loaded as an
// import would, into the product serving its dashboard.
const { placements, provisions } = largeAuthority();
const runtime = await startLocal({ inMemory: true, port: 0, seedDemo: false, log: () => {} });
const seedStart = performance.now();
const context = { actor: { userId: 'bench', name: 'bench' }, now: new Date() };
await runtime.deps.placements.prepareBulkLoad(); // as an import does before it writes
await runtime.deps.provisions.createMany(provisions, context);
await runtime.deps.placements.createMany(placements, context);
await runtime.deps.placements.settle(); // an import's last step: the first reader has nothing left to fold
console.log(
  `${placements.length.toLocaleString('en-GB')} placements loaded in ${((performance.now() - seedStart) / 1000).toFixed(0)} s`,
);

const oneId = placements[Math.floor(placements.length / 2)]?.id as string;
const someRef = (placements[1234] as Placement).childRef.slice(0, 6);
const PAGES: { label: string; view: string; api?: string }[] = [
  { label: 'all placements, page 1', view: 'placements', api: '/placements?limit=50' },
  {
    label: 'out of borough, looked after',
    view: 'placements?inBorough=false&lookedAfter=true',
    api: '/placements?inBorough=false&lookedAfter=true&limit=50',
  },
  {
    label: 'SEMH, active',
    view: 'placements?primaryNeed=SEMH&status=active',
    api: '/placements?primaryNeed=SEMH&status=active&limit=50',
  },
  {
    label: 'provider name contains "oak"',
    view: 'placements?provider=oak',
    api: '/placements?provider=oak&limit=50',
  },
  {
    label: `child reference starts "${someRef}"`,
    view: `placements?childRef=${someRef}`,
    api: `/placements?childRef=${someRef}&limit=50`,
  },
  { label: 'provisions with occupancy', view: 'provisions', api: '/occupancy' },
  { label: 'one placement with its audit trail', view: `placements/${encodeURIComponent(oneId)}` },
];

// Stopped on every path, a failed page load included: no Chromium or DynamoDB Local is left behind.
const browser = await launchBrowser();
try {
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  const ready = () =>
    page.waitForFunction(
      () =>
        document.querySelectorAll('[aria-busy="true"], .loading').length === 0 &&
        document.querySelector('#placements-table, #provisions .provision, #audit-trail .audit-entry') !==
          null,
      null,
      { timeout: 120_000, polling: 10 },
    );

  async function timeLoad(view: string): Promise<number> {
    await page.goto('about:blank');
    const start = performance.now();
    await page.goto(`${runtime.url}/#/${view}`);
    await ready();
    return performance.now() - start;
  }

  async function timeApi(path: string): Promise<number> {
    const start = performance.now();
    const response = await fetch(`${runtime.url}${path}`);
    await response.arrayBuffer();
    if (!response.ok) throw new Error(`${path} → ${response.status}`);
    return performance.now() - start;
  }

  const rows: Record<string, Record<string, string>> = {};
  let misses = 0;
  for (const { label, view, api } of PAGES) {
    const cold = await timeLoad(view);
    const warm: number[] = [];
    for (let run = 0; run < WARM_RUNS; run++) warm.push(await timeLoad(view));
    const apiTimes: number[] = [];
    if (api) for (let run = 0; run < WARM_RUNS; run++) apiTimes.push(await timeApi(api));
    const p50 = quantile(warm, 0.5);
    const ok = p50 <= TARGET_MS;
    if (!ok) misses += 1;
    rows[label] = {
      'cold ms': cold.toFixed(0),
      'warm p50 ms': p50.toFixed(0),
      'warm max ms': Math.max(...warm).toFixed(0),
      'API alone p50 ms': apiTimes.length ? quantile(apiTimes, 0.5).toFixed(0) : '—',
      'target ms': String(TARGET_MS),
      verdict: ok ? 'met' : 'MISSED',
    };
  }
  console.table(rows);
  console.log(
    misses === 0
      ? `Every list page showed its first page within ${TARGET_MS} ms (warm p50) with ${LARGE_RECORDS.toLocaleString('en-GB')} placements.`
      : `${misses} page(s) over ${TARGET_MS} ms: figures on a busy machine are indicative; re-measure on a quiet one.`,
  );
} finally {
  await browser.close();
  await runtime.stop();
}
