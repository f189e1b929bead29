// Alert runs, one item per authority and month. The claim is a conditional write, which is what makes
// the monthly run idempotent across retries and concurrent invocations.
import { type DynamoDBDocumentClient, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { Alert, Digest } from '../../domain/alerts';
import type { AlertRun, AlertRunStore } from '../alerts/run';
import { getItem, queryAll } from './table-client';

/** A claim older than this is taken to be from a run that died mid-way, and may be taken over. */
const STALE_CLAIM_MS = 15 * 60 * 1000;

const key = (authority: string, month: string) => ({ pk: `ALERTRUN#${authority}`, sk: `MONTH#${month}` });

const isConditionFailure = (error: unknown) =>
  (error as { name?: string }).name === 'ConditionalCheckFailedException';

export class DynamoAlertRunStore implements AlertRunStore {
  constructor(
    private readonly db: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async get(authority: string, month: string): Promise<AlertRun | undefined> {
    const Item = await getItem(this.db, this.tableName, key(authority, month));
    return Item ? toRun(Item) : undefined;
  }

  async claim(authority: string, month: string, now: Date): Promise<boolean> {
    try {
      await this.db.send(
        new PutCommand({
          TableName: this.tableName,
          Item: {
            ...key(authority, month),
            entityType: `alertRun#${authority}`,
            updatedAt: now.toISOString(),
            authority,
            month,
            status: 'sending',
            claimedAt: now.toISOString(),
            alerts: [],
          },
          ConditionExpression:
            'attribute_not_exists(pk) OR #status = :failed OR (#status = :sending AND claimedAt < :stale)',
          ExpressionAttributeNames: { '#status': 'status' },
          ExpressionAttributeValues: {
            ':failed': 'failed',
            ':sending': 'sending',
            ':stale': new Date(now.getTime() - STALE_CLAIM_MS).toISOString(),
          },
        }),
      );
      return true;
    } catch (error) {
      if (isConditionFailure(error)) return false;
      throw error;
    }
  }

  async markSent(
    authority: string,
    month: string,
    result: { alerts: Alert[]; digest: Digest; sentAt: string },
  ) {
    await this.db.send(
      new UpdateCommand({
        TableName: this.tableName,
        Key: key(authority, month),
        UpdateExpression:
          'SET #status = :sent, alerts = :alerts, digest = :digest, sentAt = :sentAt, updatedAt = :sentAt',
        ConditionExpression: '#status = :sending',
        ExpressionAttributeNames: { '#status': 'status' },
        ExpressionAttributeValues: {
          ':sent': 'sent',
          ':sending': 'sending',
          ':alerts': result.alerts,
          ':digest': result.digest,
          ':sentAt': result.sentAt,
        },
      }),
    );
  }

  async markFailed(authority: string, month: string, error: string) {
    await this.db.send(
      new UpdateCommand({
        TableName: this.tableName,
        Key: key(authority, month),
        UpdateExpression: 'SET #status = :failed, #error = :error, updatedAt = :now',
        ExpressionAttributeNames: { '#status': 'status', '#error': 'error' },
        ExpressionAttributeValues: {
          ':failed': 'failed',
          ':error': error.slice(0, 1000),
          ':now': new Date().toISOString(),
        },
      }),
    );
  }

  async since(authority: string, sinceMonth: string): Promise<AlertRun[]> {
    const items = await queryAll(this.db, {
      TableName: this.tableName,
      KeyConditionExpression: 'pk = :pk AND sk >= :from',
      ExpressionAttributeValues: { ':pk': `ALERTRUN#${authority}`, ':from': `MONTH#${sinceMonth}` },
    });
    return items.map(toRun);
  }
}

function toRun(item: Record<string, unknown>): AlertRun {
  const { authority, month, status, alerts, digest, claimedAt, sentAt, error } = item as unknown as AlertRun;
  return {
    authority,
    month,
    status,
    alerts: alerts ?? [],
    claimedAt,
    ...(digest ? { digest } : {}),
    ...(sentAt ? { sentAt } : {}),
    ...(error ? { error } : {}),
  };
}
