// The readiness view of an empty authority (as `SEED_DEMO=0 npm start` gives), in a real browser: the whole
// checklist, each item missing with the route and command that fill it, as the API says; then one item loaded
// through the API turns ready on screen. The demo's all-green view is in dashboard.test.ts.
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Readiness } from '../../domain/readiness';
import { type LocalRuntime, startLocal } from '../../infra/local/server';
import { browserAvailable, launchBrowser } from '../helpers/browser';
import { oneAreaCsv, SOUTH_TYNESIDE } from '../helpers/population';

const ARTIFACTS = join(import.meta.dirname, '..', 'artifacts');
const hasChromium = browserAvailable('tests/e2e/readiness.test.ts');

describe.skipIf(!hasChromium)(
  'readiness of an empty authority in a real browser',
  { timeout: 240_000 },
  () => {
    let runtime: LocalRuntime;
    let browser: Browser;
    let page: Page;
    const consoleErrors: string[] = [];

    const readiness = async () => (await (await fetch(`${runtime.url}/readiness`)).json()) as Readiness;
    const open = async () => {
      await page.goto('about:blank');
      await page.goto(`${runtime.url}/#/readiness`);
      await page.locator('#readiness-items').waitFor({ timeout: 120_000 });
    };

    beforeAll(async () => {
      await mkdir(ARTIFACTS, { recursive: true });
      runtime = await startLocal({ port: 0, inMemory: true, seedDemo: false, log: () => {} });
      browser = await launchBrowser();
      const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, locale: 'en-GB' });
      context.setDefaultTimeout(120_000);
      page = await context.newPage();
      page.on('console', (message) => {
        if (message.type() === 'error') consoleErrors.push(message.text());
      });
      page.on('pageerror', (error) => consoleErrors.push(error.message));
    }, 600_000);

    afterAll(async () => {
      await browser?.close();
      await runtime?.stop();
    });

    it('shows the checklist: every item missing, with the route and command that fill it', async () => {
      await open();
      const expected = await readiness();
      expect(await page.locator('#readiness-headline').getAttribute('data-ready')).toBe('false');
      expect(await page.locator('#readiness-headline').textContent()).toMatch(
        /^6 of 6 items to load or complete/,
      );
      const items = page.locator('#readiness-items > li');
      expect(await items.count()).toBe(6);
      for (const [index, item] of expected.items.entries()) {
        const card = items.nth(index);
        expect(await card.getAttribute('data-item')).toBe(item.id);
        expect(await card.getAttribute('data-status')).toBe('missing');
        expect(await card.locator('h3').textContent()).toBe(`Missing${item.title}`);
        expect(await card.locator('[data-route]').textContent()).toBe(item.fill?.route);
        if (item.fill?.command)
          expect(await card.locator('[data-command]').textContent()).toBe(item.fill.command);
      }
      await page.screenshot({ path: join(ARTIFACTS, 'readiness-empty.png'), fullPage: true });
    });

    it('shows an item ready once it is loaded', async () => {
      const put = await fetch(`${runtime.url}/population`, {
        method: 'PUT',
        headers: { 'content-type': 'text/csv' },
        body: oneAreaCsv(SOUTH_TYNESIDE),
      });
      expect(put.status).toBe(201);
      await open();
      const population = page.locator('#readiness-items > li[data-item="population"]');
      expect(await population.getAttribute('data-status')).toBe('ready');
      expect(await population.locator('[data-route]').count()).toBe(0);
      expect(await page.locator('#readiness-headline').textContent()).toMatch(/^5 of 6 items/);
    });

    it('logged no console errors', () => {
      expect(consoleErrors).toEqual([]);
    });
  },
);
