// The financial year a finance route means when the caller names none: the one containing today.
import { financialYearLabel, financialYearStartOf } from '../../../domain/dates';

export const today = (now: Date) => now.toISOString().slice(0, 10);
export const currentFinancialYear = (now: Date) => financialYearLabel(financialYearStartOf(today(now)));
