// `npm run -s spend -- [--fy 2025-26] [--by need|setting|dsg|location|funder|month] [--funder education]
// [--json]` prints high needs spend from the running product (API_URL, default the local `npm start`;
// API_TOKEN as bearer token when set). `--outturn [--as-of YYYY-MM-DD] [--new-placements model|history]`
// prints the outturn forecast instead. `--forecast [--from 2026-27] [--years 5] [--mitigations id,id]
// [--funder education|all] [--as-of YYYY-MM-DD]` prints the multi-year forecast (GET /forecast).
import { parseArgs } from 'node:util';
import type { Answer, QueryOf } from '../domain/api-client';
import { FUNDERS } from '../domain/codes';
import { FinancialYear, financialYearLabel, financialYearStartOf, IsoDate } from '../domain/dates';
import { FORECAST_FUNDERS, MAX_FORECAST_YEARS } from '../domain/forecast';
import { SPEND_DIMENSIONS } from '../domain/spend';
import { api, ok, runCli, UsageError } from './api-client';

type SpendSummary = Answer<'/spend'>;
type Outturn = Answer<'/outturn'>;
type Forecast = Answer<'/forecast'>;

const USAGE = [
  'usage: npm run -s spend -- [--fy 2025-26] [--by need|setting|dsg|location|funder|month]',
  `                           [--funder ${FUNDERS.join('|')}] [--json]`,
  '       npm run -s spend -- --outturn [--fy 2025-26] [--as-of YYYY-MM-DD] [--new-placements model|history]',
  '                           [--json]',
  '       npm run -s spend -- --forecast [--from 2026-27] [--years 5] [--mitigations id,id]',
  `                           [--funder ${FORECAST_FUNDERS.join('|')}] [--as-of YYYY-MM-DD] [--json]`,
].join('\n');

const money = (value: number) =>
  `${value < 0 ? '-' : ''}£${Math.abs(value).toLocaleString('en-GB', { minimumFractionDigits: 2, maximumFractionDigits: 2 })}`;
const percent = (share: number) => `${(share * 100).toFixed(1)}%`;

function table(header: string[], rows: string[][]): string {
  const cells = [header, ...rows];
  const widths = header.map((_, i) => Math.max(...cells.map((row) => (row[i] ?? '').length)));
  const line = (row: string[]) =>
    row.map((cell, i) => (i === 0 ? cell.padEnd(widths[i] ?? 0) : cell.padStart(widths[i] ?? 0))).join('  ');
  return cells.map(line).join('\n');
}

function spendTable(spend: SpendSummary): string {
  const rows = spend.breakdown.map((item) => [
    item.label,
    money(item.amount),
    spend.total > 0 ? percent(item.amount / spend.total) : '—',
    String(item.placements),
  ]);
  rows.push(['Total', money(spend.total), spend.total > 0 ? '100.0%' : '—', String(spend.placements)]);
  const scope = spend.funder === 'all' ? 'all funders' : `${spend.funder} only`;
  return `Spend in ${spend.financialYear} (${spend.from} to ${spend.to}), by ${spend.by}, ${scope}\n\n${table(
    [spend.by, 'amount', 'share', 'placements'],
    rows,
  )}`;
}

function outturnTable(o: Outturn): string {
  const band = (b: { p05: number; p50: number; p95: number }) => [money(b.p50), money(b.p05), money(b.p95)];
  const flat = (value: number) => [money(value), '', ''];
  const rows = [
    ['Actual to date', ...flat(o.actualToDate)],
    ['Committed (placements in place)', ...flat(o.committed)],
    ['Planned starts (recorded)', ...flat(o.plannedStarts)],
    [`Expected new placements (${o.expectedNew.placements.p50})`, ...band(o.expectedNew)],
    ['Forecast outturn', ...band(o.forecast)],
  ];
  if (o.budget !== null && o.variance) {
    rows.push(['Budget', ...flat(o.budget)]);
    rows.push(['Variance (+ over budget)', ...band(o.variance)]);
  }
  if (o.dsgBalance) {
    rows.push(['DSG balance brought forward', ...flat(o.dsgBalance.opening)]);
    rows.push(['DSG balance carried forward', ...band(o.dsgBalance.closing)]);
  }
  const byDsg = o.byDsg
    .filter((row) => row.forecast !== 0 || (row.budget ?? 0) !== 0)
    .map((row) => [
      row.label,
      money(row.forecast),
      row.budget === null ? '—' : money(row.budget),
      row.variance === null ? '—' : money(row.variance),
    ]);
  return [
    `Outturn forecast ${o.financialYear} as at ${o.asOf}: ${o.scope}`,
    '',
    table(['', 'p50', 'p05', 'p95'], rows),
    '',
    table(['DSG category', 'forecast (p50)', 'budget', 'variance'], byDsg),
    '',
    `Expected new placements: ${o.expectedStarts.method}; rate ${o.expectedStarts.rate.toFixed(1)}, ` +
      `mean annual cost ${money(o.expectedStarts.unitCost.education)}.`,
  ].join('\n');
}

function forecastTable(f: Forecast): string {
  const years = f.years.map((y) => y.financialYear);
  const row = (label: string, values: (number | null | undefined)[]) => [
    label,
    ...values.map((value) => (value === null || value === undefined ? '—' : money(value))),
  ];
  const lines: [string, (y: Forecast['years'][number]) => number | null | undefined][] = [
    ['Actual to date', (y) => y.actualToDate],
    ['Forecast p05', (y) => y.p05],
    ['Forecast p50', (y) => y.p50],
    ['Forecast p95', (y) => y.p95],
    ['Budget', (y) => y.budget?.amount],
    ['Variance p50 (+ over budget)', (y) => y.variance?.p50],
    ['DSG balance carried forward p50', (y) => y.dsgBalance?.closing.p50],
  ];
  const rows = lines.map(([label, pick]) => row(label, f.years.map(pick)));
  if (f.mitigations.length > 0) {
    for (const m of f.mitigations)
      rows.push(
        row(
          `Saving: ${m.name}`,
          years.map((fy) => m.savings.find((s) => s.financialYear === fy)?.p50),
        ),
      );
    rows.push(
      row(
        'Forecast p50, mitigated',
        f.years.map((y) => y.mitigated?.p50),
      ),
    );
    rows.push(
      row(
        'DSG balance carried forward, mitigated',
        f.years.map((y) => y.mitigated?.dsgBalance?.closing.p50),
      ),
    );
  }
  rows.push([
    'Children in plans (p50)',
    ...f.years.map((y) => (y.placements ? y.placements.p50.toFixed(1) : '—')),
  ]);
  return [
    `Forecast ${years[0]} to ${years.at(-1)} as at ${f.asOf}: ${f.counts}`,
    '',
    table(['', ...years], rows),
    '',
    `Method: ${f.method}.`,
    `Cost uplift ${percent(f.assumptions.costUplift.rate)} a year; budget growth ${percent(f.assumptions.budgetGrowth.rate)} a year.`,
    ...(f.warnings ?? []).map((warning) => `Warning: ${warning}`),
  ].join('\n');
}

function parse(value: string | undefined, schema: typeof FinancialYear | typeof IsoDate, flag: string) {
  if (value === undefined) return undefined;
  const result = schema.safeParse(value);
  if (!result.success) throw new UsageError(`${flag} ${value}: ${result.error.issues[0]?.message}`);
  return result.data;
}

await runCli(async () => {
  let values: {
    fy?: string;
    by?: string;
    funder?: string;
    outturn?: boolean;
    forecast?: boolean;
    from?: string;
    years?: string;
    mitigations?: string;
    'as-of'?: string;
    'new-placements'?: string;
    json?: boolean;
    help?: boolean;
  };
  try {
    ({ values } = parseArgs({
      options: {
        fy: { type: 'string' },
        by: { type: 'string' },
        funder: { type: 'string' },
        outturn: { type: 'boolean' },
        forecast: { type: 'boolean' },
        from: { type: 'string' },
        years: { type: 'string' },
        mitigations: { type: 'string' },
        'as-of': { type: 'string' },
        'new-placements': { type: 'string' },
        json: { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
      },
    }));
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  if (values.help) {
    console.log(USAGE);
    return;
  }
  if (values.forecast) {
    if (values.outturn || values.fy !== undefined || values.by !== undefined || values['new-placements'])
      throw new UsageError(
        '--forecast takes --from, --years, --mitigations, --funder and --as-of (not --fy, --by, --outturn)',
      );
    const query: QueryOf<'/forecast'> = {};
    const from = parse(values.from, FinancialYear, '--from');
    if (from) query.from = from;
    if (values.years !== undefined) {
      const years = Number(values.years);
      if (!Number.isInteger(years) || years < 1 || years > MAX_FORECAST_YEARS)
        throw new UsageError(
          `--years must be a whole number from 1 to ${MAX_FORECAST_YEARS}, not ${values.years}`,
        );
      query.years = years;
    }
    if (values.mitigations !== undefined) query.mitigations = values.mitigations;
    if (values.funder !== undefined) {
      if (!(FORECAST_FUNDERS as readonly string[]).includes(values.funder))
        throw new UsageError(
          `--funder with --forecast must be one of ${FORECAST_FUNDERS.join(', ')}, not ${values.funder}`,
        );
      query.funder = values.funder as (typeof FORECAST_FUNDERS)[number];
    }
    const forecastAsOf = parse(values['as-of'], IsoDate, '--as-of');
    if (forecastAsOf) query.asOf = forecastAsOf;
    const forecast = await ok(api().GET('/forecast', { params: { query } }));
    console.log(values.json ? JSON.stringify(forecast, null, 2) : forecastTable(forecast));
    return;
  }
  if (values.from !== undefined || values.years !== undefined || values.mitigations !== undefined)
    throw new UsageError('--from, --years and --mitigations apply to --forecast only');
  const fy =
    parse(values.fy, FinancialYear, '--fy') ??
    financialYearLabel(financialYearStartOf(new Date().toISOString().slice(0, 10)));
  const asOf = parse(values['as-of'], IsoDate, '--as-of');
  if (values.by !== undefined && !(SPEND_DIMENSIONS as readonly string[]).includes(values.by))
    throw new UsageError(`--by must be one of ${SPEND_DIMENSIONS.join(', ')}, not ${values.by}`);
  if (values.funder !== undefined && !(FUNDERS as readonly string[]).includes(values.funder))
    throw new UsageError(`--funder must be one of ${FUNDERS.join(', ')}, not ${values.funder}`);
  if (values.outturn && (values.by !== undefined || values.funder !== undefined))
    throw new UsageError('--by and --funder apply to spend, not to --outturn');
  const newPlacements = values['new-placements'];
  if (!values.outturn && (asOf !== undefined || newPlacements !== undefined))
    throw new UsageError('--as-of and --new-placements apply to --outturn only');
  if (newPlacements !== undefined && newPlacements !== 'model' && newPlacements !== 'history')
    throw new UsageError(`--new-placements must be model or history, not ${newPlacements}`);

  if (values.outturn) {
    const query: QueryOf<'/outturn'> = { fy };
    if (asOf) query.asOf = asOf;
    if (newPlacements) query.newPlacements = newPlacements;
    const outturn = await ok(api().GET('/outturn', { params: { query } }));
    console.log(values.json ? JSON.stringify(outturn, null, 2) : outturnTable(outturn));
    return;
  }
  const query: QueryOf<'/spend'> = { fy };
  if (values.by) query.by = values.by as (typeof SPEND_DIMENSIONS)[number];
  if (values.funder) query.funder = values.funder as (typeof FUNDERS)[number];
  const spend = await ok(api().GET('/spend', { params: { query } }));
  console.log(values.json ? JSON.stringify(spend, null, 2) : spendTable(spend));
}, USAGE);
