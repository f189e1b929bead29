import { describe, expect, it } from 'vitest';
import { InputError } from '../../model/csv';
import { parseWitanCsv, toWitanCsv, type WitanCsvTexts } from '../../model/witan';
import { witanDemoTexts } from '../helpers/data';

const demoTexts = witanDemoTexts;

const small: WitanCsvTexts = {
  transitions:
    'calendar-year,setting-1,need-1,academic-year-1,setting-2,need-2,academic-year-2\n' +
    '2020,NONSEND,NONSEND,0,A,X,1\n2020,A,X,1,NONSEND,NONSEND,2\n',
  population: 'calendar-year,academic-year,population\n2021,1,100\n',
  costs: 'need,setting,cost\nX,A,1000.0\n',
  validStates:
    'setting,setting-group,min-academic-year,max-academic-year,needs,setting->setting\nA,g,0,3,"X,Y","A,B"\n',
};

function inputError(texts: WitanCsvTexts): InputError {
  try {
    parseWitanCsv(texts);
  } catch (error) {
    if (error instanceof InputError) return error;
    throw error;
  }
  throw new Error('expected an InputError');
}

describe('witan.send CSV input', () => {
  it('parses the demo fixture', () => {
    const data = parseWitanCsv(demoTexts());
    expect(data.transitions).toHaveLength(8351);
    expect(data.transitions[0]).toEqual({
      calendarYear: 2013,
      setting1: 'NONSEND',
      need1: 'NONSEND',
      ncy1: -3,
      setting2: 'P',
      need2: 'U',
      ncy2: -2,
    });
    expect(data.population).toHaveLength(310); // 2013–2022 × NCY −5…25
    expect(data.costs[0]).toEqual({ need: 'U', setting: 'G', cost: 1000 });
    expect(data.validStates).toHaveLength(19); // settings A–S
    expect(data.validStates[0]?.needs).toEqual(['T', 'U', 'V', 'W', 'X', 'Y']);
  });

  it('round-trips through toWitanCsv', () => {
    const data = parseWitanCsv(demoTexts());
    expect(parseWitanCsv(toWitanCsv(data))).toEqual(data);
    expect(toWitanCsv(parseWitanCsv(small)).validStates).toBe(
      'setting,setting-group,min-academic-year,max-academic-year,needs,setting->setting\nA,g,0,3,"X,Y","A,B"\n',
    );
  });

  it('names file, line and column of a bad number', () => {
    const error = inputError({
      ...small,
      population: 'calendar-year,academic-year,population\n2021,1,lots\n',
    });
    expect([error.file, error.line, error.column]).toEqual(['population.csv', 2, 3]);
    expect(error.message).toBe('population.csv:2:3: population must be a number ≥ 0, got "lots"');
  });

  it('names a missing column', () => {
    const error = inputError({ ...small, costs: 'need,setting\nX,A\n' });
    expect([error.file, error.line]).toEqual(['costs.csv', 1]);
    expect(error.detail).toContain('missing column "cost"');
  });

  it('rejects a half-NONSEND joiner, a ragged row and an unclosed quote', () => {
    const header = 'calendar-year,setting-1,need-1,academic-year-1,setting-2,need-2,academic-year-2\n';
    const halfJoiner = inputError({ ...small, transitions: `${header}2020,NONSEND,X,0,A,X,1\n` });
    expect([halfJoiner.line, halfJoiner.column]).toEqual([2, 3]);
    const ragged = inputError({ ...small, transitions: `${header}2020,A,X,1,A,X,2\n2020,A,X\n` });
    expect([ragged.file, ragged.line]).toEqual(['transitions.csv', 3]);
    const unclosed = inputError({ ...small, costs: 'need,setting,cost\n"X,A,1\n' });
    expect(unclosed.file).toBe('costs.csv');
  });

  it('rejects a whole-number field with a fraction and an inverted NCY range', () => {
    const header = 'calendar-year,setting-1,need-1,academic-year-1,setting-2,need-2,academic-year-2\n';
    const fraction = inputError({ ...small, transitions: `${header}2020,A,X,1.5,A,X,2\n` });
    expect([fraction.line, fraction.column]).toEqual([2, 4]);
    const inverted = inputError({
      ...small,
      validStates:
        'setting,setting-group,min-academic-year,max-academic-year,needs,setting->setting\nA,g,5,3,X,A\n',
    });
    expect([inverted.file, inverted.line, inverted.column]).toEqual(['valid-states.csv', 2, 4]);
  });
});
