// The API in-process against a fresh table, with a pinned clock and a caller chosen per request
// (`as: 'caseworker' | 'planner' | 'finance' | 'reader' | 'anonymous'`), for the placements and provisions tests.
import { ScanCommand } from '@aws-sdk/client-dynamodb';
import { API_ROUTES } from '../../functions/api/api-routes';
import { createApp } from '../../functions/api/app';
import { FILE_ROUTES } from '../../functions/api/file-routes';
import type { Group, Identity } from '../../functions/api/identity';
import { createStores } from '../../functions/store';
import { freshTable } from './table';

export type Caller = 'caseworker' | 'planner' | 'finance' | 'reader' | 'anonymous';

const person = (userId: string, name: string, groups: Group[]): Identity => ({ userId, name, groups });
const CALLERS: Record<Exclude<Caller, 'anonymous'>, Identity> = {
  caseworker: person('u-case-1', 'casey@example.gov.uk', ['caseworkers']),
  planner: person('u-plan-1', 'pat@example.gov.uk', ['planners']),
  finance: person('u-fin-1', 'fran@example.gov.uk', ['finance']),
  reader: person('u-read-1', 'robin@example.gov.uk', ['readers']),
};

/** The issue's example body, to the letter. */
export const ISSUE_BODY =
  '{"childRef":"C-000123","primaryNeed":"ASD","setting":"independent-special","residential":false,"inBorough":false,"hostLaCode":"390","lookedAfter":true,"ncy":8,"providerUrn":"123456","providerName":"Example Independent School","startDate":"2025-09-01","costs":{"education":62000,"socialCare":0,"health":0,"transport":8000}}';

export function placementBody(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    childRef: `C-${Math.random().toString(36).slice(2, 10)}`,
    primaryNeed: 'SEMH',
    setting: 'maintained-special',
    residential: false,
    inBorough: true,
    lookedAfter: false,
    ncy: 5,
    startDate: '2024-09-01',
    costs: { education: 24000, socialCare: 0, health: 0, transport: 3000 },
    ...overrides,
  };
}

/** A provision body: an ASD resourced provision in a primary school, 12 then 16 places. */
export const provisionBody = (overrides: Record<string, unknown> = {}) => ({
  name: 'Hilltop Primary ASD resourced provision',
  type: 'resourced-provision',
  providerUrn: '108765',
  needs: ['ASD'],
  phases: ['primary'],
  commissionedPlaces: [
    { academicYear: 2025, places: 12 },
    { academicYear: 2026, places: 16 },
  ],
  plannedChanges: [{ kind: 'expansion', date: '2027-09-01', places: 4, note: 'second classroom' }],
  ...overrides,
});

export interface RequestOptions {
  body?: unknown;
  headers?: Record<string, string>;
  as?: Caller;
}

export async function placementsApp(today = '2026-01-10') {
  const table = await freshTable('placements');
  const clock = { now: new Date(`${today}T09:30:00Z`) };
  const deps = createStores({ client: table.client, tableName: table.tableName, now: () => clock.now });
  const app = createApp({
    deps,
    identity: (c) => {
      const caller = (c.req.header('x-test-caller') ?? 'caseworker') as Caller;
      return caller === 'anonymous' ? undefined : CALLERS[caller];
    },
    routes: { ...API_ROUTES, ...FILE_ROUTES },
    logError: () => {},
  });

  const call = (method: string, path: string, options: RequestOptions = {}) =>
    app.request(path, {
      method,
      headers: {
        ...(options.body !== undefined ? { 'content-type': 'application/json' } : {}),
        'x-test-caller': options.as ?? 'caseworker',
        ...options.headers,
      },
      ...(options.body !== undefined
        ? { body: typeof options.body === 'string' ? options.body : JSON.stringify(options.body) }
        : {}),
    });

  /** Every item in the table (records, audit entries, idempotency keys): "unchanged" means this is equal. */
  const itemCount = async () => {
    let count = 0;
    let startKey: Record<string, never> | undefined;
    do {
      const page = await table.client.send(
        new ScanCommand({ TableName: table.tableName, Select: 'COUNT', ExclusiveStartKey: startKey }),
      );
      count += page.Count ?? 0;
      startKey = page.LastEvaluatedKey as typeof startKey;
    } while (startKey);
    return count;
  };

  return { app, deps, call, clock, itemCount, actor: CALLERS, table };
}
