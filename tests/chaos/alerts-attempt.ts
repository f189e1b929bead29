// One attempt at a month's alerts run, in its own process as a Lambda invocation is: what alerts.chaos.ts
// starts, kills mid-run and retries. Prints the outcome as one JSON line; exits 0 when the month's digest
// is out (sent now or before), 75 when another attempt holds the run (409 run_in_progress), 1 otherwise.
// Usage: tsx tests/chaos/alerts-attempt.ts <dynamodb endpoint> <table> <outbox folder> <YYYY-MM>
import { runAuthorityAlerts } from '../../functions/alerts/figures';
import { AlertRunInProgressError } from '../../functions/alerts/run';
import { createStores } from '../../functions/store';
import { alertConfigOf, DEMO_SLUG, loadAuthorityConfig } from '../../infra/config';
import { localDynamoDbClient } from '../../infra/local/dynamodb-local';
import { OutboxPublisher } from '../../infra/local/outbox';

const [endpoint, tableName, outbox, month] = process.argv.slice(2);
if (!endpoint || !tableName || !outbox || !month) {
  console.error('usage: alerts-attempt.ts <dynamodb endpoint> <table> <outbox folder> <YYYY-MM>');
  process.exit(2);
}
const client = localDynamoDbClient(endpoint);
const publisher = new OutboxPublisher(outbox, () => {});
const deps = createStores({
  client,
  tableName,
  alerting: {
    settings: { ...alertConfigOf(loadAuthorityConfig(DEMO_SLUG)), dashboardUrl: 'http://localhost:3000/' },
    publisher,
  },
});
try {
  const result = await runAuthorityAlerts(deps, month, publisher);
  console.log(JSON.stringify({ published: result.published, alreadySent: result.alreadySent }));
  process.exit(0);
} catch (error) {
  if (error instanceof AlertRunInProgressError) {
    console.log(JSON.stringify({ inProgress: true, retryAfter: error.retryAfter }));
    process.exit(75);
  }
  console.log(JSON.stringify({ error: (error as Error).message }));
  process.exit(1);
}
