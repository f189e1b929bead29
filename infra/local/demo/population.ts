// The demo authority's population: South Tyneside's rows of the ONS 2022-based projection shipped in data/,
// as published (the area its config names). Demo Borough's figures are scaled from South Tyneside (growth,
// age profile: README "Demo authority"), and its ~1,430 plans on South Tyneside's 41,500 people aged 0–25
// (3.4%) sit near England's share (638,745 plans in January 2025 on roughly 18 million people aged 0–25,
// about 3.5%; South Tyneside's own 1,776 plans are 4.3%), so real published rows need no invented scaling.
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AreaPopulation } from '../../../model/population';
import { parseOnsPopulation } from '../../../model/population-csv';
import { DEMO_SLUG, loadAuthorityConfig } from '../../config';

export const ONS_POPULATION_FILE = join(
  dirname(fileURLToPath(import.meta.url)),
  '../../../data/ons-population/ons-snpp2022-population-0-25-four-authorities.csv',
);

export function demoPopulation(): AreaPopulation {
  return parseOnsPopulation(readFileSync(ONS_POPULATION_FILE, 'utf8'), {
    file: 'ons-snpp2022-population-0-25-four-authorities.csv',
    area: loadAuthorityConfig(DEMO_SLUG).populationAreaCode,
  });
}
