import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { beforeEach, describe, expect, it } from 'vitest';
import type { AlertFigures } from '../../domain/alerts';
import { AlertThresholds } from '../../domain/alerts';
import {
  AlertRunInProgressError,
  type AlertRunStore,
  type Publisher,
  runMonthlyAlerts,
} from '../../functions/alerts/run';
import { DynamoAlertRunStore } from '../../functions/store/alert-runs';
import { freshTable } from '../helpers/table';

const settings = {
  authority: 'demo',
  authorityName: 'Demo Borough',
  thresholds: AlertThresholds.parse({}),
  dashboardUrl: 'http://localhost:3000/',
  shortfallHorizonsMonths: [12, 24],
};
const figures = async () => ({
  occupancy: [{ provisionId: 'p1', name: 'Oak ASD base', places: 20, occupied: 21 }],
  shortfalls: [],
  outOfBorough: { now: 10, yearAgo: 10 },
});

class RecordingPublisher implements Publisher {
  sent: string[] = [];
  failuresLeft = 0;
  async publish(message: { subject: string }) {
    await new Promise((resolve) => setTimeout(resolve, 20));
    if (this.failuresLeft > 0) {
      this.failuresLeft -= 1;
      throw new Error('topic unavailable');
    }
    this.sent.push(message.subject);
  }
}

describe('monthly alert runs', () => {
  let runs: DynamoAlertRunStore;
  let publisher: RecordingPublisher;
  const run = (
    month = '2026-11',
    options: {
      clock?: () => Date;
      gatherFigures?: () => Promise<AlertFigures>;
      store?: AlertRunStore;
      leaseMs?: number;
    } = {},
  ) =>
    runMonthlyAlerts({
      month,
      settings,
      gatherFigures: options.gatherFigures ?? figures,
      runs: options.store ?? runs,
      publisher,
      clock: options.clock ?? (() => new Date()),
      ...(options.leaseMs !== undefined ? { leaseMs: options.leaseMs } : {}),
    });
  const never = () => new Promise<never>(() => {});
  const at = (time: number) => () => new Date(time);

  beforeEach(async () => {
    const { client, tableName } = await freshTable('alerts');
    runs = new DynamoAlertRunStore(DynamoDBDocumentClient.from(client), tableName);
    publisher = new RecordingPublisher();
  });

  it('publishes one digest, and a second run for the month sends nothing', async () => {
    const first = await run();
    expect(first).toMatchObject({ published: true, alreadySent: false, month: '2026-11' });
    expect(first.alerts.map((a) => a.rule)).toEqual(['provision-occupancy']);
    const second = await run();
    expect(second).toMatchObject({ published: false, alreadySent: true });
    expect(second.alerts).toEqual(first.alerts);
    expect(publisher.sent).toHaveLength(1);
  });

  it('sends exactly one digest when runs race: the others are told it is in progress, or already sent', async () => {
    const results = await Promise.allSettled([run(), run(), run()]);
    expect(publisher.sent).toHaveLength(1);
    const answers = results.map((r) =>
      r.status === 'fulfilled'
        ? r.value.published
          ? 'published'
          : 'alreadySent'
        : r.reason instanceof AlertRunInProgressError
          ? 'in progress'
          : String(r.reason),
    );
    expect(answers.filter((a) => a === 'published')).toHaveLength(1);
    expect(answers.every((a) => ['published', 'alreadySent', 'in progress'].includes(a))).toBe(true);
  });

  it('a run that died mid-way holds its month only until its lease runs out; the retry sends exactly one digest', async () => {
    const start = Date.parse('2026-11-01T06:00:00Z');
    // The first attempt claims the month and dies: its figures never come, and it renews nothing any more.
    const dead: AlertRunStore = Object.assign(Object.create(runs), { renew: async () => false });
    void run('2026-11', { clock: at(start), gatherFigures: never, store: dead });
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect((await runs.get('demo', '2026-11'))?.status).toBe('sending');

    // A retry 10 s later: in progress, with how long to wait; never "already sent" when nothing was sent.
    const early = run('2026-11', { clock: at(start + 10_000) });
    await expect(early).rejects.toBeInstanceOf(AlertRunInProgressError);
    await expect(early).rejects.toMatchObject({ status: 409, retryAfter: 20 });

    // After the lease: the retry sends, and only once.
    expect(await run('2026-11', { clock: at(start + 31_000) })).toMatchObject({
      published: true,
      alreadySent: false,
    });
    expect(await run('2026-11', { clock: at(start + 40_000) })).toMatchObject({
      published: false,
      alreadySent: true,
    });
    expect(publisher.sent).toHaveLength(1);
  });

  it('a live run renews its lease, so a slow run is not taken over', async () => {
    let finish: () => void = () => {};
    const slow = () =>
      new Promise<AlertFigures>((resolve) => {
        finish = () => void figures().then(resolve);
      });
    const first = run('2026-11', { gatherFigures: slow, leaseMs: 300 });
    await new Promise((resolve) => setTimeout(resolve, 900)); // three leases long
    await expect(run('2026-11', { leaseMs: 300 })).rejects.toBeInstanceOf(AlertRunInProgressError);
    finish();
    expect((await first).published).toBe(true);
    expect(publisher.sent).toHaveLength(1);
  });

  it('a run overtaken after its lease ran out publishes nothing: the run that took over sends the one digest', async () => {
    const start = Date.parse('2026-11-01T06:00:00Z');
    let finish: () => void = () => {};
    const stalled = () =>
      new Promise<AlertFigures>((resolve) => {
        finish = () => void figures().then(resolve);
      });
    const clock = { now: start };
    const first = run('2026-11', { clock: () => new Date(clock.now), gatherFigures: stalled });
    await new Promise((resolve) => setTimeout(resolve, 200));
    clock.now = start + 60_000; // stalled past its lease (no renewal landed meanwhile)
    expect((await run('2026-11', { clock: at(start + 60_000) })).published).toBe(true);
    finish();
    await expect(first).rejects.toBeInstanceOf(AlertRunInProgressError);
    expect(publisher.sent).toHaveLength(1);
  });

  it('leaves a run whose publish failed retryable, and the retry sends once', async () => {
    publisher.failuresLeft = 1;
    await expect(run()).rejects.toThrow('topic unavailable');
    expect((await runs.get('demo', '2026-11'))?.status).toBe('failed');
    expect((await run()).published).toBe(true);
    expect((await run()).alreadySent).toBe(true);
    expect(publisher.sent).toHaveLength(1);
  });

  it('marks what is new since last month and keeps the history', async () => {
    await run('2026-10');
    const november = await run('2026-11');
    expect(november.digest?.body).toContain('[continuing]');
    expect((await runs.since('demo', '2026-10')).map((r) => r.month)).toEqual(['2026-10', '2026-11']);
  });
});
