// The interactive API docs (/docs) render in Chromium with no network beyond the local runtime: every
// request to another host is blocked and recorded, and the page must still show every operation of the
// document, grouped by tag, with the groups that may call it. Swagger UI comes from npm and is served by
// the runtime itself (web/build.ts), never a CDN.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type LocalRuntime, startLocal } from '../../infra/local/server';
import { ROUTE_ACCESS } from '../../infra/route-access';
import { browserAvailable, launchBrowser } from '../helpers/browser';

const run = browserAvailable('api-docs.test.ts');

describe.skipIf(!run)('/docs in Chromium, offline', () => {
  let runtime: LocalRuntime;
  let browser: Browser;
  let page: Page;
  let dataDir: string;
  const blocked: string[] = [];
  const consoleErrors: string[] = [];

  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'send-docs-'));
    runtime = await startLocal({ port: 0, dataDir, seedDemo: false, log: () => {} });
    browser = await launchBrowser();
    const context = await browser.newContext({ locale: 'en-GB' });
    context.setDefaultTimeout(120_000);
    const local = new URL(runtime.url);
    // No network: anything not addressed to the local runtime is refused.
    await context.route('**/*', (route) => {
      const url = new URL(route.request().url());
      if (url.host === local.host) return route.continue();
      blocked.push(url.href);
      return route.abort('internetdisconnected');
    });
    page = await context.newPage();
    page.on('console', (message) => {
      if (message.type() === 'error') consoleErrors.push(message.text());
    });
    page.on('pageerror', (error) => consoleErrors.push(error.message));
  }, 240_000);

  afterAll(async () => {
    await browser?.close();
    await runtime?.stop();
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
  });

  it('renders every operation of the document, with who may call it, from local files only', async () => {
    await page.goto(`${runtime.url}/docs`);
    await page.waitForSelector('.opblock', { timeout: 120_000 });
    await expect.poll(() => page.locator('.opblock').count(), { timeout: 60_000 }).toBe(ROUTE_ACCESS.length);
    expect(await page.locator('.info .title').innerText()).toContain('send-sufficiency API');
    // Each operation's method and path, as the route table has them.
    const rendered = await page
      .locator('.opblock-summary')
      .evaluateAll((nodes) =>
        nodes.map(
          (node) =>
            `${node.querySelector('.opblock-summary-method')?.textContent?.trim()} ${node.querySelector('.opblock-summary-path')?.getAttribute('data-path')}`,
        ),
      );
    expect(rendered.sort()).toEqual(
      ROUTE_ACCESS.map((route) => `${route.method} ${route.path.replace('{proxy+}', '{proxy}')}`).sort(),
    );
    // Open one operation: its description names the groups that may call it.
    await page.locator('#operations-Placements-postPlacements .opblock-summary').click();
    await expect
      .poll(() => page.locator('#operations-Placements-postPlacements').innerText(), { timeout: 30_000 })
      .toContain('Who may call it: caseworkers');
    expect(blocked).toEqual([]);
    expect(consoleErrors).toEqual([]);
  });

  it('links the API changelog', async () => {
    await page.goto(`${runtime.url}/docs`);
    // Linked twice: in the page's header, and in the document's description as Swagger UI renders it.
    await expect
      .poll(() => page.getByRole('link', { name: 'API changelog' }).count(), { timeout: 60_000 })
      .toBe(2);
    await page
      .getByRole('navigation', { name: 'API documents' })
      .getByRole('link', { name: 'API changelog' })
      .click();
    await page.waitForURL(/\/docs\/changelog\.html$/);
    expect(await page.locator('body').innerText()).toContain('API changelog');
    expect(blocked).toEqual([]);
  });
});
