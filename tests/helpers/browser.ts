// Debian's Chromium for the browser tests, driven by playwright-core (never a downloaded browser). Found on
// PATH (or CHROMIUM_PATH), so no machine path is written into the repository. `.ci/run` installs it and sets
// CI, where a missing browser fails the run instead of skipping the browser tests silently.
import { execFileSync } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core';
import { expect } from 'vitest';
import type { DemoAuthority } from '../../infra/local/demo/generate';
import { type LocalRuntime, startLocal } from '../../infra/local/server';

function findChromium(): string | undefined {
  if (process.env.CHROMIUM_PATH) return process.env.CHROMIUM_PATH;
  for (const name of ['chromium', 'chromium-browser']) {
    try {
      return execFileSync('sh', ['-c', `command -v ${name}`], { encoding: 'utf8' }).trim() || undefined;
    } catch {
      // not on PATH: try the next name
    }
  }
  return undefined;
}

export const CHROMIUM = findChromium();

/** True where browser tests can run; in CI a missing browser is an error, not a skip. */
export function browserAvailable(testFile: string): boolean {
  if (CHROMIUM) return true;
  const message = `${testFile}: no Chromium on PATH. Install Debian's chromium (apt-get install -y chromium); .ci/run does.`;
  if (process.env.CI) throw new Error(message);
  console.warn(`${message} Skipped.`);
  return false;
}

/** Headless Chromium with the flags this closed network needs (no background connections, no QUIC). */
export function launchBrowser(): Promise<Browser> {
  if (!CHROMIUM) throw new Error('no Chromium on PATH');
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      '--disable-quic',
    ],
  });
}

/**
 * fetch, a read sent once more when the server had just closed the kept-alive connection it went out on
 * (ECONNRESET): on a loaded machine the client's idle timer can fire after the server's, and the read
 * never reached the app. A write is never sent twice.
 */
async function fetchOnce(url: string, init?: RequestInit): Promise<Response> {
  try {
    return await fetch(url, init);
  } catch (error) {
    const reset = (error as { cause?: { code?: string } }).cause?.code === 'ECONNRESET';
    if (!reset || (init?.method ?? 'GET') !== 'GET') throw error;
    return fetch(url, init);
  }
}

/** The whole product in-process and Chromium on it, for the dashboard's browser tests. */
export interface DashboardSession {
  runtime: LocalRuntime;
  browser: Browser;
  context: BrowserContext;
  page: Page;
  /** Console errors and uncaught exceptions on `page`. */
  consoleErrors: string[];
  /** The API's JSON answer to a request, failing the test on an error status. */
  api: <T>(path: string, init?: RequestInit) => Promise<T>;
  /** Resolves once no section of the page is loading. */
  settled: (target?: Page) => Promise<void>;
  stop: () => Promise<void>;
}

/**
 * `startLocal` (database in memory, a fresh data folder) with the demo authority (or the slice of it `demo` gives), and one
 * page in a Chromium context at `viewport`, British English, with reduced motion: charts draw without
 * animation, so screenshots show them finished. Generous timeouts: CI machines are often busy.
 */
export async function startDashboardSession(options: {
  viewport: { width: number; height: number };
  demo?: () => DemoAuthority;
  /** Run last month's alerts after the load, as `npm start` does, and wait for them before any view is timed. */
  demoAlertHistory?: boolean;
}): Promise<DashboardSession> {
  const dataDir = await mkdtemp(join(tmpdir(), 'send-e2e-'));
  // The database in memory (nothing outlives the test): seeding is quicker. The folder keeps the alert outbox.
  const start = () =>
    startLocal({
      port: 0,
      dataDir,
      inMemory: true,
      seedDemo: true,
      log: () => {},
      ...(options.demo ? { demo: options.demo } : {}),
      ...(options.demoAlertHistory ? { demoAlertHistory: true } : {}),
    });
  // On a starved machine DynamoDB Local can fail the demo's bulk load with a lock timeout (a 500 real
  // DynamoDB never gives) even after the client's retries; startLocal then stops its database, and one more
  // start on a fresh one is the test's business, not the product's.
  const runtime = await start().catch((error: unknown) => {
    if ((error as Error).name !== 'InternalServerError') throw error;
    return start();
  });
  let browser: Browser;
  try {
    await runtime.demoAlertHistory;
    browser = await launchBrowser();
  } catch (error) {
    await runtime.stop();
    throw error;
  }
  const context = await browser.newContext({
    viewport: options.viewport,
    locale: 'en-GB',
    reducedMotion: 'reduce',
  });
  context.setDefaultTimeout(120_000);
  const page = await context.newPage();
  const consoleErrors: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') consoleErrors.push(message.text());
  });
  page.on('pageerror', (error) => consoleErrors.push(error.message));
  return {
    runtime,
    browser,
    context,
    page,
    consoleErrors,
    api: async <T>(path: string, init?: RequestInit) => {
      const response = await fetchOnce(`${runtime.url}${path}`, init);
      expect(response.ok, `${path} → ${response.status}`).toBe(true);
      return (await response.json()) as T;
    },
    settled: async (target = page) => {
      await target.waitForFunction(
        () => document.querySelectorAll('[aria-busy="true"], .loading').length === 0,
        null,
        { timeout: 120_000 },
      );
    },
    stop: async () => {
      await browser.close();
      await runtime.stop();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}
