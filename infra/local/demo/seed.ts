// Loads the demo authority into an empty database through the stores' bulk creates, each record with its
// 'create' audit entry by the demo generator, and its population (demo/population.ts). Capabilities with
// demo data of their own add their call here.
import type { AppDeps } from '../../../functions/api/deps';
import type { WriteContext } from '../../../functions/store/ports';
import { demoBudgets } from './budgets';
import type { DemoAuthority } from './generate';
import { demoPopulation } from './population';

export const DEMO_LOADER = { userId: 'demo-generator', name: 'demo-generator' };

/** Placements per createMany call: 8 transactions of 50 records (each with its audit entry), one per writer. */
const CHUNK = 400;

/** The records `seedDemoRecords` writes, for a progress count. */
export const demoRecordCount = (demo: DemoAuthority) => demo.provisions.length + demo.placements.length;

/**
 * Provisions and placements, recorded as at the demo's own as-of date rather than the clock, so a live load
 * writes exactly what the prebuilt snapshot holds (`snapshot.ts`). `onProgress` gets the records written.
 */
export async function seedDemoRecords(
  deps: AppDeps,
  demo: DemoAuthority,
  onProgress: (done: number) => void = () => {},
): Promise<void> {
  const context: WriteContext = { actor: DEMO_LOADER, now: new Date(`${demo.asOf}T00:00:00.000Z`) };
  // Provisions first: placements refer to them by provisionId.
  await deps.provisions.createMany(demo.provisions, context);
  onProgress(demo.provisions.length);
  for (let start = 0; start < demo.placements.length; start += CHUNK) {
    const chunk = demo.placements.slice(start, start + CHUNK);
    await deps.placements.createMany(chunk, context);
    onProgress(demo.provisions.length + start + chunk.length);
  }
}

/**
 * What every first load writes live, after the records (loaded or restored from the snapshot): what is set
 * as at today, and small items. The population is South Tyneside's ONS projection (demo/population.ts);
 * budgets come from the placements' spend as at today (this year forecast to run about 3% over).
 */
export async function seedDemoLive(deps: AppDeps, demo: DemoAuthority): Promise<void> {
  const context: WriteContext = { actor: DEMO_LOADER, now: deps.now() };
  await deps.population.put(demoPopulation(), context);
  for (const { financialYear, input } of demoBudgets(demo.placements, context.now.toISOString().slice(0, 10)))
    await deps.budgets.put(financialYear, input, context);
}

export async function seedDemo(
  deps: AppDeps,
  demo: DemoAuthority,
  onProgress?: (done: number) => void,
): Promise<void> {
  await seedDemoRecords(deps, demo, onProgress);
  await seedDemoLive(deps, demo);
}
