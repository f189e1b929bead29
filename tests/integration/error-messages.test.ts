// Bad input answered in the user's words, end to end: the API's one-line message and its field errors name
// each field with the values allowed, and the command-line tools say what is wrong with API_URL itself.
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { beforeAll, describe, expect, it } from 'vitest';
import { NEEDS } from '../../domain/codes';
import { placementBody, placementsApp } from '../helpers/placements-app';

const run = promisify(execFile);

describe('error messages a planner understands', () => {
  let api: Awaited<ReturnType<typeof placementsApp>>;
  beforeAll(async () => {
    api = await placementsApp();
  });

  it('a need code in the wrong case is a 400 naming the field, the codes and the right spelling', async () => {
    const response = await api.call('POST', '/placements', { body: placementBody({ primaryNeed: 'SpLD' }) });
    expect(response.status).toBe(400);
    const message = `expected one of ${NEEDS.join(', ')}, got "SpLD" (write it SPLD)`;
    expect(await response.json()).toEqual({
      error: 'validation_failed',
      message: `primaryNeed: ${message}`,
      errors: [{ field: 'primaryNeed', message }],
    });
  });

  it('text where a number belongs is named by its query parameter', async () => {
    const response = await api.call('GET', '/summary?top=lots', { as: 'reader' });
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({
      message: 'query.top: expected a number',
      errors: [{ field: 'query.top', message: 'expected a number' }],
    });
  });

  it('many bad fields: the first three in the message, every one in errors', async () => {
    const response = await api.call('POST', '/placements', {
      body: placementBody({ primaryNeed: 'X', setting: 'Y', ncy: -9, residential: 'no', lookedAfter: 'no' }),
    });
    const body = (await response.json()) as { message: string; errors: { field: string }[] };
    expect(body.errors.map((e) => e.field)).toEqual([
      'primaryNeed',
      'setting',
      'residential',
      'lookedAfter',
      'ncy',
    ]);
    expect(body.message).toMatch(
      /^primaryNeed: expected one of .*; setting: expected one of .*; residential: expected true or false, got the text "no"; and 2 more$/,
    );
  });

  it('an API_URL without http:// gets its own message, not "is npm start running?"', async () => {
    const failure = await run(process.execPath, ['--import', 'tsx', 'bin/spend.ts', '--fy', '2025-26'], {
      env: { ...process.env, API_URL: 'localhost:3000' },
    }).then(
      () => undefined,
      (error: { code?: number; stderr?: string }) => error,
    );
    expect(failure?.code).toBe(1);
    expect(failure?.stderr).toBe(
      'API_URL "localhost:3000" is not a web address: write it with http:// or https://, e.g. API_URL=http://localhost:3000 (the local product) or a deployed authority\'s ApiUrl\n',
    );
  });
});
