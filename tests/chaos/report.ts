// How a chaos scenario reports: one row per figure with its target and verdict (met / MISSED), printed as a
// table; the scenario exits non-zero when any target is missed. And how it stops when interrupted.

export interface Figure {
  figure: string;
  value: string | number;
  target: string;
  verdict: '' | 'met' | 'MISSED';
}

export const verdict = (met: boolean): Figure['verdict'] => (met ? 'met' : 'MISSED');

/** A figure with a target of 0. */
export const none = (figure: string, value: number): Figure => ({
  figure,
  value,
  target: '0',
  verdict: verdict(value === 0),
});

/** A figure reported for context, with no target. */
export const info = (figure: string, value: string | number): Figure => ({
  figure,
  value,
  target: '',
  verdict: '',
});

/** Prints the figures and tells whether every target was met. */
export function report(figures: Figure[]): boolean {
  console.table(figures);
  return figures.every((row) => row.verdict !== 'MISSED');
}

/** On Ctrl-C or the runner's time limit (SIGTERM): stop what the scenario started, then exit non-zero. */
export function stopOnInterrupt(stop: () => Promise<unknown>): void {
  for (const signal of ['SIGINT', 'SIGTERM'] as const)
    process.once(signal, () => {
      console.error(`${signal}: stopping`);
      void stop().then(() => process.exit(1));
    });
}
