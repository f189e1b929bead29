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
import { createStores } from '../store';
import { type App, createApp, type RouteModule } from './app';
import { jwtIdentity } from './identity';

const Config = z.object({
  TABLE_NAME: z.string().min(1, 'TABLE_NAME must name the application table'),
  ALERT_CONFIG: z.string().min(1, 'ALERT_CONFIG must hold the authority alert settings (JSON)'),
});

export interface ApiHandlerOptions {
  /** Puts something in front of the app (the dashboard's static files); by default API Gateway reaches the app. */
  serve?: (app: App) => Hono;
}

/** The Lambda handler for an app of the given route modules. Call it at module scope: it is the cold start. */
export function apiHandler(routes: readonly RouteModule[], { serve }: ApiHandlerOptions = {}) {
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
    }),
    // Only the API Gateway JWT authorizer's claims: there is no developer identity in a deployed stack.
    identity: jwtIdentity,
    routes,
    logError: (error, requestId) => logger.error('unhandled error', { requestId, error: error as Error }),
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
