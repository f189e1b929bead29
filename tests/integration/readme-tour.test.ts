// The README's first tour, run as written: its commands are read from the README's own tour block, so the
// test breaks as soon as the front door stops working. Each runs in the clone's top folder against the local
// runtime (the README's localhost:3000 pointed at this test's port), and the work tree must be as clean
// afterwards as before.
import { execFile } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PlacementInput } from '../../domain/placement';
import { generateDemoAuthority } from '../../infra/local/demo/generate';
import { LOCAL_DEVELOPER, type LocalRuntime, startLocal } from '../../infra/local/server';
import { REPO_ROOT } from '../helpers/data';

const run = promisify(execFile);

/** The commands of the first fenced `sh` block under "## A first tour", continuation lines joined. */
function tourCommands(readme: string): string[] {
  const section = readme.slice(readme.indexOf('## A first tour'));
  const block = /```sh\n([\s\S]*?)```/.exec(section)?.[1];
  if (!block) throw new Error('README.md: no ```sh block under "## A first tour"');
  return block
    .replace(/\\\n\s*/g, ' ')
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '' && !line.startsWith('#'));
}

const gitStatus = async () =>
  (await run('git', ['status', '--porcelain'], { cwd: REPO_ROOT, encoding: 'utf8' })).stdout;

describe("the README's first tour", () => {
  const commands = tourCommands(readFileSync(join(REPO_ROOT, 'README.md'), 'utf8'));
  const tourFolder = join(REPO_ROOT, '.data/tour');
  const tourFolderExisted = existsSync(tourFolder);
  let runtime: LocalRuntime;
  let dataDir: string;

  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'send-tour-'));
    // On disk, so the demo is restored from its prebuilt snapshot as a first `npm start` does.
    runtime = await startLocal({ dataDir, port: 0, log: () => {}, configureApp: () => {} });
  }, 180_000);
  afterAll(async () => {
    await runtime?.stop();
    await rm(dataDir, { recursive: true, force: true });
    if (!tourFolderExisted) await rm(tourFolder, { recursive: true, force: true });
  });

  it('uses only portable commands, codes the API takes and a child who is not a demo child', () => {
    expect(commands.length).toBeGreaterThanOrEqual(6);
    for (const command of commands) expect(command, 'macOS-only `open`').not.toMatch(/(^|[;&|]\s*)open\s/);
    const body = /-d '(\{.*\})'/.exec(
      commands.find((c) => c.includes('POST') && c.includes('/placements')) ?? '',
    )?.[1];
    const placement = PlacementInput.parse(JSON.parse(body ?? 'null'));
    const demoChildren = new Set(generateDemoAuthority().placements.map((p) => p.childRef));
    expect(demoChildren.has(placement.childRef), `${placement.childRef} is a demo child`).toBe(false);
  });

  it('runs every command as written and leaves the work tree as it found it', async () => {
    const before = await gitStatus();
    const port = new URL(runtime.url).port;
    for (const command of commands) {
      const { stdout, stderr } = await run(
        'bash',
        ['-eo', 'pipefail', '-c', command.replaceAll('localhost:3000', `127.0.0.1:${port}`)],
        {
          cwd: REPO_ROOT,
          env: { ...process.env, API_URL: runtime.url },
          maxBuffer: 16 * 1024 * 1024,
        },
      ).catch((error: { stdout?: string; stderr?: string; message: string }) => {
        throw new Error(`README tour command failed: ${command}\n${error.stderr ?? ''}${error.stdout ?? ''}`);
      });
      expect(stderr.trim(), command).toBe('');
      if (command.startsWith('curl')) {
        const answer = JSON.parse(stdout) as { error?: string; createdBy?: string };
        expect(answer.error, `${command}\n${stdout}`).toBeUndefined();
        expect(answer.createdBy, command).toBe(LOCAL_DEVELOPER.name);
      }
    }
    expect(await gitStatus()).toBe(before);
  }, 300_000);
});
