// The local runtime (`npm start`): Amazon's DynamoDB Local with data on disk, the same Hono app the Lambda
// serves, and a developer identity in all four groups (or one, with the `?as=<group>` switch of act-as.ts).
// That identity exists only here, never in a bundle.
// Tests, benches and the dashboard's browser tests call `startLocal` to run the whole product in-process.
import { existsSync } from 'node:fs';
import { mkdir, rm } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { dirname, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { serve } from '@hono/node-server';
import { serveStatic } from '@hono/node-server/serve-static';
import { runAuthorityAlerts } from '../../functions/alerts/figures';
import { monthOf, previousMonth } from '../../functions/alerts/run';
import { API_ROUTES } from '../../functions/api/api-routes';
import { type App, createApp } from '../../functions/api/app';
import type { AppDeps } from '../../functions/api/deps';
import { FILE_ROUTES } from '../../functions/api/file-routes';
import { GROUPS, type Identity, type IdentitySource } from '../../functions/api/identity';
import { createStores } from '../../functions/store';
import { buildDashboard } from '../../web/build';
import { alertConfigOf, DEMO_SLUG, loadAuthorityConfig } from '../config';
import { actAsIdentity, mountActAsSwitch } from './act-as';
import { localCursorKey } from './cursor-key';
import { DataDirInUseError, lockDataDir } from './data-lock';
import { type DemoAuthority, generateDemoAuthority } from './demo/generate';
import { demoRecordCount, seedDemo, seedDemoLive } from './demo/seed';
import { checkDemoSnapshot, DYNAMODB_LOCAL_FILE, placeDemoSnapshot } from './demo/snapshot';
import { type DynamoDbLocal, localDynamoDbClient, startDynamoDbLocal } from './dynamodb-local';
import { announceNodeSupport } from './node-support';
import { OutboxPublisher } from './outbox';
import { startProgress } from './progress';
import { guardRequests } from './request-guard';
import { createTableIfMissing, LOCAL_TABLE_NAME } from './tables';

export { LOCAL_TABLE_NAME };

/** The developer at the keyboard: every group, so every screen and route can be tried locally. */
export const LOCAL_DEVELOPER: Identity = {
  userId: 'local-developer',
  name: 'Local developer',
  groups: [...GROUPS],
};

/** The dashboard's built files, served at `/` when present (`web/dist`, built by the dashboard's build). */
export const DASHBOARD_DIR = resolve(import.meta.dirname, '../../web/dist');

export interface LocalOptions {
  /** HTTP port; 0 picks a free one. Default: PORT or 3000. */
  port?: number;
  /** Where DynamoDB Local keeps its files (under `<dataDir>/dynamodb`). Default: DATA_DIR or `.data`. */
  dataDir?: string;
  /** Keep the database in memory instead (benchmarks); `dataDir` is then ignored. */
  inMemory?: boolean;
  /** Load the demo authority into an empty database. Default: unless SEED_DEMO=0. */
  seedDemo?: boolean;
  /** The authority to load when seeding; default the generated demo authority (seeded, reproducible). */
  demo?: () => DemoAuthority;
  /**
   * Restore the demo's prebuilt database on a first start into an empty data folder, when it matches what
   * loading the demo would write (else the demo loads live). Default: for the default demo, unless
   * DEMO_SNAPSHOT=0. `{ directory }` takes the snapshot from another folder (tests).
   */
  demoSnapshot?: boolean | { directory: string };
  tableName?: string;
  /** Who the caller is; default the local developer (narrowed by the `?as=<group>` switch). */
  identity?: IdentitySource;
  /**
   * Hook for extra routes on the app after the API's own (the dashboard's static files, test-only routes).
   * Default: serve the dashboard from `web/dist` when it has been built.
   */
  configureApp?: (app: App, deps: AppDeps) => void;
  log?: (line: string) => void;
  /** Host names the server answers to besides localhost, 127.0.0.1 and [::1]. Default: LOCAL_HOSTS (comma-separated). */
  hosts?: readonly string[];
  /**
   * After a first load of the demo, run last month's alerts in the background once the server is ready, so
   * the demo shows an authority whose monthly alerts have run (`npm start` does; default off, so tests run
   * the months they choose). `LocalRuntime.demoAlertHistory` settles when it is done.
   */
  demoAlertHistory?: boolean;
}

export interface LocalRuntime {
  url: string;
  deps: AppDeps;
  app: App;
  dynamoEndpoint: string;
  /** The DynamoDB Local (java) process now serving. */
  dynamoPid: () => number;
  tableName: string;
  /** The demo's background alert run (see `LocalOptions.demoAlertHistory`), when one was started. */
  demoAlertHistory?: Promise<void>;
  stop: () => Promise<void>;
}

/** Serves the built dashboard: its files by path, and its page for `/`. API routes are matched first. */
export function mountDashboard(app: App, directory = DASHBOARD_DIR): void {
  if (!existsSync(join(directory, 'index.html'))) return;
  app.get('/docs', serveStatic({ root: directory, path: 'docs/index.html' }));
  app.use('/*', serveStatic({ root: directory }));
}

const count = (value: number) => value.toLocaleString('en-GB');
const seconds = (since: number) => `${((performance.now() - since) / 1000).toFixed(1)} s`;

/**
 * DynamoDB Local with its data in `dbPath` (or in memory), started by `start`. On a first start into an
 * empty folder, with `demoToRestore`, the prebuilt demo database is put in place first, and checked against
 * what this code would write while DynamoDB Local starts; when it does not match, it is removed and the demo
 * is loaded live. The caller holds the data folder's lock throughout, so no other server sees the folder
 * while the snapshot is placed or set aside.
 */
async function startDatabase(
  dbPath: string | undefined,
  tableName: string,
  log: (line: string) => void,
  start: (dbPath: string | undefined) => Promise<DynamoDbLocal>,
  { demoToRestore, snapshotDirectory }: { demoToRestore?: () => DemoAuthority; snapshotDirectory?: string },
): Promise<{ database: DynamoDbLocal; restoredDemo?: DemoAuthority }> {
  const dbFile = dbPath && join(dbPath, DYNAMODB_LOCAL_FILE);
  if (!dbPath || !dbFile || !demoToRestore || existsSync(dbFile)) return { database: await start(dbPath) };
  const demo = demoToRestore();
  const placed = await placeDemoSnapshot(dbPath, snapshotDirectory);
  if (!('manifest' in placed)) {
    log(`Loading the demo live: ${placed.reason}.`);
    return { database: await start(dbPath) };
  }
  const check = checkDemoSnapshot(placed.manifest, demo, tableName);
  const database = await start(dbPath);
  const outcome = await check.catch(async (error: unknown) => {
    await database.stop();
    throw error;
  });
  if (outcome.matches) return { database, restoredDemo: demo };
  log(`Loading the demo live: ${outcome.reason}.`);
  await database.stop();
  await rm(dbFile, { force: true });
  return { database: await start(dbPath) };
}

/**
 * Last month's alerts for the demo, as the monthly schedule would have run them: a model run takes seconds,
 * so this runs after the server is ready, and says so in one line when done. A failure is reported, never
 * thrown: the demo works without it (the readiness view then shows the alerts item to run).
 */
async function runDemoAlertHistory(deps: AppDeps, log: (line: string) => void): Promise<void> {
  const month = previousMonth(monthOf(undefined, deps.now()));
  const publisher = deps.alerting.publisher;
  if (!publisher) return;
  try {
    const result = await runAuthorityAlerts(deps, month, publisher);
    if (result.published)
      log(
        `Ran the demo's ${month} alerts (${result.alerts.length} alerts), as the monthly schedule would have.`,
      );
  } catch (error) {
    log(
      `The demo's ${month} alerts did not run (${(error as Error).message}); run them with \`npm run -s alerts -- --month ${month}\`.`,
    );
  }
}

export async function startLocal(options: LocalOptions = {}): Promise<LocalRuntime> {
  const log = options.log ?? ((line: string) => console.log(line));
  const tableName = options.tableName ?? LOCAL_TABLE_NAME;
  const dataDir = resolve(options.dataDir ?? process.env.DATA_DIR ?? '.data');
  const dbPath = options.inMemory ? undefined : join(dataDir, 'dynamodb');
  if (dbPath) await mkdir(dbPath, { recursive: true });

  // The dashboard is rebuilt at every start, so web/dist is never stale; esbuild works in its own process
  // while DynamoDB Local starts and the demo loads.
  const dashboardBuilt = options.configureApp ? Promise.resolve() : buildDashboard();
  dashboardBuilt.catch(() => {}); // awaited below; a failure is reported there
  const seed = options.seedDemo ?? process.env.SEED_DEMO !== '0';
  const makeDemo = options.demo ?? generateDemoAuthority;
  const loadStarted = performance.now();
  const snapshot = options.demoSnapshot ?? (!options.demo && process.env.DEMO_SNAPSHOT !== '0');
  // One server and one DynamoDB Local per data folder; DynamoDB Local restarted if it dies, and never left
  // running when this process stops, however it stops.
  const lock = dbPath ? await lockDataDir(dataDir, log) : undefined;
  const start = async (path: string | undefined) => {
    const started = await startDynamoDbLocal({
      ...(path ? { dbPath: path } : {}),
      restart: { log, onRestart: (pid) => lock?.setDynamoPid(pid) },
    });
    lock?.setDynamoPid(started.pid());
    return started;
  };
  let database: DynamoDbLocal;
  let restoredDemo: DemoAuthority | undefined;
  try {
    ({ database, restoredDemo } = await startDatabase(dbPath, tableName, log, start, {
      ...(seed && snapshot ? { demoToRestore: makeDemo } : {}),
      ...(typeof snapshot === 'object' ? { snapshotDirectory: snapshot.directory } : {}),
    }));
  } catch (error) {
    lock?.release();
    throw error;
  }
  const client = localDynamoDbClient(database.endpoint);
  try {
    await createTableIfMissing(client, tableName);
    // Alerts locally: the demo authority's settings, and digests written to the outbox under the data folder.
    const alertSettings = {
      ...alertConfigOf(loadAuthorityConfig(DEMO_SLUG)),
      dashboardUrl: `http://localhost:${options.port ?? Number(process.env.PORT ?? 3000)}/`,
    };
    const deps = createStores({
      client,
      tableName,
      alerting: { settings: alertSettings, publisher: new OutboxPublisher(join(dataDir, 'outbox'), log) },
      ...(dbPath ? { cursorKey: localCursorKey(dirname(dbPath)) } : {}),
    });

    let demoLoaded = false;
    if (restoredDemo) {
      demoLoaded = true;
      const demo = restoredDemo;
      await seedDemoLive(deps, demo);
      log(
        `Loaded the demo authority ${demo.name} (${count(demo.placements.length)} placements, ${count(demo.provisions.length)} provisions) from its prebuilt snapshot in ${seconds(loadStarted)}.`,
      );
    } else if (seed && (await deps.placements.list({}, { limit: 1 })).items.length === 0) {
      const demo = makeDemo();
      const total = demoRecordCount(demo);
      log(
        `Loading the demo authority ${demo.name}: ${count(demo.placements.length)} placements and ${count(demo.provisions.length)} provisions, ${count(total)} records…`,
      );
      const started = performance.now();
      // A bar only for someone at the terminal; a caller with its own log gets plain lines there.
      const progress = startProgress({ unit: 'records', total, log, bar: !options.log });
      try {
        await seedDemo(deps, demo, progress.update);
      } finally {
        progress.stop();
      }
      log(`Demo authority loaded in ${seconds(started)}.`);
      demoLoaded = true;
    }

    // One process serves what the deployed stack splits between the main API and the files functions.
    const app = createApp({
      deps,
      identity: options.identity ?? actAsIdentity(LOCAL_DEVELOPER),
      routes: { ...API_ROUTES, ...FILE_ROUTES },
    });
    mountActAsSwitch(app);
    if (!options.configureApp) await dashboardBuilt;
    (options.configureApp ?? ((target: App) => mountDashboard(target)))(app, deps);

    const requestedPort = options.port ?? Number(process.env.PORT ?? 3000);
    let port = requestedPort;
    const fetch = guardRequests(app.fetch, {
      port: () => port,
      extraHosts: options.hosts ?? (process.env.LOCAL_HOSTS ?? '').split(',').filter(Boolean),
    });
    const server = await new Promise<ReturnType<typeof serve>>((ready, fail) => {
      const started = serve({ fetch, port: requestedPort, hostname: '127.0.0.1' }, () => ready(started));
      started.once('error', fail);
    });
    port = (server.address() as AddressInfo).port;
    const url = `http://127.0.0.1:${port}`;
    alertSettings.dashboardUrl = `http://localhost:${port}/`;

    const demoAlertHistory =
      demoLoaded && options.demoAlertHistory ? runDemoAlertHistory(deps, log) : undefined;

    let stopping: Promise<void> | undefined;
    const stop = () => {
      stopping ??= (async () => {
        await new Promise<void>((done) => server.close(() => done()));
        await demoAlertHistory; // never stop the database under a run that is writing
        client.destroy();
        await database.stop();
        lock?.release();
      })();
      return stopping;
    };
    return {
      url,
      deps,
      app,
      dynamoEndpoint: database.endpoint,
      dynamoPid: database.pid,
      tableName,
      ...(demoAlertHistory ? { demoAlertHistory } : {}),
      stop,
    };
  } catch (error) {
    client.destroy();
    await database.stop();
    lock?.release();
    throw error;
  }
}

const SHUTDOWN_WITHIN_MS = 20_000;

const runDirectly = process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href;

if (runDirectly) {
  announceNodeSupport();
  const runtime = await startLocal({ demoAlertHistory: true }).catch((error: unknown) => {
    if (!(error instanceof DataDirInUseError)) throw error;
    console.error(error.message);
    process.exit(1);
  });
  const shutDown = (signal: string) => {
    console.log(`${signal}: stopping the server and DynamoDB Local…`);
    // A browser tab holding a request open must not keep the process alive: DynamoDB Local goes with it anyway
    // (its lifeline), and the lock of a dead server is taken over by the next start.
    setTimeout(() => {
      console.error(`did not stop within ${SHUTDOWN_WITHIN_MS / 1000} s; exiting now`);
      process.exit(1);
    }, SHUTDOWN_WITHIN_MS).unref();
    runtime.stop().then(
      () => process.exit(0),
      (error: unknown) => {
        console.error(error);
        process.exit(1);
      },
    );
  };
  process.once('SIGINT', () => shutDown('SIGINT'));
  process.once('SIGTERM', () => shutDown('SIGTERM'));
  // Announced only once a signal would stop it cleanly: whoever waits for this line may signal at once.
  const port = new URL(runtime.url).port;
  console.log(
    `send-sufficiency is ready at http://localhost:${port} (DynamoDB Local at ${runtime.dynamoEndpoint})`,
  );
}
