// GET /summary: the caseload on a date — counts and annualised cost by need × setting × in/out of borough,
// the looked-after share of out-of-borough placements, and the out-of-borough providers costing the most.
import { Need, Setting } from './codes';
import { IsoDate } from './dates';
import { costsOn, isActiveOn, type Placement, totalAnnualCost } from './placement';
import * as z from './zod';

const money = z.number().meta({ description: 'pounds per year, to the penny' });

export const SummaryCell = z.object({
  primaryNeed: Need,
  setting: Setting,
  inBorough: z.boolean(),
  count: z.number().int(),
  /** Sum of the costs in force on `asOf`, per year, all funders. */
  annualCost: money,
});
export type SummaryCell = z.infer<typeof SummaryCell>;

export const ProviderSpend = z.object({
  /** URN when recorded, so one provider under two spellings is still one; otherwise the name. */
  providerUrn: z.string().optional(),
  providerName: z.string(),
  count: z.number().int(),
  annualCost: money,
});
export type ProviderSpend = z.infer<typeof ProviderSpend>;

/** The `/summary` answer. */
export const Summary = z
  .object({
    asOf: z.string().meta({ format: 'date' }),
    total: z.object({ count: z.number().int(), annualCost: money }),
    cells: z.array(SummaryCell),
    outOfBorough: z.object({
      count: z.number().int(),
      annualCost: money,
      lookedAfter: z.number().int(),
      /** lookedAfter / count; null when nobody is placed out of borough (a share of nothing is undefined). */
      lookedAfterShare: z.number().nullable(),
    }),
    topOutOfBoroughProviders: z.array(ProviderSpend),
  })
  .meta({ id: 'Summary' });
export type Summary = z.infer<typeof Summary>;

export const SummaryQuery = z.strictObject({
  asOf: IsoDate.optional(),
  top: z.coerce.number().int().min(1).max(100).default(10),
});

const UNNAMED_PROVIDER = '(provider not recorded)';

/** Pounds with pence: sums of many costs must not drift with floating-point noise. */
const pounds = (value: number) => Math.round(value * 100) / 100;

export function summarise(placements: readonly Placement[], asOf: string, topProviders = 10): Summary {
  const cells = new Map<string, SummaryCell>();
  const providers = new Map<string, ProviderSpend>();
  let count = 0;
  let annualCost = 0;
  const oob = { count: 0, annualCost: 0, lookedAfter: 0 };

  for (const placement of placements) {
    if (!isActiveOn(placement, asOf)) continue;
    const cost = totalAnnualCost(costsOn(placement, asOf));
    count += 1;
    annualCost += cost;
    const cellKey = `${placement.primaryNeed}|${placement.setting}|${placement.inBorough}`;
    const cell = cells.get(cellKey) ?? {
      primaryNeed: placement.primaryNeed,
      setting: placement.setting,
      inBorough: placement.inBorough,
      count: 0,
      annualCost: 0,
    };
    cell.count += 1;
    cell.annualCost += cost;
    cells.set(cellKey, cell);
    if (placement.inBorough) continue;

    oob.count += 1;
    oob.annualCost += cost;
    if (placement.lookedAfter) oob.lookedAfter += 1;
    const providerKey = placement.providerUrn ?? `name:${placement.providerName ?? UNNAMED_PROVIDER}`;
    const provider = providers.get(providerKey) ?? {
      ...(placement.providerUrn !== undefined ? { providerUrn: placement.providerUrn } : {}),
      providerName: placement.providerName ?? UNNAMED_PROVIDER,
      count: 0,
      annualCost: 0,
    };
    provider.count += 1;
    provider.annualCost += cost;
    providers.set(providerKey, provider);
  }

  const byCostThenName =
    <T extends { annualCost: number }>(name: (item: T) => string) =>
    (a: T, b: T) =>
      b.annualCost - a.annualCost || name(a).localeCompare(name(b));
  return {
    asOf,
    total: { count, annualCost: pounds(annualCost) },
    cells: [...cells.values()]
      .map((cell) => ({ ...cell, annualCost: pounds(cell.annualCost) }))
      .sort(byCostThenName((cell) => `${cell.primaryNeed} ${cell.setting} ${cell.inBorough}`)),
    outOfBorough: {
      count: oob.count,
      annualCost: pounds(oob.annualCost),
      lookedAfter: oob.lookedAfter,
      lookedAfterShare: oob.count === 0 ? null : oob.lookedAfter / oob.count,
    },
    topOutOfBoroughProviders: [...providers.values()]
      .map((provider) => ({ ...provider, annualCost: pounds(provider.annualCost) }))
      .sort(byCostThenName((provider) => provider.providerName))
      .slice(0, topProviders),
  };
}
