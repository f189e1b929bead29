// Every draw of a Markov projection, census by census, for whatever prices them (the finance forecast):
// children by need × setting × NCY in each January census of each Monte Carlo draw — the very draws the
// projection's bands come from, so a price band and the caseload band it rests on agree draw by draw.
// Nothing is stored: the callback sees each census as the simulation makes it.
// Decision record: model/decisions/monte-carlo.md ("Per-draw output").
import type { ModelData } from './data';
import { type MarkovOptions, type ProjectionRun, projectMarkov } from './markov';
import type { ProjectionOutput } from './output';

/** One January census of one draw. Read it inside the callback: the object is reused. */
export interface DrawCensus {
  /** Monte Carlo draw, 0 … draws − 1 (0 only on the expected-value path, with expected counts). */
  draw: number;
  /** January census year: the base year (observed) first, then each projected year. */
  year: number;
  /** The baseline's draws, or (when `options.scenario` is given) the scenario's, paired with them by draw. */
  run: ProjectionRun;
  /** Every non-empty cell: need, setting (state setting, e.g. `independent-special@OB`), NCY, children. */
  forEachCell(visit: (need: string, setting: string, ncy: number, children: number) => void): void;
}

/**
 * Runs `projectMarkov(data, options)` and calls `visit` with every census of every draw of the baseline, in
 * order (draw 0: base year, base + 1, …; then draw 1 …), then, with `options.scenario`, every census of
 * the scenario's run the same way: its draw d shares draw d's random numbers (common random numbers), so
 * a saving is priced draw by draw. A financial year from April Y to March Y + 1 is priced from the
 * censuses of January Y and Y + 1 of the same draw (model/cost.ts financialYearCost), so each draw gives
 * one price path and their quantiles are the price band. Returns the projection itself.
 *
 * With the same data, seed and draws, the first k censuses of a draw do not depend on the horizon: a
 * 5-year projection is the start of the 10-year one, draw by draw. The returned projection leaves out the
 * detail breakdowns (byNeedSetting …; the visitor sees every cell) unless `options.breakdowns` is true.
 */
export function projectionDraws(
  data: ModelData,
  options: Omit<MarkovOptions, 'onCensus'>,
  visit: (census: DrawCensus) => void,
): ProjectionOutput {
  return projectMarkov(data, {
    breakdowns: false,
    ...options,
    onCensus(census, run) {
      const { needs, settings, minNcy } = census.space;
      visit({
        draw: census.draw,
        year: census.year,
        run,
        forEachCell(cell) {
          census.forEachState((c, n, s, children) =>
            cell(needs[n] as string, settings[s] as string, minNcy + c, children),
          );
        },
      });
    },
  });
}
