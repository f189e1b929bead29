// `npm run -s population -- put <ONS csv> (--area <code or name> | --authority <slug>) [--source <text>]`
// loads the authority's general population into the running product (API_URL, default the local
// `npm start`; API_TOKEN as bearer token when set); `npm run -s population -- get [--json]` shows what is
// stored. The file is the ONS subnational population projection CSV as published (all areas or one):
// it is read here first, so a bad line is reported before anything is sent, and only the chosen area's
// persons aged 0–25 are uploaded (PUT /population takes one area).
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import type { ApiSchemas } from '../domain/api-client';
import { loadAuthorityConfig } from '../infra/config';
import { InputError } from '../model/csv';
import { parseOnsPopulation, toOnsCsv } from '../model/population-csv';
import { api, ok, runCli, UsageError } from './api-client';

type PopulationView = ApiSchemas['PopulationView'];

const USAGE = [
  'usage: npm run -s population -- put <ons.csv> [--area <code or name> | --authority <slug>] [--source <text>]',
  '       npm run -s population -- get [--json]',
  '',
  '  --area       the ONS area to load from a file of several, e.g. E08000023 or "South Tyneside"',
  "  --authority  the area named by an authority's config (infra/authorities/<slug>.json: populationAreaCode)",
  '  --source     where the figures come from (default: "ONS <first year>-based subnational population projections")',
].join('\n');

function describe(view: PopulationView): string {
  const every5 = view.totals.filter((_, i) => i % 5 === 0 || i === view.totals.length - 1);
  return [
    `${view.areaName} (${view.areaCode}): ${view.source}`,
    `ages ${view.ages.min}–${view.ages.max}, mid-years ${view.years[0]}–${view.years.at(-1)}; version ${view.version}, ${view.updatedAt} by ${view.updatedBy}`,
    `persons aged ${view.ages.min}–${view.ages.max}: ${every5.map((t) => `${t.year} ${t.persons.toLocaleString('en-GB')}`).join(', ')}`,
  ].join('\n');
}

await runCli(async () => {
  const OPTIONS = {
    area: { type: 'string' },
    authority: { type: 'string' },
    source: { type: 'string' },
    json: { type: 'boolean' },
    help: { type: 'boolean', short: 'h' },
  } as const;
  let parsed: ReturnType<typeof parseArgs<{ options: typeof OPTIONS; allowPositionals: true }>>;
  try {
    parsed = parseArgs({ options: OPTIONS, allowPositionals: true });
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  const { values, positionals } = parsed;
  if (values.help) {
    console.log(USAGE);
    return;
  }
  const [command, file, ...extra] = positionals;
  if (command === 'get' && file === undefined) {
    const view = await ok(api().GET('/population'));
    console.log(values.json ? JSON.stringify(view, null, 2) : describe(view));
    return;
  }
  if (command !== 'put' || file === undefined || extra.length > 0)
    throw new UsageError(command === 'put' ? 'put needs one file' : 'give a command: put or get');
  if (values.area !== undefined && values.authority !== undefined)
    throw new UsageError('give --area or --authority, not both');
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new Error(`${file}: cannot read (${(error as NodeJS.ErrnoException).code})`);
  }
  const area =
    values.authority === undefined ? values.area : loadAuthorityConfig(values.authority).populationAreaCode;
  let population: ReturnType<typeof parseOnsPopulation>;
  try {
    population = parseOnsPopulation(text, {
      file,
      ...(area === undefined ? {} : { area }),
      ...(values.source === undefined ? {} : { source: values.source }),
    });
  } catch (error) {
    if (error instanceof InputError && /a second area/.test(error.detail))
      throw new UsageError(`${error.message}\nchoose one with --area <code> or --authority <slug>`);
    throw error;
  }
  const view = await ok(
    api().PUT('/population', {
      params: { query: values.source === undefined ? {} : { source: population.source } },
      body: toOnsCsv(population),
      bodySerializer: (csv) => csv,
      headers: { 'content-type': 'text/csv' },
    }),
  );
  console.log(values.json ? JSON.stringify(view, null, 2) : `stored: ${describe(view)}`);
}, USAGE);
