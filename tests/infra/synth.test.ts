// One real synth with esbuild bundling (no Docker, no AWS credentials, no network), reporting each
// function's bundle size, then the read function's bundle run as Lambda runs it. The figures against the
// targets are the benchmark's job (tests/bench/infra).
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { APIGatewayProxyEventV2, APIGatewayProxyResultV2, Context } from 'aws-lambda';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { assembleApp } from '../../infra/assemble';
import { BUNDLE_AWS_SDK, coldStartFiles, REPO_ROOT } from '../../infra/bundling';
import { alertConfigOf, loadAuthorityConfig } from '../../infra/config';

// Inside the repository, so a bundle imported below resolves the AWS SDK from node_modules, as a deployed
// function resolves the runtime's.
const cacheDir = join(REPO_ROOT, 'node_modules', '.cache');
mkdirSync(cacheDir, { recursive: true });
const outdir = mkdtempSync(join(cacheDir, 'send-synth-'));
afterAll(() => rmSync(outdir, { recursive: true, force: true }));

/** Each function's asset folder in the cloud assembly, filled in by the synth test. */
const assetDirs = new Map<string, string>();

const sourcesOf = (file: string) =>
  (JSON.parse(readFileSync(`${file}.map`, 'utf8')) as { sources: string[] }).sources;

/** The sources a cold start loads: those of the bundle and of the chunks it imports statically. */
const coldStartSources = (bundle: string) => coldStartFiles(bundle).flatMap(sourcesOf);

describe('cdk synth with bundling', () => {
  it('bundles every function (and the dashboard) for stockton-on-tees offline and passes cdk-nag', {
    timeout: 180_000,
  }, () => {
    // No credentials: synth must not need them.
    for (const name of ['AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY', 'AWS_SESSION_TOKEN', 'AWS_PROFILE'])
      delete process.env[name];
    const { app, stacks } = assembleApp({
      authorities: ['stockton-on-tees'],
      outdir,
      builtinCloudFormationValidation: false,
      context: { 'aws:cdk:enable-asset-metadata': true },
    });
    const assembly = app.synth();
    const [stack] = stacks;
    if (!stack) throw new Error('no stack');
    const template = assembly.getStackByName(stack.stackName).template as {
      Resources: Record<string, { Type: string; Metadata?: Record<string, string> }>;
    };

    const rows = Object.entries(stack.functions).map(([name, fn]) => {
      const logicalId = stack.getLogicalId(fn.node.defaultChild as never);
      const assetPath = template.Resources[logicalId]?.Metadata?.['aws:asset:path'];
      expect(assetPath, name).toBeDefined();
      const bundle = join(outdir, assetPath as string, 'index.mjs');
      const map = `${bundle}.map`;
      expect(existsSync(bundle), `${name} bundle`).toBe(true);
      expect(existsSync(map), `${name} source map`).toBe(true);
      assetDirs.set(name, join(outdir, assetPath as string));
      const code = readFileSync(bundle, 'utf8');
      // ESM, exporting the handler.
      expect(code).toMatch(/export\s*\{[^}]*\bas handler\b[^}]*\}|export\s*\{\s*handler\s*\}/);
      expect(code.trimEnd().endsWith('//# sourceMappingURL=index.mjs.map'), `${name} source map link`).toBe(
        true,
      );
      // The dashboard is built into the read function's asset, and only there.
      expect(existsSync(join(outdir, assetPath as string, 'web', 'index.html')), `${name} dashboard`).toBe(
        name === 'read',
      );
      // The AWS SDK clients are in the bundle (infra/bundling.ts BUNDLE_AWS_SDK) of every function using
      // DynamoDB. Spreadsheet code (exceljs) only in the functions of the file routes, and there only in a
      // chunk of its own that the routes needing it load, never in the bundle every request loads.
      const sources = coldStartSources(bundle);
      expect(
        sources.some((source) => source.includes('@aws-sdk/client-dynamodb/')),
        `${name} carries the SDK`,
      ).toBe(BUNDLE_AWS_SDK && name !== 'groupScopes');
      expect(
        sources.some((source) => /(^|\/)exceljs\//.test(source)),
        `${name} loads exceljs at start`,
      ).toBe(false);
      const chunkDir = join(outdir, assetPath as string, 'chunks');
      const chunkSources = existsSync(chunkDir)
        ? readdirSync(chunkDir)
            .filter((file) => file.endsWith('.mjs'))
            .flatMap((file) => sourcesOf(join(chunkDir, file)))
        : [];
      expect(
        chunkSources.some((source) => /(^|\/)exceljs\//.test(source)),
        `${name} has exceljs in a lazy chunk`,
      ).toBe(name === 'exports' || name === 'imports');
      // What only some requests need is loaded by them, not by every cold start: the route modules (each on
      // its route's first request) and the route contracts with their schemas, the OpenAPI generator (only
      // GET /openapi.json) and the Secrets Manager client (only the first paginated list, for the cursor key).
      for (const lazy of [
        'functions/api/routes/',
        'infra/routes.ts',
        'functions/api/schemas.ts',
        'functions/api/openapi.ts',
        '@aws-sdk/client-secrets-manager/',
      ])
        expect(
          sources.filter((source) => source.includes(lazy)),
          `${name} loads ${lazy} at start`,
        ).toEqual([]);
      // The local runtime (its developer identity and the ?as=<group> switch) never reaches a function.
      expect(
        sources.filter((source) => /(^|\/)infra\/local\//.test(source)),
        `${name} carries the local runtime`,
      ).toEqual([]);
      return {
        function: name,
        'bundle KB': Number((statSync(bundle).size / 1024).toFixed(1)),
        'source map KB': Number((statSync(map).size / 1024).toFixed(1)),
      };
    });
    console.log(`\nBundles for ${stack.stackName}:`);
    console.table(rows);
    expect(rows.map((row) => row.function).sort()).toEqual(
      ['alerts', 'exports', 'finance', 'groupScopes', 'imports', 'placements', 'planning', 'read'].sort(),
    );
  });

  it('runs the read function as Lambda does: the dashboard without a token, the API behind the JWT', async () => {
    const dir = assetDirs.get('read');
    if (!dir) throw new Error('the synth test did not run');
    const config = loadAuthorityConfig('stockton-on-tees');
    vi.stubEnv('TABLE_NAME', 'send-sufficiency-stockton-on-tees-Table');
    vi.stubEnv('ALERT_CONFIG', JSON.stringify(alertConfigOf(config)));
    vi.stubEnv('DASHBOARD_URL', config.dashboardUrl);
    vi.stubEnv('AUTH_DOMAIN', 'https://send-sufficiency-stockton-on-tees.auth.eu-west-2.amazoncognito.com');
    vi.stubEnv('AUTH_CLIENT_ID', 'dashboard-client');
    vi.stubEnv('AWS_REGION', 'eu-west-2');
    vi.stubEnv('POWERTOOLS_LOG_LEVEL', 'SILENT');
    const { handler } = (await import(pathToFileURL(join(dir, 'index.mjs')).href)) as {
      handler: (event: APIGatewayProxyEventV2, context: Context) => Promise<APIGatewayProxyResultV2>;
    };
    const get = async (path: string) =>
      (await handler(
        {
          version: '2.0',
          routeKey: `GET ${path}`,
          rawPath: path,
          rawQueryString: '',
          headers: { host: 'api.example' },
          isBase64Encoded: false,
          requestContext: { http: { method: 'GET', path }, requestId: 'r-1', stage: '$default' },
        } as unknown as APIGatewayProxyEventV2,
        {} as Context,
      )) as { statusCode: number; body: string; isBase64Encoded?: boolean };

    const page = await get('/');
    expect(page.statusCode).toBe(200);
    const html = page.isBase64Encoded ? Buffer.from(page.body, 'base64').toString('utf8') : page.body;
    expect(html).toContain('<main id="main"');
    expect(JSON.parse((await get('/assets/config.json')).body)).toEqual({
      auth: {
        domain: 'https://send-sufficiency-stockton-on-tees.auth.eu-west-2.amazoncognito.com',
        clientId: 'dashboard-client',
        redirectUri: config.dashboardUrl,
      },
    });
    // No claims from the authorizer: the API's own 401, before any table access.
    expect((await get('/placements')).statusCode).toBe(401);
  });
});
