// Progress of a long local task (loading the demo authority): a bar with the count on a terminal, and on
// anything else (a log file, CI, a pipe) a plain line at each fifth of the way, so logs stay readable.
import cliProgress from 'cli-progress';

export interface Progress {
  update: (done: number) => void;
  stop: () => void;
}

export interface ProgressOptions {
  /** What is being counted, e.g. "records". */
  unit: string;
  total: number;
  /** Where plain lines go when there is no terminal. */
  log: (line: string) => void;
  /** Draw a bar on stderr when it is a terminal (default); false: plain lines only. */
  bar?: boolean;
  stream?: NodeJS.WriteStream;
}

const count = (value: number) => value.toLocaleString('en-GB');

export function startProgress({
  unit,
  total,
  log,
  bar: wantBar = true,
  stream = process.stderr,
}: ProgressOptions): Progress {
  if (wantBar && stream.isTTY) {
    const bar = new cliProgress.SingleBar(
      { stream, format: `  [{bar}] {value}/{total} ${unit} | {percentage}% | {eta_formatted} left` },
      cliProgress.Presets.shades_classic,
    );
    bar.start(total, 0);
    return { update: (done) => bar.update(done), stop: () => bar.stop() };
  }
  let reportedFifths = 0;
  return {
    update: (done) => {
      const fifths = total === 0 ? 5 : Math.floor((5 * done) / total);
      if (fifths <= reportedFifths) return;
      reportedFifths = fifths;
      log(`  ${count(done)} of ${count(total)} ${unit} (${Math.round((100 * done) / Math.max(total, 1))}%)`);
    },
    stop: () => {},
  };
}
