// witan.send CSV set ⇄ ModelData. Parses CSV text (no file I/O: the CLI reads the files) and writes it
// back, so witan files round-trip: toWitanCsv(parseWitanCsv(texts)) parses to the same ModelData.
import { readCsv } from './csv';
import {
  type CostRow,
  ModelData,
  NONSEND,
  type PopulationRow,
  type Transition,
  type ValidState,
} from './data';

export interface WitanCsvTexts {
  transitions: string;
  population: string;
  costs: string;
  validStates: string;
}

export const WITAN_FILE_NAMES: Record<keyof WitanCsvTexts, string> = {
  transitions: 'transitions.csv',
  population: 'population.csv',
  costs: 'costs.csv',
  validStates: 'valid-states.csv',
};

const HEADERS = {
  transitions: [
    'calendar-year',
    'setting-1',
    'need-1',
    'academic-year-1',
    'setting-2',
    'need-2',
    'academic-year-2',
  ],
  population: ['calendar-year', 'academic-year', 'population'],
  costs: ['need', 'setting', 'cost'],
  validStates: [
    'setting',
    'setting-group',
    'min-academic-year',
    'max-academic-year',
    'needs',
    'setting->setting',
  ],
} as const satisfies Record<keyof WitanCsvTexts, readonly string[]>;

const readRows = (text: string, file: string, required: readonly string[]) =>
  readCsv(text, file, { required }).rows;

export function parseTransitions(text: string, file = WITAN_FILE_NAMES.transitions): Transition[] {
  return readRows(text, file, HEADERS.transitions).map((row) => {
    const transition: Transition = {
      calendarYear: row.integer('calendar-year'),
      setting1: row.text('setting-1'),
      need1: row.text('need-1'),
      ncy1: row.integer('academic-year-1'),
      setting2: row.text('setting-2'),
      need2: row.text('need-2'),
      ncy2: row.integer('academic-year-2'),
    };
    if ((transition.setting1 === NONSEND) !== (transition.need1 === NONSEND)) {
      row.fail('need-1', `setting-1 and need-1 must both be ${NONSEND} for a joiner, or neither`);
    }
    if ((transition.setting2 === NONSEND) !== (transition.need2 === NONSEND)) {
      row.fail('need-2', `setting-2 and need-2 must both be ${NONSEND} for a leaver, or neither`);
    }
    if (transition.setting1 === NONSEND && transition.setting2 === NONSEND) {
      row.fail('setting-2', `a transition cannot go from ${NONSEND} to ${NONSEND}`);
    }
    return transition;
  });
}

export function parsePopulation(text: string, file = WITAN_FILE_NAMES.population): PopulationRow[] {
  const seen = new Set<string>();
  return readRows(text, file, HEADERS.population).map((row) => {
    const result: PopulationRow = {
      calendarYear: row.integer('calendar-year'),
      ncy: row.integer('academic-year'),
      population: row.nonNegative('population'),
    };
    const key = `${result.calendarYear}/${result.ncy}`;
    if (seen.has(key))
      row.fail('academic-year', `duplicate row for ${result.calendarYear}, NCY ${result.ncy}`);
    seen.add(key);
    return result;
  });
}

export function parseCosts(text: string, file = WITAN_FILE_NAMES.costs): CostRow[] {
  return readRows(text, file, HEADERS.costs).map((row) => ({
    need: row.text('need'),
    setting: row.text('setting'),
    cost: row.nonNegative('cost'),
  }));
}

export function parseValidStates(text: string, file = WITAN_FILE_NAMES.validStates): ValidState[] {
  return readRows(text, file, HEADERS.validStates).map((row) => {
    const state: ValidState = {
      setting: row.text('setting'),
      settingGroup: row.optionalText('setting-group'),
      minNcy: row.integer('min-academic-year'),
      maxNcy: row.integer('max-academic-year'),
      needs: row.list('needs'),
      settingTransitions: row.list('setting->setting'),
    };
    if (state.minNcy > state.maxNcy)
      row.fail('max-academic-year', 'max-academic-year is below min-academic-year');
    return state;
  });
}

/** The four witan.send files' text → validated ModelData. Throws InputError naming file, line and column. */
export function parseWitanCsv(
  texts: WitanCsvTexts,
  fileNames: Partial<typeof WITAN_FILE_NAMES> = {},
): ModelData {
  const names = { ...WITAN_FILE_NAMES, ...fileNames };
  return ModelData.parse({
    transitions: parseTransitions(texts.transitions, names.transitions),
    population: parsePopulation(texts.population, names.population),
    costs: parseCosts(texts.costs, names.costs),
    validStates: parseValidStates(texts.validStates, names.validStates),
  });
}

function csvCell(value: string | number): string {
  const text = String(value);
  return /[",\n\r]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

function csv(header: readonly string[], rows: (string | number)[][]): string {
  return `${[header, ...rows].map((row) => row.map(csvCell).join(',')).join('\n')}\n`;
}

/** ModelData → the four witan.send CSV texts (same headers and column order as witan.send's demo files). */
export function toWitanCsv(data: ModelData): WitanCsvTexts {
  return {
    transitions: csv(
      HEADERS.transitions,
      data.transitions.map((t) => [t.calendarYear, t.setting1, t.need1, t.ncy1, t.setting2, t.need2, t.ncy2]),
    ),
    population: csv(
      HEADERS.population,
      data.population.map((p) => [p.calendarYear, p.ncy, p.population]),
    ),
    costs: csv(
      HEADERS.costs,
      data.costs.map((c) => [c.need, c.setting, c.cost]),
    ),
    validStates: csv(
      HEADERS.validStates,
      data.validStates.map((v) => [
        v.setting,
        v.settingGroup,
        v.minNcy,
        v.maxNcy,
        v.needs.join(','),
        v.settingTransitions.join(','),
      ]),
    ),
  };
}
