// Serving the built dashboard in front of the API, for the read Lambda (deployed) — the page and its assets
// are public (no data in them; the browser must load them to sign in), everything else goes to the API
// unchanged, with its own identity check, errors and not-found. `assets/config.json` tells the page how
// to sign in: Cognito's hosted UI when deployed, nothing locally (the local runtime injects an identity).
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { serveStatic } from '@hono/node-server/serve-static';
import { type Context, Hono } from 'hono';

export interface DashboardAuth {
  /** Cognito hosted UI base URL, e.g. https://send-demo.auth.eu-west-2.amazoncognito.com */
  domain: string;
  clientId: string;
  /** A callback URL registered on the user-pool client: the authority's dashboardUrl. */
  redirectUri: string;
}

/** Sign-in settings from the read function's environment; undefined (no sign-in) when they are not set. */
export function dashboardAuthFromEnv(env: Record<string, string | undefined>): DashboardAuth | undefined {
  const { AUTH_DOMAIN, AUTH_CLIENT_ID, DASHBOARD_URL } = env;
  if (!AUTH_DOMAIN || !AUTH_CLIENT_ID || !DASHBOARD_URL) return undefined;
  return { domain: AUTH_DOMAIN, clientId: AUTH_CLIENT_ID, redirectUri: DASHBOARD_URL };
}

interface FetchApp {
  fetch: (request: Request, env?: unknown) => Response | Promise<Response>;
}

/**
 * `GET /`, `GET /assets/*` and the API docs (`GET /docs`, `/docs/*`) from `root` (the built web/dist; `web` inside the read function's bundle), and
 * every other request passed to `api`.
 */
export function withDashboard(api: FetchApp, options: { root: string; auth: DashboardAuth | undefined }) {
  const app = new Hono();
  const toApi = (c: Context) => api.fetch(c.req.raw, c.env);
  const noCache = (_path: string, c: { header: (name: string, value: string) => void }) =>
    c.header('Cache-Control', 'no-cache');
  // The API entry is deployed as several functions and only the read function carries the page: the
  // others pass everything to the API (API Gateway routes `/` and `/assets/*` to the read function only).
  if (!existsSync(join(options.root, 'index.html'))) {
    app.all('*', toApi);
    return app;
  }
  app.get('/assets/config.json', (c) => {
    c.header('Cache-Control', 'no-store');
    return c.json({ auth: options.auth ?? null });
  });
  app.get('/', serveStatic({ root: options.root, path: 'index.html', onFound: noCache }));
  app.get('/assets/*', serveStatic({ root: options.root, onFound: noCache }));
  app.get('/assets/*', (c) =>
    c.json({ error: 'not_found', message: `no dashboard asset ${c.req.path}` }, 404),
  );
  app.get('/docs', serveStatic({ root: options.root, path: 'docs/index.html', onFound: noCache }));
  app.get('/docs/*', serveStatic({ root: options.root, onFound: noCache }));
  app.get('/docs/*', (c) => c.json({ error: 'not_found', message: `no docs file ${c.req.path}` }, 404));
  app.all('*', toApi);
  return app;
}
