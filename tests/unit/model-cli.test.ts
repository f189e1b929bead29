// Spawns the CLI exactly as the README documents it (npm run -s model -- …).
import { execFile } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { ProjectionOutput } from '../../model/output';
import { WITAN_DEMO_DIR } from '../helpers/data';

const WITAN = WITAN_DEMO_DIR;
const FIXTURES = 'tests/fixtures/model';

async function model(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await promisify(execFile)('npm', ['run', '-s', 'model', '--', ...args], {
      maxBuffer: 64 * 1024 * 1024,
    });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const { code, stdout, stderr } = error as { code: number; stdout: string; stderr: string };
    return { code, stdout, stderr };
  }
}

const json = (stdout: string) => ProjectionOutput.parse(JSON.parse(stdout));

describe('model CLI', { timeout: 120_000 }, () => {
  it('project --witan: 2017 → 2022 with bands, one JSON document', async () => {
    const run = await model(
      'project',
      '--witan',
      WITAN,
      '--horizon',
      '5',
      '--draws',
      '1000',
      '--seed',
      '42',
      '--json',
    );
    expect(run.code).toBe(0);
    const output = json(run.stdout);
    expect(output.method).toBe('markov-monte-carlo');
    expect(output.baseYear).toBe(2017);
    expect(output.total.map((r) => r.year)).toEqual([2017, 2018, 2019, 2020, 2021, 2022]);
    const last = output.total.at(-1);
    expect(last && last.p05 < last.p50 && last.p50 < last.p95).toBe(true);
    // same seed, same numbers
    const again = await model(
      'project',
      '--witan',
      WITAN,
      '--horizon',
      '5',
      '--draws',
      '1000',
      '--seed',
      '42',
      '--json',
    );
    expect(again.stdout).toBe(run.stdout);
  });

  it('project --history with --population: prevalence mode', async () => {
    const run = await model(
      'project',
      '--history',
      `${FIXTURES}/south-tyneside-ehcps.csv`,
      '--population',
      `${FIXTURES}/south-tyneside-population.csv`,
      '--horizon',
      '6',
      '--json',
    );
    expect(run.code).toBe(0);
    const output = json(run.stdout);
    expect(output.method).toBe('aggregate-prevalence');
    expect(output.total.map((r) => r.year)).toEqual([2025, 2026, 2027, 2028, 2029, 2030, 2031]);
    expect(output.total[0]?.mean).toBe(1776);
  });

  it('project --history without population: counts trended, readable table without --json', async () => {
    const run = await model('project', '--history', `${FIXTURES}/south-tyneside-needs.csv`, '--horizon', '6');
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('Projection: aggregate-count, base year 2025');
    expect(run.stdout).toMatch(/^ASD /m);
    expect(() => JSON.parse(run.stdout)).toThrow();
  });

  it('backtest --history --origin 2019 and --witan', async () => {
    const aggregate = await model(
      'backtest',
      '--history',
      `${FIXTURES}/south-tyneside-ehcps.csv`,
      '--origin',
      '2019',
      '--json',
    );
    expect(aggregate.code).toBe(0);
    expect(json(aggregate.stdout).backtest?.origins[0]).toBe(2019);
    const markov = await model('backtest', '--witan', WITAN, '--origin', '2015', '--draws', '200', '--json');
    expect(markov.code).toBe(0);
    const rows = json(markov.stdout).backtest?.rows ?? [];
    expect(rows.find((r) => r.need === 'ALL' && r.horizon === 1)?.baselines.lastValue).toBeGreaterThan(0);
  });

  it('scenario --witan --scenario', async () => {
    const run = await model(
      'scenario',
      '--witan',
      WITAN,
      '--scenario',
      `${FIXTURES}/witan-scenario.json`,
      '--draws',
      '200',
      '--json',
    );
    expect(run.code).toBe(0);
    const scenario = json(run.stdout).scenario;
    expect(scenario?.rows.map((r) => r.year)).toEqual([2018, 2019, 2020, 2021, 2022]);
    expect(scenario?.rows.at(-1)?.saving).toBeGreaterThan(0);
  });

  it('a broken CSV gets one line naming file, line and column, exit 2', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'model-cli-'));
    const file = join(dir, 'counts.csv');
    writeFileSync(file, 'year,need,count\n2020,ASD,10\n2021,ASD,ten\n');
    const run = await model('project', '--history', file, '--horizon', '6', '--json');
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr.trim().split('\n')).toEqual([
      `error: ${file}:3:3: count must be a number ≥ 0, got "ten"`,
    ]);
    const json = join(dir, 's.json');
    writeFileSync(json, '{\n  "name": "x",\n  "changes": [}\n');
    const badJson = await model('scenario', '--witan', WITAN, '--scenario', json, '--json');
    expect(badJson.code).toBe(2);
    expect(badJson.stderr.trim()).toBe(`error: ${json}:3:15: invalid JSON: unexpected "}", expected a value`);
    const missing = await model('project', '--witan', dir, '--json');
    expect(missing.code).toBe(2);
    expect(missing.stderr.trim()).toBe(`error: ${join(dir, 'transitions.csv')}: cannot read (no such file)`);
  });

  it('--by need,setting prints the breakdown a planner asks for, from the same draws', async () => {
    const run = await model(
      'project',
      '--witan',
      WITAN,
      '--horizon',
      '3',
      '--draws',
      '200',
      '--by',
      'need,setting+ncy',
    );
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('By need × setting: p50 (p05–p95)');
    expect(run.stdout).toMatch(/^T in B +[\d,]+ \(/m);
    expect(run.stdout).toContain('By NCY: p50 (p05–p95)');
    expect(run.stdout).not.toContain('By setting:');
    expect(run.stdout).toContain(`Population: ${join(WITAN, 'population.csv')} (witan.send input)`);
    const aggregate = await model(
      'project',
      '--history',
      `${FIXTURES}/south-tyneside-needs.csv`,
      '--by',
      'need,phase',
    );
    expect(aggregate.stdout).toContain('By need × phase: not in this projection (aggregate-count)');
  });

  it('refuses fewer draws than the band needs, pointing to --expected', async () => {
    const run = await model('project', '--witan', WITAN, '--draws', '1');
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('--draws must be a whole number from 100');
    expect(run.stderr).toContain('use --expected for a point forecast');
  });

  it('bad flags print usage, exit 2', async () => {
    for (const args of [
      ['project', '--witan', WITAN, '--horizon', 'five'],
      ['project', '--nonsense'],
      ['forecast', '--witan', WITAN],
      ['project', '--witan', WITAN, '--history', 'x.csv'],
      ['project', '--witan', WITAN, '--by', 'need,colour'],
    ]) {
      const run = await model(...args);
      expect(run.code).toBe(2);
      expect(run.stderr).toContain('usage:');
    }
  });
});

describe('findJsonSyntaxError', () => {
  it('locates the first syntax error by line and column', async () => {
    const { findJsonSyntaxError } = await import('../../bin/json-position');
    expect(findJsonSyntaxError('{"a": [1, 2], "b": {"c": null}}')).toBeUndefined();
    expect(findJsonSyntaxError('{\n  "name": "x",\n  "changes": [}\n')).toEqual({
      line: 3,
      column: 15,
      message: 'unexpected "}", expected a value',
    });
    expect(findJsonSyntaxError('{"a": 1,}')?.column).toBe(9);
    expect(findJsonSyntaxError('{"a": 01}')?.column).toBe(8);
    expect(findJsonSyntaxError('[1, 2')?.message).toBe('unexpected end of file, expected "]"');
    expect(findJsonSyntaxError('{} x')?.message).toBe('unexpected "x" after the end of the JSON value');
  });
});
