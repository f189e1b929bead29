// The DSG management plan as files (aggregates: every group may read): /exports/dsg-plan.xlsx and .csv. A file
// route (exceljs), so it is served by the files function, not the main API bundle.
// - `?from=2026-27&years=5[&mitigations=id,id]` (the default when `fy` is absent): the multi-year management
//   plan from the finance forecast (budget against forecast by category, balances without and with the
//   mitigations, the mitigations, the assumptions).
// - `?fy=2025-26`: one year's placements and spend by category and age group, from the recorded placements.
import { managementPlan } from '../../../domain/dsg-management-plan';
import { dsgPlan } from '../../../domain/dsg-plan';
import { DsgPlanQuery } from '../../../domain/forecast';
import { managementPlanCsv, managementPlanWorkbook } from '../../exports/dsg-management-plan';
import { dsgPlanCsv, dsgPlanWorkbook } from '../../exports/dsg-plan';
import { forecastFor } from '../../finance/forecast';
import type { RouteHandlers } from '../app';
import type { AppDeps } from '../deps';
import { readQuery } from '../http';
import { XLSX_TYPE } from '../operation';
import { today } from './financial-year';

async function planOf(deps: AppDeps, query: DsgPlanQuery) {
  const forecast = await forecastFor(deps, { ...query, funder: 'education' }, today(deps.now()));
  const plan = managementPlan(forecast);
  return { plan, name: `dsg-management-plan-${plan.years[0]}-${plan.years.length}y` };
}

export const dsgPlanExportRoutes: RouteHandlers<'dsg-plan-exports'> = {
  'GET /exports/dsg-plan.xlsx': async (c) => {
    const deps = c.get('deps');
    const query = readQuery(c, DsgPlanQuery);
    const authority = deps.alerting.settings.authorityName;
    let file: { body: Buffer; name: string };
    if (query.fy) {
      const plan = dsgPlan(await deps.placements.all(), query.fy);
      file = { body: await dsgPlanWorkbook(plan, authority, deps.now()), name: `dsg-plan-${query.fy}` };
    } else {
      const { plan, name } = await planOf(deps, query);
      file = { body: await managementPlanWorkbook(plan, authority, deps.now()), name };
    }
    return c.body(new Uint8Array(file.body), 200, {
      'Content-Type': XLSX_TYPE,
      'Content-Disposition': `attachment; filename="${file.name}.xlsx"`,
    });
  },

  'GET /exports/dsg-plan.csv': async (c) => {
    const deps = c.get('deps');
    const query = readQuery(c, DsgPlanQuery);
    const file = query.fy
      ? { body: dsgPlanCsv(dsgPlan(await deps.placements.all(), query.fy)), name: `dsg-plan-${query.fy}` }
      : await planOf(deps, query).then(({ plan, name }) => ({ body: managementPlanCsv(plan), name }));
    return c.body(file.body, 200, {
      'Content-Type': 'text/csv; charset=utf-8',
      'Content-Disposition': `attachment; filename="${file.name}.csv"`,
    });
  },
};
