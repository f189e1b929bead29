// One alerts run for an authority and month: gather figures, evaluate the rules, publish one digest.
// Idempotent: the run is claimed with a conditional write first, so a retried or concurrent run never sends
// twice. The claim is a lease the live run renews: a run that fails marks its month failed, and one that dies
// mid-way (a crash, a timeout) frees its month when its lease runs out, so a retry soon after sends the digest.
// Meanwhile another attempt is told the run is in progress (AlertRunInProgressError: 409 with retryAfter;
// the scheduled function throws it, so Lambda retries the scheduled event).
import { randomUUID } from 'node:crypto';
import {
  type Alert,
  type AlertFigures,
  type AlertThresholds,
  buildDigest,
  type Digest,
  evaluateAlerts,
} from '../../domain/alerts';
import { YearMonth } from '../../domain/dates';
import { AppError } from '../api/errors';

/** A claim holds this long unless renewed: how soon a month is free again after its run died. */
export const CLAIM_LEASE_MS = 30_000;

export interface AlertRun {
  authority: string;
  month: string;
  status: 'sending' | 'sent' | 'failed';
  alerts: Alert[];
  digest?: Digest;
  claimedAt: string;
  /** While sending: the claim is the claiming run's until then (it renews it as it goes). */
  leaseUntil?: string;
  sentAt?: string;
  error?: string;
}

export interface AlertRunStore {
  get(authority: string, month: string): Promise<AlertRun | undefined>;
  /**
   * Conditional write: true when the run is now claimed as `claim.id` until `claim.leaseUntil` (there was no
   * run, a failed one, or one whose lease ran out before `claim.now`).
   */
  claim(authority: string, month: string, claim: Claim): Promise<boolean>;
  /** Moves the lease of claim `id` on to `leaseUntil`; false when the run is no longer that claim's. */
  renew(authority: string, month: string, id: string, leaseUntil: Date): Promise<boolean>;
  /** Marks claim `id`'s run sent (conditional on the claim). */
  markSent(
    authority: string,
    month: string,
    id: string,
    result: { alerts: Alert[]; digest: Digest; sentAt: string },
  ): Promise<void>;
  /** Marks claim `id`'s run failed; nothing when the run is no longer that claim's. */
  markFailed(authority: string, month: string, id: string, error: string): Promise<void>;
  /** Runs from `sinceMonth` (YYYY-MM) on, oldest first. */
  since(authority: string, sinceMonth: string): Promise<AlertRun[]>;
}

export interface Claim {
  id: string;
  now: Date;
  leaseUntil: Date;
}

/** Another attempt holds the month's run: try again after `retryAfter` seconds. */
export class AlertRunInProgressError extends AppError {
  constructor(
    month: string,
    readonly retryAfter: number,
  ) {
    super(
      409,
      'run_in_progress',
      `the ${month} alerts run is in progress; if it stopped, try again in ${retryAfter} s`,
      { retryAfter },
    );
  }
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
  clock: () => Date;
  /** Default CLAIM_LEASE_MS. */
  leaseMs?: number;
}): Promise<AlertRunResult> {
  const { month, settings, runs, publisher, clock } = input;
  const { authority } = settings;
  const leaseMs = input.leaseMs ?? CLAIM_LEASE_MS;
  const leaseFrom = (at: Date) => new Date(at.getTime() + leaseMs);
  const existing = await runs.get(authority, month);
  if (existing?.status === 'sent') return alreadySent(authority, month, existing);
  const id = randomUUID();
  const now = clock();
  if (!(await runs.claim(authority, month, { id, now, leaseUntil: leaseFrom(now) }))) {
    const current = await runs.get(authority, month);
    if (current?.status === 'sent') return alreadySent(authority, month, current);
    throw new AlertRunInProgressError(month, secondsUntil(current?.leaseUntil, now));
  }

  // Renew the lease while the run goes on; a renewal that fails is caught by the check before publishing.
  const renewals = setInterval(
    () => void runs.renew(authority, month, id, leaseFrom(clock())).catch(() => false),
    leaseMs / 3,
  );
  renewals.unref?.();
  let published = false;
  try {
    const alerts = evaluateAlerts(await input.gatherFigures(runDateOf(month)), settings.thresholds);
    const previous = await runs.get(authority, previousMonth(month));
    const digest = buildDigest({
      authorityName: settings.authorityName,
      month,
      alerts,
      previous: previous?.status === 'sent' ? previous.alerts : undefined,
      dashboardUrl: settings.dashboardUrl,
    });
    // Nothing leaves unless the run is still this claim's, with a whole lease ahead for the publish.
    if (!(await runs.renew(authority, month, id, leaseFrom(clock()))))
      throw new AlertRunInProgressError(month, Math.ceil(leaseMs / 1000));
    await publisher.publish({ ...digest, authority, month });
    published = true;
    await runs.markSent(authority, month, id, { alerts, digest, sentAt: clock().toISOString() });
    return { authority, month, alerts, digest, published: true, alreadySent: false };
  } catch (error) {
    // Marked failed, a run is sent again by the next attempt: never once its digest is out (the one window
    // left: a digest published whose 'sent' mark could not be written is sent again after the lease).
    if (!published && !(error instanceof AlertRunInProgressError))
      await runs.markFailed(authority, month, id, error instanceof Error ? error.message : String(error));
    throw error;
  } finally {
    clearInterval(renewals);
  }
}

/** Whole seconds from `now` until `until` (at least 1). */
const secondsUntil = (until: string | undefined, now: Date): number =>
  Math.max(1, Math.ceil(((until ? Date.parse(until) : now.getTime()) - now.getTime()) / 1000));

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
