// Debian's Chromium for the browser tests, driven by playwright-core (never a downloaded browser). Found on
// PATH (or CHROMIUM_PATH), so no machine path is written into the repository. `.ci/run` installs it and sets
// CI, where a missing browser fails the run instead of skipping the browser tests silently.
import { execFileSync } from 'node:child_process';
import { type Browser, chromium } from 'playwright-core';

function findChromium(): string | undefined {
  if (process.env.CHROMIUM_PATH) return process.env.CHROMIUM_PATH;
  for (const name of ['chromium', 'chromium-browser']) {
    try {
      return execFileSync('sh', ['-c', `command -v ${name}`], { encoding: 'utf8' }).trim() || undefined;
    } catch {
      // not on PATH: try the next name
    }
  }
  return undefined;
}

export const CHROMIUM = findChromium();

/** True where browser tests can run; in CI a missing browser is an error, not a skip. */
export function browserAvailable(testFile: string): boolean {
  if (CHROMIUM) return true;
  const message = `${testFile}: no Chromium on PATH. Install Debian's chromium (apt-get install -y chromium); .ci/run does.`;
  if (process.env.CI) throw new Error(message);
  console.warn(`${message} Skipped.`);
  return false;
}

/** Headless Chromium with the flags this closed network needs (no background connections, no QUIC). */
export function launchBrowser(): Promise<Browser> {
  if (!CHROMIUM) throw new Error('no Chromium on PATH');
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      '--disable-quic',
    ],
  });
}
