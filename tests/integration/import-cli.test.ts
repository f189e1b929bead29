// The CLI end to end: `npm run -s import` against the local runtime over HTTP, with the sample files.
import { execFile } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cliPath } from '../../bin/build.mjs';
import { coldStartFiles } from '../../infra/bundling';
import { type LocalRuntime, startLocal } from '../../infra/local/server';
import { parseWitanCsv } from '../../model/witan';
import { ONS_POPULATION_CSV } from '../helpers/data';

const run = promisify(execFile);
const root = new URL('../../', import.meta.url).pathname;

describe('npm run -s import', () => {
  let runtime: LocalRuntime;
  let samples: string;
  beforeAll(async () => {
    runtime = await startLocal({
      inMemory: true,
      port: 0,
      seedDemo: false,
      configureApp: () => {},
      log: () => {},
    });
    samples = mkdtempSync(join(tmpdir(), 'import-cli-'));
    cpSync(join(root, 'tests/fixtures/imports'), samples, { recursive: true });
  }, 60_000);
  afterAll(async () => {
    await runtime?.stop();
  });

  const command = (name: string, ...args: string[]) =>
    run(process.execPath, [cliPath(name), ...args], {
      cwd: root,
      env: { ...process.env, API_URL: runtime.url, IMPORT_SALT: 'cli-test-salt-0123' },
    });
  const cli = (...args: string[]) => command('import', ...args);

  it('imports a mixed file, writes the reject file, and a re-run finds only duplicates', {
    timeout: 60_000,
  }, async () => {
    const file = join(samples, 'placements-mixed.csv');
    const { stdout } = await cli(file, '--json');
    expect(JSON.parse(stdout)).toMatchObject({
      imported: 4,
      rejected: 7,
      duplicates: 1,
      rejectFile: `${file}.rejects.csv`,
    });
    const rejects = readFileSync(`${file}.rejects.csv`, 'utf8').split('\r\n');
    expect(rejects[0]).toBe(
      'line,reason,Child ID,Primary SEN Type,Placement Type,Out of Area,Host LA,School Name,Looked After,Year Group,Start Date,End Date,End Reason,Education Cost,Social Care Cost',
    );
    // The local reject file keeps the row beside the reason, so it can be fixed; the reason never repeats it.
    expect(rejects[1]).toMatch(/^3,"primaryNeed: not a known need [^"]*",M-2002,Autsim,/);
    expect(rejects).toHaveLength(1 + 7 + 1); // header, 7 rows, final newline

    const again = JSON.parse((await cli(file, '--json')).stdout);
    expect(again).toMatchObject({ imported: 0, rejected: 7, duplicates: 5 });
  });

  it('imports a workbook, reading exceljs from its own chunk of the built command', {
    timeout: 60_000,
  }, async () => {
    // exceljs (about 1 MB) is not among what the command loads at start, so a CSV import or `--help` never
    // parses it: it comes in its own chunk when a workbook is read.
    const atStart = coldStartFiles(cliPath('import'));
    const bytes = atStart.reduce((sum, file) => sum + statSync(file).size, 0);
    expect(bytes).toBeLessThan(600_000);
    expect(atStart.join(' ')).not.toMatch(/excel/i);
    const { stdout } = await cli(join(samples, 'placements.xlsx'), '--json');
    expect(JSON.parse(stdout)).toMatchObject({ imported: 4, rejected: 1 });
  });

  it('imports a SEN2 return folder with a salt and exports witan files the model reads back', {
    timeout: 60_000,
  }, async () => {
    const { stdout } = await cli(join(samples, 'sen2'), '--format', 'sen2', '--json');
    expect(JSON.parse(stdout)).toMatchObject({
      imported: 7,
      rejected: 1,
      rejectFile: `${join(samples, 'sen2')}.rejects.csv`,
    });
    await cli(join(samples, 'placements-clean.csv'));

    // witan.send's population.csv is the authority's own ONS projection, loaded as the README says.
    await command('population', 'put', ONS_POPULATION_CSV, '--area', 'E08000023');
    const witan = join(samples, 'witan');
    await cli('export', '--witan', witan);
    const read = (name: string) => readFileSync(join(witan, name), 'utf8');
    const data = parseWitanCsv({
      transitions: read('transitions.csv'),
      population: read('population.csv'),
      costs: read('costs.csv'),
      validStates: read('valid-states.csv'),
    });
    expect(data.transitions.length).toBeGreaterThan(10);
    expect(data.validStates.map((state) => state.setting)).toContain('independent-special@OB');
  });

  it('reports a malformed file and a usage error on stderr with a non-zero exit', {
    timeout: 60_000,
  }, async () => {
    await expect(cli(join(samples, 'placements.xlsx'), '--format', 'csv')).rejects.toMatchObject({
      code: 2,
      stderr: expect.stringContaining('--format must be placements or sen2'),
    });
    await expect(cli(join(samples, 'mapping-unusual.json'))).rejects.toMatchObject({
      code: 1,
      stderr: expect.stringContaining('mapping-unusual.json: line 2: a quote opens in the middle of a cell'),
    });
  });
});
