// The stack lets the alerts function update only alert runs, naming only ALERT_RUN_UPDATED_ATTRIBUTES
// (infra/stack.ts). Every update the run store sends must fit in that grant, or the deployed run is refused.
import { describe, expect, it } from 'vitest';
import {
  ALERT_RUN_PARTITION,
  ALERT_RUN_UPDATED_ATTRIBUTES,
  DynamoAlertRunStore,
} from '../../functions/store/alert-runs';

interface SentUpdate {
  Key: Record<string, string>;
  UpdateExpression: string;
  ConditionExpression?: string;
  ExpressionAttributeNames?: Record<string, string>;
}

const KEYWORDS = new Set(['SET', 'REMOVE', 'ADD', 'DELETE', 'AND', 'OR', 'NOT', 'BETWEEN', 'IN']);

/** The attribute names an update names: its key, and every name in its update and condition expressions. */
function namedAttributes(update: SentUpdate): string[] {
  const expressions = `${update.UpdateExpression} ${update.ConditionExpression ?? ''}`;
  const names = [...expressions.matchAll(/(?<![:\w])#?[A-Za-z_]\w*(?!\s*\()/g)]
    .map(([token]) => (token.startsWith('#') ? update.ExpressionAttributeNames?.[token] : token))
    .filter((name): name is string => name !== undefined && !KEYWORDS.has(name));
  return [...new Set([...Object.keys(update.Key), ...names])];
}

describe('the alert-run store fits the stack’s update grant', () => {
  it('names only the granted attributes, in alert-run partitions, in every update', async () => {
    const sent: SentUpdate[] = [];
    const db = {
      send: async (command: { input: SentUpdate }) => {
        sent.push(command.input);
        return {};
      },
    };
    const runs = new DynamoAlertRunStore(db as never, 'table');
    const alert = { id: 'a', level: 'watch' } as never;
    const digest = { subject: 's', text: 't' } as never;
    await runs.renew('demo', '2026-12', 'claim-1', new Date());
    await runs.markSent('demo', '2026-12', 'claim-1', {
      alerts: [alert],
      digest,
      sentAt: '2026-12-01T06:00:00Z',
    });
    await runs.markFailed('demo', '2026-12', 'claim-1', 'boom');

    const updates = sent.filter((input) => input.UpdateExpression !== undefined);
    expect(updates).toHaveLength(3);
    for (const update of updates) {
      expect(update.Key.pk?.startsWith(ALERT_RUN_PARTITION)).toBe(true);
      expect(ALERT_RUN_UPDATED_ATTRIBUTES).toEqual(expect.arrayContaining(namedAttributes(update)));
    }
    // The parser sees what it must: a name behind #, a REMOVE, and the condition's claimId.
    expect(namedAttributes(updates[2] as SentUpdate)).toEqual(
      expect.arrayContaining(['status', 'error', 'leaseUntil', 'claimId', 'updatedAt']),
    );
  });
});
