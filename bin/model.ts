// The model CLI: projections, back-tests and scenarios from the witan.send CSV set or from aggregate counts.
// `--json` prints one ProjectionOutput document (model/output.ts); otherwise readable tables.
// Exit codes: 0 ok; 2 bad flags (usage printed) or a bad input file (one line naming file:line:column).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { AggregateInputError, projectAggregate } from '../model/aggregate';
import { parseAgePopulation, parseCounts } from '../model/aggregate-csv';
import { BacktestInputError, backtestAggregate, backtestMarkov } from '../model/backtest';
import { InputError } from '../model/csv';
import type { ModelData } from '../model/data';
import { ModelInputError } from '../model/estimate';
import { MAX_DRAWS, MIN_DRAWS } from '../model/markov';
import {
  type ProjectionOutput,
  ProjectionOutput as ProjectionOutputSchema,
  TREND_METHODS,
} from '../model/output';
import { TrendError, type TrendMethod } from '../model/trend';
import { parseCosts, parseWitanCsv, WITAN_FILE_NAMES, type WitanCsvTexts } from '../model/witan';
import { findJsonSyntaxError } from './json-position';
import { BREAKDOWNS, type Breakdown, formatOutput } from './model-format';

const USAGE = `usage:
  model project  --witan <dir> [--horizon 5] [--draws 1000] [--seed 42] [--base-year Y] [--expected]
                 [--trend auto|${TREND_METHODS.join('|')}] [--specialist A,B] [--by need,setting] [--json]
  model project  --history <counts.csv> [--population <pop.csv>] [--costs <costs.csv>] [--horizon 6]
                 [--draws 1000] [--seed 42] [--trend auto|${TREND_METHODS.join('|')}] [--by need,setting] [--json]
  model backtest --history <counts.csv> [--population <pop.csv>] [--origin 2019] [--horizon H] [--draws 200] [--json]
  model backtest --witan <dir> [--origin Y] [--horizon H] [--draws N] [--seed S] [--expected] [--json]
  model scenario --witan <dir> --scenario <s.json> [--horizon 5] [--draws 1000] [--seed 42] [--json]

  --witan <dir>        witan.send CSV set: transitions.csv, population.csv, costs.csv, valid-states.csv
  --history <file>     aggregate counts: year,need,count[,setting] (need may be ALL)
  --population <file>  population by single year of age: year,age,population (prevalence-rate mode)
  --costs <file>       unit costs need,setting,cost for --history (witan's costs.csv format)
  --inflation <rate>   yearly unit-cost inflation (default 0.03)
  --horizon <years>    years projected after the base year (default 5)
  --draws <n>          Monte Carlo draws, at least ${MIN_DRAWS} (default 1000; back-tests 200)
  --seed <n>           random seed (default 42)
  --base-year <year>   last census used for fitting (default: the latest)
  --trend <method>     trend of the total prevalence / count (aggregate) or joiner rate (witan), or auto =
                       the candidate trends weighted by their back-test skill (default auto)
  --specialist <list>  witan settings that count as specialist places, e.g. D,G,H (default: our codes')
  --expected           expected-value path instead of Monte Carlo (fast, no bands)
  --by <dims>          breakdown tables: ${Object.keys(BREAKDOWNS).join(' | ')} (default need then setting;
                       several with +, e.g. need,setting+ncy); the JSON always has every breakdown
  --origin <year>      first back-test origin; origins roll forward to the last-but-one census
  --json               print one JSON document (the ProjectionOutput contract, model/output.ts)`;

/** Bad flags: print usage, exit 2. */
class UsageError extends Error {}

/** A bad input file or input the model cannot use: one line, exit 2. */
class InputFileError extends Error {}

const FLAGS = {
  witan: { type: 'string' },
  history: { type: 'string' },
  population: { type: 'string' },
  costs: { type: 'string' },
  inflation: { type: 'string' },
  scenario: { type: 'string' },
  horizon: { type: 'string' },
  draws: { type: 'string' },
  seed: { type: 'string' },
  'base-year': { type: 'string' },
  trend: { type: 'string' },
  specialist: { type: 'string' },
  origin: { type: 'string' },
  by: { type: 'string' },
  expected: { type: 'boolean', default: false },
  json: { type: 'boolean', default: false },
  help: { type: 'boolean', short: 'h', default: false },
} as const;

type Flags = ReturnType<typeof parseArgs<{ options: typeof FLAGS; allowPositionals: true }>>['values'];

function integerFlag(flags: Flags, name: keyof Flags, min: number, max: number): number | undefined {
  const raw = flags[name];
  if (raw === undefined || typeof raw !== 'string') return undefined;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min || value > max)
    throw new UsageError(`--${name} must be a whole number from ${min} to ${max}, got "${raw}"`);
  return value;
}

/** `--by need,setting+ncy` → the breakdown tables, each a known combination. */
function byFlag(flags: Flags): Breakdown[] | undefined {
  if (flags.by === undefined) return undefined;
  return flags.by.split('+').map((raw) => {
    const name = raw
      .split(',')
      .map((dim) => dim.trim().toLowerCase())
      .join(',');
    if (!(name in BREAKDOWNS))
      throw new UsageError(
        `--by must be one of ${Object.keys(BREAKDOWNS).join(', ')} (joined by +), got "${raw}"`,
      );
    return name as Breakdown;
  });
}

function readText(path: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new InputFileError(`${path}: cannot read (${code === 'ENOENT' ? 'no such file' : code})`);
  }
}

function readWitan(dir: string): ModelData {
  const texts = {} as WitanCsvTexts;
  const names = {} as typeof WITAN_FILE_NAMES;
  for (const [key, file] of Object.entries(WITAN_FILE_NAMES) as [keyof WitanCsvTexts, string][]) {
    names[key] = join(dir, file);
    texts[key] = readText(names[key]);
  }
  return parseWitanCsv(texts, names);
}

function readHistory(flags: Flags) {
  const history = parseCounts(readText(flags.history as string), flags.history);
  const inflation = inflationFlag(flags);
  return {
    history,
    ...(flags.population === undefined
      ? {}
      : { population: parseAgePopulation(readText(flags.population), flags.population) }),
    ...(flags.costs === undefined ? {} : { unitCosts: parseCosts(readText(flags.costs), flags.costs) }),
    ...(inflation === undefined ? {} : { inflation }),
  };
}

function inflationFlag(flags: Flags): number | undefined {
  if (flags.inflation === undefined) return undefined;
  const rate = Number(flags.inflation);
  if (!(rate > -1 && rate < 1))
    throw new UsageError(`--inflation must be a yearly rate such as 0.03, got "${flags.inflation}"`);
  return rate;
}

/** Reads a JSON file, reporting a syntax error at its line and column. */
function readJsonFile(path: string): unknown {
  const text = readText(path);
  const error = findJsonSyntaxError(text);
  if (error) throw new InputError(path, error.line, error.column, `invalid JSON: ${error.message}`);
  return JSON.parse(text);
}

function trendFlag(flags: Flags): TrendMethod | 'auto' {
  const trend = flags.trend ?? 'auto';
  if (trend !== 'auto' && !(TREND_METHODS as readonly string[]).includes(trend))
    throw new UsageError(`--trend must be auto or one of ${TREND_METHODS.join(', ')}, got "${trend}"`);
  return trend as TrendMethod | 'auto';
}

/** Draws: from MIN_DRAWS (five beyond each of p05 and p95), or --expected for no band at all. */
function drawsFlag(flags: Flags): number | undefined {
  const raw = flags.draws;
  if (raw === undefined) return undefined;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < MIN_DRAWS || value > MAX_DRAWS)
    throw new UsageError(
      `--draws must be a whole number from ${MIN_DRAWS} to ${MAX_DRAWS}, got "${raw}": fewer draws cannot give the p05–p95 band (use --expected for a point forecast without one)`,
    );
  return value;
}

interface MarkovFlags {
  horizon: number;
  draws: number;
  seed: number;
  expectedOnly: boolean;
  baseYear?: number;
  trend?: TrendMethod;
  inflation?: number;
  specialistSettings?: string[];
}

function markovFlags(flags: Flags): MarkovFlags {
  const baseYear = integerFlag(flags, 'base-year', 1900, 2200);
  const trend = trendFlag(flags);
  const inflation = inflationFlag(flags);
  const specialist = flags.specialist
    ?.split(',')
    .map((code) => code.trim())
    .filter(Boolean);
  return {
    ...(trend === 'auto' ? {} : { trend }),
    ...(inflation === undefined ? {} : { inflation }),
    ...(specialist ? { specialistSettings: specialist } : {}),
    horizon: integerFlag(flags, 'horizon', 1, 30) ?? 5,
    draws: drawsFlag(flags) ?? 1000,
    seed: integerFlag(flags, 'seed', -(2 ** 31), 2 ** 31 - 1) ?? 42,
    expectedOnly: flags.expected === true,
    ...(baseYear === undefined ? {} : { baseYear }),
  };
}

async function run(command: string, flags: Flags): Promise<ProjectionOutput> {
  const sources = [flags.witan, flags.history].filter((s) => s !== undefined).length;
  if (sources !== 1) throw new UsageError('give exactly one of --witan <dir> or --history <counts.csv>');
  if (flags.witan !== undefined && (flags.population !== undefined || flags.costs !== undefined))
    throw new UsageError(
      '--population and --costs go with --history (witan data has its own population.csv, costs.csv)',
    );
  if (flags.history !== undefined && (flags.specialist !== undefined || flags.expected))
    throw new UsageError('--specialist and --expected go with --witan');
  if (command !== 'scenario' && flags.scenario !== undefined)
    throw new UsageError('--scenario goes with the scenario command');
  if (command !== 'backtest' && flags.origin !== undefined)
    throw new UsageError('--origin goes with backtest');

  if (command === 'project' && flags.history !== undefined) {
    const { history, ...inputs } = readHistory(flags);
    const baseYear = integerFlag(flags, 'base-year', 1900, 2200);
    const draws = drawsFlag(flags);
    const seed = integerFlag(flags, 'seed', -(2 ** 31), 2 ** 31 - 1);
    const output = projectAggregate(history, {
      horizon: integerFlag(flags, 'horizon', 1, 30) ?? 5,
      trend: trendFlag(flags),
      ...inputs,
      ...(baseYear === undefined ? {} : { baseYear }),
      ...(draws === undefined ? {} : { draws }),
      ...(seed === undefined ? {} : { seed }),
    });
    return flags.population === undefined ? output : { ...output, population: { source: flags.population } };
  }
  if (command === 'backtest' && flags.history !== undefined) {
    const { history, ...inputs } = readHistory(flags);
    const origin = integerFlag(flags, 'origin', 1900, 2200);
    const horizon = integerFlag(flags, 'horizon', 1, 30);
    const draws = drawsFlag(flags);
    return backtestAggregate(history, {
      trend: trendFlag(flags),
      ...inputs,
      ...(draws === undefined ? {} : { draws }),
      ...(origin === undefined ? {} : { origin }),
      ...(horizon === undefined ? {} : { horizon }),
    });
  }
  if (flags.witan === undefined) throw new UsageError(`${command} needs --witan <dir>`);

  const options = markovFlags(flags);
  const data = readWitan(flags.witan);
  const population = { source: `${join(flags.witan, WITAN_FILE_NAMES.population)} (witan.send input)` };
  const { projectMarkov } = await import('../model/markov');
  if (command === 'project') return { ...projectMarkov(data, options), population };
  if (command === 'backtest') {
    const origin = integerFlag(flags, 'origin', 1900, 2200);
    const horizon = integerFlag(flags, 'horizon', 1, 30);
    const { baseYear: _ignored, horizon: _h, ...runOptions } = options;
    return backtestMarkov(
      data,
      (fitData, baseYear, h) =>
        projectMarkov(fitData, { ...runOptions, baseYear, horizon: h, breakdowns: false }),
      { ...(origin === undefined ? {} : { origin }), ...(horizon === undefined ? {} : { horizon }) },
    );
  }
  if (flags.scenario === undefined) throw new UsageError('scenario needs --scenario <s.json>');
  const { Scenario } = await import('../model/scenario');
  const parsed = Scenario.safeParse(readJsonFile(flags.scenario));
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new InputFileError(`${flags.scenario}: ${issue?.path.join('.') || '(root)'}: ${issue?.message}`);
  }
  return { ...projectMarkov(data, { ...options, scenario: parsed.data }), population };
}

const INPUT_ERRORS = [
  InputError,
  InputFileError,
  AggregateInputError,
  BacktestInputError,
  TrendError,
  ModelInputError,
];

async function main(argv: string[]): Promise<number> {
  let parsed: { values: Flags; positionals: string[] };
  try {
    parsed = parseArgs({ args: argv, options: FLAGS, allowPositionals: true, strict: true });
  } catch (error) {
    process.stderr.write(`error: ${(error as Error).message}\n${USAGE}\n`);
    return 2;
  }
  const { values: flags, positionals } = parsed;
  const [command, ...extra] = positionals;
  if (flags.help) {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  try {
    if (command === undefined || !['project', 'backtest', 'scenario'].includes(command) || extra.length > 0)
      throw new UsageError(
        command === undefined ? 'give a command' : `unknown command "${[command, ...extra].join(' ')}"`,
      );
    const by = byFlag(flags);
    const output = ProjectionOutputSchema.parse(await run(command, flags));
    process.stdout.write(flags.json ? `${JSON.stringify(output)}\n` : formatOutput(output, by));
    return 0;
  } catch (error) {
    if (error instanceof UsageError) {
      process.stderr.write(`error: ${error.message}\n${USAGE}\n`);
      return 2;
    }
    if (INPUT_ERRORS.some((type) => error instanceof type)) {
      process.stderr.write(`error: ${(error as Error).message}\n`);
      return 2;
    }
    throw error;
  }
}

process.exitCode = await main(process.argv.slice(2));
