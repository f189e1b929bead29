// Data readiness: what an authority has loaded and what is missing, for its first week. Pure: the route
// (functions/api/routes/readiness.ts) gathers the facts from the stores; this file judges them, and says for
// each item that is not ready the route or command that fills it. The dashboard's #/readiness shows it.
import { SETTING_INFO, Setting } from './codes';
import * as z from './zod';

export const READINESS_STATUSES = ['ready', 'partial', 'missing'] as const;
export type ReadinessStatus = (typeof READINESS_STATUSES)[number];

export const READINESS_ITEMS = [
  'censuses',
  'population',
  'provisions',
  'budget',
  'unit-costs',
  'alerts',
] as const;
export type ReadinessItemId = (typeof READINESS_ITEMS)[number];

/** How to fill an item: the API route, and the command that calls it where there is one. */
export const ReadinessFill = z.object({
  route: z.string(),
  command: z.string().optional(),
  /** Who may call the route (infra/route-access.ts). */
  group: z.string(),
});
export type ReadinessFill = z.infer<typeof ReadinessFill>;

export const ReadinessItem = z.object({
  id: z.enum(READINESS_ITEMS),
  title: z.string(),
  status: z.enum(READINESS_STATUSES),
  /** One sentence: what is there, and what the product does with it. */
  summary: z.string(),
  /** What is missing, one line each (e.g. the provisions without next year's places). */
  missing: z.array(z.string()),
  /** Present unless the item is ready. */
  fill: ReadinessFill.optional(),
});
export type ReadinessItem = z.infer<typeof ReadinessItem>;

/** The facts readiness is judged from. */
export const ReadinessFacts = z.object({
  /** Today (YYYY-MM-DD). */
  asOf: z.string(),
  /** Each January census from the first after the earliest placement to the last on or before today. */
  censuses: z.array(z.object({ year: z.number().int(), children: z.number().int() })),
  /** January censuses the model needs: to project at all, and to choose a joiner trend by back-test. */
  censusesNeeded: z.object({ toProject: z.number().int(), forTrend: z.number().int() }),
  population: z
    .object({
      areaCode: z.string(),
      areaName: z.string(),
      firstYear: z.number().int(),
      lastYear: z.number().int(),
    })
    .optional(),
  /** The authority's slug: its config (infra/authorities/<slug>.json) names its ONS area. */
  authority: z.string(),
  provisions: z.array(
    z.object({ id: z.string(), name: z.string(), academicYears: z.array(z.number().int()) }),
  ),
  /** The academic year containing today, by its starting year (2026 is 2026/27). */
  academicYear: z.number().int(),
  financialYear: z.string(),
  budget: z.object({ total: z.number() }).optional(),
  /** The latest census's children by setting and where they are (in or out of borough), with their costs. */
  unitCosts: z.object({
    census: z.number().int().optional(),
    settings: z.array(
      z.object({
        setting: Setting,
        outOfBorough: z.boolean(),
        children: z.number().int(),
        costed: z.number().int(),
        meanCost: z.number().optional(),
      }),
    ),
  }),
  /** This month (YYYY-MM) and the latest alert run on record, if any. */
  month: z.string(),
  lastAlertRun: z
    .object({
      month: z.string(),
      status: z.enum(['sending', 'sent', 'failed']),
      alerts: z.number().int(),
      sentAt: z.string().optional(),
    })
    .optional(),
});
export type ReadinessFacts = z.infer<typeof ReadinessFacts>;

/** The `/readiness` answer. */
export const Readiness = z
  .object({
    asOf: z.string(),
    /** Every item ready. */
    ready: z.boolean(),
    items: z.array(ReadinessItem),
    facts: ReadinessFacts,
  })
  .meta({ id: 'Readiness' });
export type Readiness = z.infer<typeof Readiness>;

export const academicYearLabel = (startYear: number) =>
  `${startYear}/${String((startYear + 1) % 100).padStart(2, '0')}`;

const plural = (count: number, one: string, many = `${one}s`) =>
  `${count.toLocaleString('en-GB')} ${count === 1 ? one : many}`;

const previousMonthOf = (month: string): string => {
  const [year, monthNumber] = month.split('-').map(Number) as [number, number];
  return monthNumber === 1 ? `${year - 1}-12` : `${year}-${String(monthNumber - 1).padStart(2, '0')}`;
};

export const settingLabel = (setting: Setting, outOfBorough: boolean) =>
  `${SETTING_INFO[setting].label}, ${outOfBorough ? 'out of borough' : 'in borough'}`;

const IMPORT_PLACEMENTS: ReadinessFill = {
  route: 'POST /imports',
  command: 'npm run -s import -- <placements.csv or SEN2 return>',
  group: 'caseworkers',
};

function censusesItem({ censuses, censusesNeeded }: ReadinessFacts): ReadinessItem {
  const counted = censuses.filter((census) => census.children > 0);
  const title = 'January censuses of history';
  if (counted.length === 0)
    return {
      id: 'censuses',
      title,
      status: 'missing',
      summary: `No placements recorded: the model needs at least ${censusesNeeded.toProject} January censuses of placements to project.`,
      missing: ['placements, ended ones included, back to at least January of two years ago'],
      fill: IMPORT_PLACEMENTS,
    };
  const first = counted[0]?.year as number;
  const last = counted.at(-1)?.year as number;
  const span = `${plural(counted.length, 'census', 'censuses')} with children (January ${first}${first === last ? '' : ` to January ${last}`})`;
  if (counted.length < censusesNeeded.toProject)
    return {
      id: 'censuses',
      title,
      status: 'missing',
      summary: `${span}: the model needs at least ${censusesNeeded.toProject} to project.`,
      missing: [`placements in place in January ${first - 1}, ended ones included`],
      fill: IMPORT_PLACEMENTS,
    };
  if (counted.length < censusesNeeded.forTrend)
    return {
      id: 'censuses',
      title,
      status: 'partial',
      summary: `${span}: enough to project, with new plans on a damped trend alone; from ${censusesNeeded.forTrend} censuses the model weighs its trends by how well each forecast the past.`,
      missing: [
        `${plural(censusesNeeded.forTrend - counted.length, 'earlier census', 'earlier censuses')} (placements in place in January ${first - (censusesNeeded.forTrend - counted.length)}–${first - 1}, ended ones included)`,
      ],
      fill: IMPORT_PLACEMENTS,
    };
  return {
    id: 'censuses',
    title,
    status: 'ready',
    summary: `${span}: enough for the model, its trends for new plans weighed by how well each forecast the past.`,
    missing: [],
  };
}

function populationItem({ population, authority }: ReadinessFacts): ReadinessItem {
  const title = 'Population projection';
  if (population)
    return {
      id: 'population',
      title,
      status: 'ready',
      summary: `${population.areaName} (${population.areaCode}), ages 0–25, ${population.firstYear}–${population.lastYear}: joiner rates and projections use it.`,
      missing: [],
    };
  return {
    id: 'population',
    title,
    status: 'missing',
    summary:
      "No population loaded: projections and the witan.send population file cannot be made, the outturn's new placements come from history only and alerts do not check shortfalls.",
    missing: ["the ONS subnational population projection for the authority's area (ages 0–25)"],
    fill: {
      route: 'PUT /population',
      command: `npm run -s population -- put <ONS population projection CSV> --authority ${authority}`,
      group: 'planners',
    },
  };
}

function provisionsItem({ provisions, academicYear }: ReadinessFacts): ReadinessItem {
  const title = 'Provisions with commissioned places';
  const years = [academicYear, academicYear + 1];
  const wanted = years.map(academicYearLabel).join(' and ');
  if (provisions.length === 0)
    return {
      id: 'provisions',
      title,
      status: 'missing',
      summary: `No local provisions recorded: sufficiency and the occupancy alerts have no places to compare demand with.`,
      missing: [`each resourced provision and special school, with its commissioned places for ${wanted}`],
      fill: { route: 'POST /provisions', group: 'planners' },
    };
  const missing = provisions.flatMap(({ name, academicYears }) => {
    const lacking = years.filter((year) => !academicYears.includes(year));
    return lacking.length === 0
      ? []
      : [`${name}: places for ${lacking.map(academicYearLabel).join(' and ')}`];
  });
  const complete = provisions.length - missing.length;
  if (missing.length === 0)
    return {
      id: 'provisions',
      title,
      status: 'ready',
      summary: `${plural(provisions.length, 'provision')}, each with commissioned places for ${wanted}.`,
      missing: [],
    };
  return {
    id: 'provisions',
    title,
    status: 'partial',
    summary: `${complete} of ${plural(provisions.length, 'provision')} have commissioned places for ${wanted}; the others carry their latest earlier figure forward.`,
    missing,
    fill: { route: 'PATCH /provisions/{id} (commissionedPlaces)', group: 'planners' },
  };
}

function budgetItem({ budget, financialYear }: ReadinessFacts): ReadinessItem {
  const title = `Budget for ${financialYear}`;
  if (budget)
    return {
      id: 'budget',
      title,
      status: 'ready',
      summary: `Set: £${Math.round(budget.total).toLocaleString('en-GB')}; the outturn and the over-budget alert compare with it.`,
      missing: [],
    };
  return {
    id: 'budget',
    title,
    status: 'missing',
    summary: `No budget for ${financialYear}: the outturn forecast has nothing to compare with and the over-budget alert cannot fire.`,
    missing: [`the high-needs budget lines for ${financialYear}`],
    fill: { route: `PUT /budgets/${financialYear}`, group: 'finance' },
  };
}

/**
 * Settings no placement is paid for: a young person not in education, employment or training, and a child
 * educated at home by the parents' choice. £0 there is a true cost, not a gap.
 */
export const UNPAID_SETTINGS: readonly Setting[] = ['neet', 'home-education'];

function unitCostsItem({ unitCosts }: ReadinessFacts): ReadinessItem {
  const title = 'Unit costs by setting';
  const fill: ReadinessFill = {
    route: 'PATCH /placements/{id} (costs), or the costs columns of an import (POST /imports)',
    command: 'npm run -s import -- <placements.csv with cost columns>',
    group: 'caseworkers',
  };
  const { census, settings } = unitCosts;
  if (census === undefined || settings.length === 0)
    return {
      id: 'unit-costs',
      title,
      status: 'missing',
      summary: 'No children in a January census yet, so no unit costs: projected costs would be £0.',
      missing: ['placements with their annual costs'],
      fill,
    };
  const paid = settings.filter((row) => !UNPAID_SETTINGS.includes(row.setting));
  const uncosted = paid.filter((row) => row.costed === 0);
  const children = paid.reduce((sum, row) => sum + row.children, 0);
  const costedChildren = paid.reduce((sum, row) => sum + row.costed, 0);
  const unpaid = settings.length - paid.length;
  const counts =
    `${paid.length - uncosted.length} of ${plural(paid.length, 'paid setting')} in the January ${census} census ` +
    `have a recorded cost (${costedChildren.toLocaleString('en-GB')} of ${plural(children, 'child', 'children')})` +
    (unpaid > 0 ? '; NEET and elective home education carry no placement cost' : '');
  if (paid.length > 0 && uncosted.length === paid.length)
    return {
      id: 'unit-costs',
      title,
      status: 'missing',
      summary: `No child in the January ${census} census has a recorded cost: projected costs would be £0.`,
      missing: uncosted.map((row) => settingLabel(row.setting, row.outOfBorough)),
      fill,
    };
  if (uncosted.length > 0)
    return {
      id: 'unit-costs',
      title,
      status: 'partial',
      // The model's unit cost of a cell is the mean of the costs recorded in it, zeros included.
      summary: `${counts}. The model prices the others at £0, as recorded.`,
      missing: uncosted.map(
        (row) =>
          `${settingLabel(row.setting, row.outOfBorough)}: ${plural(row.children, 'child', 'children')}, none with a cost`,
      ),
      fill,
    };
  return { id: 'unit-costs', title, status: 'ready', summary: `${counts}.`, missing: [] };
}

function alertsItem({ lastAlertRun, month }: ReadinessFacts): ReadinessItem {
  const title = 'Last alert run';
  const fill: ReadinessFill = {
    route: 'POST /alerts/runs',
    command: `npm run -s alerts -- --month ${month}`,
    group: 'planners',
  };
  if (!lastAlertRun)
    return {
      id: 'alerts',
      title,
      status: 'missing',
      summary:
        'No alert run on record in the last 12 months: a deployed stack runs them on the 1st of each month.',
      missing: [`the ${month} alerts`],
      fill,
    };
  const recent = lastAlertRun.month >= previousMonthOf(month);
  if (lastAlertRun.status === 'sent' && recent)
    return {
      id: 'alerts',
      title,
      status: 'ready',
      summary: `${lastAlertRun.month}: digest sent${lastAlertRun.sentAt ? ` on ${lastAlertRun.sentAt.slice(0, 10)}` : ''} with ${plural(lastAlertRun.alerts, 'alert')}.`,
      missing: [],
    };
  return {
    id: 'alerts',
    title,
    status: 'partial',
    summary:
      lastAlertRun.status === 'sent'
        ? `The last digest was for ${lastAlertRun.month}: months since have not been run.`
        : `The ${lastAlertRun.month} run is ${lastAlertRun.status === 'failed' ? 'marked failed' : 'still sending'}.`,
    missing: [`the ${month} alerts`],
    fill,
  };
}

/** Judges each item from the facts, in the order an authority would load them. */
export function assessReadiness(facts: ReadinessFacts): Readiness {
  const items = [
    censusesItem(facts),
    populationItem(facts),
    provisionsItem(facts),
    budgetItem(facts),
    unitCostsItem(facts),
    alertsItem(facts),
  ];
  return { asOf: facts.asOf, ready: items.every((item) => item.status === 'ready'), items, facts };
}
