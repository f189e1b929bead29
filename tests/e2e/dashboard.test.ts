// The dashboard in a real browser: Debian's chromium driven by playwright-core, against the whole product
// started in-process (DynamoDB Local, the API, the demo authority, the built dashboard). Every view is
// loaded, a scenario is run, the figures on screen are compared with the API's own answers, a screenshot
// of each view is saved to tests/artifacts/, and the browser console must stay free of errors.
import { existsSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { financialYearLabel, financialYearStartOf } from '../../domain/dates';
import type { Forecast } from '../../domain/forecast';
import type { Outturn } from '../../domain/outturn';
import type { Readiness } from '../../domain/readiness';
import type { Summary } from '../../domain/summary';
import type { LocalRuntime } from '../../infra/local/server';
import type { ProjectionOutput } from '../../model/output';
import type { Spend } from '../../web/src/api';
import { browserAvailable, type DashboardSession, startDashboardSession } from '../helpers/browser';

const ARTIFACTS = join(import.meta.dirname, '..', 'artifacts');
const hasChromium = browserAvailable('tests/e2e/dashboard.test.ts');

const gbp = new Intl.NumberFormat('en-GB', { style: 'currency', currency: 'GBP', maximumFractionDigits: 0 });
const whole = new Intl.NumberFormat('en-GB', { maximumFractionDigits: 0 });
const oneDecimal = new Intl.NumberFormat('en-GB', { maximumFractionDigits: 1 });

// Generous timeouts: a projection and a page load are quick alone, but CI machines are often busy.
describe.skipIf(!hasChromium)('dashboard in a real browser', { timeout: 240_000 }, () => {
  let session: DashboardSession;
  let runtime: LocalRuntime;
  let context: BrowserContext;
  let page: Page;

  const api = <T>(path: string, init?: RequestInit) => session.api<T>(path, init);
  const texts = (selector: string) => page.locator(selector).allTextContents();
  const open = async (view: string) => {
    await page.goto('about:blank'); // a fresh page load each time, as a user opening a link would get
    await page.goto(`${runtime.url}/#/${view}`);
    await session.settled();
    expect(await page.locator('.error').count(), `error shown on ${view}`).toBe(0);
  };
  const screenshot = (name: string) =>
    page.screenshot({ path: join(ARTIFACTS, `${name}.png`), fullPage: true });

  beforeAll(async () => {
    await mkdir(ARTIFACTS, { recursive: true });
    session = await startDashboardSession({ viewport: { width: 1280, height: 800 }, demoAlertHistory: true });
    ({ runtime, context, page } = session);
  }, 600_000);

  afterAll(() => session?.stop());

  it('Overview shows the caseload the API reports, today and at each January census', async () => {
    await open('overview');
    const asOf = await page.evaluate(() => {
      const now = new Date();
      return `${now.getFullYear()}-${String(now.getMonth() + 1).padStart(2, '0')}-${String(now.getDate()).padStart(2, '0')}`;
    });
    const summary = await api<Summary>(`/summary?asOf=${asOf}`);
    expect(summary.total.count).toBeGreaterThan(1000);
    expect(await page.locator('[data-kpi="total"]').textContent()).toBe(whole.format(summary.total.count));
    expect(await page.locator('[data-kpi="outOfBorough"]').textContent()).toBe(
      whole.format(summary.outOfBorough.count),
    );
    expect(await page.locator('[data-kpi="lookedAfterShare"]').textContent()).toBe(
      `${oneDecimal.format((summary.outOfBorough.lookedAfterShare ?? 0) * 100)}%`,
    );

    const years = (await texts('#census-history tbody th')).map(Number);
    expect(years.length).toBe(7);
    const outOfBorough = await texts('#census-history [data-field="out-of-borough"]');
    const inBorough = await texts('#census-history [data-field="in-borough"]');
    for (const [index, year] of years.entries()) {
      const census = await api<Summary>(`/summary?asOf=${year}-01-15`);
      expect(outOfBorough[index]).toBe(whole.format(census.outOfBorough.count));
      expect(inBorough[index]).toBe(whole.format(census.total.count - census.outOfBorough.count));
    }

    const providerCosts = await texts('#providers [data-field="provider-cost"]');
    expect(providerCosts).toEqual(summary.topOutOfBoroughProviders.map((p) => gbp.format(p.annualCost)));
    expect(await page.locator('#main canvas').count()).toBeGreaterThanOrEqual(4);
    await screenshot('overview');
  });

  it('Sufficiency shows the stored projection: fan chart, shortfall table, back-test', async () => {
    await open('sufficiency');
    const id = await page.locator('#projection-link').textContent();
    expect(id).toBeDefined();
    const { output } = await api<{ output: ProjectionOutput }>(`/projections/${id}`);
    const need = await page.locator('#shortfall-table').getAttribute('data-need');
    expect(need).toBe('ASD');

    const rows = await page.locator('#shortfall-table tbody tr').all();
    const years = [...new Set((output.capacity ?? []).map((r) => r.year))].sort((a, b) => a - b);
    expect(rows.length).toBe(years.length);
    for (const [index, year] of years.entries()) {
      const cells = (output.capacity ?? []).filter((r) => r.need === 'ASD' && r.year === year);
      const p50 = cells.reduce((sum, r) => sum + r.shortfall.p50, 0);
      expect(await rows[index]?.locator('[data-field="shortfall-p50"]').textContent()).toBe(
        whole.format(Math.ceil(p50)),
      );
    }
    expect(await page.locator('#chart-fan canvas').count()).toBe(1);
    // The back-test beside the naive baselines: one row per need and horizon, as the API scored them.
    expect(output.backtest?.rows.length).toBeGreaterThan(0);
    expect(await page.locator('#backtest-table tbody tr').count()).toBe(output.backtest?.rows.length);
    expect(await page.locator('#chart-backtest canvas').count()).toBe(1);
    const mapes = (output.backtest?.rows ?? []).map((r) =>
      r.mape === null ? '—' : `${oneDecimal.format(r.mape * 100)}%`,
    );
    expect((await texts('#backtest-table [data-field="mape"]')).sort()).toEqual(mapes.sort());
    // Where the need's children are, by setting and phase, from the same draws: one row per occupied cell.
    const cells = new Set(
      (output.byNeedSettingPhase ?? []).filter((r) => r.need === 'ASD').map((r) => `${r.setting}|${r.phase}`),
    );
    expect(cells.size).toBeGreaterThan(3);
    expect(await page.locator('#breakdown-table tbody tr').count()).toBe(cells.size);
    await screenshot('sufficiency');

    // Keyboard: change the need with the keyboard only, and the shortfall table follows.
    await page.locator('#suff-need').focus();
    await page.keyboard.press('ArrowDown');
    await expect.poll(() => page.locator('#shortfall-table').getAttribute('data-need')).toBe('SEMH');
    await screenshot('sufficiency-semh');

    // The address names the projection, so a reader can open the same stored run without running one.
    expect(page.url()).toContain(`projection=${id}`);
    await open(`sufficiency?projection=${id}&need=SEMH`);
    expect(await page.locator('#projection-link').textContent()).toBe(id);
    expect(await page.locator('#shortfall-table').getAttribute('data-need')).toBe('SEMH');
  });

  it('Scenarios: 40 new local ASD places, run against the baseline, match the API', async () => {
    await open('scenarios');
    await screenshot('scenarios-form');
    await page.locator('#scn-capitalCost').fill('1200000');
    await page.getByRole('button', { name: 'Save and run against the baseline' }).click();
    await page.locator('#scenario-table').waitFor({ timeout: 120_000 });
    expect(await page.locator('#scenario-result .error').count()).toBe(0);

    const meta = await page.locator('#scenario-result .meta').textContent();
    const projectionId = /projection (\S+)\./.exec(meta ?? '')?.[1];
    const { output } = await api<{ output: ProjectionOutput }>(`/projections/${projectionId}`);
    const comparison = output.scenario;
    expect(comparison?.name).toBe('40 new local ASD places');
    const rows = comparison?.rows ?? [];
    expect(await texts('#scenario-table [data-field="saving"]')).toEqual(
      rows.map((r) => gbp.format(r.saving)),
    );
    expect(await texts('#scenario-table [data-field="places"]')).toEqual(
      rows.map((r) => whole.format(r.localPlaces.scenario)),
    );
    const lastRow = rows.at(-1);
    expect((lastRow?.localPlaces.scenario ?? 0) - (lastRow?.localPlaces.baseline ?? 0)).toBeCloseTo(40, 6);
    expect(await page.locator('[data-kpi="break-even"]').textContent()).toBe(
      comparison?.breakEvenYear === null ? 'not within the projection' : String(comparison?.breakEvenYear),
    );
    await screenshot('scenarios');

    // Invalid input is caught in the browser, by the model's schema, naming the field.
    await page.locator('#scn-changes-0-places').fill('');
    await page.getByRole('button', { name: 'Save and run against the baseline' }).click();
    await expect.poll(() => page.locator('#scenario-errors').textContent()).toContain('changes.0.places');
    expect(await page.locator('#scn-changes-0-places').getAttribute('aria-invalid')).toBe('true');
  });

  it('Finance shows the API spend, outturn and DSG figures, and the XLSX downloads', async () => {
    await open('finance');
    const fy = financialYearLabel(financialYearStartOf(new Date().toISOString().slice(0, 10)));
    const [monthly, byDsg, outturn] = await Promise.all([
      api<Spend>(`/spend?fy=${fy}&by=month&funder=education`),
      api<Spend>(`/spend?fy=${fy}&by=dsg&funder=education`),
      api<Outturn>(`/outturn?fy=${fy}`),
    ]);
    expect(await texts('#monthly-table [data-field="month-spend"]')).toEqual(
      monthly.breakdown.map((b) => gbp.format(b.amount)),
    );
    expect(await page.locator('[data-kpi="forecastP50"]').textContent()).toBe(
      gbp.format(outturn.forecast.p50),
    );
    const dsgSpend = await texts('#dsg-table [data-field="dsg-spend"]');
    expect(dsgSpend.at(-1)).toBe(gbp.format(byDsg.total));
    for (const [index, row] of outturn.byDsg.entries()) {
      const spend = byDsg.breakdown.find((b) => b.key === row.dsgCategory)?.amount ?? 0;
      expect(dsgSpend[index]).toBe(gbp.format(spend));
    }
    await screenshot('finance');

    // The five years ahead: the fan chart's table and the balance are the API's forecast, figure for figure.
    const plan = await api<Forecast>(`/forecast?from=${fy}&years=5`);
    expect(plan.years).toHaveLength(5);
    expect(await texts('#forecast-table [data-field="forecast-p50"]')).toEqual(
      plan.years.map((y) => gbp.format(y.p50)),
    );
    expect(await texts('#balance-table [data-field="balance-closing"]')).toEqual(
      plan.years.map((y) => (y.dsgBalance ? gbp.format(y.dsgBalance.closing.p50) : '—')),
    );
    // A planners' scenario (saved by the scenarios test) applied as a mitigation: savings and the mitigated balance.
    const { items } = await api<{ items: { id: string }[] }>('/scenarios');
    const scenarioId = items[0]?.id as string;
    await page.locator(`#mitigations input[value="${scenarioId}"]`).check();
    await page.waitForURL(/mitigations=/);
    await page.waitForFunction(
      () =>
        document.querySelectorAll('[aria-busy="true"], .loading').length === 0 &&
        document.querySelector('#savings-table'),
      null,
      { timeout: 120_000 },
    );
    const mitigated = await api<Forecast>(`/forecast?from=${fy}&years=5&mitigations=${scenarioId}`);
    expect(await texts('#savings-table tbody tr:first-child [data-field^="saving-"]')).toEqual(
      (mitigated.mitigations[0]?.savings ?? []).map((s) => gbp.format(s.p50)),
    );
    expect(await texts('#balance-table [data-field="balance-mitigated"]')).toEqual(
      mitigated.years.map((y) =>
        y.mitigated?.dsgBalance ? gbp.format(y.mitigated.dsgBalance.closing.p50) : '—',
      ),
    );
    await page.locator('#chart-forecast').scrollIntoViewIfNeeded();
    await screenshot('finance-forecast');

    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.locator('#download-xlsx').click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/\.xlsx$/);
    const saved = join(ARTIFACTS, download.suggestedFilename());
    await download.saveAs(saved);
    expect(existsSync(saved)).toBe(true);
  });

  it('Alerts shows the latest digest and the history the API holds', async () => {
    const month = new Date().toISOString().slice(0, 7);
    await api(`/alerts/runs`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ month }),
    });
    await open('alerts');
    const { runs } = await api<{ runs: { month: string; digest?: { subject: string } }[] }>('/alerts');
    const latest = runs.find((run) => run.digest);
    expect(await page.locator('#digest-subject').textContent()).toBe(latest?.digest?.subject);
    expect(await page.locator('#alerts-table tbody tr').count()).toBe(runs.length);
    await screenshot('alerts');
  });

  it('Data readiness shows the demo authority ready in every item', async () => {
    await open('readiness');
    expect(await page.locator('#readiness-headline').getAttribute('data-ready')).toBe('true');
    const items = page.locator('#readiness-items > li');
    expect(await items.count()).toBe(6);
    expect(await page.locator('#readiness-items > li[data-status="ready"]').count()).toBe(6);
    expect(await page.locator('#readiness-items code').count()).toBe(0); // nothing to fill
    const readiness = await api<Readiness>('/readiness');
    expect(await page.locator('.readiness-summary').allTextContents()).toEqual(
      readiness.items.map((item) => item.summary),
    );
    expect(await texts('#readiness-censuses [data-field="children"]')).toEqual(
      readiness.facts.censuses.map((census) => whole.format(census.children)),
    );
    await page.locator('#readiness-items + details > summary').click();
    await screenshot('readiness');
  });

  it('is usable by keyboard and at tablet width', async () => {
    await open('overview');
    await page.keyboard.press('Tab'); // skip link
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Skip to content');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Sufficiency');
    await page.keyboard.press('Enter');
    await page.waitForURL(/#\/sufficiency/);
    await expect.poll(() => page.locator('nav a[aria-current="page"]').textContent()).toBe('Sufficiency');
    await expect.poll(() => page.evaluate(() => document.activeElement?.tagName)).toBe('H2');

    await page.setViewportSize({ width: 768, height: 1024 });
    await open('overview');
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    await screenshot('overview-tablet');
    await open('finance');
    await screenshot('finance-tablet');
    await page.setViewportSize({ width: 1280, height: 800 });
  });

  it('logged no console errors', () => {
    expect(session.consoleErrors).toEqual([]);
  });

  it('shows the API message when the API fails', async () => {
    const failing = await context.newPage();
    await failing.route(
      (url) => url.pathname === '/summary',
      (route) =>
        route.fulfill({
          status: 503,
          contentType: 'application/json',
          body: JSON.stringify({ error: 'unavailable', message: 'DynamoDB is not answering' }),
        }),
    );
    await failing.goto(`${runtime.url}/#/overview`);
    await failing.locator('.error').first().waitFor();
    expect(await failing.locator('.error').first().textContent()).toContain('DynamoDB is not answering');
    await failing.screenshot({ path: join(ARTIFACTS, 'overview-api-error.png'), fullPage: true });

    // A reader may not run projections: the API's 403 is shown with what to do instead.
    await failing.route(
      (url) => url.pathname === '/projections',
      (route) =>
        route.fulfill({
          status: 403,
          contentType: 'application/json',
          body: JSON.stringify({ error: 'forbidden', message: 'only planners may do this' }),
        }),
    );
    await failing.goto('about:blank');
    await failing.goto(`${runtime.url}/#/sufficiency`);
    await failing.locator('.error').first().waitFor();
    const forbidden = await failing.locator('.error').first().textContent();
    expect(forbidden).toContain('only planners may do this');
    expect(forbidden).toContain('#/sufficiency?projection=');
    await failing.close();
  });
});
