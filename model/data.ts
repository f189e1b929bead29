// Canonical model input, mirroring the four witan.send CSV files (transitions, population, costs,
// valid states). Every input route (witan CSVs, stored placements, aggregate tables) produces this shape.
import * as z from '../domain/zod';

/** Setting and need code used for the outside world: a joiner comes from it, a leaver goes to it. */
export const NONSEND = 'NONSEND';

/** NCY (national curriculum year): nursery −2…−1, reception 0, … post-19 up to 20; witan also uses −5…25. */
const Ncy = z.number().int().min(-10).max(30);
const CalendarYear = z.number().int().min(1900).max(2200);
const Code = z.string().trim().min(1).max(64);

/**
 * One child's move between two consecutive January censuses. `calendarYear` is the census year of the
 * "from" state; the "to" state is the census of `calendarYear + 1`. Joiners have setting1/need1 NONSEND,
 * leavers setting2/need2 NONSEND.
 */
export const Transition = z.object({
  calendarYear: CalendarYear,
  setting1: Code,
  need1: Code,
  ncy1: Ncy,
  setting2: Code,
  need2: Code,
  ncy2: Ncy,
});
export type Transition = z.infer<typeof Transition>;

/** General population of one NCY in the January census of `calendarYear` (history or projection). */
export const PopulationRow = z.object({
  calendarYear: CalendarYear,
  ncy: Ncy,
  population: z.number().min(0),
});
export type PopulationRow = z.infer<typeof PopulationRow>;

/** Annual unit cost (£ at base-year prices) of one EHCP of `need` in `setting`. */
export const CostRow = z.object({
  need: Code,
  setting: Code,
  cost: z.number().min(0),
});
export type CostRow = z.infer<typeof CostRow>;

/**
 * A setting's validity: the NCY range it serves, the needs it takes and the settings a child may move
 * to from it (witan.send valid-states.csv).
 */
export const ValidState = z.object({
  setting: Code,
  settingGroup: z.string().trim().max(64),
  minNcy: Ncy,
  maxNcy: Ncy,
  needs: z.array(Code),
  settingTransitions: z.array(Code),
});
export type ValidState = z.infer<typeof ValidState>;

export const ModelData = z.object({
  transitions: z.array(Transition),
  population: z.array(PopulationRow),
  costs: z.array(CostRow),
  validStates: z.array(ValidState),
});
export type ModelData = z.infer<typeof ModelData>;

/** In- and out-of-borough suffixes of our own state settings, e.g. `independent-special@OB`. */
export const IN_BOROUGH = '@IB';
export const OUT_OF_BOROUGH = '@OB';

/** State setting code for one of our placements: `<setting>@IB` or `<setting>@OB`. */
export function stateSetting(setting: string, outOfBorough: boolean): string {
  return `${setting}${outOfBorough ? OUT_OF_BOROUGH : IN_BOROUGH}`;
}
