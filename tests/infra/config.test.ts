import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  type AuthorityConfig,
  alertConfigOf,
  authoritySlugs,
  ConfigError,
  DEMO_SLUG,
  loadAuthorityConfig,
  parseAuthorityConfig,
} from '../../infra/config';
import { parseOnsPopulation } from '../../model/population-csv';
import { ONS_POPULATION_CSV } from '../helpers/data';

const SEED_AUTHORITIES = {
  'newcastle-upon-tyne': { name: 'Newcastle upon Tyne', laCode: '391', populationAreaCode: 'E08000021' },
  'south-tyneside': { name: 'South Tyneside', laCode: '393', populationAreaCode: 'E08000023' },
  'stockton-on-tees': { name: 'Stockton-on-Tees', laCode: '808', populationAreaCode: 'E06000004' },
  tameside: { name: 'Tameside', laCode: '357', populationAreaCode: 'E08000008' },
};

// biome-ignore lint/suspicious/noExplicitAny: the tests corrupt parsed JSON in arbitrary ways.
type Raw = Record<string, any>;

const FILE = 'infra/authorities/stockton-on-tees.json';
const valid = (): AuthorityConfig => structuredClone(loadAuthorityConfig('stockton-on-tees'));

/** The error message for a config changed by `mutate`, or undefined when it still validates. */
function errorFor(mutate: (raw: Raw) => void): string | undefined {
  const raw = valid() as Raw;
  mutate(raw);
  try {
    parseAuthorityConfig(raw, FILE, 'stockton-on-tees');
    return undefined;
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as Error).message;
  }
}

describe('authority files', () => {
  it('are the four seed authorities, deployable by default; the demo authority is not among them', () => {
    expect(authoritySlugs()).toEqual(Object.keys(SEED_AUTHORITIES).sort());
    expect(authoritySlugs()).not.toContain(DEMO_SLUG);
  });

  it.each(Object.entries(SEED_AUTHORITIES))(
    '%s loads with its name, LA code and defaults',
    (slug, expected) => {
      const config = loadAuthorityConfig(slug);
      expect(config).toMatchObject({ slug, ...expected, account: '000000000000', region: 'eu-west-2' });
      expect(config.alerts.thresholds).toEqual({
        occupancyWarn: 0.9,
        occupancyCritical: 1,
        outturnOverBudgetWarn: 0.02,
        outOfBoroughGrowthWarn: 0.1,
      });
      expect(config.alerts.shortfallHorizonsMonths).toEqual([12, 24]);
      expect(config.alerts.recipients.length).toBeGreaterThan(0);
      expect(config.schedule).toEqual({ cron: 'cron(0 6 1 * ? *)', timeZone: 'Europe/London' });
      expect(config.dashboardUrl).toMatch(/^https:\/\//);
    },
  );

  it.each(Object.keys(SEED_AUTHORITIES))(
    '%s: its population area is in the ONS file shipped in data/',
    (slug) => {
      const config = loadAuthorityConfig(slug);
      const population = parseOnsPopulation(readFileSync(ONS_POPULATION_CSV, 'utf8'), {
        area: config.populationAreaCode,
      });
      expect(population.areaName).toBe(config.name);
    },
  );

  it('includes the demo authority for the local runtime (Demo Borough, LA 999)', () => {
    expect(loadAuthorityConfig(DEMO_SLUG)).toMatchObject({
      slug: 'demo',
      name: 'Demo Borough',
      laCode: '999',
      // South Tyneside's population: the demo's figures are scaled from South Tyneside (infra/local/demo).
      populationAreaCode: 'E08000023',
    });
  });

  it('gives the alerts function its settings as ALERT_CONFIG', () => {
    const config = loadAuthorityConfig('tameside');
    expect(alertConfigOf(config)).toEqual({
      authority: 'tameside',
      authorityName: 'Tameside',
      laCode: '357',
      dashboardUrl: config.dashboardUrl,
      thresholds: config.alerts.thresholds,
      shortfallHorizonsMonths: [12, 24],
    });
  });
});

describe('invalid configuration fails naming the file and the field', () => {
  it('accepts the unchanged file', () => {
    expect(errorFor(() => {})).toBeUndefined();
  });

  it.each([
    ['laCode', (raw: Raw) => (raw.laCode = '80')],
    ['populationAreaCode', (raw: Raw) => (raw.populationAreaCode = '808')],
    ['populationAreaCode', (raw: Raw) => delete raw.populationAreaCode],
    ['account', (raw: Raw) => (raw.account = '1234')],
    ['region', (raw: Raw) => (raw.region = 'London')],
    ['name', (raw: Raw) => delete raw.name],
    ['dashboardUrl', (raw: Raw) => (raw.dashboardUrl = 'http://send.example/')],
    ['alerts.thresholds.occupancyWarn', (raw: Raw) => (raw.alerts.thresholds.occupancyWarn = -1)],
    [
      'alerts.thresholds.outturnOverBudgetWarn',
      (raw: Raw) => delete raw.alerts.thresholds.outturnOverBudgetWarn,
    ],
    ['alerts.thresholds.occupancyWarn', (raw: Raw) => (raw.alerts.thresholds.occupancyWarn = 1.5)],
    ['alerts.shortfallHorizonsMonths.1', (raw: Raw) => (raw.alerts.shortfallHorizonsMonths[1] = 0)],
    ['alerts.recipients.0', (raw: Raw) => (raw.alerts.recipients = ['not-an-email'])],
    ['alerts.recipients', (raw: Raw) => (raw.alerts.recipients = [])],
    ['schedule.cron', (raw: Raw) => (raw.schedule.cron = '0 6 1 * *')],
    ['schedule.timeZone', (raw: Raw) => (raw.schedule.timeZone = 'Europe/Gotham')],
    ['alertRecipients', (raw: Raw) => (raw.alertRecipients = ['typo@x.example'])],
    ['slug', (raw: Raw) => (raw.slug = 'tameside')],
  ])('%s', (field, mutate) => {
    const message = errorFor(mutate);
    expect(message).toContain(FILE);
    expect(message).toMatch(new RegExp(`^  ${field.replace(/\./g, '\\.')}\\b`, 'm'));
  });

  it('names the file of an unknown authority and lists the known ones', () => {
    expect(() => loadAuthorityConfig('gotham')).toThrow(
      /infra\/authorities\/gotham\.json: unknown authority "gotham" \(known: newcastle-upon-tyne, .*demo\)/,
    );
  });

  it('refuses slugs that could reach outside the authorities folder', () => {
    expect(() => loadAuthorityConfig('../local/demo-authority')).toThrow(ConfigError);
  });
});
