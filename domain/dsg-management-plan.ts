// The DSG management plan over several years, from the finance forecast: the layout of the DfE template's
// high needs block (a row per category, a column per financial year), budget against forecast, the in-year
// and cumulative balance without and with mitigations, a mitigations table and the assumptions. Pure: the
// workbook and the CSV (functions/exports/dsg-management-plan.ts) both render these rows, so they agree.
import { DSG_CATEGORIES, DSG_CATEGORY_LABELS } from './codes';
import type { Forecast } from './forecast';

export interface PlanRow {
  /** DSG category code, or a line code (`TOTAL`, `P05`, `INYEAR` …) for the CSV. */
  code: string;
  label: string;
  /** One value per plan year (null where there is nothing to show, e.g. no budget set). */
  values: (number | null)[];
  /** A total line (bold, a formula in the workbook: the sum of the rows above it in its section). */
  total?: boolean;
}

export interface PlanSection {
  key: string;
  title: string;
  rows: PlanRow[];
}

export interface ManagementPlan {
  asOf: string;
  years: string[];
  /** Per year: actual, actual-and-forecast or forecast. */
  basis: string[];
  counts: string;
  method: string;
  sections: PlanSection[];
  mitigations: {
    id: string;
    name: string;
    description?: string;
    capitalCost?: number;
    savings: (number | null)[];
  }[];
  assumptions: [label: string, value: string][];
  unitCosts: {
    setting: string;
    dsgCategory: string;
    placements: number;
    education: number;
    allFunders: number;
  }[];
  warnings: string[];
}

const byCategory = (
  forecast: Forecast,
  pick: (row: Forecast['years'][number]['byDsg'][number]) => number | null,
) =>
  DSG_CATEGORIES.map((code) => ({
    code,
    label: DSG_CATEGORY_LABELS[code],
    values: forecast.years.map((year) => {
      const row = year.byDsg.find((r) => r.dsgCategory === code);
      return row ? pick(row) : null;
    }),
  }));

const sumOf = (rows: PlanRow[], year: number) => {
  const values = rows.map((row) => row.values[year]);
  if (values.every((value) => value === null || value === undefined)) return null;
  return Math.round(values.reduce<number>((sum, value) => sum + (value ?? 0), 0) * 100) / 100;
};

const withTotal = (rows: PlanRow[], years: number, label = 'Total'): PlanRow[] => [
  ...rows,
  { code: 'TOTAL', label, values: Array.from({ length: years }, (_, y) => sumOf(rows, y)), total: true },
];

const percent = (rate: number) => `${Math.round(rate * 10_000) / 100}%`;

/** The plan's rows from a high needs forecast (funder `education`). */
export function managementPlan(forecast: Forecast): ManagementPlan {
  const years = forecast.years.map((year) => year.financialYear);
  const n = years.length;
  const each = <T>(pick: (year: Forecast['years'][number]) => T) => forecast.years.map(pick);
  const mitigated = forecast.mitigations.length > 0;

  const budget = withTotal(
    byCategory(forecast, (row) => row.budget),
    n,
    'Total high needs budget',
  );
  const spend = withTotal(
    byCategory(forecast, (row) => row.forecast),
    n,
    'Total forecast spend, unmitigated (median)',
  );
  const sections: PlanSection[] = [
    { key: 'budget', title: 'Budget: high needs block by category', rows: budget },
    {
      key: 'forecast',
      title: 'Forecast spend by category, unmitigated (median; actual to date included)',
      rows: [
        ...spend,
        { code: 'ACTUAL', label: 'of which actual to date', values: each((y) => y.actualToDate) },
        { code: 'P05', label: 'Forecast spend, 5th percentile', values: each((y) => y.p05) },
        { code: 'P95', label: 'Forecast spend, 95th percentile', values: each((y) => y.p95) },
        { code: 'MEAN', label: 'Forecast spend, mean', values: each((y) => y.mean) },
        {
          code: 'CHILDREN',
          label: 'Children in plans over the year (median)',
          values: each((y) => y.placements?.p50 ?? null),
        },
      ],
    },
    {
      key: 'balance',
      title: 'DSG balance, unmitigated (median)',
      rows: [
        { code: 'BUDGET', label: 'Budget', values: each((y) => y.budget?.amount ?? null) },
        { code: 'SPEND', label: 'Forecast spend', values: each((y) => y.p50) },
        {
          code: 'VARIANCE',
          label: 'Variance (forecast − budget; positive is an overspend)',
          values: each((y) => y.variance?.p50 ?? null),
        },
        {
          code: 'OPENING',
          label: 'Cumulative balance brought forward',
          values: each((y) => y.dsgBalance?.opening.p50 ?? null),
        },
        {
          code: 'INYEAR',
          label: 'In-year balance (budget − spend)',
          values: each((y) => y.dsgBalance?.inYear.p50 ?? null),
        },
        {
          code: 'CUMULATIVE',
          label: 'Cumulative balance carried forward',
          values: each((y) => y.dsgBalance?.closing.p50 ?? null),
        },
        {
          code: 'CUMULATIVE_P05',
          label: 'Cumulative balance, 5th percentile (the worse end)',
          values: each((y) => y.dsgBalance?.closing.p05 ?? null),
        },
      ],
    },
  ];
  if (mitigated)
    sections.push({
      key: 'mitigated',
      title: 'DSG balance with the mitigations (median)',
      rows: [
        {
          code: 'SAVING',
          label: 'Savings from the mitigations',
          values: each((y) => y.mitigated?.saving.p50 ?? null),
        },
        { code: 'SPEND', label: 'Forecast spend, mitigated', values: each((y) => y.mitigated?.p50 ?? null) },
        {
          code: 'INYEAR',
          label: 'In-year balance, mitigated',
          values: each((y) => y.mitigated?.dsgBalance?.inYear.p50 ?? null),
        },
        {
          code: 'CUMULATIVE',
          label: 'Cumulative balance carried forward, mitigated',
          values: each((y) => y.mitigated?.dsgBalance?.closing.p50 ?? null),
        },
      ],
    });

  const a = forecast.assumptions;
  const assumptions: [string, string][] = [
    ['Forecast as at', forecast.asOf],
    ['What it counts', forecast.counts],
    ['Method', forecast.method],
    ['Annual cost uplift', `${percent(a.costUplift.rate)}: ${a.costUplift.source}`],
    ['Budget growth (years without a budget)', `${percent(a.budgetGrowth.rate)}: ${a.budgetGrowth.source}`],
    [
      'Opening DSG balance',
      a.openingDsgBalance
        ? `${a.openingDsgBalance.amount} on 1 April of ${a.openingDsgBalance.financialYear}: ${a.openingDsgBalance.source}`
        : 'not set',
    ],
    ['Price base', a.priceBase],
    ['Academic and financial years', a.academicYears],
    [
      'Model',
      `${a.model.method}, ${a.model.draws} draws, seed ${a.model.seed}, from the census of January ${a.model.baseCensus}${a.model.population ? `; population ${a.model.population}` : ''}`,
    ],
    ...a.unitCostFallbacks.map((line): [string, string] => ['Unit cost fallback', line]),
  ];
  return {
    asOf: forecast.asOf,
    years,
    basis: each((y) => y.basis),
    counts: forecast.counts,
    method: forecast.method,
    sections,
    mitigations: forecast.mitigations.map((m) => ({
      id: m.id,
      name: m.name,
      ...(m.description ? { description: m.description } : {}),
      ...(m.capitalCost === undefined ? {} : { capitalCost: m.capitalCost }),
      savings: years.map((fy) => m.savings.find((s) => s.financialYear === fy)?.p50 ?? null),
    })),
    assumptions,
    unitCosts: a.unitCosts,
    warnings: forecast.warnings ?? [],
  };
}
