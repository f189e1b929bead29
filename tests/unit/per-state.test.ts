// Results kept per state of the records (functions/store/per-state.ts), the outturn sharing the forecast's model
// run (functions/finance/model-run.ts), and export answers (functions/api/file-answer.ts): compressed when the
// client accepts it, refused with a 413 saying what to do when still too large for one answer.
import { randomBytes } from 'node:crypto';
import { gunzipSync } from 'node:zlib';
import { Hono } from 'hono';
import { describe, expect, it } from 'vitest';
import { expectedStartsFromJoiners } from '../../domain/outturn';
import { AppError, MAX_ANSWER_BYTES } from '../../functions/api/errors';
import { acceptsGzip, ExportFile, fileAnswer } from '../../functions/api/file-answer';
import { expectedStarts } from '../../functions/finance/expected-starts';
import { computeForecast } from '../../functions/finance/forecast';
import { keptJoiners } from '../../functions/finance/model-run';
import { PerState } from '../../functions/store/per-state';
import { describePopulation, populationRows } from '../../model/population';
import { authorityPlacements } from '../helpers/placement';
import { onsPopulation, SOUTH_TYNESIDE } from '../helpers/population';

describe('PerState', () => {
  it('computes once per state and question, and again for a new state', () => {
    const kept = new PerState<number>(2);
    let runs = 0;
    const compute = () => ++runs;
    const state = Object.freeze([1, 2, 3]);
    expect(kept.get(state, 'a', compute)).toBe(1);
    expect(kept.get(state, 'a', compute)).toBe(1);
    expect(kept.get(state, 'b', compute)).toBe(2);
    // A write gives the records a new array: nothing of the old state is answered for it.
    expect(kept.get(Object.freeze([1, 2, 3]), 'a', compute)).toBe(3);
  });

  it('keeps `limit` questions per state, the oldest going first', () => {
    const kept = new PerState<string>(2);
    const state = Object.freeze([]);
    for (const key of ['a', 'b', 'c']) kept.get(state, key, () => `${key}1`);
    expect(kept.get(state, 'c', () => 'c2')).toBe('c1');
    expect(kept.get(state, 'a', () => 'a2')).toBe('a2');
  });

  it('never keeps a result for an array that is not frozen (its owner may still change it)', () => {
    const kept = new PerState<number>(2);
    const list = [1];
    expect(kept.get(list, 'a', () => list.length)).toBe(1);
    list.push(2);
    expect(kept.get(list, 'a', () => list.length)).toBe(2);
  });

  it('forgets a promise that failed, so the next ask tries again', async () => {
    const kept = new PerState<Promise<number>>(2);
    const state = Object.freeze([]);
    await expect(kept.get(state, 'a', () => Promise.reject(new Error('lost')))).rejects.toThrow('lost');
    await new Promise((resolve) => setImmediate(resolve));
    await expect(kept.get(state, 'a', () => Promise.resolve(7))).resolves.toBe(7);
  });
});

describe('the outturn takes its joiners from the forecast’s model run', () => {
  const asOf = '2025-11-15';
  const financialYear = '2025-26';
  const population = onsPopulation(SOUTH_TYNESIDE);
  const rows = populationRows(population);
  const placements = authorityPlacements(240, 6);

  it('the same expected starts whether the outturn or a five-year forecast ran the model first', () => {
    const alone = Object.freeze([...placements]);
    const own = expectedStarts(alone, financialYear, asOf, 'model', rows);
    expect(own.source).toBe('model');

    const afterForecast = Object.freeze([...placements]);
    computeForecast(
      {
        placements: afterForecast,
        provisions: [],
        population: { rows, source: describePopulation(population) },
        settings: undefined,
        budgets: new Map(),
        scenarios: [],
      },
      { years: 5, funder: 'education', asOf },
      asOf,
    );
    // The forecast's baseline run (1,000 draws to the January 2030 census) is kept for this state …
    const joiners = keptJoiners(afterForecast, asOf, rows, 2030);
    expect(joiners?.map((row) => row.year)).toEqual([2025, 2026, 2027, 2028, 2029, 2030]);
    // … and the outturn's figures are its joiners: the same as the outturn's own (shorter) run gave.
    const shared = expectedStarts(afterForecast, financialYear, asOf, 'model', rows);
    expect(shared).toEqual(expectedStartsFromJoiners(joiners ?? [], afterForecast, financialYear, asOf));
    expect(shared).toEqual(own);
  });
});

describe('export answers', () => {
  const answer = (file: ExportFile, acceptEncoding?: string) => {
    const app = new Hono();
    app.get('/file', (c) => fileAnswer(c, file, 'file.csv', 'narrow it with a filter'));
    app.onError((error) => {
      if (error instanceof AppError)
        return Response.json({ code: error.code, message: error.message }, { status: error.status });
      throw error;
    });
    return app.request('/file', acceptEncoding ? { headers: { 'accept-encoding': acceptEncoding } } : {});
  };
  // Well over the limit as text, well under it compressed (like 50,000 placements: 8.8 MB of CSV).
  const line = 'L001-C-000123,ASD,,independent-special,N,301,123456,Oak School,N,N,9,2014-05,2024-09-01\r\n';
  const big = ExportFile.csv(line.repeat(Math.ceil((MAX_ANSWER_BYTES * 1.5) / line.length)));

  it('reads Accept-Encoding as HTTP does', () => {
    expect(acceptsGzip('gzip, deflate, br')).toBe(true);
    expect(acceptsGzip('br;q=1.0, gzip;q=0.8')).toBe(true);
    expect(acceptsGzip('*')).toBe(true);
    expect(acceptsGzip('gzip;q=0, *')).toBe(false);
    expect(acceptsGzip('identity')).toBe(false);
    expect(acceptsGzip(undefined)).toBe(false);
  });

  it('sends a large CSV compressed to a client that accepts gzip, the same bytes once inflated', async () => {
    const response = await answer(big, 'gzip, deflate');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-encoding')).toBe('gzip');
    expect(response.headers.get('vary')).toBe('accept-encoding');
    const body = new Uint8Array(await response.arrayBuffer());
    expect(body.length).toBeLessThan(MAX_ANSWER_BYTES);
    expect(Buffer.from(gunzipSync(body)).equals(Buffer.from(big.body))).toBe(true);
  });

  it('refuses the same CSV uncompressed with a 413 that says how to get it', async () => {
    const response = await answer(big);
    expect(response.status).toBe(413);
    const body = (await response.json()) as { code: string; message: string };
    expect(body.code).toBe('export_too_large');
    expect(body.message).toMatch(
      /^file\.csv is 6\.8 MB, more than the 4\.5 MB an answer can carry: ask for it compressed \(Accept-Encoding: gzip\), or narrow it with a filter$/,
    );
  });

  it('refuses a file that does not compress and is too large, whatever the client accepts', async () => {
    const xlsx = new ExportFile(randomBytes(MAX_ANSWER_BYTES + 1), 'application/zip', false);
    const response = await answer(xlsx, 'gzip');
    expect(response.status).toBe(413);
    expect(((await response.json()) as { message: string }).message).toMatch(/: narrow it with a filter$/);
  });

  it('sends a small file as it is', async () => {
    const response = await answer(ExportFile.csv('a,b\r\n1,2\r\n'), 'gzip');
    expect(response.headers.get('content-encoding')).toBeNull();
    expect(await response.text()).toBe('a,b\r\n1,2\r\n');
  });
});
