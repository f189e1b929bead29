// `npm run -s spend -- [--fy 2025-26] [--by need|setting|dsg|location|funder|month] [--funder education]
// [--json]` prints high needs spend from the running product (API_URL, default the local `npm start`;
// API_TOKEN as bearer token when set). `--outturn [--as-of YYYY-MM-DD] [--new-placements model|history]`
// prints the outturn forecast instead.
import { parseArgs } from 'node:util';
import { FUNDERS } from '../domain/codes';
import { FinancialYear, financialYearLabel, financialYearStartOf, IsoDate } from '../domain/dates';
import type { Outturn } from '../domain/outturn';
import { SPEND_DIMENSIONS, type SpendSummary } from '../domain/spend';
import { callApi, runCli, UsageError } from './api-client';

const USAGE = [
  'usage: npm run -s spend -- [--fy 2025-26] [--by need|setting|dsg|location|funder|month]',
  `                           [--funder ${FUNDERS.join('|')}] [--json]`,
  '       npm run -s spend -- --outturn [--fy 2025-26] [--as-of YYYY-MM-DD] [--new-placements model|history]',
  '                           [--json]',
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

  const query = new URLSearchParams({ fy });
  if (values.outturn) {
    if (asOf) query.set('asOf', asOf);
    if (newPlacements) query.set('newPlacements', newPlacements);
    const outturn = await callApi<Outturn>(`/outturn?${query}`);
    console.log(values.json ? JSON.stringify(outturn, null, 2) : outturnTable(outturn));
    return;
  }
  if (values.by) query.set('by', values.by);
  if (values.funder) query.set('funder', values.funder);
  const spend = await callApi<SpendSummary>(`/spend?${query}`);
  console.log(values.json ? JSON.stringify(spend, null, 2) : spendTable(spend));
}, USAGE);
