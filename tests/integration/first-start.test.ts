// A new user's first `npm start`, as a real process into an empty data folder: it says what it is doing in a
// few lines a user needs (the demo loaded, where the product is ready, last month's alerts run), warns about
// Node.js 20 in one line of its own instead of the AWS SDK's nine, and serves the demo authority, every
// readiness item green.
import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Readiness } from '../../domain/readiness';
import type { Summary } from '../../domain/summary';
import { nodeSupportNotice, SDK_NODE_WARNING_SWITCH } from '../../infra/local/node-support';
import { REPO_ROOT } from '../helpers/data';

const DEMO_ALERTS =
  /^Ran the demo's \d{4}-\d{2} alerts \(\d+ alerts\), as the monthly schedule would have\.$/;
const READY =
  /^send-sufficiency is ready at (http:\/\/localhost:\d+) \(DynamoDB Local at http:\/\/127\.0\.0\.1:\d+\)$/;

describe('the first npm start', () => {
  let dataDir: string;
  let url: string;
  const output: string[] = [];
  let child: ReturnType<typeof spawn>;
  let demoAlertsRan: Promise<void>;

  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'send-first-start-'));
    // As a user's shell has it: without the switch the test runner sets to quieten the SDK.
    const { [SDK_NODE_WARNING_SWITCH]: _quietened, ...userEnv } = process.env;
    const env = { ...userEnv, DATA_DIR: dataDir, PORT: '0' };
    child = spawn('npm', ['start'], {
      cwd: REPO_ROOT,
      env,
      detached: true,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let alertsRan = () => {};
    demoAlertsRan = new Promise((done) => {
      alertsRan = done;
    });
    url = await new Promise<string>((ready, fail) => {
      const read = (chunk: Buffer) => {
        for (const line of chunk.toString().split('\n')) {
          if (line.trim() === '') continue;
          output.push(line);
          const match = READY.exec(line);
          if (match?.[1]) ready(match[1]);
          if (DEMO_ALERTS.test(line)) alertsRan();
        }
      };
      child.stdout?.on('data', read);
      child.stderr?.on('data', read);
      child.once('exit', (code) => fail(new Error(`npm start exited (${code}):\n${output.join('\n')}`)));
    });
  }, 240_000);

  afterAll(async () => {
    if (child?.pid !== undefined && child.exitCode === null && child.signalCode === null) {
      const exited = new Promise((done) => child.once('exit', done));
      process.kill(-child.pid, 'SIGTERM');
      await exited;
    }
    await rm(dataDir, { recursive: true, force: true });
  });

  it('prints only what a user needs, the Node.js 20 notice in one line of its own', () => {
    const lines = output.filter((line) => !line.startsWith('>')); // npm's own "> send-sufficiency start" lines
    const notice = nodeSupportNotice();
    const ready = lines.findIndex((line) => READY.test(line));
    expect(lines.slice(0, ready + 1)).toEqual([
      ...(notice ? [notice] : []),
      expect.stringMatching(
        /^Loaded the demo authority Demo Borough \(4,272 placements, 11 provisions\) from its prebuilt snapshot in [\d.]+ s\.$/,
      ),
      expect.stringMatching(READY),
    ]);
    // After it is ready, only the demo's alert history: its digest written to the outbox, then the run's line.
    for (const line of lines.slice(ready + 1)) expect(line).toMatch(/^\[outbox\] |^Ran the demo's/);
    expect(output.join('\n')).not.toContain('NodeVersionSupportWarning');
  });

  it("shows the demo ready in every item, once last month's alerts have run", async () => {
    await demoAlertsRan;
    const readiness = (await (await fetch(`${url}/readiness`)).json()) as Readiness;
    expect(readiness.items.filter((item) => item.status !== 'ready')).toEqual([]);
    expect(readiness.ready).toBe(true);
  }, 300_000);

  it('serves the demo authority', async () => {
    const summary = (await (await fetch(`${url}/summary?asOf=2026-11-01`)).json()) as Summary;
    expect(summary.total.count).toBe(1433);
  }, 120_000); // the first read builds the placement projection: slow on a busy machine
});
