import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { beforeEach, describe, expect, it } from 'vitest';
import { AlertThresholds } from '../../domain/alerts';
import { type Publisher, runMonthlyAlerts } from '../../functions/alerts/run';
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
  const run = (month = '2026-11') =>
    runMonthlyAlerts({ month, settings, gatherFigures: figures, runs, publisher, now: new Date() });

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

  it('sends exactly one digest when two runs race', async () => {
    const results = await Promise.all([run(), run(), run()]);
    expect(publisher.sent).toHaveLength(1);
    expect(results.filter((r) => r.published)).toHaveLength(1);
    expect(results.filter((r) => r.alreadySent)).toHaveLength(2);
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
