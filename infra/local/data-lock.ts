// One server per data folder. DynamoDB Local keeps its database as files under `<dataDir>/dynamodb`; two
// instances on the same files lose acknowledged writes, so `npm start` takes `<dataDir>/server.lock` first: a
// second start on the same folder refuses, naming the process that holds it. A lock left by a server that died
// (even by SIGKILL) is taken over, after making sure the DynamoDB Local it had started is gone too.
import { existsSync, linkSync, readFileSync, renameSync, unlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export const LOCK_FILE = 'server.lock';

interface LockRecord {
  pid: number;
  startedAt: string;
  /** The DynamoDB Local (java) process this server runs on the folder, once started. */
  dynamoPid?: number;
}

export class DataDirInUseError extends Error {
  constructor(dataDir: string, holder: LockRecord) {
    super(
      `${dataDir} is in use by another send-sufficiency server (process ${holder.pid}, started ${holder.startedAt}). ` +
        'Stop it first (Ctrl-C in its terminal), or start this one on another folder with DATA_DIR=<folder>.',
    );
  }
}

export interface DataLock {
  /** Records the DynamoDB Local process now serving the folder (after each start or restart). */
  setDynamoPid(pid: number | undefined): void;
  release(): void;
}

/** The command line of a running process, where the system shows it (Linux); undefined elsewhere or if gone. */
function commandLine(pid: number): string | undefined {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').replaceAll('\0', ' ');
  } catch {
    return undefined;
  }
}

/** Whether `pid` is a live process that looks like `kind` (where the system lets us tell). */
export function isRunning(pid: number, kind: RegExp): boolean {
  try {
    process.kill(pid, 0);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EPERM') return false;
  }
  const command = commandLine(pid);
  return command === undefined ? !existsSync('/proc') : kind.test(command);
}

const NODE = /node|tsx/;
/** Folders this process holds (the lock file alone cannot tell two runtimes of one process apart). */
const heldHere = new Set<string>();
const DYNAMODB_LOCAL = /DynamoDBLocal\.jar/;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Stops a DynamoDB Local left running by a dead server: TERM, then KILL after 5 s. */
async function stopLeftover(pid: number, log: (line: string) => void): Promise<void> {
  if (!isRunning(pid, DYNAMODB_LOCAL)) return;
  log(`Stopping the DynamoDB Local (process ${pid}) a stopped server left running on this folder…`);
  process.kill(pid, 'SIGTERM');
  for (let waited = 0; isRunning(pid, DYNAMODB_LOCAL); waited += 100) {
    if (waited === 5000) process.kill(pid, 'SIGKILL');
    if (waited > 15_000) throw new Error(`DynamoDB Local (process ${pid}) does not stop; stop it by hand`);
    await sleep(100);
  }
}

function readRecord(path: string): LockRecord | undefined {
  try {
    const record = JSON.parse(readFileSync(path, 'utf8')) as LockRecord;
    return Number.isInteger(record.pid) ? record : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Takes the data folder's lock, or throws DataDirInUseError while a live server holds it. The lock file is
 * written whole to a temporary name and linked into place (link fails if the name exists), so a starter never
 * reads a half-written lock, and only one of two racing starters can win.
 */
export async function lockDataDir(dataDir: string, log: (line: string) => void): Promise<DataLock> {
  const path = join(dataDir, LOCK_FILE);
  if (heldHere.has(path))
    throw new DataDirInUseError(dataDir, readRecord(path) ?? { pid: process.pid, startedAt: '' });
  const record: LockRecord = { pid: process.pid, startedAt: new Date().toISOString() };
  const write = () => {
    const temporary = `${path}.${process.pid}`;
    writeFileSync(temporary, JSON.stringify(record));
    return temporary;
  };
  for (let attempt = 0; ; attempt++) {
    const temporary = write();
    try {
      linkSync(temporary, path);
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST' || attempt >= 3) throw error;
    } finally {
      unlinkSync(temporary);
    }
    const holder = readRecord(path);
    if (holder && holder.pid !== process.pid && isRunning(holder.pid, NODE))
      throw new DataDirInUseError(dataDir, holder);
    // The server that held the lock is gone: its DynamoDB Local must be too before this one starts.
    if (holder?.dynamoPid !== undefined) await stopLeftover(holder.dynamoPid, log);
    try {
      renameSync(path, `${path}.stale.${process.pid}`);
      unlinkSync(`${path}.stale.${process.pid}`);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    }
  }

  heldHere.add(path);
  let released = false;
  const release = () => {
    if (released) return;
    released = true;
    heldHere.delete(path);
    process.off('exit', release);
    if (readRecord(path)?.pid === process.pid) unlinkSync(path);
  };
  process.on('exit', release);
  return {
    setDynamoPid(pid) {
      if (released) return;
      if (pid === undefined) delete record.dynamoPid;
      else record.dynamoPid = pid;
      const temporary = write();
      renameSync(temporary, path);
    },
    release,
  };
}
