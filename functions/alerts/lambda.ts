// The monthly alerts function, invoked by EventBridge Scheduler on the 1st of each month. Configuration is
// read and validated once at cold start; a retried invocation for the same month sends nothing twice.
import { Logger } from '@aws-lambda-powertools/logger';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { SNSClient } from '@aws-sdk/client-sns';
import { alertMonthProblem } from '../../domain/alerts';
import * as z from '../../domain/zod';
import { withSourceStack } from '../stack-trace';
import { createStores } from '../store';
import { alertConfigFromEnv } from './config';
import { runAuthorityAlerts } from './figures';
import { monthOf } from './run';
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

/**
 * Throws when the run is in progress elsewhere or fails, so Lambda retries the scheduled (asynchronous) event
 * (twice, then the dead-letter queue and its alarm); a month already sent returns normally.
 */
export const handler = async (event: unknown) => {
  const now = new Date();
  const month = monthOf(Event.parse(event ?? {}).month, now);
  // A manual invoke naming a future month, or one too old to act on, publishes nothing.
  const problem = alertMonthProblem(month, monthOf(undefined, now));
  if (problem) throw new Error(`alerts not run: ${problem}`);
  let result: Awaited<ReturnType<typeof runAuthorityAlerts>>;
  try {
    result = await runAuthorityAlerts(deps, month, publisher);
  } catch (error) {
    logger.error('alerts run not sent: Lambda will retry the event', {
      month,
      error: withSourceStack(error) as Error,
    });
    throw error;
  }
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
