// Changes people can follow: the generated client types are the current document's (a stale
// domain/api-types.ts fails here: run `npm run api:types`), and the document breaks nothing a client of the
// previous release (docs/openapi/<version>.json) relies on unless the major version went up.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { API_TYPES_FILE, apiTypesText, RELEASES_DIR } from '../../functions/api/contract-files';
import { openApiDocument } from '../../functions/api/openapi';
import { breakingChanges, byVersionDescending, majorOf } from '../helpers/openapi-diff';

const current = openApiDocument();
const releases = readdirSync(RELEASES_DIR)
  .filter((name) => /^\d+\.\d+\.\d+\.json$/.test(name))
  .map((name) => name.replace(/\.json$/, ''))
  .sort(byVersionDescending);

describe('the generated client types', () => {
  it("are the current document's (run `npm run api:types` after changing a route or a schema)", async () => {
    expect(
      readFileSync(API_TYPES_FILE, 'utf8') === (await apiTypesText()),
      'domain/api-types.ts is stale',
    ).toBe(true);
  });
});

describe('versioning against the previous release', () => {
  const [previousVersion] = releases;

  it('keeps the released documents, and the current version is not older than the last one', () => {
    expect(previousVersion).toBeDefined();
    expect(byVersionDescending(current.info.version, previousVersion as string)).toBeLessThanOrEqual(0);
  });

  it('breaks nothing of the previous release, unless the major version went up', () => {
    const previous = JSON.parse(readFileSync(join(RELEASES_DIR, `${previousVersion}.json`), 'utf8'));
    if (majorOf(current.info.version) > majorOf(previousVersion as string)) return;
    expect(breakingChanges(previous, current as never)).toEqual([]);
  });

  it('the API changelog names the current version', () => {
    const changelog = readFileSync(join(RELEASES_DIR, '..', 'api-changelog.md'), 'utf8');
    expect(changelog).toContain(`## ${current.info.version}`);
  });
});

describe('what counts as breaking', () => {
  const base = () => structuredClone(current) as unknown as Parameters<typeof breakingChanges>[0];
  const op = (doc: ReturnType<typeof base>, path: string, method: string) =>
    doc.paths[path]?.[method] as unknown as Record<string, never>;
  const schemas = (doc: ReturnType<typeof base>) =>
    doc.components?.schemas as Record<string, Record<string, never>>;

  it('nothing, between a document and itself', () => {
    expect(breakingChanges(base(), base())).toEqual([]);
  });

  it('a route removed', () => {
    const next = base();
    delete next.paths['/summary'];
    expect(breakingChanges(base(), next)).toContain('GET /summary: removed');
  });

  it('a response field removed or renamed', () => {
    const next = base();
    const placement = schemas(next).Placement as unknown as { properties: Record<string, unknown> };
    placement.properties.childReference = placement.properties.childRef;
    delete placement.properties.childRef;
    expect(breakingChanges(base(), next)).toContain('GET /placements/{id} 200.childRef: removed');
  });

  it('a request field newly required, and an enum a request may use narrowed', () => {
    const next = base();
    const input = schemas(next).PlacementInput as unknown as {
      required: string[];
      properties: Record<string, { enum?: string[] }>;
    };
    input.required.push('providerName');
    const need = input.properties.primaryNeed as { enum: string[] };
    need.enum = need.enum.filter((value) => value !== 'ASD');
    const problems = breakingChanges(base(), next);
    expect(problems).toContain('POST /placements body.providerName: newly required');
    expect(problems).toContain('POST /placements body.primaryNeed: no longer accepts "ASD"');
  });

  it('a query parameter newly required or narrowed', () => {
    const next = base();
    const list = op(next, '/placements', 'get') as unknown as {
      parameters: { name: string; required: boolean; schema: { maximum?: number } }[];
    };
    const limit = list.parameters.find((parameter) => parameter.name === 'limit');
    if (!limit) throw new Error('no limit parameter');
    limit.required = true;
    limit.schema.maximum = 50;
    const problems = breakingChanges(base(), next);
    expect(problems).toContain('GET /placements limit: newly required');
    expect(problems).toContain('GET /placements limit: maximum 500 is now 50');
  });

  it('a field removed inside one alternative of a union, in an answer or a request', () => {
    const withUnion = (second: Record<string, unknown>) => {
      const doc = base();
      const union = { anyOf: [{ type: 'object', properties: { id: { type: 'string' } } }, second] };
      doc.paths['/union'] = {
        post: {
          requestBody: { content: { 'application/json': { schema: union } } },
          responses: { '200': { content: { 'application/json': { schema: union } } } },
        },
      } as never;
      return doc;
    };
    const before = withUnion({
      type: 'object',
      properties: { line: { type: 'integer' }, row: { type: 'array' } },
      additionalProperties: false,
    });
    const after = withUnion({
      type: 'object',
      properties: { line: { type: 'integer' } },
      additionalProperties: false,
    });
    expect(breakingChanges(before, after)).toEqual([
      'POST /union body<1>.row: no longer accepted',
      'POST /union 200<1>.row: removed',
    ]);
  });

  it('not an added route or an added optional field', () => {
    const next = base();
    next.paths['/new'] = { get: { responses: {} } } as never;
    const placement = schemas(next).Placement as unknown as { properties: Record<string, unknown> };
    placement.properties.extra = { type: 'string' };
    expect(breakingChanges(base(), next)).toEqual([]);
  });
});
