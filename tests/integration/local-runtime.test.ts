// The local runtime loses no acknowledged write: one server per data folder (a second `npm start` refuses),
// DynamoDB Local never outlives its server (even one killed with SIGKILL), a dead DynamoDB Local is started
// again on the same data while the API answers 503 (never 500), and /health says whether the database answers.
import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { existsSync, readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { request } from 'node:http';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Placement } from '../../domain/placement';
import { DataDirInUseError, isRunning, LOCK_FILE } from '../../infra/local/data-lock';
import { startLocal } from '../../infra/local/server';
import { REPO_ROOT } from '../helpers/data';
import { ISSUE_BODY } from '../helpers/placements-app';

const quiet = { log: () => {}, port: 0, configureApp: () => {}, seedDemo: false };
const JAVA = /DynamoDBLocal\.jar/;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function until<T>(what: string, probe: () => Promise<T | undefined>, timeoutMs = 60_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe().catch(() => undefined);
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(100);
  }
}

/** `npm start` on a data folder, as a separate process; resolves with its URL once it is ready. */
function startServerProcess(dataDir: string): {
  child: ChildProcess;
  ready: Promise<string>;
  output: () => string;
} {
  const child = spawn(process.execPath, ['--import', 'tsx', 'infra/local/server.ts'], {
    cwd: REPO_ROOT,
    env: { ...process.env, DATA_DIR: dataDir, PORT: '0', SEED_DEMO: '0' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const ready = new Promise<string>((resolve, reject) => {
    const read = (chunk: Buffer) => {
      output += chunk.toString();
      const url = /ready at (http:\/\/localhost:\d+)/.exec(output)?.[1];
      if (url) resolve(url);
    };
    child.stdout?.on('data', read);
    child.stderr?.on('data', read);
    child.once('exit', (code) => reject(new Error(`server exited (${code}): ${output}`)));
  });
  ready.catch(() => {});
  return { child, ready, output: () => output };
}

const lockOf = (dataDir: string) =>
  JSON.parse(readFileSync(join(dataDir, LOCK_FILE), 'utf8')) as { pid: number; dynamoPid: number };

/** A raw HTTP request, so the Host header can be anything. */
function rawRequest(url: string, method: string, headers: Record<string, string>, body?: string) {
  return new Promise<{ status: number; body: string }>((resolve, reject) => {
    const req = request(url, { method, headers }, (res) => {
      let text = '';
      res.on('data', (chunk) => {
        text += chunk;
      });
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

describe('the local runtime', () => {
  let dataDir: string;
  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'send-runtime-'));
  });
  afterAll(async () => {
    await rm(dataDir, { recursive: true, force: true });
  });

  it('refuses a second server on the same data folder, in this process and as a second `npm start`', async () => {
    const first = await startLocal({ ...quiet, dataDir });
    try {
      await expect(startLocal({ ...quiet, dataDir })).rejects.toBeInstanceOf(DataDirInUseError);
      const second = startServerProcess(dataDir);
      const code = await new Promise<number | null>((resolve) => second.child.once('exit', resolve));
      expect(code).toBe(1);
      expect(second.output()).toContain(`${dataDir} is in use by another send-sufficiency server`);
      expect(lockOf(dataDir).pid).toBe(process.pid);
    } finally {
      await first.stop();
    }
    expect(existsSync(join(dataDir, LOCK_FILE))).toBe(false);
  }, 180_000);

  it('stops DynamoDB Local when its server is killed with SIGKILL; the next start takes over with every write', async () => {
    const server = startServerProcess(dataDir);
    const url = await server.ready;
    const created = await fetch(`${url}/placements`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: ISSUE_BODY,
    });
    expect(created.status).toBe(201);
    const { id } = (await created.json()) as Placement;
    const { dynamoPid } = lockOf(dataDir);
    expect(isRunning(dynamoPid, JAVA)).toBe(true);

    server.child.kill('SIGKILL');
    await until('DynamoDB Local to stop after its server died', async () =>
      isRunning(dynamoPid, JAVA) ? undefined : true,
    );

    // The lock names a dead server: the next start takes it over, and the acknowledged create is there.
    const next = await startLocal({ ...quiet, dataDir });
    try {
      expect(lockOf(dataDir)).toMatchObject({ pid: process.pid, dynamoPid: next.dynamoPid() });
      expect((await fetch(`${next.url}/placements/${id}`)).status).toBe(200);
    } finally {
      await next.stop();
    }
  }, 240_000);

  it('stops on SIGTERM within 20 s even while a client holds a request open, and takes DynamoDB Local with it', async () => {
    const server = startServerProcess(dataDir);
    const url = new URL(await server.ready);
    const { dynamoPid } = lockOf(dataDir);
    // A request whose body never finishes: the server waits for the rest, and would wait minutes before giving
    // up on it. Its headers are complete, so the server is handling it (not an idle connection it may close);
    // a /health answered after it shows the server has read them.
    const socket = connect(Number(url.port), '127.0.0.1');
    await once(socket, 'connect');
    socket.on('error', () => {});
    socket.write(
      'POST /placements HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{"childRef":',
    );
    await sleep(500);
    expect((await fetch(`${url.origin}/health`)).status).toBe(200);

    server.child.kill('SIGTERM');
    const [code] = (await once(server.child, 'exit')) as [number | null];
    socket.destroy();

    expect(code).toBe(1);
    expect(server.output()).toContain('did not stop within 20 s; exiting now');
    await until('DynamoDB Local to stop after its server', async () =>
      isRunning(dynamoPid, JAVA) ? undefined : true,
    );
  }, 120_000);

  it('answers 503 while DynamoDB Local is down, starts it again on the same data, and /health tells which', async () => {
    const runtime = await startLocal({ ...quiet, dataDir });
    try {
      expect(await (await fetch(`${runtime.url}/health`)).json()).toEqual({ ok: true, database: 'ok' });
      const create = await fetch(`${runtime.url}/placements`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ ...JSON.parse(ISSUE_BODY), childRef: 'C-000777' }),
      });
      expect(create.status).toBe(201);
      const created = (await create.json()) as Placement;
      const before = runtime.dynamoPid();

      // Killed the moment the create is acknowledged: the create must be on disk (see localDynamoDbClient).

      process.kill(before, 'SIGKILL');
      const health = await fetch(`${runtime.url}/health`);
      expect(health.status).toBe(503);
      expect(await health.json()).toMatchObject({ ok: false, database: 'unavailable' });
      const read = await fetch(`${runtime.url}/placements/${created.id}`);
      expect(read.status).toBe(503);
      expect(read.headers.get('retry-after')).toBe('5');
      expect(await read.json()).toMatchObject({ error: 'database_unavailable' });

      // A JVM starts in 20–30 s on a busy machine. /health may answer 200 a moment before the supervisor has
      // seen the new JVM answer too and recorded it, so wait for both.
      await until(
        'DynamoDB Local to be back, and recorded in the lock',
        async () =>
          (await fetch(`${runtime.url}/health`)).status === 200 &&
          runtime.dynamoPid() !== before &&
          lockOf(dataDir).dynamoPid === runtime.dynamoPid()
            ? true
            : undefined,
        180_000,
      );
      expect(runtime.dynamoPid()).not.toBe(before);
      expect(lockOf(dataDir).dynamoPid).toBe(runtime.dynamoPid());
      expect(await (await fetch(`${runtime.url}/placements/${created.id}`)).json()).toMatchObject({
        childRef: 'C-000777',
      });
    } finally {
      await runtime.stop();
    }
  }, 300_000);

  it('answers only to loopback names, and takes changes only from its own page or a command-line client', async () => {
    const runtime = await startLocal({ ...quiet, inMemory: true, hosts: ['send.test'] });
    const { port } = new URL(runtime.url);
    try {
      const rebound = await rawRequest(`${runtime.url}/placements`, 'GET', { host: `evil.example:${port}` });
      expect(rebound.status).toBe(403);
      expect(JSON.parse(rebound.body)).toMatchObject({ error: 'host_not_allowed' });
      expect((await rawRequest(`${runtime.url}/health`, 'GET', { host: `send.test:${port}` })).status).toBe(
        200,
      );

      const form = { host: `localhost:${port}`, 'content-type': 'application/json' };
      const forged = await rawRequest(
        `${runtime.url}/placements`,
        'POST',
        { ...form, origin: 'http://evil.example' },
        ISSUE_BODY,
      );
      expect(forged.status).toBe(403);
      expect(JSON.parse(forged.body)).toMatchObject({ error: 'cross_site_request' });
      const own = await rawRequest(
        `${runtime.url}/placements`,
        'POST',
        { ...form, origin: `http://localhost:${port}` },
        ISSUE_BODY,
      );
      expect(own.status).toBe(201);
    } finally {
      await runtime.stop();
    }
  }, 120_000);
});
