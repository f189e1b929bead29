// Budget: the high needs block budget of one financial year, by DSG management-plan category and
// optionally by primary need, with the DSG balance brought forward into the year.
import { DsgCategory, Need } from './codes';
import { FinancialYear } from './dates';
import { Pounds } from './money';
import { FreeText } from './text';
import * as z from './zod';

const Amount = Pounds(0, 10_000_000_000, 'over £10bn is not plausible');

export const BudgetLine = z.strictObject({
  dsgCategory: DsgCategory,
  need: Need.optional(),
  amount: Amount,
});
export type BudgetLine = z.infer<typeof BudgetLine>;

const lineKey = (line: Pick<BudgetLine, 'dsgCategory' | 'need'>) => `${line.dsgCategory}/${line.need ?? '*'}`;

/** Body of `PUT /budgets/{financialYear}`; the year comes from the path. */
export const BudgetInput = z
  .strictObject({
    lines: z
      .array(BudgetLine)
      .min(1, 'give at least one budget line')
      .max(200)
      .superRefine((lines, ctx) => {
        const seen = new Set<string>();
        lines.forEach((line, index) => {
          const key = lineKey(line);
          if (seen.has(key))
            ctx.addIssue({
              code: 'custom',
              path: [index],
              message: `duplicate line for ${line.dsgCategory}${line.need ? ` and ${line.need}` : ''}`,
            });
          seen.add(key);
        });
      }),
    /**
     * Cumulative DSG balance brought forward at 1 April (£): negative is a deficit. Any sign is allowed, as
     * real balances are both.
     */
    openingDsgBalance: Pounds(-10_000_000_000, 10_000_000_000, 'over £10bn is not plausible').optional(),
    notes: FreeText(2000).optional(),
    /** Optimistic concurrency: the version being replaced (or the `If-Match` header). */
    version: z.number().int().positive().optional(),
  })
  .meta({ id: 'BudgetInput' });
export type BudgetInput = z.infer<typeof BudgetInput>;

/** A stored budget, as the API returns it. */
export const Budget = z
  .object({
    financialYear: FinancialYear,
    lines: z.array(BudgetLine),
    openingDsgBalance: z.number().optional(),
    notes: z.string().optional(),
    total: z.number(),
    version: z.number().int().positive(),
    createdAt: z.string(),
    updatedAt: z.string(),
    createdBy: z.string(),
    updatedBy: z.string(),
  })
  .meta({ id: 'Budget' });
export type Budget = z.infer<typeof Budget>;

/** Sum of lines in pounds, to the penny. */
export const budgetTotal = (lines: readonly Pick<BudgetLine, 'amount'>[]): number =>
  Math.round(lines.reduce((sum, line) => sum + Math.round(line.amount * 100), 0)) / 100;

/** Budget by DSG category: lines with and without a need add up within their category. */
export function budgetByDsgCategory(lines: readonly BudgetLine[]): Map<DsgCategory, number> {
  const byCategory = new Map<DsgCategory, number>();
  for (const line of lines)
    byCategory.set(line.dsgCategory, (byCategory.get(line.dsgCategory) ?? 0) + Math.round(line.amount * 100));
  for (const [category, pennies] of byCategory) byCategory.set(category, pennies / 100);
  return byCategory;
}
