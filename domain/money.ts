// Money is pounds to the penny. Amounts are rounded to the penny on the way in (half away from zero), so a
// fraction of a penny (62000.004, or 1e-200, which DynamoDB cannot even store) never reaches a record: the
// stored value is what every total adds up.
import * as z from './zod';

/** Pounds rounded to the penny, half away from zero; −0 becomes 0. */
export const toPenny = (pounds: number): number =>
  (Math.sign(pounds) * Math.round(Math.abs(pounds) * 100)) / 100 + 0;

/** An amount in pounds from `min` to `max`, rounded to the penny (`overwrite`, not `transform`: it stays a
 * number in the OpenAPI document, where a transform's output would be untyped). */
export const Pounds = (min: number, max: number, maxMessage: string) =>
  z
    .number()
    .finite()
    .min(min, min === 0 ? 'must not be negative' : undefined)
    .max(max, maxMessage)
    .overwrite(toPenny);
