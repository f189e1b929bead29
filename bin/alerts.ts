// `npm run -s alerts -- --month 2026-11 [--json]`: runs a month's alerts on the running product (API_URL,
// default the local `npm start`), which publishes the digest (locally: to .data/outbox and its console). The
// month is required: a digest is published for good, so it is never guessed; the API refuses a future month
// and one more than 12 months ago.
import { parseArgs } from 'node:util';
import { monthOf } from '../functions/alerts/run';
import { api, ok, runCli, UsageError } from './api-client';

const USAGE = 'usage: npm run -s alerts -- --month YYYY-MM [--json]';

await runCli(async () => {
  let values: { month?: string; json?: boolean };
  try {
    ({ values } = parseArgs({ options: { month: { type: 'string' }, json: { type: 'boolean' } } }));
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  const { month } = values;
  if (month === undefined)
    throw new UsageError(
      `--month is required: the month to run, written YYYY-MM (this month is ${monthOf(undefined, new Date())})`,
    );
  if (!/^\d{4}-(0[1-9]|1[0-2])$/.test(month)) throw new UsageError(`--month must be YYYY-MM, not ${month}`);
  const result = await ok(api().POST('/alerts/runs', { body: { month } }));
  if (values.json) {
    console.log(JSON.stringify(result, null, 2));
    return;
  }
  if (result.alreadySent) console.log(`Alerts for ${month} were already sent; nothing published.\n`);
  else console.log(`Published the ${month} digest for ${result.authority}.\n`);
  if (result.digest) console.log(`Subject: ${result.digest.subject}\n\n${result.digest.body}`);
}, USAGE);
