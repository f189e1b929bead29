// Monthly capacity and spend alerts: pure rules over figures gathered elsewhere, and the digest a planner
// reads. The rules know nothing of where the digest goes (SNS in AWS, an outbox locally).
import type { Need, Phase } from './codes';
import { occupancyLevel, occupancyShare, type ProvisionOccupancy } from './occupancy';
import * as z from './zod';

export const AlertThresholds = z.strictObject({
  /** Share of a provision's commissioned places filled: warn at or above. */
  occupancyWarn: z.number().positive().default(0.9),
  /** … and critical at or above. */
  occupancyCritical: z.number().positive().default(1),
  /** Forecast outturn over budget, as a share of budget: warn at or above. */
  outturnOverBudgetWarn: z.number().nonnegative().default(0.02),
  /** Growth in out-of-borough placements over 12 months, as a share: warn above. */
  outOfBoroughGrowthWarn: z.number().nonnegative().default(0.1),
});
export type AlertThresholds = z.infer<typeof AlertThresholds>;
export type { ProvisionOccupancy } from './occupancy';

export const SEVERITIES = ['critical', 'warn', 'watch'] as const;
export type Severity = (typeof SEVERITIES)[number];
export const RULES = [
  'provision-occupancy',
  'projected-shortfall',
  'outturn-over-budget',
  'out-of-borough-growth',
] as const;
export type Rule = (typeof RULES)[number];

/** Alerts run for the current month, or catch up one of this many months before it; never a future month. */
export const ALERT_CATCH_UP_MONTHS = 12;

const monthIndex = (month: string) => Number(month.slice(0, 4)) * 12 + Number(month.slice(5, 7)) - 1;
const monthAt = (index: number) =>
  `${String(Math.floor(index / 12)).padStart(4, '0')}-${String((index % 12) + 1).padStart(2, '0')}`;

/**
 * Why alerts cannot run for `month` (YYYY-MM) in `currentMonth`, in a planner's words; undefined when they
 * can. A digest is published for good, so a month that has not started, or one too old to act on, is refused.
 */
export function alertMonthProblem(month: string, currentMonth: string): string | undefined {
  const behind = monthIndex(currentMonth) - monthIndex(month);
  const earliest = monthAt(monthIndex(currentMonth) - ALERT_CATCH_UP_MONTHS);
  const allowed = `alerts run for the current month (${currentMonth}) or, to catch up a missed month, one of the ${ALERT_CATCH_UP_MONTHS} before it (${earliest} to ${currentMonth})`;
  if (behind < 0) return `${month} has not started yet: ${allowed}`;
  if (behind > ALERT_CATCH_UP_MONTHS) return `${month} is too long ago: ${allowed}`;
  return undefined;
}

export const Alert = z
  .object({
    rule: z.enum(RULES),
    severity: z.enum(SEVERITIES),
    /** Stable identity of what the alert is about, to tell new alerts from continuing ones. */
    key: z.string(),
    subject: z.string(),
    message: z.string(),
    /** Dashboard view to open, relative to the dashboard URL (e.g. `#/sufficiency`). */
    view: z.string(),
    figures: z.record(z.string(), z.union([z.number(), z.string()])),
  })
  .meta({ id: 'Alert' });
export type Alert = z.infer<typeof Alert>;

export interface ProjectedShortfall {
  need: Need | string;
  phase: Phase;
  /** Census year the shortfall is projected for. */
  year: number;
  /** Months from the run date to that census (12 or 24 window). */
  withinMonths: number;
  places: number;
  demandP50: number;
  demandP95: number;
}

export interface OutturnFigures {
  financialYear: string;
  budget: number;
  forecastP50: number;
  forecastP95: number;
}

export interface AlertFigures {
  occupancy: ProvisionOccupancy[];
  shortfalls: ProjectedShortfall[];
  /** Why projected shortfalls could not be checked this run (e.g. no population stored), and what to do. */
  shortfallsUnchecked?: string;
  outturn?: OutturnFigures;
  outOfBorough: { now: number; yearAgo: number };
}

const round = (value: number, digits = 0) => Number(value.toFixed(digits));
const percent = (share: number) => `${round(share * 100, 1)}%`;
const money = (value: number) => `£${Math.round(value).toLocaleString('en-GB')}`;

export function occupancyAlerts(rows: ProvisionOccupancy[], t: AlertThresholds): Alert[] {
  return rows.flatMap((row) => {
    const share = occupancyShare(row);
    const level = occupancyLevel(share, t);
    if (level === 'ok') return [];
    const severity: Severity = level;
    const shown = Number.isFinite(share) ? percent(share) : 'over capacity';
    return [
      {
        rule: 'provision-occupancy',
        severity,
        key: `provision-occupancy:${row.provisionId}`,
        subject: `${row.name} is ${shown} full`,
        message: `${row.name}: ${row.occupied} children in ${row.places} commissioned places (${shown}).${
          severity === 'critical'
            ? ' No local place is left: the next child with this need is likely to go out of borough.'
            : ' Few places are left: review commissioning before the next admissions round.'
        }`,
        view: '#/provisions',
        figures: {
          places: row.places,
          occupied: row.occupied,
          occupancy: Number.isFinite(share) ? round(share, 3) : 'n/a',
        },
      },
    ];
  });
}

const shortfallSeverity = (row: ProjectedShortfall): Severity | undefined =>
  row.demandP50 > row.places ? 'warn' : row.demandP95 > row.places ? 'watch' : undefined;

/** Demand in whole children, rounded up as the dashboard's shortfall table rounds the places short. */
const children = (demand: number) => Math.ceil(demand);
/** Places short of whole-children demand: what the text shows, so its figures add up; 0 when none. */
const placesShort = (demand: number, places: number) => Math.max(0, children(demand) - Math.round(places));

/**
 * Shortfall against the median projection is a warning; against the 95th percentile only, one to watch. One
 * alert per need and phase, naming each horizon (12 and 24 months), so the digest stays short enough to act on.
 * The headline and the body speak of the same measure (the median for a warning, the 95th percentile, named,
 * for one to watch), and of whole places: the model apportions a provision's places in whole places.
 */
export function shortfallAlerts(rows: ProjectedShortfall[]): Alert[] {
  const groups = new Map<string, ProjectedShortfall[]>();
  for (const row of rows) {
    if (!shortfallSeverity(row)) continue;
    const key = `projected-shortfall:${row.need}:${row.phase}`;
    groups.set(key, [...(groups.get(key) ?? []), row]);
  }
  return [...groups].map(([key, group]) => {
    const ordered = [...group].sort((a, b) => a.year - b.year);
    const severity: Severity = ordered.some((row) => shortfallSeverity(row) === 'warn') ? 'warn' : 'watch';
    const onMedian = severity === 'warn';
    const gapOf = (row: ProjectedShortfall) =>
      placesShort(onMedian ? row.demandP50 : row.demandP95, row.places);
    const worst = ordered.reduce((a, b) => (gapOf(b) > gapOf(a) ? b : a));
    const first = ordered[0] as ProjectedShortfall;
    const short = (demand: number, places: number) => {
      const gap = placesShort(demand, places);
      return gap > 0 ? `, ${gap} short` : '';
    };
    const lines = ordered.map(
      (row) =>
        `January ${row.year} (within ${row.withinMonths} months): median demand ${children(row.demandP50)} against ` +
        `${round(row.places)} local places${short(row.demandP50, row.places)}; at the 95th percentile ` +
        `${children(row.demandP95)}${short(row.demandP95, row.places)}`,
    );
    return {
      rule: 'projected-shortfall',
      severity,
      key,
      subject: onMedian
        ? `${first.need} ${first.phase} specialist places short by ${gapOf(worst)} by January ${worst.year} on the median projection`
        : `${first.need} ${first.phase} specialist places could be short by ${gapOf(worst)} by January ${worst.year} at the 95th percentile`,
      message: `${first.need}, ${first.phase}: ${lines.join('; ')}. ${
        onMedian
          ? 'Short on the median projection: children will be placed independent or out of borough unless places are commissioned.'
          : 'Short only at the 95th percentile, if growth runs high: one to watch.'
      }`,
      view: '#/sufficiency',
      figures: {
        measure: onMedian ? 'median' : '95th percentile',
        year: worst.year,
        places: round(worst.places),
        demandP50: round(worst.demandP50, 1),
        demandP95: round(worst.demandP95, 1),
        shortfall: gapOf(worst),
      },
    } satisfies Alert;
  });
}

/** Shortfalls that could not be projected are said so every month until fixed, never silently skipped. */
export function uncheckedShortfallAlerts(reason: string | undefined): Alert[] {
  if (reason === undefined) return [];
  return [
    {
      rule: 'projected-shortfall',
      severity: 'watch',
      key: 'projected-shortfall:unchecked',
      subject: 'Projected shortfalls not checked',
      message: `Projected specialist-place shortfalls could not be checked: ${reason}.`,
      view: '#/sufficiency',
      figures: {},
    },
  ];
}

export function outturnAlerts(outturn: OutturnFigures | undefined, t: AlertThresholds): Alert[] {
  if (!outturn || outturn.budget <= 0) return [];
  const over = (outturn.forecastP50 - outturn.budget) / outturn.budget;
  if (over < t.outturnOverBudgetWarn) return [];
  return [
    {
      rule: 'outturn-over-budget',
      severity: 'warn',
      key: `outturn-over-budget:${outturn.financialYear}`,
      subject: `High-needs outturn ${percent(over)} over budget in ${outturn.financialYear}`,
      message: `Forecast outturn for ${outturn.financialYear} is ${money(outturn.forecastP50)} (up to ${money(
        outturn.forecastP95,
      )} at the 95th percentile) against a budget of ${money(outturn.budget)}: ${money(
        outturn.forecastP50 - outturn.budget,
      )} (${percent(over)}) over.`,
      view: '#/finance',
      figures: {
        budget: round(outturn.budget),
        forecastP50: round(outturn.forecastP50),
        forecastP95: round(outturn.forecastP95),
        overShare: round(over, 4),
      },
    },
  ];
}

export function outOfBoroughAlerts(counts: { now: number; yearAgo: number }, t: AlertThresholds): Alert[] {
  if (counts.yearAgo <= 0) return [];
  const growth = (counts.now - counts.yearAgo) / counts.yearAgo;
  if (growth <= t.outOfBoroughGrowthWarn) return [];
  return [
    {
      rule: 'out-of-borough-growth',
      severity: 'warn',
      key: 'out-of-borough-growth',
      subject: `Out-of-borough placements up ${percent(growth)} in 12 months`,
      message: `${counts.now} children are placed out of borough, against ${counts.yearAgo} a year ago (+${percent(
        growth,
      )}, above the ${percent(t.outOfBoroughGrowthWarn)} threshold).`,
      view: '#/overview',
      figures: { now: counts.now, yearAgo: counts.yearAgo, growth: round(growth, 4) },
    },
  ];
}

const SEVERITY_ORDER: Record<Severity, number> = { critical: 0, warn: 1, watch: 2 };

export function evaluateAlerts(figures: AlertFigures, thresholds: AlertThresholds): Alert[] {
  return [
    ...occupancyAlerts(figures.occupancy, thresholds),
    ...shortfallAlerts(figures.shortfalls),
    ...uncheckedShortfallAlerts(figures.shortfallsUnchecked),
    ...outturnAlerts(figures.outturn, thresholds),
    ...outOfBoroughAlerts(figures.outOfBorough, thresholds),
  ].sort(
    (a, b) =>
      SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity] ||
      Number(b.figures.shortfall ?? 0) - Number(a.figures.shortfall ?? 0) ||
      a.key.localeCompare(b.key),
  );
}

export interface Digest {
  subject: string;
  body: string;
}

/**
 * One plain-text digest per run: the alerts by severity, what changed since last month (new, continuing,
 * resolved, by alert key) and links to the dashboard views.
 */
export function buildDigest(input: {
  authorityName: string;
  month: string;
  alerts: Alert[];
  previous: Alert[] | undefined;
  dashboardUrl: string;
}): Digest {
  const { authorityName, month, alerts, previous, dashboardUrl } = input;
  const counts = SEVERITIES.map((s) => [s, alerts.filter((a) => a.severity === s).length] as const).filter(
    ([, n]) => n > 0,
  );
  const subject =
    alerts.length === 0
      ? `${authorityName} SEND sufficiency ${month}: no alerts`
      : `${authorityName} SEND sufficiency ${month}: ${counts.map(([s, n]) => `${n} ${s}`).join(', ')}`;
  const previousKeys = new Set(previous?.map((a) => a.key));
  const currentKeys = new Set(alerts.map((a) => a.key));
  const link = (view: string) => `${dashboardUrl.replace(/\/$/, '')}/${view}`;

  const lines = [`SEND sufficiency and high-needs spend alerts for ${authorityName}, ${month}.`, ''];
  if (alerts.length === 0) lines.push('Nothing crossed a threshold this month.', '');
  for (const severity of SEVERITIES) {
    const group = alerts.filter((a) => a.severity === severity);
    if (group.length === 0) continue;
    lines.push(`${severity.toUpperCase()} (${group.length})`);
    for (const alert of group) {
      const tag = previous === undefined ? '' : previousKeys.has(alert.key) ? ' [continuing]' : ' [new]';
      lines.push(`- ${alert.subject}${tag}`, `  ${alert.message}`, `  See ${link(alert.view)}`);
    }
    lines.push('');
  }
  lines.push('Since last month:');
  if (previous === undefined) lines.push('- This is the first digest on record.');
  else {
    const added = alerts.filter((a) => !previousKeys.has(a.key));
    const resolved = previous.filter((a) => !currentKeys.has(a.key));
    lines.push(
      `- ${added.length} new, ${alerts.length - added.length} continuing, ${resolved.length} resolved.`,
      ...resolved.map((a) => `- Resolved: ${a.subject}`),
    );
  }
  lines.push('', `Dashboard: ${link('#/overview')}`);
  return { subject: subject.slice(0, 100), body: lines.join('\n') };
}
