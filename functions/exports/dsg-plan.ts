// The DSG management plan table as a workbook (exceljs) and as CSV. Rows: DSG categories; columns: age
// groups, each with placements and high needs spend; totals as formulas so an edited cell re-totals.
import type ExcelJS from 'exceljs';

import { financialYearBounds } from '../../domain/dates';
import type { DsgPlan } from '../../domain/dsg-plan';

// exceljs is loaded on first use: it is most of the files function's code, and most requests never need it.
const loadExcel = async () => (await import('exceljs')).default;

const CURRENCY = '"£"#,##0.00;[Red]-"£"#,##0.00';
const COUNT = '#,##0';
/** Rows of the header block above the table, and the two table header rows. */
const TITLE_ROWS = 5;
export const TABLE_HEADER_ROW = TITLE_ROWS + 1;
export const FIRST_DATA_ROW = TITLE_ROWS + 3;

const longDate = (iso: string) =>
  new Date(`${iso}T00:00:00Z`).toLocaleDateString('en-GB', {
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    timeZone: 'UTC',
  });

export function describePlan(plan: DsgPlan, authorityName: string, generatedAt: Date): string[] {
  const { start, end } = financialYearBounds(plan.financialYear);
  return [
    `${authorityName}: DSG management plan, high needs placements and spend`,
    `Financial year ${plan.financialYear} (${longDate(start)} to ${longDate(end)})`,
    `Placements in place at any time in the year; spend is their education (high needs block) cost at a daily rate of annual cost ÷ 365, dates inclusive; age on ${longDate(start)}.`,
    `Generated ${generatedAt.toISOString().slice(0, 16).replace('T', ' ')} UTC${plan.unknownAge > 0 ? `; ${plan.unknownAge} placement(s) without birth month or NCY are not shown` : ''}`,
  ];
}

/** A workbook with its first sheet: landscape, one page wide, the label columns and `headerRows` frozen. */
export async function planWorkbook(sheetName: string, headerRows: number, generatedAt: Date) {
  const workbook = new (await loadExcel()).Workbook();
  workbook.creator = 'send-sufficiency';
  workbook.created = generatedAt;
  const sheet = workbook.addWorksheet(sheetName, {
    views: [{ state: 'frozen', xSplit: 2, ySplit: headerRows }],
    pageSetup: { orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0 },
  });
  return { workbook, sheet };
}

export async function dsgPlanWorkbook(
  plan: DsgPlan,
  authorityName: string,
  generatedAt: Date,
): Promise<Buffer> {
  const { workbook, sheet } = await planWorkbook('DSG plan', TITLE_ROWS + 2, generatedAt);

  describePlan(plan, authorityName, generatedAt).forEach((line, i) => {
    const cell = sheet.getCell(i + 1, 1);
    cell.value = line;
    cell.font = i === 0 ? { bold: true, size: 14 } : { italic: i > 1, size: i === 1 ? 12 : 10 };
  });

  const groups = [...plan.ageGroups.map((group) => group.label), 'Total'];
  const groupHeader = sheet.getRow(TABLE_HEADER_ROW);
  const subHeader = sheet.getRow(TABLE_HEADER_ROW + 1);
  groupHeader.getCell(1).value = 'DSG category';
  groupHeader.getCell(2).value = 'Code';
  sheet.mergeCells(TABLE_HEADER_ROW, 1, TABLE_HEADER_ROW + 1, 1);
  sheet.mergeCells(TABLE_HEADER_ROW, 2, TABLE_HEADER_ROW + 1, 2);
  groups.forEach((label, g) => {
    const column = 3 + g * 2;
    groupHeader.getCell(column).value = label;
    sheet.mergeCells(TABLE_HEADER_ROW, column, TABLE_HEADER_ROW, column + 1);
    subHeader.getCell(column).value = 'Placements';
    subHeader.getCell(column + 1).value = 'Spend (£)';
  });
  for (const row of [groupHeader, subHeader])
    row.eachCell((cell) => {
      cell.font = { bold: true };
      cell.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
      cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFD9E1F2' } };
      cell.border = { bottom: { style: 'thin' } };
    });

  const lastDataRow = FIRST_DATA_ROW + plan.rows.length - 1;
  const totalColumn = 3 + plan.ageGroups.length * 2;
  const letter = (column: number) => sheet.getColumn(column).letter;
  const sumAcross = (rowNumber: number, offset: number, result: number) => ({
    formula: plan.ageGroups.map((_, g) => `${letter(3 + g * 2 + offset)}${rowNumber}`).join('+'),
    result,
  });
  plan.rows.forEach((row, r) => {
    const rowNumber = FIRST_DATA_ROW + r;
    const values: ExcelJS.CellValue[] = [row.label, row.dsgCategory];
    for (const group of plan.ageGroups)
      values.push(row.byAge[group.key].placements, row.byAge[group.key].spend);
    values.push(sumAcross(rowNumber, 0, row.total.placements), sumAcross(rowNumber, 1, row.total.spend));
    sheet.getRow(rowNumber).values = values;
  });
  const totalRow = sheet.getRow(lastDataRow + 1);
  totalRow.getCell(1).value = 'Total';
  const columnTotals = [
    ...plan.ageGroups.flatMap((group) => [
      plan.totals.byAge[group.key].placements,
      plan.totals.byAge[group.key].spend,
    ]),
    plan.totals.total.placements,
    plan.totals.total.spend,
  ];
  columnTotals.forEach((result, i) => {
    const column = 3 + i;
    totalRow.getCell(column).value = {
      formula: `SUM(${letter(column)}${FIRST_DATA_ROW}:${letter(column)}${lastDataRow})`,
      result,
    };
  });
  totalRow.eachCell((cell) => {
    cell.font = { bold: true };
    cell.border = { top: { style: 'thin' }, bottom: { style: 'double' } };
  });

  sheet.getColumn(1).width = 48;
  sheet.getColumn(2).width = 9;
  for (let column = 3; column <= totalColumn + 1; column++) {
    const isSpend = (column - 3) % 2 === 1;
    sheet.getColumn(column).width = isSpend ? 16 : 11;
    for (let rowNumber = FIRST_DATA_ROW; rowNumber <= lastDataRow + 1; rowNumber++)
      sheet.getCell(rowNumber, column).numFmt = isSpend ? CURRENCY : COUNT;
  }
  for (let rowNumber = FIRST_DATA_ROW; rowNumber <= lastDataRow + 1; rowNumber++) {
    sheet.getCell(rowNumber, totalColumn).font = { bold: true };
    sheet.getCell(rowNumber, totalColumn + 1).font = { bold: true };
  }
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

export const csvField = (value: string | number) => {
  const text = String(value);
  return /[",\n\r]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
};

/** One header line, a row per DSG category and a total row; amounts in pounds with pence, no symbols. */
export function dsgPlanCsv(plan: DsgPlan): string {
  const header = ['financial_year', 'dsg_category', 'label'];
  for (const group of [...plan.ageGroups.map((g) => g.key), 'total'])
    header.push(`${group.replaceAll('-', '_')}_placements`, `${group.replaceAll('-', '_')}_spend`);
  const line = (code: string, label: string, cells: { placements: number; spend: number }[]) =>
    [plan.financialYear, code, label, ...cells.flatMap((cell) => [cell.placements, cell.spend.toFixed(2)])]
      .map(csvField)
      .join(',');
  const lines = [
    header.join(','),
    ...plan.rows.map((row) =>
      line(row.dsgCategory, row.label, [...plan.ageGroups.map((g) => row.byAge[g.key]), row.total]),
    ),
    line('TOTAL', 'Total', [...plan.ageGroups.map((g) => plan.totals.byAge[g.key]), plan.totals.total]),
  ];
  return `${lines.join('\r\n')}\r\n`;
}
