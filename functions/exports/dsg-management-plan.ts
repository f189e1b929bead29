// The multi-year DSG management plan as a workbook and as CSV, both from domain/dsg-management-plan.ts.
// Sheets: "High needs" (the DfE template's layout: a row per category, a column per year, budget, forecast,
// balances), "Mitigations" (savings by year) and "Assumptions" (settings, sources, method, unit costs).
import type ExcelJS from 'exceljs';
import type { ManagementPlan, PlanRow } from '../../domain/dsg-management-plan';
import { csvField, planWorkbook } from './dsg-plan';

const CURRENCY = '"£"#,##0.00;[Red]-"£"#,##0.00';
const HEADER_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFD9E1F2' } };
export const PLAN_SHEETS = {
  plan: 'High needs',
  mitigations: 'Mitigations',
  assumptions: 'Assumptions',
} as const;
/** Lines of the header block above the plan's table. */
export const PLAN_TITLE_ROWS = 4;

const BASIS_WORDS: Record<string, string> = {
  actual: 'actual',
  'actual-and-forecast': 'actual to date + forecast',
  forecast: 'forecast',
};

export async function managementPlanWorkbook(
  plan: ManagementPlan,
  authorityName: string,
  generatedAt: Date,
): Promise<Buffer> {
  const { workbook, sheet } = await planWorkbook(PLAN_SHEETS.plan, PLAN_TITLE_ROWS + 2, generatedAt);
  const years = plan.years;
  [
    `${authorityName}: DSG management plan, high needs block, ${years[0]} to ${years.at(-1)}`,
    `As at ${plan.asOf}. ${plan.counts}`,
    plan.method,
    `Generated ${generatedAt.toISOString().slice(0, 16).replace('T', ' ')} UTC${plan.warnings.length > 0 ? `. Warnings: ${plan.warnings.join('; ')}` : ''}`,
  ].forEach((line, i) => {
    const cell = sheet.getCell(i + 1, 1);
    cell.value = line;
    cell.font = i === 0 ? { bold: true, size: 14 } : { italic: true, size: 10 };
  });
  const header = sheet.getRow(PLAN_TITLE_ROWS + 1);
  header.values = ['Line', 'Code', ...years];
  const basis = sheet.getRow(PLAN_TITLE_ROWS + 2);
  basis.values = ['', '', ...plan.basis.map((b) => BASIS_WORDS[b] ?? b)];
  for (const row of [header, basis])
    row.eachCell((cell) => {
      cell.font = { bold: row === header };
      cell.fill = HEADER_FILL;
      cell.alignment = { horizontal: 'center' };
    });

  const letter = (column: number) => sheet.getColumn(column).letter;
  let rowNumber = PLAN_TITLE_ROWS + 3;
  for (const section of plan.sections) {
    rowNumber += 1;
    const title = sheet.getCell(rowNumber, 1);
    title.value = section.title;
    title.font = { bold: true, size: 12 };
    rowNumber += 1;
    const first = rowNumber;
    for (const line of section.rows) {
      const row = sheet.getRow(rowNumber);
      row.getCell(1).value = line.label;
      row.getCell(2).value = line.code;
      line.values.forEach((value, y) => {
        const cell = row.getCell(3 + y);
        // A total line re-totals the category rows above it, so an edited cell carries through.
        cell.value =
          line.total && value !== null
            ? { formula: `SUM(${letter(3 + y)}${first}:${letter(3 + y)}${rowNumber - 1})`, result: value }
            : value;
        cell.numFmt = line.code === 'CHILDREN' ? '#,##0.0' : CURRENCY;
      });
      if (line.total) row.eachCell((cell) => (cell.font = { bold: true }));
      rowNumber += 1;
    }
  }
  sheet.getColumn(1).width = 60;
  sheet.getColumn(2).width = 16;
  for (let y = 0; y < years.length; y++) sheet.getColumn(3 + y).width = 17;

  const mitigations = workbook.addWorksheet(PLAN_SHEETS.mitigations, {
    views: [{ state: 'frozen', ySplit: 1 }],
  });
  mitigations.getRow(1).values = ['Mitigation', 'Scenario id', 'Capital cost', ...years, 'Total saving'];
  mitigations.getRow(1).eachCell((cell) => {
    cell.font = { bold: true };
    cell.fill = HEADER_FILL;
  });
  plan.mitigations.forEach((m, i) => {
    const row = mitigations.getRow(2 + i);
    const total = m.savings.reduce<number>((sum, value) => sum + (value ?? 0), 0);
    row.values = [
      m.name,
      m.id,
      m.capitalCost ?? null,
      ...m.savings,
      {
        formula: `SUM(${mitigations.getColumn(4).letter}${2 + i}:${mitigations.getColumn(3 + years.length).letter}${2 + i})`,
        result: Math.round(total * 100) / 100,
      },
    ];
    row.eachCell((cell, column) => {
      if (column >= 3) cell.numFmt = CURRENCY;
    });
  });
  if (plan.mitigations.length === 0)
    mitigations.getCell(2, 1).value =
      'No mitigations asked for: add mitigations=<scenario ids> (GET /scenarios lists the planners’ scenarios).';
  mitigations.getColumn(1).width = 44;
  mitigations.getColumn(2).width = 38;
  for (let column = 3; column <= 4 + years.length; column++) mitigations.getColumn(column).width = 16;

  const assumptions = workbook.addWorksheet(PLAN_SHEETS.assumptions);
  assumptions.getRow(1).values = ['Assumption', 'Value and source'];
  assumptions.getRow(1).eachCell((cell) => {
    cell.font = { bold: true };
    cell.fill = HEADER_FILL;
  });
  plan.assumptions.forEach(([label, value], i) => {
    assumptions.getRow(2 + i).values = [label, value];
    assumptions.getCell(2 + i, 2).alignment = { wrapText: true, vertical: 'top' };
  });
  const costsAt = plan.assumptions.length + 3;
  assumptions.getRow(costsAt).values = [
    'Unit cost by setting (on the as-at date)',
    'DSG category',
    'Placements',
    'Education (£ a year)',
    'All funders (£ a year)',
  ];
  assumptions.getRow(costsAt).eachCell((cell) => {
    cell.font = { bold: true };
    cell.fill = HEADER_FILL;
  });
  plan.unitCosts.forEach((cost, i) => {
    const row = assumptions.getRow(costsAt + 1 + i);
    row.values = [cost.setting, cost.dsgCategory, cost.placements, cost.education, cost.allFunders];
    row.getCell(4).numFmt = CURRENCY;
    row.getCell(5).numFmt = CURRENCY;
  });
  assumptions.getColumn(1).width = 44;
  assumptions.getColumn(2).width = 100;
  for (const column of [3, 4, 5]) assumptions.getColumn(column).width = 20;
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

/**
 * One table: `section,code,line,<year>…`; the mitigations as section `mitigations` (code = scenario id) and
 * the assumptions as section `assumptions` (the value in the first year's column). Pounds with pence.
 */
export function managementPlanCsv(plan: ManagementPlan): string {
  const amount = (value: number | null) => (value === null ? '' : value.toFixed(2));
  const line = (section: string, row: Pick<PlanRow, 'code' | 'label' | 'values'>) =>
    [section, row.code, row.label, ...row.values.map(amount)].map(csvField).join(',');
  const lines = [
    ['section', 'code', 'line', ...plan.years].join(','),
    ...plan.sections.flatMap((section) => section.rows.map((row) => line(section.key, row))),
    ...plan.mitigations.map((m) => line('mitigations', { code: m.id, label: m.name, values: m.savings })),
    // Every line has every column: the value in the first year's, the others empty.
    ...plan.assumptions.map(([label, value]) =>
      ['assumptions', '', label, value, ...plan.years.slice(1).map(() => '')].map(csvField).join(','),
    ),
  ];
  return `${lines.join('\r\n')}\r\n`;
}
