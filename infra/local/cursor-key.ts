// The local runtime's key for signing pagination cursors: 32 random bytes kept in the data folder (readable by
// its owner only), so a cursor handed out before a restart still works after it. Deployed stacks keep theirs
// in Secrets Manager (functions/api/lambda-handler.ts).
import { randomBytes } from 'node:crypto';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { CursorKeySource } from '../../functions/store/cursor';

export const CURSOR_KEY_FILE = 'cursor-key';

export function localCursorKey(dataDir: string): CursorKeySource {
  const file = join(dataDir, CURSOR_KEY_FILE);
  return async () => {
    try {
      // `wx`: only the first start writes it; a second one racing it reads the winner's key.
      await writeFile(file, randomBytes(32), { flag: 'wx', mode: 0o600 });
    } catch (error) {
      if ((error as { code?: string }).code !== 'EEXIST') throw error;
    }
    const key = await readFile(file);
    if (key.length < 32) throw new Error(`${file} is not a cursor key: delete it and start again`);
    return key;
  };
}
