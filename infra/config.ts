// Per-authority configuration: one JSON file per local authority, validated here so a typo fails synth
// with the file and field named, never a half-right stack.
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { AlertThresholds } from '../domain/alerts';
import * as z from '../domain/zod';
import { AreaCode } from '../model/population';

const infraDir = dirname(fileURLToPath(import.meta.url));
const repoRoot = join(infraDir, '..');
export const AUTHORITIES_DIR = join(infraDir, 'authorities');
/** The demo authority the local runtime seeds; deployable on request (`-c authority=demo`), never by default. */
export const DEMO_AUTHORITY_FILE = join(infraDir, 'local', 'demo-authority.json');
export const DEMO_SLUG = 'demo';

const Slug = z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'lower-case words joined by hyphens');

/** `cron(minutes hours day-of-month month day-of-week year)`, the EventBridge Scheduler form. */
const CronExpression = z
  .string()
  .regex(
    /^cron\(\S+( \S+){5}\)$/,
    'an EventBridge Scheduler cron expression: cron(min hour dom month dow year)',
  );

const TimeZone = z.string().refine((zone) => {
  try {
    new Intl.DateTimeFormat('en-GB', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}, 'an IANA time zone such as Europe/London');

export const AuthorityConfig = z.strictObject({
  slug: Slug,
  name: z.string().min(1),
  /** The DfE three-digit LA code (e.g. 808 for Stockton-on-Tees). */
  laCode: z.string().regex(/^\d{3}$/, 'a three-digit DfE LA code'),
  /**
   * The ONS area code whose population projection the authority loads (`PUT /population`, e.g. with
   * `npm run -s population -- put <ONS csv> --authority <slug>`): what its joiner rates divide by.
   */
  populationAreaCode: AreaCode,
  account: z.string().regex(/^\d{12}$/, 'a 12-digit AWS account id'),
  region: z.string().regex(/^[a-z]{2}(-[a-z]+)+-\d$/, 'an AWS region such as eu-west-2'),
  /** Where the dashboard is reached (custom domain in front of the API); links in alert digests point here. */
  dashboardUrl: z.url({ protocol: /^https$/ }),
  alerts: z.strictObject({
    thresholds: AlertThresholds.required().refine((t) => t.occupancyWarn <= t.occupancyCritical, {
      message: 'occupancyWarn must not exceed occupancyCritical',
      path: ['occupancyWarn'],
    }),
    /** Projected shortfalls are reported within these horizons (months from the run date). */
    shortfallHorizonsMonths: z.array(z.int().min(1).max(120)).min(1),
    recipients: z.array(z.email()).min(1),
  }),
  schedule: z.strictObject({ cron: CronExpression, timeZone: TimeZone }),
  /** Cognito hosted sign-in domain prefix; must be unique in the region across all AWS accounts. */
  cognitoDomainPrefix: z
    .string()
    .regex(/^[a-z0-9](-?[a-z0-9])*$/, 'lower-case letters, digits and single hyphens')
    .max(63)
    .optional(),
});
export type AuthorityConfig = z.infer<typeof AuthorityConfig>;

/** What the alerts function receives as ALERT_CONFIG (JSON), validated by it at cold start. */
export interface AlertConfig {
  authority: string;
  authorityName: string;
  laCode: string;
  dashboardUrl: string;
  thresholds: AlertThresholds;
  shortfallHorizonsMonths: number[];
}

export const alertConfigOf = (config: AuthorityConfig): AlertConfig => ({
  authority: config.slug,
  authorityName: config.name,
  laCode: config.laCode,
  dashboardUrl: config.dashboardUrl,
  thresholds: config.alerts.thresholds,
  shortfallHorizonsMonths: config.alerts.shortfallHorizonsMonths,
});

export class ConfigError extends Error {
  override name = 'ConfigError';
}

const display = (file: string) => relative(repoRoot, file) || file;

/** Validates one authority file's parsed JSON; errors name the file and every bad field. */
export function parseAuthorityConfig(raw: unknown, file: string, expectedSlug?: string): AuthorityConfig {
  const result = AuthorityConfig.safeParse(raw);
  if (!result.success) {
    const field = (path: PropertyKey[]) => (path.length > 0 ? path.join('.') : '(file)');
    const problems = result.error.issues.flatMap((issue) =>
      issue.code === 'unrecognized_keys'
        ? issue.keys.map((key) => `  ${field([...issue.path, key])}: unknown field`)
        : [`  ${field(issue.path)}: ${issue.message}`],
    );
    throw new ConfigError(`${display(file)}: invalid authority config\n${problems.join('\n')}`);
  }
  if (expectedSlug !== undefined && result.data.slug !== expectedSlug)
    throw new ConfigError(
      `${display(file)}: invalid authority config\n  slug: "${result.data.slug}" does not match the file name "${expectedSlug}"`,
    );
  return result.data;
}

export function authorityConfigFile(slug: string): string {
  return slug === DEMO_SLUG ? DEMO_AUTHORITY_FILE : join(AUTHORITIES_DIR, `${slug}.json`);
}

/** The deployable authorities (one stack each by default): every file in infra/authorities. */
export function authoritySlugs(): string[] {
  return readdirSync(AUTHORITIES_DIR)
    .filter((file) => file.endsWith('.json'))
    .map((file) => file.slice(0, -'.json'.length))
    .sort();
}

export function loadAuthorityConfig(slug: string): AuthorityConfig {
  const file = authorityConfigFile(slug);
  if (!Slug.safeParse(slug).success || (slug !== DEMO_SLUG && !authoritySlugs().includes(slug)))
    throw new ConfigError(
      `${display(file)}: unknown authority "${slug}" (known: ${[...authoritySlugs(), DEMO_SLUG].join(', ')})`,
    );
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new ConfigError(`${display(file)}: not valid JSON (${(error as Error).message})`);
  }
  return parseAuthorityConfig(raw, file, slug);
}
