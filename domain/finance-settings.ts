// The authority's finance assumptions, which finance can see and change (GET / PUT /finance/settings): the
// annual cost uplift the forecast prices future years with, the growth of the high needs budget in future
// years that have no budget set, and the cumulative DSG balance the management plan starts from. Each comes
// with the source it rests on; a setting never set is the default below, with the default's own source.
import { FinancialYear } from './dates';
import * as z from './zod';

/** 3% a year: the rise of high-needs unit costs above general inflation (model/decisions/cost.md). */
export const DEFAULT_COST_UPLIFT = {
  rate: 0.03,
  source:
    'Default: 3% a year, the rise in high needs unit costs from 2018-19 to 2023-24 (maintained special ' +
    '£20k → £26k, independent special £52k → £63k, about 4–5% a year nominal) less the GDP deflator’s ' +
    'long-run 2% plus a margin; the same rate the model uses (model/decisions/cost.md).',
} as const;

/** 0%: the plan shows the gap a flat high needs block leaves, until finance sets its own allocation outlook. */
export const DEFAULT_BUDGET_GROWTH = {
  rate: 0,
  source:
    'Default: 0% a year (flat cash). Future high needs allocations are not known; set the growth your ' +
    'allocation outlook supports.',
} as const;

const Source = z.string().trim().min(1).max(500);

/** A yearly rate as a fraction (0.03 = 3% a year), in a plausible range. */
const rate = (min: number, max: number) =>
  z
    .number()
    .finite()
    .min(min, `must be ${min * 100}% or more (write 3% as 0.03)`)
    .max(max, `must be ${max * 100}% or less (write 3% as 0.03)`);

export const CostUplift = z.strictObject({ rate: rate(-0.1, 0.25), source: Source.optional() });
export const BudgetGrowth = z.strictObject({ rate: rate(-0.25, 0.5), source: Source.optional() });
export const OpeningDsgBalance = z.strictObject({
  /** The year on whose 1 April the balance stands. */
  financialYear: FinancialYear,
  /** Cumulative DSG balance brought forward (£): negative is a deficit. */
  amount: z.number().finite().min(-10_000_000_000).max(10_000_000_000),
  source: Source.optional(),
});

/** Body of `PUT /finance/settings`: replaces the settings; a setting left out goes back to its default. */
export const FinanceSettingsInput = z.strictObject({
  costUplift: CostUplift.optional(),
  budgetGrowth: BudgetGrowth.optional(),
  openingDsgBalance: OpeningDsgBalance.optional(),
  /** Optimistic concurrency: the version being replaced (or the `If-Match` header). */
  version: z.number().int().positive().optional(),
});
export type FinanceSettingsInput = z.infer<typeof FinanceSettingsInput>;

const RateSetting = z.object({ rate: z.number(), source: z.string(), isDefault: z.boolean() });

/** The settings in force, as `GET /finance/settings` answers: every setting with its source. */
export const FinanceSettings = z.object({
  costUplift: RateSetting,
  budgetGrowth: RateSetting,
  openingDsgBalance: z
    .object({ financialYear: z.string(), amount: z.number(), source: z.string().optional() })
    .nullable(),
  /** 0 while nothing has been stored (every setting is its default). */
  version: z.number().int().nonnegative(),
  updatedAt: z.string().optional(),
  updatedBy: z.string().optional(),
});
export type FinanceSettings = z.infer<typeof FinanceSettings>;

/** What is stored: only what finance set. */
export type StoredFinanceSettings = Omit<FinanceSettingsInput, 'version'> & {
  version: number;
  createdAt: string;
  updatedAt: string;
  createdBy: string;
  updatedBy: string;
};

/** The settings in force: what is stored, each missing setting at its default. */
export function effectiveFinanceSettings(stored: StoredFinanceSettings | undefined): FinanceSettings {
  const withSource = (
    set: { rate: number; source?: string | undefined } | undefined,
    fallback: { rate: number; source: string },
  ) =>
    set
      ? { rate: set.rate, source: set.source ?? 'Set by finance (no source given).', isDefault: false }
      : { rate: fallback.rate, source: fallback.source, isDefault: true };
  return {
    costUplift: withSource(stored?.costUplift, DEFAULT_COST_UPLIFT),
    budgetGrowth: withSource(stored?.budgetGrowth, DEFAULT_BUDGET_GROWTH),
    openingDsgBalance: stored?.openingDsgBalance ?? null,
    version: stored?.version ?? 0,
    ...(stored ? { updatedAt: stored.updatedAt, updatedBy: stored.updatedBy } : {}),
  };
}
