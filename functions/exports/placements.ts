// A filtered list of placements as a workbook: the placements on the first sheet in the import's own
// headers (so the file re-imports as duplicates, like the CSV), what was asked for on a second sheet.
import { type Cell, placementTable } from '../imports/export';

// exceljs is loaded on first use: it is most of the files function's code, and most requests never need it.
const loadExcel = async () => (await import('exceljs')).default;

const COST_FORMAT = '"£"#,##0';

export async function placementsWorkbook(
  placements: Parameters<typeof placementTable>[0],
  about: { authorityName: string; filter: string[]; generatedAt: Date },
): Promise<Buffer> {
  const { header, rows } = placementTable(placements);
  const workbook = new (await loadExcel()).Workbook();
  workbook.creator = 'send-sufficiency';
  workbook.created = about.generatedAt;
  const sheet = workbook.addWorksheet('Placements', { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.addRow(header).font = { bold: true };
  // Booleans as the import reads them (Y/N), everything else as it is.
  const cell = (value: Cell) => (typeof value === 'boolean' ? (value ? 'Y' : 'N') : (value ?? null));
  for (const row of rows) sheet.addRow(row.map(cell));
  sheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: header.length } };
  header.forEach((name, index) => {
    const column = sheet.getColumn(index + 1);
    column.width = Math.max(10, Math.min(40, name.length + 4));
    if (/cost$/i.test(name)) column.numFmt = COST_FORMAT;
  });

  const info = workbook.addWorksheet('About this export');
  info.addRows([
    [`${about.authorityName}: placements`],
    ['Filter', about.filter.length > 0 ? about.filter.join('; ') : 'All placements'],
    ['Placements', rows.length],
    ['Generated', `${about.generatedAt.toISOString().slice(0, 16).replace('T', ' ')} UTC`],
    ['Costs', 'Annual costs in force today, by funder; the placement page has each cost’s history.'],
  ]);
  info.getRow(1).font = { bold: true, size: 14 };
  info.getColumn(1).width = 14;
  info.getColumn(2).width = 90;
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
