// End to end on the demo authority: the local command runs the month's alerts through the running product,
// a digest lands in the outbox, and a second run for the month publishes nothing. Only the current month or
// one of the 12 before it can be run, and the command never guesses the month.
import { execFile } from 'node:child_process';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cliPath } from '../../bin/build.mjs';
import { type AlertRunResult, monthOf } from '../../functions/alerts/run';
import { type LocalRuntime, startLocal } from '../../infra/local/server';

const run = promisify(execFile);
const thisMonth = monthOf(undefined, new Date());
const monthsFrom = (month: string, offset: number) => {
  const index = Number(month.slice(0, 4)) * 12 + Number(month.slice(5, 7)) - 1 + offset;
  return `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}`;
};

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
    const first = await alertsCommand(thisMonth);
    expect(first).toMatchObject({
      authority: 'demo',
      month: thisMonth,
      published: true,
      alreadySent: false,
    });
    const rules = new Set(first.alerts.map((alert) => alert.rule));
    // The demo's Harbour View SEMH special school is over its commissioned places.
    expect(rules).toContain('provision-occupancy');
    expect(first.alerts.find((a) => a.subject.startsWith('Harbour View'))?.severity).toBe('critical');
    for (const alert of first.alerts)
      expect(alert).toMatchObject({ rule: expect.any(String), subject: expect.any(String) });

    const outbox = await readdir(join(dataDir, 'outbox'));
    expect(outbox).toHaveLength(1);
    const digest = await readFile(join(dataDir, 'outbox', outbox[0] as string), 'utf8');
    expect(digest).toMatch(new RegExp(`^Subject: Demo Borough SEND sufficiency ${thisMonth}: \\d+ critical`));
    expect(digest).toContain(`${runtime.url.replace('127.0.0.1', 'localhost')}/#/sufficiency`);

    const second = await alertsCommand(thisMonth);
    expect(second).toMatchObject({ published: false, alreadySent: true });
    expect(await readdir(join(dataDir, 'outbox'))).toHaveLength(1);

    const history = (await (await fetch(`${runtime.url}/alerts?since=${thisMonth}`)).json()) as {
      runs: { month: string; status: string }[];
    };
    expect(history.runs).toEqual([expect.objectContaining({ month: thisMonth, status: 'sent' })]);
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

  it('runs a missed month up to 12 months back, and refuses a month that has not started or is older', async () => {
    const post = (month: string) =>
      fetch(`${runtime.url}/alerts/runs`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ month }),
      });
    const before = (await readdir(join(dataDir, 'outbox'))).length;
    for (const month of [monthsFrom(thisMonth, 1), monthsFrom(thisMonth, 54), monthsFrom(thisMonth, -13)]) {
      const response = await post(month);
      expect(response.status, month).toBe(400);
      const body = (await response.json()) as { errors: { field: string; message: string }[] };
      expect(body.errors).toEqual([
        {
          field: 'month',
          message: expect.stringMatching(
            new RegExp(
              `^${month} (has not started yet|is too long ago): alerts run for the current month \\(${thisMonth}\\) or, to catch up a missed month, one of the 12 before it \\(${monthsFrom(thisMonth, -12)} to ${thisMonth}\\)$`,
            ),
          ),
        },
      ]);
    }
    expect((await readdir(join(dataDir, 'outbox'))).length).toBe(before);
    expect((await post(monthsFrom(thisMonth, -12))).status).toBe(201);
    const { runs } = (await (
      await fetch(`${runtime.url}/alerts?since=${monthsFrom(thisMonth, -12)}`)
    ).json()) as {
      runs: { month: string }[];
    };
    expect(runs[0]?.month, 'the latest digest is this month').toBe(thisMonth);
  }, 120_000);

  it('the command requires --month, as its usage says', async () => {
    const failure = await run(process.execPath, [cliPath('alerts')], {
      env: { ...process.env, API_URL: runtime.url },
    }).then(
      () => undefined,
      (error: { code?: number; stderr?: string }) => error,
    );
    expect(failure?.code).toBe(2);
    expect(failure?.stderr).toBe(
      `--month is required: the month to run, written YYYY-MM (this month is ${thisMonth})\nusage: npm run -s alerts -- --month YYYY-MM [--json]\n`,
    );
  });
});
