// The ONS population shipped in data/ for the tests: one area parsed, or cut to one area's rows as the
// population CLI sends it to PUT /population.
import { readFileSync } from 'node:fs';
import type { AreaPopulation } from '../../model/population';
import { parseOnsPopulation } from '../../model/population-csv';
import { ONS_POPULATION_CSV } from './data';

export const SOUTH_TYNESIDE = 'E08000023';
export const TAMESIDE = 'E08000008';

export const onsText = (): string => readFileSync(ONS_POPULATION_CSV, 'utf8');

/** One seed authority's population as parsed from the shipped file. */
export const onsPopulation = (area: string): AreaPopulation => parseOnsPopulation(onsText(), { area });

/** The shipped file cut to one area's rows, header kept: an upload of one area as ONS publishes it. */
export function oneAreaCsv(code: string): string {
  const [header = '', ...lines] = onsText().trim().split('\n');
  return `${[header, ...lines.filter((line) => line.startsWith(`${code},`))].join('\n')}\n`;
}
