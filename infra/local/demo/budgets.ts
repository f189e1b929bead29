// Demo budgets for the current and previous financial years, set from the demo authority's own spend the
// way a finance team under pressure would have: last year's block a little short of what was spent (so the
// DSG deficit brought forward grew), this year's about 3% short of the forecast outturn.
import type { BudgetInput, BudgetLine } from '../../../domain/budget';
import { financialYearLabel, financialYearStartOf } from '../../../domain/dates';
import { forecastOutturn, type OutturnPlacement } from '../../../domain/outturn';

/** Forecast ÷ budget: the demo's current year runs about 3% over, the previous year ran 2% over. */
const CURRENT_OVERRUN = 1.03;
const PREVIOUS_OVERRUN = 1.02;
/** Deficit brought into the previous year, as a share of that year's budget. */
const EARLIER_DEFICIT_SHARE = 0.06;

const thousands = (pounds: number) => Math.round(pounds / 1000) * 1000;

function linesFor(byDsg: { dsgCategory: BudgetLine['dsgCategory']; forecast: number }[], overrun: number) {
  return byDsg
    .filter((row) => row.forecast > 0)
    .map((row) => ({ dsgCategory: row.dsgCategory, amount: thousands(row.forecast / overrun) }));
}

const sum = (lines: { amount: number }[]) => lines.reduce((total, line) => total + line.amount, 0);

export function demoBudgets(
  placements: readonly OutturnPlacement[],
  asOf: string,
): { financialYear: string; input: BudgetInput }[] {
  const currentStart = financialYearStartOf(asOf);
  const current = financialYearLabel(currentStart);
  const previous = financialYearLabel(currentStart - 1);

  const previousOutturn = forecastOutturn({ placements, financialYear: previous, asOf });
  const previousLines = linesFor(previousOutturn.byDsg, PREVIOUS_OVERRUN);
  const previousOpening = -thousands(sum(previousLines) * EARLIER_DEFICIT_SHARE);
  // The balance carried into this year: last year's opening, plus its budget, less what it spent.
  const currentOpening = Math.round(previousOpening + sum(previousLines) - previousOutturn.forecast.p50);
  const currentOutturn = forecastOutturn({ placements, financialYear: current, asOf });

  const budgets = [
    {
      financialYear: previous,
      input: {
        lines: previousLines,
        openingDsgBalance: previousOpening,
        notes: 'High needs block after recoupment, as set at the start of the year (demo).',
      },
    },
    {
      financialYear: current,
      input: {
        lines: linesFor(currentOutturn.byDsg, CURRENT_OVERRUN),
        openingDsgBalance: currentOpening,
        notes: 'High needs block after recoupment; deficit recovery plan agreed with the DfE (demo).',
      },
    },
  ];
  // A demo too small to spend anything in a year gets no budget for it.
  return budgets.filter((budget) => budget.input.lines.length > 0);
}
