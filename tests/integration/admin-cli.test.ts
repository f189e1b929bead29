// The admin CLI end to end, as built (dist/bin/admin.mjs), against a table of the test run's DynamoDB Local:
// it finds a projection that no longer equals a recount of the records, rebuilds it, and then finds none.
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { DynamoDBDocumentClient, GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cliPath } from '../../bin/build.mjs';
import { createStores } from '../../functions/store';
import { authorityPlacements } from '../helpers/placement';
import { freshTable } from '../helpers/table';

const run = promisify(execFile);
const root = new URL('../../', import.meta.url).pathname;

describe('npm run -s admin', () => {
  let table: Awaited<ReturnType<typeof freshTable>>;
  const admin = (...args: string[]) =>
    run(
      process.execPath,
      [cliPath('admin'), ...args, '--endpoint', table.endpoint, '--table', table.tableName],
      {
        cwd: root,
      },
    );
  /** The CLI's exit code and output, a failing exit included. */
  const adminExit = (...args: string[]) =>
    admin(...args).then(
      ({ stdout }) => ({ code: 0, stdout }),
      (error: { code: number; stdout: string; stderr: string }) => ({
        code: error.code,
        stdout: error.stdout + error.stderr,
      }),
    );

  beforeAll(async () => {
    table = await freshTable('admin-cli');
    const { placements } = createStores({ client: table.client, tableName: table.tableName });
    await placements.createMany(authorityPlacements(30, 3), {
      actor: { userId: 'u-admin', name: 'admin test' },
      now: new Date('2024-01-10T00:00:00Z'),
    });
    await placements.all(); // the projection, built and read as a request would
  }, 60_000);
  afterAll(() => table?.client.destroy());

  it('says the projection equals a recount when it does', { timeout: 30_000 }, async () => {
    expect(await adminExit('check-projection')).toEqual({
      code: 0,
      stdout: `The placement projection of ${table.tableName} equals a recount: 30 placements.\n`,
    });
  });

  it('finds a record written past the projection, rebuilds, and then finds none', {
    timeout: 30_000,
  }, async () => {
    // A placement record put straight into the table (as a restore from backup would), not through the store.
    const db = DynamoDBDocumentClient.from(table.client);
    const { Item } = await db.send(
      new GetCommand({ TableName: table.tableName, Key: { pk: 'PLACEMENT#p-0', sk: 'PLACEMENT' } }),
    );
    expect(Item).toBeDefined();
    await db.send(
      new PutCommand({
        TableName: table.tableName,
        Item: { ...Item, pk: 'PLACEMENT#restored-1', id: 'restored-1' },
      }),
    );

    const check = await adminExit('check-projection');
    expect(check.code).toBe(1);
    expect(check.stdout).toContain('differs from a recount for 1 placement(s): restored-1');

    const rebuild = await adminExit('rebuild-projection');
    expect(rebuild.code).toBe(0);
    expect(rebuild.stdout).toMatch(
      new RegExp(`^Rebuilt the placement projection of ${table.tableName}: 31 placements`),
    );
    expect((await adminExit('check-projection')).stdout).toContain('equals a recount: 31 placements');
  });

  it('refuses a command it does not know, with its usage, exit 2', async () => {
    const answer = await adminExit('rebuild-everything');
    expect(answer.code).toBe(2);
    expect(answer.stdout).toContain('unknown command rebuild-everything');
    expect(answer.stdout).toContain('usage: npm run -s admin -- rebuild-projection|check-projection');
  });
});
