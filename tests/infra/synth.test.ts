// One real synth with esbuild bundling (no Docker, no AWS credentials, no network), reporting each
// function's bundle size. The figures against the targets are the benchmark's job (tests/bench/infra).
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { assembleApp } from '../../infra/assemble';

const outdir = mkdtempSync(join(tmpdir(), 'send-synth-'));
afterAll(() => rmSync(outdir, { recursive: true, force: true }));

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
      const code = readFileSync(bundle, 'utf8');
      // ESM, exporting the handler, with the SDK left to the runtime.
      expect(code).toMatch(/export\s*\{[^}]*\bas handler\b[^}]*\}|export\s*\{\s*handler\s*\}/);
      expect(code).not.toMatch(/node_modules\/@aws-sdk\/client-dynamodb\/dist-es/);
      expect(code.trimEnd().endsWith('//# sourceMappingURL=index.mjs.map'), `${name} source map link`).toBe(
        true,
      );
      // The dashboard is built into the read function's asset, and only there.
      expect(existsSync(join(outdir, assetPath as string, 'web', 'index.html')), `${name} dashboard`).toBe(
        name === 'read',
      );
      return {
        function: name,
        'bundle KB': Number((statSync(bundle).size / 1024).toFixed(1)),
        'source map KB': Number((statSync(map).size / 1024).toFixed(1)),
      };
    });
    console.log(`\nBundles for ${stack.stackName}:`);
    console.table(rows);
    expect(rows.map((row) => row.function).sort()).toEqual(
      ['alerts', 'finance', 'groupScopes', 'imports', 'placements', 'planning', 'read'].sort(),
    );
  });
});
