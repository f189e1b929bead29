// Alert runs, one item per authority and month. The claim is a conditional write, which is what makes
// the monthly run idempotent across retries and concurrent invocations; it names its claimant (claimId) and
// holds until leaseUntil, which the claimant renews, and every later write is conditional on the claimant.
import { type DynamoDBDocumentClient, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { Alert, Digest } from '../../domain/alerts';
import type { AlertRun, AlertRunStore, Claim } from '../alerts/run';
import { getItem, queryAll } from './table-client';

/** Alert runs live in their own partitions: the only items any function may update (infra/stack.ts). */
export const ALERT_RUN_PARTITION = 'ALERTRUN#';
/** Every attribute an update of a run names (keys, SET, REMOVE and conditions): all the stack lets it name. */
export const ALERT_RUN_UPDATED_ATTRIBUTES = [
  'pk',
  'sk',
  'status',
  'claimId',
  'leaseUntil',
  'alerts',
  'digest',
  'sentAt',
  'updatedAt',
  'error',
];

const key = (authority: string, month: string) => ({
  pk: `${ALERT_RUN_PARTITION}${authority}`,
  sk: `MONTH#${month}`,
});

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

  async claim(authority: string, month: string, claim: Claim): Promise<boolean> {
    return this.conditional(
      new PutCommand({
        TableName: this.tableName,
        Item: {
          ...key(authority, month),
          entityType: `alertRun#${authority}`,
          updatedAt: claim.now.toISOString(),
          authority,
          month,
          status: 'sending',
          claimId: claim.id,
          claimedAt: claim.now.toISOString(),
          leaseUntil: claim.leaseUntil.toISOString(),
          alerts: [],
        },
        ConditionExpression:
          'attribute_not_exists(pk) OR #status = :failed OR (#status = :sending AND leaseUntil < :now)',
        ExpressionAttributeNames: { '#status': 'status' },
        ExpressionAttributeValues: {
          ':failed': 'failed',
          ':sending': 'sending',
          ':now': claim.now.toISOString(),
        },
      }),
    );
  }

  async renew(authority: string, month: string, id: string, leaseUntil: Date): Promise<boolean> {
    return this.conditional(
      new UpdateCommand({
        TableName: this.tableName,
        Key: key(authority, month),
        UpdateExpression: 'SET leaseUntil = :until',
        ConditionExpression: 'claimId = :id AND #status = :sending',
        ExpressionAttributeNames: { '#status': 'status' },
        ExpressionAttributeValues: { ':id': id, ':sending': 'sending', ':until': leaseUntil.toISOString() },
      }),
    );
  }

  async markSent(
    authority: string,
    month: string,
    id: string,
    result: { alerts: Alert[]; digest: Digest; sentAt: string },
  ) {
    await this.db.send(
      new UpdateCommand({
        TableName: this.tableName,
        Key: key(authority, month),
        UpdateExpression:
          'SET #status = :sent, alerts = :alerts, digest = :digest, sentAt = :sentAt, updatedAt = :sentAt REMOVE leaseUntil',
        ConditionExpression: 'claimId = :id AND #status = :sending',
        ExpressionAttributeNames: { '#status': 'status' },
        ExpressionAttributeValues: {
          ':id': id,
          ':sent': 'sent',
          ':sending': 'sending',
          ':alerts': result.alerts,
          ':digest': result.digest,
          ':sentAt': result.sentAt,
        },
      }),
    );
  }

  async markFailed(authority: string, month: string, id: string, error: string) {
    await this.conditional(
      new UpdateCommand({
        TableName: this.tableName,
        Key: key(authority, month),
        UpdateExpression: 'SET #status = :failed, #error = :error, updatedAt = :now REMOVE leaseUntil',
        ConditionExpression: 'claimId = :id AND #status = :sending',
        ExpressionAttributeNames: { '#status': 'status', '#error': 'error' },
        ExpressionAttributeValues: {
          ':id': id,
          ':failed': 'failed',
          ':sending': 'sending',
          ':error': error.slice(0, 1000),
          ':now': new Date().toISOString(),
        },
      }),
    );
  }

  /** Sends a conditional write: false when its condition failed. */
  private async conditional(command: PutCommand | UpdateCommand): Promise<boolean> {
    try {
      await this.db.send(command as PutCommand);
      return true;
    } catch (error) {
      if (isConditionFailure(error)) return false;
      throw error;
    }
  }

  async since(authority: string, sinceMonth: string): Promise<AlertRun[]> {
    const items = await queryAll(this.db, {
      TableName: this.tableName,
      KeyConditionExpression: 'pk = :pk AND sk >= :from',
      ExpressionAttributeValues: { ':pk': key(authority, sinceMonth).pk, ':from': `MONTH#${sinceMonth}` },
    });
    return items.map(toRun);
  }
}

function toRun(item: Record<string, unknown>): AlertRun {
  const { authority, month, status, alerts, digest, claimedAt, leaseUntil, sentAt, error } =
    item as unknown as AlertRun;
  return {
    authority,
    month,
    status,
    alerts: alerts ?? [],
    claimedAt,
    ...(leaseUntil ? { leaseUntil } : {}),
    ...(digest ? { digest } : {}),
    ...(sentAt ? { sentAt } : {}),
    ...(error ? { error } : {}),
  };
}
