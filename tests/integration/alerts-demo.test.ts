// End to end on the demo authority: the local command runs the month's alerts through the running product,
// a digest lands in the outbox, and a second run for the month publishes nothing.
import { execFile } from 'node:child_process';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cliPath } from '../../bin/build.mjs';
import type { AlertRunResult } from '../../functions/alerts/run';
import { type LocalRuntime, startLocal } from '../../infra/local/server';

const run = promisify(execFile);

describe('monthly alerts on the demo authority', () => {
  let runtime: LocalRuntime;
  let dataDir: string;
  const alertsCommand = async (month: string) => {
    const { stdout } = await run(process.execPath, [cliPath('alerts'), '--month', month, '--json'], {
      env: { ...process.env, API_URL: runtime.url },
    });
    return JSON.parse(stdout) as AlertRunResult;
  };

  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'send-alerts-'));
    // On disk, so the demo is restored from its prebuilt snapshot as a first `npm start` does.
    runtime = await startLocal({ dataDir, port: 0, log: () => {}, configureApp: () => {} });
  }, 180_000);
  afterAll(async () => {
    await runtime?.stop();
    await rm(dataDir, { recursive: true, force: true });
  });

  // Two alert runs over HTTP, each projecting the demo's shortfalls (500 draws) and its expected starts: a
  // busy 2-core machine takes more than 30 s.
  it('publishes one digest a planner can act on, and a second run sends nothing', {
    timeout: 120_000,
  }, async () => {
    const first = await alertsCommand('2026-11');
    expect(first).toMatchObject({ authority: 'demo', month: '2026-11', published: true, alreadySent: false });
    const rules = new Set(first.alerts.map((alert) => alert.rule));
    // The demo's Harbour View SEMH special school is over its commissioned places.
    expect(rules).toContain('provision-occupancy');
    expect(first.alerts.find((a) => a.subject.startsWith('Harbour View'))?.severity).toBe('critical');
    for (const alert of first.alerts)
      expect(alert).toMatchObject({ rule: expect.any(String), subject: expect.any(String) });

    const outbox = await readdir(join(dataDir, 'outbox'));
    expect(outbox).toHaveLength(1);
    const digest = await readFile(join(dataDir, 'outbox', outbox[0] as string), 'utf8');
    expect(digest).toMatch(/^Subject: Demo Borough SEND sufficiency 2026-11: \d+ critical/);
    expect(digest).toContain(`${runtime.url.replace('127.0.0.1', 'localhost')}/#/sufficiency`);

    const second = await alertsCommand('2026-11');
    expect(second).toMatchObject({ published: false, alreadySent: true });
    expect(await readdir(join(dataDir, 'outbox'))).toHaveLength(1);

    const history = (await (await fetch(`${runtime.url}/alerts?since=2026-11`)).json()) as {
      runs: { month: string; status: string }[];
    };
    expect(history.runs).toEqual([expect.objectContaining({ month: '2026-11', status: 'sent' })]);
  });

  it('rejects a malformed month naming the field', async () => {
    const response = await fetch(`${runtime.url}/alerts/runs`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ month: '2026-13' }),
    });
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ errors: [expect.objectContaining({ field: 'month' })] });
  });
});
