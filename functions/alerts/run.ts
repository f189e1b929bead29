// One alerts run for an authority and month: gather figures, evaluate the rules, publish one digest.
// Idempotent: the run is claimed with a conditional write first, so a retried or concurrent run never
// sends twice; a failed publish releases the claim so the next attempt can send.
import {
  type Alert,
  type AlertFigures,
  type AlertThresholds,
  buildDigest,
  type Digest,
  evaluateAlerts,
} from '../../domain/alerts';
import { YearMonth } from '../../domain/dates';

export interface AlertRun {
  authority: string;
  month: string;
  status: 'sending' | 'sent' | 'failed';
  alerts: Alert[];
  digest?: Digest;
  claimedAt: string;
  sentAt?: string;
  error?: string;
}

export interface AlertRunStore {
  get(authority: string, month: string): Promise<AlertRun | undefined>;
  /** Conditional write: true when this caller now owns the run (none yet, a failed one, or a stale claim). */
  claim(authority: string, month: string, now: Date): Promise<boolean>;
  markSent(
    authority: string,
    month: string,
    result: { alerts: Alert[]; digest: Digest; sentAt: string },
  ): Promise<void>;
  markFailed(authority: string, month: string, error: string): Promise<void>;
  /** Runs from `sinceMonth` (YYYY-MM) on, oldest first. */
  since(authority: string, sinceMonth: string): Promise<AlertRun[]>;
}

export interface Publisher {
  publish(message: Digest & { authority: string; month: string }): Promise<void>;
}

export interface AlertSettings {
  authority: string;
  authorityName: string;
  thresholds: AlertThresholds;
  dashboardUrl: string;
  /** Projected shortfalls are reported for censuses within these many months of the run date. */
  shortfallHorizonsMonths: number[];
}

export interface AlertRunResult {
  authority: string;
  month: string;
  alerts: Alert[];
  digest?: Digest;
  published: boolean;
  alreadySent: boolean;
}

export const previousMonth = (month: string): string => {
  const [year, monthNumber] = month.split('-').map(Number) as [number, number];
  return monthNumber === 1 ? `${year - 1}-12` : `${year}-${String(monthNumber - 1).padStart(2, '0')}`;
};

/** The run date of a month's alerts: the 1st, when the schedule fires. */
export const runDateOf = (month: string): string => `${month}-01`;

/** The month of a run, in the authority's own time zone (06:00 London on the 1st is still the 1st). */
export function monthOf(raw: string | undefined, now: Date): string {
  if (raw && YearMonth.safeParse(raw).success) return raw;
  const when = raw && !Number.isNaN(Date.parse(raw)) ? new Date(raw) : now;
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/London', year: 'numeric', month: '2-digit' })
      .formatToParts(when)
      .map((part) => [part.type, part.value]),
  );
  return `${parts.year}-${parts.month}`;
}

export async function runMonthlyAlerts(input: {
  month: string;
  settings: AlertSettings;
  gatherFigures: (asOf: string) => Promise<AlertFigures>;
  runs: AlertRunStore;
  publisher: Publisher;
  now: Date;
}): Promise<AlertRunResult> {
  const { month, settings, runs, publisher, now } = input;
  const existing = await runs.get(settings.authority, month);
  if (existing?.status === 'sent') return alreadySent(settings.authority, month, existing);
  if (!(await runs.claim(settings.authority, month, now))) {
    const current = await runs.get(settings.authority, month);
    return alreadySent(settings.authority, month, current);
  }

  try {
    const alerts = evaluateAlerts(await input.gatherFigures(runDateOf(month)), settings.thresholds);
    const previous = await runs.get(settings.authority, previousMonth(month));
    const digest = buildDigest({
      authorityName: settings.authorityName,
      month,
      alerts,
      previous: previous?.status === 'sent' ? previous.alerts : undefined,
      dashboardUrl: settings.dashboardUrl,
    });
    await publisher.publish({ ...digest, authority: settings.authority, month });
    await runs.markSent(settings.authority, month, { alerts, digest, sentAt: new Date().toISOString() });
    return { authority: settings.authority, month, alerts, digest, published: true, alreadySent: false };
  } catch (error) {
    await runs.markFailed(settings.authority, month, error instanceof Error ? error.message : String(error));
    throw error;
  }
}

function alreadySent(authority: string, month: string, run: AlertRun | undefined): AlertRunResult {
  return {
    authority,
    month,
    alerts: run?.alerts ?? [],
    ...(run?.digest ? { digest: run.digest } : {}),
    published: false,
    alreadySent: true,
  };
}
