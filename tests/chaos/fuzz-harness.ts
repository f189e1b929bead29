// What the fuzz property and the chaos run share besides the requests: the records the requests aim at, the
// caller's groups from a header (so one app serves every caller), sending a request with a deadline, a fingerprint
// of the whole table ("unchanged" means equal), and the tally of what came back.
import { createHash } from 'node:crypto';
import { request as httpRequest } from 'node:http';
import { type DynamoDBClient, ScanCommand } from '@aws-sdk/client-dynamodb';
import type { Context } from 'hono';
import type { Placement } from '../../domain/placement';
import type { AppDeps } from '../../functions/api/deps';
import { GROUPS, type Group, type Identity } from '../../functions/api/identity';
import { canonicalJson } from '../../functions/store/audit';
import type { BadRequest, FuzzTargets } from './bad-requests';

export const GROUPS_HEADER = 'x-fuzz-groups';

/** The caller named by the fuzz header: its groups, or nobody when there are none. */
export const fuzzIdentity = (c: Context): Identity | undefined => {
  const groups = (c.req.header(GROUPS_HEADER) ?? '')
    .split(',')
    .filter((group): group is Group => (GROUPS as readonly string[]).includes(group));
  return groups.length > 0 ? { userId: 'u-fuzz', name: 'fuzz@example.gov.uk', groups } : undefined;
};

const costs = (education: number) => ({ education, socialCare: 0, health: 0, transport: 1_000 });

/**
 * A small authority for the requests to work on: 48 placements over 2019–2025 (enough January censuses for the
 * model and the outturn), a provision some of them fill, and a budget.
 */
export async function seedFuzzTargets(deps: AppDeps): Promise<FuzzTargets> {
  const context = { actor: { userId: 'u-seed', name: 'seed' }, now: new Date('2025-10-01T09:00:00Z') };
  const needs = ['ASD', 'SEMH', 'SLCN', 'MLD'] as const;
  const { provision } = await deps.provisions.create(
    {
      id: 'fuzz-provision',
      name: 'Fuzz ASD base',
      type: 'resourced-provision',
      needs: ['ASD'],
      phases: ['primary'],
      commissionedPlaces: [{ academicYear: 2025, places: 12 }],
      plannedChanges: [],
    },
    context,
  );
  const placements: Placement[] = Array.from({ length: 48 }, (_, i) => {
    const year = 2019 + (i % 7);
    const startDate = `${year}-09-0${1 + (i % 5)}`;
    const cost = costs(10_000 + i * 500);
    return {
      id: `fuzz-${i}`,
      childRef: `C-FZ-${i}`,
      primaryNeed: needs[i % needs.length] as Placement['primaryNeed'],
      setting: i % 3 === 0 ? 'independent-special' : 'resourced-provision',
      residential: false,
      inBorough: i % 3 !== 0,
      ...(i % 3 === 0 ? { hostLaCode: '840' } : { provisionId: provision.id }),
      lookedAfter: i % 4 === 0,
      ncy: i % 12,
      startDate,
      ...(i % 5 === 0 ? { endDate: `${year + 1}-07-20`, endReason: 'moved-setting' as const } : {}),
      costs: cost,
      costHistory: [{ effectiveFrom: startDate, costs: cost }],
      version: 1,
      createdAt: context.now.toISOString(),
      updatedAt: context.now.toISOString(),
      createdBy: 'seed',
      updatedBy: 'seed',
    };
  });
  await deps.placements.createMany(placements, context);
  await deps.budgets.put(
    '2025-26',
    { lines: [{ dsgCategory: 'RPSEN', amount: 400_000 }], openingDsgBalance: -10_000 },
    context,
  );
  // The first read builds the placement projection (a write by design): done here, before the fingerprint.
  await deps.placements.all();
  return { placementId: 'fuzz-0', provisionId: provision.id, financialYear: '2025-26' };
}

export interface TableFingerprint {
  items: number;
  sha256: string;
  /** Each item's key and a hash of the item, so a difference names the items written. */
  byKey: Record<string, string>;
}

/** sha256 of every item in the table, in key order: equal before and after means nothing was written. */
export async function tableFingerprint(client: DynamoDBClient, tableName: string): Promise<TableFingerprint> {
  const items: [string, string][] = [];
  let startKey: Record<string, never> | undefined;
  do {
    const page = await client.send(
      new ScanCommand({ TableName: tableName, ExclusiveStartKey: startKey, ConsistentRead: true }),
    );
    for (const item of page.Items ?? []) items.push([`${item.pk?.S} ${item.sk?.S}`, canonicalJson(item)]);
    startKey = page.LastEvaluatedKey as typeof startKey;
  } while (startKey);
  items.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  const hash = (text: string) => createHash('sha256').update(text).digest('hex');
  return {
    items: items.length,
    sha256: hash(items.map(([, json]) => json).join('\n')),
    byKey: Object.fromEntries(items.map(([key, json]) => [key, hash(json).slice(0, 16)])),
  };
}

export interface Answer {
  /**
   * HTTP status; `hang` when no answer came within the deadline; `reset` when the server closed the connection
   * without answering.
   */
  status: number | 'hang' | 'reset';
  ms: number;
  /** Why the connection closed unanswered (the socket error's code), for a reset. */
  reason?: string;
}

/** Delivers a request and gives back the status of the answer. */
export type Transport = (
  url: string,
  init: RequestInit & { headers: Record<string, string> },
) => Promise<number>;

/** In process: the app's own `request`, as the tests call it. */
export const inProcess =
  (app: { request: (url: string, init: RequestInit) => Response | Promise<Response> }): Transport =>
  async (url, init) => {
    const response = await app.request(url, init);
    await response.arrayBuffer();
    return response.status;
  };

/**
 * Over loopback with node:http: a server may answer before it has read the body (a 413 for one over the limit) and
 * close the connection; the answer counts, as it would for curl or a browser, where fetch would throw it away.
 * Each request has its own connection, as curl's has: a kept-alive socket the server closes as it idles (its
 * keep-alive timeout) can be reset under a request reusing it, a race of the client's pool (a browser retries the
 * request), not a request the service failed.
 */
export const overLoopback: Transport = async (url, init) => {
  // Let the platform encode a multipart form (boundary and all), then send its bytes.
  const prepared = new Request(url, init);
  const body = init.body === undefined ? undefined : new Uint8Array(await prepared.arrayBuffer());
  const headers = Object.fromEntries(prepared.headers);
  return new Promise<number>((resolve, reject) => {
    let answered = false;
    const request = httpRequest(
      url,
      { method: init.method, headers, agent: false, ...(init.signal ? { signal: init.signal } : {}) },
      (response) => {
        answered = true;
        response.resume();
        response.on('end', () => resolve(response.statusCode ?? 0));
        response.on('error', () => resolve(response.statusCode ?? 0));
      },
    );
    request.on('error', (error) => {
      if (!answered) reject(error);
    });
    request.end(body);
  });
};

/** Sends one request with a deadline; no answer by then is a hang. */
export async function send(
  transport: Transport,
  base: string,
  request: BadRequest,
  deadlineMs: number,
): Promise<Answer> {
  const started = performance.now();
  const controller = new AbortController();
  let timer: NodeJS.Timeout | undefined;
  const hang = new Promise<'hang'>((resolve) => {
    timer = setTimeout(() => {
      controller.abort();
      resolve('hang');
    }, deadlineMs);
  });
  let reason: string | undefined;
  try {
    const status = await Promise.race([
      transport(`${base}${request.path}`, {
        method: request.method,
        headers: { ...request.headers, [GROUPS_HEADER]: request.groups.join(',') },
        ...(request.body !== undefined ? { body: request.body as BodyInit } : {}),
        signal: controller.signal,
      }).catch((error: NodeJS.ErrnoException) => {
        reason = error.code ?? error.message;
        return 'reset' as const;
      }),
      hang,
    ]);
    return { status, ms: performance.now() - started, ...(reason ? { reason } : {}) };
  } finally {
    clearTimeout(timer);
  }
}

/** What the answers add up to. */
export class Tally {
  readonly byStatus = new Map<string, number>();
  readonly byRoute = new Map<string, number>();
  /** Requests answered 5xx or not at all, with what was sent (for the report). */
  readonly failures: { request: BadRequest; answer: Answer }[] = [];
  /** Writes answered 2xx: the generator let a request through unspoiled (a fault of the fuzz, not the service). */
  readonly acceptedWrites: { request: BadRequest; answer: Answer }[] = [];
  count = 0;
  slowestMs = 0;

  add(request: BadRequest, answer: Answer): void {
    this.count += 1;
    this.slowestMs = Math.max(this.slowestMs, answer.ms);
    const status = typeof answer.status === 'number' ? `${Math.floor(answer.status / 100)}xx` : answer.status;
    this.byStatus.set(status, (this.byStatus.get(status) ?? 0) + 1);
    this.byRoute.set(request.route, (this.byRoute.get(request.route) ?? 0) + 1);
    if (typeof answer.status !== 'number' || answer.status >= 500) this.failures.push({ request, answer });
    else if (request.poison !== 'read' && answer.status < 300) this.acceptedWrites.push({ request, answer });
  }

  /** 5xx answers, and connections closed without an answer. */
  get serverErrors(): number {
    return this.failures.filter((failure) => failure.answer.status !== 'hang').length;
  }

  get hangs(): number {
    return this.failures.filter((failure) => failure.answer.status === 'hang').length;
  }
}

/** A request in a line, for a failure report: method, path and what it carried. */
export const describeRequest = (request: BadRequest): string => {
  const body =
    request.body === undefined
      ? ''
      : typeof request.body === 'string'
        ? ` body ${JSON.stringify(request.body.slice(0, 300))}`
        : request.body instanceof Uint8Array
          ? ` body ${request.body.length} bytes`
          : ' multipart form';
  return `${request.method} ${request.path.slice(0, 200)} [${request.groups.join(',') || 'anonymous'}] ${JSON.stringify(request.headers).slice(0, 200)}${body} (${request.poison})`;
};
