// The DSG management plan table: placements and high needs spend (education cost) in a financial year,
// by DSG category (rows) and age group (columns), as the DfE's management plan template lays them out.
import { DSG_CATEGORIES, DSG_CATEGORY_LABELS, type DsgCategory } from './codes';
import { academicYearStartOf, DateRangeError, financialYearBounds } from './dates';
import { apportionPennies, breakdownPennyDays, computeSpend, type SpendPlacement } from './spend';

export const AGE_GROUPS = [
  { key: 'under-5', label: 'Under 5', min: Number.NEGATIVE_INFINITY, max: 4 },
  { key: '5-10', label: '5–10', min: 5, max: 10 },
  { key: '11-15', label: '11–15', min: 11, max: 15 },
  { key: '16-19', label: '16–19', min: 16, max: 19 },
  { key: '20-25', label: '20–25', min: 20, max: Number.POSITIVE_INFINITY },
] as const;
export type AgeGroup = (typeof AGE_GROUPS)[number]['key'];

export type DsgPlanPlacement = SpendPlacement & { birthMonth?: string | undefined; ncy?: number | undefined };

/**
 * Age on 1 April at the start of the financial year. From the birth month when known (a child born in
 * April or later in the year has not had that year's birthday on 1 April); otherwise NCY + 5, the NCY
 * recorded at the start of the placement carried forward by the academic years since.
 */
export function ageAtFinancialYearStart(p: DsgPlanPlacement, financialYear: string): number | undefined {
  const { start } = financialYearBounds(financialYear);
  const year = Number(start.slice(0, 4));
  if (p.birthMonth !== undefined) {
    const birthYear = Number(p.birthMonth.slice(0, 4));
    const birthMonth = Number(p.birthMonth.slice(5, 7));
    const age = year - birthYear - (birthMonth >= 4 ? 1 : 0);
    if (!Number.isInteger(age))
      throw new DateRangeError(`${JSON.stringify(p.birthMonth)} is not a birth month`);
    return age;
  }
  if (p.ncy === undefined) return undefined;
  return p.ncy + academicYearStartOf(start) - academicYearStartOf(p.startDate) + 5;
}

export function ageGroupOf(age: number): AgeGroup {
  return (AGE_GROUPS.find((group) => age >= group.min && age <= group.max) ?? AGE_GROUPS[0]).key;
}

export interface DsgPlanCell {
  placements: number;
  /** High needs (education) spend in pounds, to the penny. */
  spend: number;
}

export interface DsgPlanRow {
  dsgCategory: DsgCategory;
  label: string;
  byAge: Record<AgeGroup, DsgPlanCell>;
  total: DsgPlanCell;
}

export interface DsgPlan {
  financialYear: string;
  ageGroups: { key: AgeGroup; label: string }[];
  rows: DsgPlanRow[];
  totals: { byAge: Record<AgeGroup, DsgPlanCell>; total: DsgPlanCell };
  /** Placements with neither birth month nor NCY, counted in no age group (0 when data are complete). */
  unknownAge: number;
}

/** Placements in place at some point in the year, and their high needs spend, by DSG category × age group. */
export function dsgPlan(placements: readonly DsgPlanPlacement[], financialYear: string): DsgPlan {
  const { start, end } = financialYearBounds(financialYear);
  const byGroup = new Map<AgeGroup, DsgPlanPlacement[]>(AGE_GROUPS.map((group) => [group.key, []]));
  let unknownAge = 0;
  for (const p of placements) {
    const age = ageAtFinancialYearStart(p, financialYear);
    if (age === undefined) unknownAge += 1;
    else byGroup.get(ageGroupOf(age))?.push(p);
  }
  // Cells in penny-days, row-major (category × age group), rounded together so every total adds up.
  const columns = AGE_GROUPS.map((group) =>
    breakdownPennyDays(
      computeSpend(byGroup.get(group.key) ?? [], { from: start, to: end }),
      'dsg',
      'education',
    ),
  );
  const pennyDays = DSG_CATEGORIES.flatMap((_, r) => columns.map((column) => column[r]?.pennyDays ?? 0));
  const pennies = apportionPennies(pennyDays);

  const emptyByAge = () =>
    Object.fromEntries(AGE_GROUPS.map((group) => [group.key, { placements: 0, spend: 0 }])) as Record<
      AgeGroup,
      DsgPlanCell
    >;
  const totals = { byAge: emptyByAge(), total: { placements: 0, spend: 0 } };
  const rows = DSG_CATEGORIES.map((dsgCategory, r) => {
    const byAge = emptyByAge();
    const total = { placements: 0, spend: 0 };
    AGE_GROUPS.forEach((group, a) => {
      const cellPennies = pennies[r * AGE_GROUPS.length + a] as number;
      const count = columns[a]?.[r]?.placements ?? 0;
      byAge[group.key] = { placements: count, spend: cellPennies / 100 };
      total.placements += count;
      total.spend += cellPennies;
      totals.byAge[group.key].placements += count;
      totals.byAge[group.key].spend += cellPennies;
    });
    totals.total.placements += total.placements;
    totals.total.spend += total.spend;
    return {
      dsgCategory,
      label: DSG_CATEGORY_LABELS[dsgCategory],
      byAge,
      total: { ...total, spend: total.spend / 100 },
    };
  });
  for (const group of AGE_GROUPS) totals.byAge[group.key].spend /= 100;
  totals.total.spend /= 100;
  return {
    financialYear,
    ageGroups: AGE_GROUPS.map(({ key, label }) => ({ key, label })),
    rows,
    totals,
    unknownAge,
  };
}
