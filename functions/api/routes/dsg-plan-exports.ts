// The DSG management plan as files (aggregates: every group may read): /exports/dsg-plan.xlsx and .csv. A file
// route (exceljs), so it is served by the files function, not the main API bundle.
import { Hono } from 'hono';
import { FinancialYear } from '../../../domain/dates';
import { dsgPlan } from '../../../domain/dsg-plan';
import * as z from '../../../domain/zod';
import { dsgPlanCsv, dsgPlanWorkbook } from '../../exports/dsg-plan';
import type { AppEnv } from '../app';
import { readQuery } from '../http';
import { currentFinancialYear } from './financial-year';

const ExportQuery = z.strictObject({ fy: FinancialYear.optional() });
const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

export function dsgPlanExportRoutes() {
  const routes = new Hono<AppEnv>();

  routes.get('/exports/dsg-plan.xlsx', async (c) => {
    const deps = c.get('deps');
    const { fy = currentFinancialYear(deps.now()) } = readQuery(c, ExportQuery);
    const plan = dsgPlan(await deps.placements.all(), fy);
    const workbook = await dsgPlanWorkbook(plan, deps.alerting.settings.authorityName, deps.now());
    return c.body(new Uint8Array(workbook), 200, {
      'Content-Type': XLSX_TYPE,
      'Content-Disposition': `attachment; filename="dsg-plan-${fy}.xlsx"`,
    });
  });

  routes.get('/exports/dsg-plan.csv', async (c) => {
    const deps = c.get('deps');
    const { fy = currentFinancialYear(deps.now()) } = readQuery(c, ExportQuery);
    const csv = dsgPlanCsv(dsgPlan(await deps.placements.all(), fy));
    return c.body(csv, 200, {
      'Content-Type': 'text/csv; charset=utf-8',
      'Content-Disposition': `attachment; filename="dsg-plan-${fy}.csv"`,
    });
  });

  return routes;
}
