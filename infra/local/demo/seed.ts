// Loads the demo authority into an empty database through the stores' bulk creates, each record with its
// 'create' audit entry by the demo generator, and its population (demo/population.ts). Capabilities with
// demo data of their own add their call here.
import type { AppDeps } from '../../../functions/api/deps';
import type { WriteContext } from '../../../functions/store/ports';
import { demoBudgets } from './budgets';
import type { DemoAuthority } from './generate';
import { demoPopulation } from './population';

export async function seedDemo(deps: AppDeps, demo: DemoAuthority): Promise<void> {
  const context: WriteContext = {
    actor: { userId: 'demo-generator', name: 'demo-generator' },
    now: deps.now(),
  };
  await deps.population.put(demoPopulation(), context);
  // Provisions first: placements refer to them by provisionId.
  await deps.provisions.createMany(demo.provisions, context);
  await deps.placements.createMany(demo.placements, context);
  // Budgets last: they are set from the placements' spend (current year forecast to run about 3% over).
  for (const { financialYear, input } of demoBudgets(demo.placements, context.now.toISOString().slice(0, 10)))
    await deps.budgets.put(financialYear, input, context);
}
