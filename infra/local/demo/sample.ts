// Small sampling helpers over the seeded generator the model uses (sfc32, model/random.ts), so the demo
// authority is reproducible from its seed and never touches Math.random.
import { createRng, type Rng } from '../../../model/random';

export interface Sampler {
  /** Uniform on [0, 1). */
  next(): number;
  chance(probability: number): boolean;
  /** Integer uniform on [min, max], both inclusive. */
  int(min: number, max: number): number;
  /** Real uniform on [min, max). */
  between(min: number, max: number): number;
  /** One item with probability proportional to its weight; items of weight 0 are never drawn. */
  weighted<T>(items: readonly (readonly [T, number])[]): T;
  pick<T>(items: readonly T[]): T;
}

export function createSampler(seed: number): Sampler {
  const rng: Rng = createRng(seed);
  const next = () => rng.next();
  return {
    next,
    chance: (probability) => next() < probability,
    int: (min, max) => min + Math.floor(next() * (max - min + 1)),
    between: (min, max) => min + next() * (max - min),
    weighted(items) {
      const total = items.reduce((sum, [, weight]) => sum + Math.max(0, weight), 0);
      if (!(total > 0)) throw new RangeError('weighted: no item has a positive weight');
      let u = next() * total;
      for (const [item, weight] of items) {
        if (weight <= 0) continue;
        u -= weight;
        if (u < 0) return item;
      }
      // Rounding can leave u at 0 after the last positive weight: that item is the draw.
      const last = items.findLast(([, weight]) => weight > 0);
      return (last as readonly [(typeof items)[number][0], number])[0];
    },
    pick(items) {
      if (items.length === 0) throw new RangeError('pick: no items');
      return items[Math.floor(next() * items.length)] as (typeof items)[number];
    },
  };
}
