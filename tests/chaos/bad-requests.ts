// Generated bad requests for every route of the route table (infra/routes.ts, with each route's contract):
// nasty paths, queries, headers, JSON bodies and files. Every request that could write is spoiled in at least
// one way that must make the service refuse it whole (an unknown key, a field of the wrong type, a bad path
// id, the wrong content type, a bad header, a body over the limit, no identity or the wrong group, a file
// that cannot be read), then spoiled further at random, so the validation of everything else is exercised
// too. Reads may be anything at all. The fuzz property (tests/integration/fuzz.test.ts) and the chaos run
// (tests/chaos/fuzz.chaos.ts) share these.
import { deflateRawSync } from 'node:zlib';
import fc from 'fast-check';
import type { Group } from '../../functions/api/identity';
import { GROUPS } from '../../functions/api/identity';
import { type ApiRoute, DEPLOYED_ROUTES } from '../../infra/routes';

export interface BadRequest {
  /** The route of infra/routes.ts it aims at (`METHOD /path/{param}`), or `unknown` for a made-up path. */
  route: string;
  method: string;
  path: string;
  headers: Record<string, string>;
  body?: string | Uint8Array | FormData;
  /** Groups of the caller (none: not signed in). */
  groups: Group[];
  /** How a request that could write is spoiled for sure; `read` for a GET. */
  poison: string;
}

/** Records the fuzz may name: real ids, so reads and spoiled writes reach the stores and engines. */
export interface FuzzTargets {
  placementId: string;
  provisionId: string;
  financialYear: string;
}

const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const BODY_LIMIT = 256 * 1024;

// ── Values ────────────────────────────────────────────────────────────────────────────────────────────────

/** Strings that broke this service once, or break services like it. */
const NASTY_TEXT = [
  '',
  ' ',
  '0000-01',
  '0100-01',
  '9999-00',
  '2099-00',
  '1999-00',
  '0000-01-01',
  '0001-01-01',
  '9999-12-31',
  '2025-02-30',
  '2025-13-01',
  '1989-12-31',
  '2101-01-01',
  '2025-9-1',
  '1e-200',
  'NaN',
  'Infinity',
  '-1',
  '-0',
  '007',
  'true',
  'null',
  '__proto__',
  'constructor',
  'prototype',
  'toString',
  'hasOwnProperty',
  '../../etc/passwd',
  '%00',
  '%2e%2e%2f',
  '\u0000',
  'School\u0000Name',
  'a\u202egpj.exe',
  '\u2066x\u2069',
  '\ud800',
  '\udfff lone',
  '\ufeff',
  'XA123456789012',
  'A1234-5678-9012',
  'UPN-Z39300000002X',
  '9434765919',
  '943-476-5919',
  '1000000043',
  'Delta.Sample.20160620',
  'Jane Smith',
  '14th March 2014',
  '=cmd|"/c calc"!A1',
  '+SUM(A1)',
  '@import',
  '-9-9',
  '|pipe',
  ';=x',
  "'; DROP TABLE placements; --",
  '<script>alert(1)</script>',
  '{"$gt": ""}',
  'ASD',
  'independent-special',
  '2025-26',
  '2025-10',
  'x'.repeat(300),
  'y'.repeat(5_000),
];

export const nastyText: fc.Arbitrary<string> = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom(...NASTY_TEXT) },
  { weight: 2, arbitrary: fc.string({ maxLength: 40 }) },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 20 }) },
  { weight: 1, arbitrary: fc.string({ unit: 'grapheme', maxLength: 20 }) },
);

const nastyNumber: fc.Arbitrary<number> = fc.oneof(
  fc.constantFrom(
    1e-200,
    -1e-200,
    -0,
    1e308,
    -1e308,
    2 ** 53 + 1,
    0.1 + 0.2,
    0.005,
    1e-7,
    -1,
    0,
    20,
    21,
    -3,
    10_000_001,
  ),
  fc.double(),
  fc.integer(),
);

/** Any JSON value, leaning towards what breaks parsers and validators. */
export const nastyJson: fc.Arbitrary<unknown> = fc.letrec<{ value: unknown }>((tie) => ({
  value: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    nastyText,
    nastyNumber,
    fc.boolean(),
    fc.constant(null),
    fc.array(tie('value'), { maxLength: 4 }),
    fc.dictionary(fc.oneof(nastyText, fc.constantFrom('__proto__', 'constructor')), tie('value'), {
      maxKeys: 4,
    }),
  ),
})).value;

/** A value no field of any body accepts: an object with a key no schema knows. */
const POISON_VALUE = { '\u0000unknown': true };

// ── Bodies ────────────────────────────────────────────────────────────────────────────────────────────────

const placementBody = () => ({
  childRef: 'C-FUZZ-1',
  primaryNeed: 'SEMH',
  setting: 'maintained-special',
  residential: false,
  inBorough: true,
  lookedAfter: false,
  ncy: 5,
  birthMonth: '2015-03',
  startDate: '2024-09-01',
  providerName: 'Oak School',
  costs: { education: 24_000, socialCare: 0, health: 0, transport: 3_000 },
});

/** A valid body for each JSON write route: spoiled below, so deeper validation is reached too. */
const VALID_BODIES: Record<string, () => Record<string, unknown>> = {
  'POST /placements': placementBody,
  'PATCH /placements/{id}': () => ({ ncy: 6, providerName: 'Ash School' }),
  'POST /placements/{id}/end': () => ({ endDate: '2025-07-20', endReason: 'moved-setting' }),
  'POST /provisions': () => ({
    name: 'Hilltop ASD base',
    type: 'resourced-provision',
    needs: ['ASD'],
    phases: ['primary'],
    commissionedPlaces: [{ academicYear: 2025, places: 12 }],
    plannedChanges: [{ kind: 'expansion', date: '2026-09-01', places: 4, note: 'a second class' }],
  }),
  'PATCH /provisions/{id}': () => ({ name: 'Hilltop ASD base (north)' }),
  'POST /projections': () => ({ horizon: 1, draws: 10, backtest: false, expected: true }),
  'POST /scenarios': () => ({
    name: 'Fewer joiners',
    description: 'what if',
    changes: [{ kind: 'scale', transition: 'joiners', factor: 0.9, fromYear: 2026 }],
  }),
  'PUT /budgets/{financialYear}': () => ({
    lines: [{ dsgCategory: 'MmSoA', amount: 1_000_000 }],
    openingDsgBalance: -5_000,
    notes: 'set in October',
  }),
  'POST /alerts/runs': () => ({ month: '2025-10' }),
  'POST /imports': () => ({
    fileName: 'big.csv',
    format: 'placements',
    fingerprint: 'a'.repeat(64),
    totalRows: 3,
    rejects: [{ line: 9, reason: 'startDate: expected a date' }],
  }),
  'POST /imports/{id}/rows': () => ({ offset: 0, rows: [{ line: 2, placement: placementBody() }] }),
  'POST /imports/{id}/complete': () => ({}),
};

type Json = Record<string, unknown>;

/** Sets `value` at a random path of `body` (one or two levels deep). */
function setAt(body: Json, path: string[], value: unknown): Json {
  const [head, ...rest] = path;
  if (head === undefined) return body;
  const inner = body[head];
  return {
    ...body,
    [head]:
      rest.length > 0 && inner && typeof inner === 'object' && !Array.isArray(inner)
        ? setAt(inner as Json, rest, value)
        : value,
  };
}

const pathsOf = (body: Json): string[][] =>
  Object.entries(body).flatMap(([key, value]) =>
    value && typeof value === 'object' && !Array.isArray(value)
      ? [[key], ...Object.keys(value).map((inner) => [key, inner])]
      : [[key]],
  );

/** Up to three random changes: a field set to a nasty value, dropped, or an extra key. */
const randomSpoils = (body: Json): fc.Arbitrary<Json> =>
  Object.keys(body).length === 0
    ? fc.constant(body)
    : fc
        .array(
          fc.oneof(
            fc.record({
              kind: fc.constant('set' as const),
              path: fc.constantFrom(...pathsOf(body)),
              value: nastyJson,
            }),
            fc.record({ kind: fc.constant('drop' as const), key: fc.constantFrom(...Object.keys(body)) }),
          ),
          { maxLength: 3 },
        )
        .map((spoils) =>
          spoils.reduce<Json>((current, spoil) => {
            if (spoil.kind === 'set') return setAt(current, spoil.path, spoil.value);
            const { [spoil.key]: _dropped, ...rest } = current;
            return rest;
          }, body),
        );

// ── Files ─────────────────────────────────────────────────────────────────────────────────────────────────

/** A zip of the given parts, deflated, with CRCs left 0 (every such file is refused before they matter). */
export function zipOf(parts: Record<string, Uint8Array>): Uint8Array {
  const chunks: Buffer[] = [];
  const directory: Buffer[] = [];
  let offset = 0;
  for (const [name, content] of Object.entries(parts)) {
    const data = deflateRawSync(content);
    const nameBytes = Buffer.from(name);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(8, 8);
    local.writeUInt32LE(data.length, 18);
    local.writeUInt32LE(content.length, 22);
    local.writeUInt16LE(nameBytes.length, 26);
    const entry = Buffer.alloc(46);
    entry.writeUInt32LE(0x02014b50, 0);
    entry.writeUInt16LE(8, 10);
    entry.writeUInt32LE(data.length, 20);
    entry.writeUInt32LE(content.length, 24);
    entry.writeUInt16LE(nameBytes.length, 28);
    entry.writeUInt32LE(offset, 42);
    chunks.push(local, nameBytes, data);
    directory.push(entry, nameBytes);
    offset += local.length + nameBytes.length + data.length;
  }
  const central = Buffer.concat(directory);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(Object.keys(parts).length, 8);
  end.writeUInt16LE(Object.keys(parts).length, 10);
  end.writeUInt32LE(central.length, 12);
  end.writeUInt32LE(offset, 16);
  return new Uint8Array(Buffer.concat([...chunks, central, end]));
}

const csvCell = (text: string) => (/[",\n\r]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text);

/**
 * A placements file that is unusable as a whole, so nothing of it is imported: its header never has a start date
 * column (required), and its cells are nasty.
 */
const unusableCsv: fc.Arbitrary<string> = fc
  .tuple(
    fc.subarray(['Child Ref', 'Primary Need', 'Setting', 'Out of Area', 'NCY', 'Education Cost', 'Notes'], {
      minLength: 1,
    }),
    fc.array(fc.array(nastyText, { minLength: 1, maxLength: 7 }), { maxLength: 8 }),
  )
  .map(([header, rows]) => [header, ...rows].map((row) => row.map(csvCell).join(',')).join('\r\n'));

/** Bytes no reader accepts as a whole placements file: bombs, broken zips, bad encodings, headers without columns. */
const unusableFile: fc.Arbitrary<{ name: string; type: string; bytes: Uint8Array }> = fc.oneof(
  unusableCsv.map((text) => ({ name: 'fuzz.csv', type: 'text/csv', bytes: new TextEncoder().encode(text) })),
  fc.uint8Array({ maxLength: 2_000 }).map((bytes) => ({ name: 'random.csv', type: 'text/csv', bytes })),
  fc.uint8Array({ maxLength: 2_000 }).map((bytes) => ({ name: 'random.xlsx', type: XLSX_TYPE, bytes })),
  fc
    .constantFrom(
      // UTF-16, an empty file, a header without rows, a quote left open.
      Uint8Array.from([0xff, 0xfe, 0x43, 0x00]),
      new Uint8Array(),
      new TextEncoder().encode('Child Ref,Start Date\n'),
      new TextEncoder().encode(
        'Child Ref,Primary Need,Setting,Out of Area,Start Date\nC1,ASD,"ISS,Y,2024-01-01\n',
      ),
    )
    .map((bytes) => ({ name: 'broken.csv', type: 'text/csv', bytes })),
  fc
    .constantFrom<[string, number]>(
      // A part unpacking to 20 MB, a sheet of 30,000 rows or 600,000 cells, a 32 KB string in 2,000 cells.
      ['xl/worksheets/sheet1.xml', 20 * 1024 * 1024],
      ['xl/worksheets/sheet1.xml', -30_001],
      ['xl/worksheets/sheet1.xml', -600_001],
      ['xl/sharedStrings.xml', 32 * 1024],
    )
    .map(([part, size]) => {
      const xml =
        size > 20_000 * 1024
          ? Buffer.alloc(size, 0x20)
          : size === -30_001
            ? Buffer.from(`<sheetData>${'<row/>'.repeat(30_001)}</sheetData>`)
            : size === -600_001
              ? Buffer.from(`<row>${'<c/>'.repeat(600_001)}</row>`)
              : Buffer.from(`<sst><si><t>${'x'.repeat(size)}</t></si></sst>`);
      return { name: 'bomb.xlsx', type: XLSX_TYPE, bytes: zipOf({ [part]: xml }) };
    }),
  fc.integer({ min: 1, max: 200 }).map((cut) => ({
    name: 'truncated.xlsx',
    type: XLSX_TYPE,
    bytes: zipOf({ 'xl/workbook.xml': Buffer.from('<workbook/>') }).slice(0, -cut),
  })),
);

// ── Requests ──────────────────────────────────────────────────────────────────────────────────────────────

const routeKey = (route: Pick<ApiRoute, 'method' | 'path'>) => `${route.method} ${route.path}`;
const API_ROUTES = DEPLOYED_ROUTES.filter((route) => route.groups !== 'public');

/** A made-up id: a real one, one of the wrong shape, one that exists nowhere, or a nasty string. */
const pathValue = (real: string): fc.Arbitrary<string> =>
  fc.oneof(
    fc.constant(real),
    fc.constantFrom('a b', 'x'.repeat(65), '__proto__', 'constructor', '..', '%', 'witan', 'transitions.csv'),
    fc.uuid(),
    nastyText,
  );

const fill = (path: string, params: Record<string, string>) =>
  path.replace(/\{(\w+)\+?\}/g, (_, name: string) => {
    const value = params[name] ?? '';
    // A value that is not valid UTF-16 cannot be percent-encoded: send its code units' escapes instead.
    try {
      return encodeURIComponent(value);
    } catch {
      return escape(value);
    }
  });

const QUERY_KEYS = [
  'fy',
  'asOf',
  'by',
  'funder',
  'newPlacements',
  'year',
  'since',
  'top',
  'limit',
  'cursor',
  'status',
  'primaryNeed',
  'setting',
  'inBorough',
  'lookedAfter',
  'provisionId',
  'provider',
  'childRef',
  'changedSince',
  'format',
  'mapping',
  'la',
];

const query: fc.Arbitrary<string> = fc
  .dictionary(fc.oneof(fc.constantFrom(...QUERY_KEYS), fc.string({ maxLength: 8 })), nastyText, {
    maxKeys: 4,
  })
  .map((params) => {
    const search = new URLSearchParams();
    for (const [key, value] of Object.entries(params))
      try {
        search.append(key, value);
      } catch {
        search.append(key, escape(value));
      }
    const text = search.toString();
    return text ? `?${text}` : '';
  });

/** Header values a client can send (visible ASCII and spaces), nasty in content. */
const headerValue: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom(
    '',
    'soon',
    '"0"',
    'W/"x"',
    '*',
    '1, 2',
    'a b',
    'x'.repeat(300),
    'application/json; charset=utf-16',
  ),
  fc.string({
    unit: fc.integer({ min: 0x20, max: 0x7e }).map((code) => String.fromCharCode(code)),
    maxLength: 40,
  }),
);

const extraHeaders: fc.Arbitrary<Record<string, string>> = fc.dictionary(
  fc.constantFrom(
    'if-match',
    'idempotency-key',
    'x-file-name',
    'accept',
    'accept-encoding',
    'origin',
    'x-forwarded-for',
    'range',
  ),
  headerValue,
  { maxKeys: 3 },
);

const callerGroups: fc.Arbitrary<Group[]> = fc.oneof(
  { weight: 6, arbitrary: fc.constant<Group[]>([...GROUPS]) },
  { weight: 1, arbitrary: fc.subarray<Group>([...GROUPS]) },
);

/** The real record a route's path parameter may name. */
const realIdFor = (path: string, targets: FuzzTargets) =>
  path.startsWith('/provisions')
    ? targets.provisionId
    : path.startsWith('/budgets')
      ? targets.financialYear
      : targets.placementId;

/** A request to a read route: anything goes, it cannot change the table. */
function readRequest(route: ApiRoute, targets: FuzzTargets): fc.Arbitrary<BadRequest> {
  return fc
    .record({
      id: pathValue(realIdFor(route.path, targets)),
      file: fc.oneof(
        fc.constantFrom(
          'placements.csv',
          'census.csv',
          'dsg-plan.csv',
          'dsg-plan.xlsx',
          'transitions.csv',
          'costs.csv',
          'valid-states.csv',
          'population.csv',
          'constructor',
          '__proto__',
        ),
        nastyText,
      ),
      query,
      headers: extraHeaders,
      groups: callerGroups,
    })
    .map(({ id, file, query: search, headers, groups }) => ({
      route: routeKey(route),
      method: route.method,
      path: `${fill(route.path, { id, financialYear: id, file, proxy: file })}${search}`,
      headers,
      groups,
      poison: 'read',
    }));
}

type Poison = (request: BadRequest) => fc.Arbitrary<BadRequest>;

function isJsonObject(text: string): boolean {
  try {
    const value: unknown = JSON.parse(text);
    return typeof value === 'object' && value !== null && !Array.isArray(value);
  } catch {
    return false;
  }
}

/** Ways to make a write certainly refused, whatever the rest of the request holds. */
function poisonsFor(route: ApiRoute, body: Json | undefined): Record<string, Poison> {
  const poisons: Record<string, Poison> = {
    'not signed in': (request) => fc.constant({ ...request, groups: [] }),
    'wrong group': (request) =>
      fc.constant({
        ...request,
        groups: GROUPS.filter((group) => route.groups === 'public' || !route.groups.includes(group)),
      }),
  };
  if (body !== undefined) {
    poisons['unknown key'] = (request) =>
      fc.string({ minLength: 1, maxLength: 12 }).map((key) => ({
        ...request,
        body: JSON.stringify({ ...JSON.parse(request.body as string), [`\u0000${key}`]: true }),
      }));
    if (Object.keys(body).length > 0)
      poisons['field of no type'] = (request) =>
        fc.constantFrom(...Object.keys(body)).map((key) => ({
          ...request,
          body: JSON.stringify({ ...JSON.parse(request.body as string), [key]: POISON_VALUE }),
        }));
    poisons['not JSON'] = (request) =>
      fc
        .oneof(fc.constantFrom('', '{', '{"a":', 'null', '[]', '"x"', '1e400'), fc.string({ maxLength: 30 }))
        .map((text) => ({
          ...request,
          // Text that happens to be a JSON object (` {}`) is made invalid: an empty object is a valid projection run.
          body: isJsonObject(text) ? `${text}}` : text,
        }));
    poisons['wrong content type'] = (request) =>
      fc
        .constantFrom('text/plain', 'application/x-www-form-urlencoded', 'application/xml', 'text/html')
        .map((type) => ({
          ...request,
          headers: { ...request.headers, 'content-type': type },
        }));
    poisons['over the body limit'] = (request) =>
      fc.constant({
        ...request,
        body: JSON.stringify({ ...JSON.parse(request.body as string), padding: 'x'.repeat(BODY_LIMIT) }),
      });
  }
  if (/\{id\}/.test(route.path))
    poisons['bad path id'] = (request) =>
      fc.constantFrom('a b', 'x'.repeat(65), '%20', 'é').map((id) => ({
        ...request,
        path: request.path.replace(/^(\/\w+\/)[^/?]+/, `$1${encodeURIComponent(id)}`),
      }));
  if (/\{financialYear\}/.test(route.path))
    poisons['bad financial year'] = (request) =>
      fc.constantFrom('0000-01', '0100-01', '9999-00', '2025-27', '2025', 'x').map((fy) => ({
        ...request,
        path: request.path.replace(/\/budgets\/[^/?]+/, `/budgets/${fy}`),
      }));
  if (/^(PATCH|PUT) |\/end$/.test(routeKey(route)))
    poisons['bad If-Match'] = (request) =>
      fc.constantFrom('soon', '"0"', 'W/x', '1.5', '-1').map((value) => ({
        ...request,
        headers: { ...request.headers, 'if-match': value },
      }));
  if (routeKey(route) === 'POST /placements')
    poisons['bad Idempotency-Key'] = (request) =>
      fc.constantFrom('a b', 'x'.repeat(201), 'tab\there').map((value) => ({
        ...request,
        headers: { ...request.headers, 'idempotency-key': value },
      }));
  return poisons;
}

/** A write with at least one certain reason to be refused, and up to three more at random. */
function writeRequest(route: ApiRoute, targets: FuzzTargets): fc.Arbitrary<BadRequest> {
  const key = routeKey(route);
  const valid = VALID_BODIES[key]?.();
  const poisons = poisonsFor(route, valid);
  // Import job ids that exist nowhere: a spoiled row batch cannot move a real job.
  const id = key.startsWith('POST /imports/') ? fc.uuid() : fc.constant(realIdFor(route.path, targets));
  return fc
    .record({
      id,
      spoiled: valid ? randomSpoils(valid) : fc.constant(undefined),
      headers: extraHeaders,
      groups: callerGroups,
      poison: fc.constantFrom(...Object.keys(poisons)),
    })
    .chain(({ id: pathId, spoiled, headers, groups, poison }) =>
      (poisons[poison] as Poison)({
        route: key,
        method: route.method,
        path: fill(route.path, { id: pathId, financialYear: targets.financialYear }),
        headers: { ...headers, ...(spoiled ? { 'content-type': 'application/json' } : {}) },
        ...(spoiled ? { body: JSON.stringify(spoiled) } : {}),
        groups,
        poison,
      }),
    );
}

/** POST /imports with a file or a multipart form no reader can import as a whole. */
const fileUpload: fc.Arbitrary<BadRequest> = fc
  .record({
    file: unusableFile,
    as: fc.constantFrom('body', 'multipart'),
    format: fc.constantFrom(
      '',
      '?format=placements',
      '?format=sen2',
      '?format=sen2&la=393',
      '?format=sen3',
      '?la=12',
    ),
    mapping: fc.option(
      fc.oneof(fc.constantFrom('{', '{"columns":{"childRef":"Nope"}}', '{"values":{"x":1}}'), nastyText),
      { nil: undefined },
    ),
    fileName: fc.option(headerValue, { nil: undefined }),
    groups: callerGroups,
  })
  .map(({ file, as, format, mapping, fileName, groups }) => {
    if (as === 'body')
      return {
        route: 'POST /imports',
        method: 'POST',
        path: `/imports${format}`,
        headers: {
          'content-type': file.type,
          ...(fileName !== undefined ? { 'x-file-name': fileName } : {}),
        },
        body: file.bytes,
        groups,
        poison: 'unusable file',
      };
    const form = new FormData();
    form.append('file', new Blob([new Uint8Array(file.bytes)]), fileName?.trim() ? fileName : file.name);
    if (mapping !== undefined) form.append('mapping', mapping);
    return {
      route: 'POST /imports',
      method: 'POST',
      path: `/imports${format}`,
      headers: {},
      body: form,
      groups,
      poison: 'unusable file',
    };
  });

/** Paths no route serves, some shaped like ones that do. */
const unknownPath: fc.Arbitrary<BadRequest> = fc
  .record({
    path: fc.oneof(
      fc.constantFrom(
        '/__proto__',
        '/constructor',
        '/placements/x/y/z',
        '/exports/witan',
        '/%2e%2e/%2e%2e/etc/passwd',
        '/imports//rows',
        '/budgets',
      ),
      fc.webPath(),
    ),
    method: fc.constantFrom('GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'),
    groups: callerGroups,
  })
  .map(({ path, method, groups }) => ({
    route: 'unknown',
    method,
    path: path.startsWith('/') ? path : `/${path}`,
    headers: {},
    groups,
    poison: method === 'GET' ? 'read' : 'no such route',
  }));

/** One bad request to any route (each route about equally often), a file upload or a path that does not exist. */
export function badRequest(targets: FuzzTargets): fc.Arbitrary<BadRequest> {
  const perRoute = API_ROUTES.map((route) =>
    route.method === 'GET' ? readRequest(route, targets) : writeRequest(route, targets),
  );
  return fc.oneof(...perRoute, fileUpload, fileUpload, unknownPath);
}

/** Every route the fuzz aims at, for its figures. */
export const FUZZED_ROUTES = [...API_ROUTES.map(routeKey), 'unknown'];
