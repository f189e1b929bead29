// How the read function serves the dashboard in a deployed stack (web/serve.ts): the page and its assets
// with no identity, sign-in settings from the environment, and everything else handed to the API untouched
// (so its own 401 for a caller without a token). Builds the real dashboard into a temporary directory.
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../functions/api/app';
import type { AppDeps } from '../../functions/api/deps';
import { jwtIdentity } from '../../functions/api/identity';
import { buildDashboard } from '../../web/build';
import { dashboardAuthFromEnv, withDashboard } from '../../web/serve';

const AUTH_ENV = {
  AUTH_DOMAIN: 'https://send-demo.auth.eu-west-2.amazoncognito.com',
  AUTH_CLIENT_ID: 'client123',
  DASHBOARD_URL: 'https://send.example.gov.uk/',
};

describe('the dashboard served by the read function', () => {
  let root: string;
  let app: ReturnType<typeof withDashboard>;

  beforeAll(async () => {
    root = await mkdtemp(join(tmpdir(), 'send-web-'));
    await buildDashboard({ outdir: root });
    // Routes that reach the API fail on identity before they touch any store, so no stores are needed;
    // /health asks the database, here one that always answers.
    const api = createApp({
      deps: { now: () => new Date(), checkDatabase: async () => {} } as AppDeps,
      identity: jwtIdentity,
      logError: () => {},
    });
    app = withDashboard(api, { root, auth: dashboardAuthFromEnv(AUTH_ENV) });
  }, 60_000);

  afterAll(() => rm(root, { recursive: true, force: true }));

  it('builds index.html, the script, its styles and the local sign-in settings', async () => {
    const html = await readFile(join(root, 'index.html'), 'utf8');
    expect(html).toContain('./assets/app.js');
    expect(html).toContain('./assets/app.css');
    expect((await readFile(join(root, 'assets', 'app.js'))).byteLength).toBeGreaterThan(100_000);
    expect(JSON.parse(await readFile(join(root, 'assets', 'config.json'), 'utf8'))).toEqual({ auth: null });
  });

  it('serves the page and its assets without a token', async () => {
    const page = await app.request('/');
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toMatch(/text\/html/);
    expect(await page.text()).toContain('<main id="main"');
    const script = await app.request('/assets/app.js');
    expect(script.status).toBe(200);
    expect(script.headers.get('content-type')).toMatch(/javascript/);
  });

  it('serves the API docs (Swagger UI from npm, no CDN) and the OpenAPI document without a token', async () => {
    const docs = await app.request('/docs');
    expect(docs.status).toBe(200);
    const html = await docs.text();
    expect(html).toContain('/docs/swagger-ui-bundle.js');
    expect(html).not.toMatch(/https?:\/\//);
    for (const file of [
      '/docs/swagger-ui-bundle.js',
      '/docs/swagger-ui.css',
      '/docs/docs.js',
      '/docs/changelog.html',
    ])
      expect((await app.request(file)).status, file).toBe(200);
    expect((await app.request('/docs/nope.js')).status).toBe(404);
    const contract = await app.request('/openapi.json');
    expect(contract.status).toBe(200);
    expect(((await contract.json()) as { openapi: string }).openapi).toMatch(/^3\.1\./);
  });

  it('answers a missing asset with 404, not the API', async () => {
    const missing = await app.request('/assets/nope.js');
    expect(missing.status).toBe(404);
    expect(await missing.json()).toMatchObject({ error: 'not_found' });
  });

  it('tells the page how to sign in, from the environment, never cached', async () => {
    const response = await app.request('/assets/config.json');
    expect(response.headers.get('cache-control')).toBe('no-store');
    expect(await response.json()).toEqual({
      auth: {
        domain: AUTH_ENV.AUTH_DOMAIN,
        clientId: AUTH_ENV.AUTH_CLIENT_ID,
        redirectUri: AUTH_ENV.DASHBOARD_URL,
      },
    });
    expect(dashboardAuthFromEnv({ AUTH_DOMAIN: AUTH_ENV.AUTH_DOMAIN })).toBeUndefined();
  });

  it('hands every other request to the API, which still demands a signed-in caller', async () => {
    const summary = await app.request('/summary');
    expect(summary.status).toBe(401);
    expect(await summary.json()).toMatchObject({ error: 'unauthorized' });
    expect((await app.request('/health')).status).toBe(200);
  });

  it('passes everything to the API in a function that carries no dashboard', async () => {
    const api = createApp({
      deps: { now: () => new Date(), checkDatabase: async () => {} } as AppDeps,
      identity: jwtIdentity,
      logError: () => {},
    });
    const bare = withDashboard(api, { root: join(root, 'missing'), auth: undefined });
    expect((await bare.request('/')).status).toBe(401);
    expect((await bare.request('/health')).status).toBe(200);
  });
});
