// The cold start shared by the API's Lambda entries (API Gateway HTTP API, payload 2.0): lambda.ts serves
// the main API, files-lambda.ts the import and export files. Configuration is checked once, and the
// DynamoDB client lives at module scope so warm invocations reuse its connections.
import { Logger } from '@aws-lambda-powertools/logger';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { Context } from 'aws-lambda';
import type { Hono } from 'hono';
import { handle, type LambdaEvent } from 'hono/aws-lambda';
import * as z from '../../domain/zod';
import { alertConfigFromEnv } from '../alerts/config';
import { withSourceStack } from '../stack-trace';
import { createStores } from '../store';
import type { CursorKeySource } from '../store/cursor';
import { type App, createApp, type RouteModules } from './app';
import { jwtIdentity } from './identity';

const Config = z.object({
  TABLE_NAME: z.string().min(1, 'TABLE_NAME must name the application table'),
  ALERT_CONFIG: z.string().min(1, 'ALERT_CONFIG must hold the authority alert settings (JSON)'),
  /**
   * The secret pagination cursors are signed with, on the functions that serve a paginated list: every instance
   * must sign and check with the same key, so it is the stack's, not the instance's.
   */
  CURSOR_KEY_SECRET_ARN: z
    .string()
    .startsWith('arn:', 'CURSOR_KEY_SECRET_ARN must be a secret ARN')
    .optional(),
});

/** The cursor key from Secrets Manager, read on first use and kept for the life of the instance. */
function secretCursorKey(secretArn: string | undefined): CursorKeySource {
  return async () => {
    if (!secretArn)
      throw new Error('CURSOR_KEY_SECRET_ARN is not set on a function that serves a paginated list');
    // Loaded here, in a chunk of its own: only the first paginated list of an instance needs it, not its cold start.
    const { GetSecretValueCommand, SecretsManagerClient } = await import('@aws-sdk/client-secrets-manager');
    const { SecretString } = await new SecretsManagerClient({}).send(
      new GetSecretValueCommand({ SecretId: secretArn }),
    );
    if (!SecretString || SecretString.length < 32)
      throw new Error('the cursor key secret is empty or too short');
    return new TextEncoder().encode(SecretString);
  };
}

export interface ApiHandlerOptions {
  /** Puts something in front of the app (the dashboard's static files); by default API Gateway reaches the app. */
  serve?: (app: App) => Hono;
}

/** The Lambda handler for an app of the given route modules. Call it at module scope: it is the cold start. */
export function apiHandler(routes: RouteModules, { serve }: ApiHandlerOptions = {}) {
  // No service name here: Powertools reads POWERTOOLS_SERVICE_NAME, set per function by the stack.
  const logger = new Logger();

  const parsed = Config.safeParse(process.env);
  if (!parsed.success) {
    logger.critical('invalid configuration', { issues: parsed.error.issues });
    throw new Error(`invalid configuration: ${parsed.error.issues.map((issue) => issue.message).join('; ')}`);
  }
  const config = parsed.data;
  // The API serves alert history and on-demand checks, so it reads the same authority settings as the schedule.
  const alertSettings = alertConfigFromEnv(config.ALERT_CONFIG);

  const app = createApp({
    deps: createStores({
      client: new DynamoDBClient({}),
      tableName: config.TABLE_NAME,
      alerting: { settings: alertSettings },
      cursorKey: secretCursorKey(config.CURSOR_KEY_SECRET_ARN),
    }),
    // Only the API Gateway JWT authorizer's claims: there is no developer identity in a deployed stack.
    identity: jwtIdentity,
    routes,
    logError: (error, requestId) =>
      logger.error('unhandled error', { requestId, error: withSourceStack(error) as Error }),
  });
  const handleHttp = serve ? handle(serve(app)) : handle(app);

  /** One structured log line per request (with the Lambda request id), then the app's own answer. */
  return async (event: LambdaEvent, context: Context) => {
    logger.addContext(context);
    const started = performance.now();
    const response = await handleHttp(event, context);
    const request = event as { rawPath?: string; requestContext?: { http?: { method?: string } } };
    logger.info('request', {
      method: request.requestContext?.http?.method,
      path: request.rawPath,
      status: response.statusCode,
      ms: Math.round(performance.now() - started),
    });
    return response;
  };
}
