// The multi-year DSG management plan (domain/dsg-management-plan.ts) and its files
// (functions/exports/dsg-management-plan.ts), read back: the workbook holds the forecast's figures in the
// DfE template's layout (a row per high needs category, a column per year), the CSV the same rows.
import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { DSG_CATEGORIES } from '../../domain/codes';
import { managementPlan } from '../../domain/dsg-management-plan';
import { forecastSpend, planYears } from '../../domain/forecast';
import { UnitCosts } from '../../domain/forecast-pricing';
import {
  managementPlanCsv,
  managementPlanWorkbook,
  PLAN_SHEETS,
  PLAN_TITLE_ROWS,
} from '../../functions/exports/dsg-management-plan';
import { type Cell, input, randomWalkDraws, runOf, settings } from '../helpers/forecast';
import { education, storedPlacement } from '../helpers/placement';

const placements = [
  storedPlacement('a', { startDate: '2019-09-01', costs: education(20_000) }),
  storedPlacement('b', {
    startDate: '2019-09-01',
    setting: 'independent-special',
    inBorough: false,
    costs: education(60_000),
  }),
];
const unitCosts = new UnitCosts(placements, '2026-11-30');
const years = planYears('2026-27', 5);
// Baseline: 100 children in maintained special drifting, 10 independent; the mitigation has 2 fewer independent.
const draws = (independent: number): Cell[][][] =>
  randomWalkDraws(200, 6).map((draw) =>
    draw.map((cells, t) => [
      ...cells,
      ['ASD', 'independent-special@OB', 5, t === 0 ? 10 : independent] as Cell,
    ]),
  );
const forecast = forecastSpend(
  input({
    placements,
    financialYears: years,
    baseline: runOf(unitCosts, 2026, draws(10)),
    mitigations: [
      { id: 'scn-1', name: 'Two fewer independent places', run: runOf(unitCosts, 2026, draws(8)) },
    ],
    budgets: new Map([
      [
        '2026-27',
        {
          lines: [
            { dsgCategory: 'MdSSA' as const, amount: 2_000_000 },
            { dsgCategory: 'NMISS' as const, amount: 500_000 },
          ],
          openingDsgBalance: -750_000,
        },
      ],
    ]),
    settings: settings({
      costUplift: { rate: 0.03 },
      budgetGrowth: { rate: 0.02, source: 'Outlook letter' },
    }),
  }),
);
const plan = managementPlan(forecast);

/** Rows of the plan sheet by section title: line code → values by year. */
function readPlanSheet(sheet: ExcelJS.Worksheet) {
  const sections = new Map<string, Map<string, (number | null)[]>>();
  let current: Map<string, (number | null)[]> | undefined;
  sheet.eachRow((row, rowNumber) => {
    if (rowNumber <= PLAN_TITLE_ROWS + 2) return;
    const label = row.getCell(1).value;
    const code = row.getCell(2).value;
    if (typeof label === 'string' && code === null) {
      current = new Map();
      sections.set(label, current);
      return;
    }
    const values = years.map((_, y) => {
      const value = row.getCell(3 + y).value;
      if (value === null || value === undefined) return null;
      return typeof value === 'object' && 'result' in value ? (value.result as number) : (value as number);
    });
    current?.set(String(code), values);
  });
  return sections;
}

describe('the DSG management plan', () => {
  it('has a row per high needs category and a column per year, adding up to the forecast', () => {
    const forecastSection = plan.sections.find((s) => s.key === 'forecast');
    expect(plan.years).toEqual(years);
    const codes = forecastSection?.rows.map((row) => row.code);
    expect(codes?.slice(0, DSG_CATEGORIES.length)).toEqual([...DSG_CATEGORIES]);
    const total = forecastSection?.rows.find((row) => row.code === 'TOTAL');
    for (const [y, year] of forecast.years.entries()) expect(total?.values[y]).toBeCloseTo(year.p50, 2);
  });

  it('reads back from the workbook: the layout, budget vs forecast, balances unmitigated and mitigated, mitigations, assumptions', async () => {
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(
      (await managementPlanWorkbook(plan, 'Test Borough', new Date('2026-12-01T10:00:00Z'))) as never,
    );
    expect(workbook.worksheets.map((sheet) => sheet.name)).toEqual([
      PLAN_SHEETS.plan,
      PLAN_SHEETS.mitigations,
      PLAN_SHEETS.assumptions,
    ]);
    const sheet = workbook.getWorksheet(PLAN_SHEETS.plan) as ExcelJS.Worksheet;
    expect(String(sheet.getCell(1, 1).value)).toBe(
      'Test Borough: DSG management plan, high needs block, 2026-27 to 2030-31',
    );
    expect((sheet.getRow(PLAN_TITLE_ROWS + 1).values as unknown[]).slice(1)).toEqual([
      'Line',
      'Code',
      ...years,
    ]);
    expect(sheet.getCell(PLAN_TITLE_ROWS + 2, 3).value).toBe('actual to date + forecast');
    expect(sheet.getCell(PLAN_TITLE_ROWS + 2, 4).value).toBe('forecast');

    const sections = readPlanSheet(sheet);
    const [budget, spend, balance, mitigated] = plan.sections.map((s) => sections.get(s.title));
    // Budget: the stored lines, then grown 2% a year.
    expect(budget?.get('MdSSA')).toEqual([2_000_000, 2_040_000, 2_080_800, 2_122_416, 2_164_864.32]);
    expect(budget?.get('TOTAL')?.[1]).toBe(2_550_000);
    // Forecast by category: each year's rows are the API's byDsg, the total its p50.
    forecast.years.forEach((year, y) => {
      for (const row of year.byDsg) expect(spend?.get(row.dsgCategory)?.[y]).toBe(row.forecast);
      expect(spend?.get('TOTAL')?.[y]).toBeCloseTo(year.p50, 2);
      expect(spend?.get('P95')?.[y]).toBe(year.p95);
      expect(balance?.get('INYEAR')?.[y]).toBe(year.dsgBalance?.inYear.p50);
      expect(balance?.get('CUMULATIVE')?.[y]).toBe(year.dsgBalance?.closing.p50);
      expect(mitigated?.get('CUMULATIVE')?.[y]).toBe(year.mitigated?.dsgBalance?.closing.p50);
      expect(mitigated?.get('SAVING')?.[y]).toBe(year.mitigated?.saving.p50);
    });
    // The total line is a formula over the category rows, so an edited cell re-totals.
    const totalCell = [...Array(sheet.rowCount).keys()]
      .map((i) => sheet.getRow(i + 1))
      .find((row) => row.getCell(2).value === 'TOTAL')
      ?.getCell(3).value as ExcelJS.CellFormulaValue;
    expect(totalCell.formula).toMatch(/^SUM\(C\d+:C\d+\)$/);
    // Two independent places fewer from census 2027: 2 × £60,000 × 4/12 in 2026-27, then uplifted a year.
    expect(mitigated?.get('SAVING')?.[0]).toBe(40_000);
    expect(mitigated?.get('SAVING')?.[1]).toBe(123_600);

    const mitigations = workbook.getWorksheet(PLAN_SHEETS.mitigations) as ExcelJS.Worksheet;
    expect(mitigations.getCell(2, 1).value).toBe('Two fewer independent places');
    expect(mitigations.getCell(2, 2).value).toBe('scn-1');
    expect(mitigations.getCell(2, 4).value).toBe(40_000);

    const assumptions = workbook.getWorksheet(PLAN_SHEETS.assumptions) as ExcelJS.Worksheet;
    const byLabel = new Map<string, string>();
    assumptions.eachRow((row) => byLabel.set(String(row.getCell(1).value), String(row.getCell(2).value)));
    expect(byLabel.get('Annual cost uplift')).toMatch(/^3%: /);
    expect(byLabel.get('Budget growth (years without a budget)')).toBe('2%: Outlook letter');
    expect(byLabel.get('Opening DSG balance')).toMatch(/^-750000 on 1 April of 2026-27/);
    expect(byLabel.get('maintained-special@IB')).toBe('MdSSA');
  });

  it('CSV: the same rows, one line each, pounds with pence', () => {
    const rows = parse(managementPlanCsv(plan), { columns: true }) as Record<string, string>[];
    const line = (section: string, code: string) =>
      rows.find((r) => r.section === section && r.code === code);
    expect(Object.keys(rows[0] ?? {})).toEqual(['section', 'code', 'line', ...years]);
    expect(line('budget', 'MdSSA')?.['2027-28']).toBe('2040000.00');
    expect(Number(line('forecast', 'TOTAL')?.['2028-29'])).toBeCloseTo(forecast.years[2]?.p50 ?? 0, 2);
    expect(line('mitigated', 'CUMULATIVE')?.['2030-31']).toBe(
      forecast.years[4]?.mitigated?.dsgBalance?.closing.p50.toFixed(2),
    );
    expect(line('mitigations', 'scn-1')?.['2026-27']).toBe('40000.00');
    expect(
      rows.find((r) => r.section === 'assumptions' && r.line === 'Annual cost uplift')?.['2026-27'],
    ).toMatch(/^3%/);
  });
});
