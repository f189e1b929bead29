// The monthly alerts function, invoked by EventBridge Scheduler on the 1st of each month. Configuration is
// read and validated once at cold start; a retried invocation for the same month sends nothing twice.
import { Logger } from '@aws-lambda-powertools/logger';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { SNSClient } from '@aws-sdk/client-sns';
import { YearMonth } from '../../domain/dates';
import * as z from '../../domain/zod';
import { createStores } from '../store';
import { alertConfigFromEnv } from './config';
import { gatherAlertFigures } from './figures';
import { runMonthlyAlerts } from './run';
import { SnsPublisher } from './sns-publisher';

// The service name comes from POWERTOOLS_SERVICE_NAME, set per function by the stack.
const logger = new Logger();

const Env = z.object({ TABLE_NAME: z.string().min(1), ALERT_TOPIC_ARN: z.string().startsWith('arn:') });
const env = Env.parse(process.env);
const settings = alertConfigFromEnv(process.env.ALERT_CONFIG);
const publisher = new SnsPublisher(new SNSClient({}), env.ALERT_TOPIC_ARN);
const deps = createStores({
  client: new DynamoDBClient({}),
  tableName: env.TABLE_NAME,
  alerting: { settings, publisher },
});

/** The schedule sends `{ "month": "<aws.scheduler.scheduled-time>" }`; a manual invoke may name a month. */
const Event = z.object({ month: z.string().optional() }).passthrough();

/** The month of a run, in the authority's own time zone (06:00 London on the 1st is still the 1st). */
export function monthOf(raw: string | undefined, now: Date): string {
  if (raw && YearMonth.safeParse(raw).success) return raw;
  const when = raw && !Number.isNaN(Date.parse(raw)) ? new Date(raw) : now;
  const parts = new Intl.DateTimeFormat('en-GB', {
    timeZone: 'Europe/London',
    year: 'numeric',
    month: '2-digit',
  })
    .formatToParts(when)
    .reduce<Record<string, string>>((acc, part) => ({ ...acc, [part.type]: part.value }), {});
  return `${parts.year}-${parts.month}`;
}

export const handler = async (event: unknown) => {
  const month = monthOf(Event.parse(event ?? {}).month, new Date());
  const result = await runMonthlyAlerts({
    month,
    settings,
    gatherFigures: (asOf) => gatherAlertFigures(deps, asOf, settings.shortfallHorizonsMonths),
    runs: deps.alertRuns,
    publisher,
    now: new Date(),
  });
  logger.info('alerts run', {
    month,
    published: result.published,
    alreadySent: result.alreadySent,
    alerts: result.alerts.length,
  });
  return {
    month,
    published: result.published,
    alreadySent: result.alreadySent,
    alerts: result.alerts.length,
  };
};
