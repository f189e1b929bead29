// The audit trail is append-only: an entry, once written, is never written over. Every audit write is a Put
// conditional on a new key (auditPut), and the stack lets no function update or delete an entry
// (tests/infra/stack.test.ts); here the store itself refuses a forged entry over a real one.
import { TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { describe, expect, it } from 'vitest';
import type { Placement } from '../../domain/placement';
import { auditPut } from '../../functions/store/audit';
import { createDocumentClient } from '../../functions/store/table-client';
import { ISSUE_BODY, placementsApp } from '../helpers/placements-app';

describe('audit entries', () => {
  it('are never written over: a second entry for the same version is refused and the first stays', async () => {
    const api = await placementsApp();
    const created = (await (await api.call('POST', '/placements', { body: ISSUE_BODY })).json()) as Placement;
    const before = await api.deps.placements.history(created.id);
    expect(before.map((entry) => [entry.version, entry.action])).toEqual([[1, 'create']]);

    const db = createDocumentClient(api.table.client);
    const forged = {
      ...(before[0] as (typeof before)[number]),
      by: { userId: 'someone-else', name: 'Someone Else' },
      changes: [],
    };
    await expect(
      db.send(new TransactWriteCommand({ TransactItems: [auditPut(api.table.tableName, forged)] })),
    ).rejects.toMatchObject({
      name: 'TransactionCanceledException',
      CancellationReasons: [expect.objectContaining({ Code: 'ConditionalCheckFailed' })],
    });
    expect(await api.deps.placements.history(created.id)).toEqual(before);
  });
});
