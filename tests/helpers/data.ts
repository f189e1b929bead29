// The repository's reference data (data/, each set with its SOURCE.md), found relative to this file so
// tests and benchmarks run the same in any clone.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { WITAN_FILE_NAMES, type WitanCsvTexts } from '../../model/witan';

export const REPO_ROOT = join(import.meta.dirname, '../..');
export const WITAN_DEMO_DIR = join(REPO_ROOT, 'data/witan-send-demo');
export const ONS_POPULATION_CSV = join(
  REPO_ROOT,
  'data/ons-population/ons-snpp2022-population-0-25-four-authorities.csv',
);

/** witan.send's demo inputs as the texts `parseWitanCsv` takes. */
export function witanDemoTexts(): WitanCsvTexts {
  const texts = {} as WitanCsvTexts;
  for (const [key, file] of Object.entries(WITAN_FILE_NAMES) as [keyof WitanCsvTexts, string][])
    texts[key] = readFileSync(join(WITAN_DEMO_DIR, file), 'utf8');
  return texts;
}
