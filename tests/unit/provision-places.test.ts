// A provision's places are shared over the needs × phases it serves in whole places, adding up exactly.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { apportionPlaces } from '../../domain/provision';

describe('apportionPlaces', () => {
  it('gives each need × phase an even share, the places left over one each to the first listed', () => {
    // Riverside School in the demo: 140 places for 6 needs × 5 phases = 30 shares of 4⅔.
    const shares = apportionPlaces(140, 30);
    expect(shares.slice(0, 20)).toEqual(Array(20).fill(5));
    expect(shares.slice(20)).toEqual(Array(10).fill(4));
    expect(apportionPlaces(69, 2)).toEqual([35, 34]);
    expect(apportionPlaces(0, 3)).toEqual([0, 0, 0]);
    expect(apportionPlaces(2, 5)).toEqual([1, 1, 0, 0, 0]);
  });

  it('always adds up to the places, in whole places that differ by at most one', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 5000 }), fc.integer({ min: 1, max: 200 }), (places, count) => {
        const shares = apportionPlaces(places, count);
        expect(shares).toHaveLength(count);
        expect(shares.reduce((a, b) => a + b, 0)).toBe(places);
        expect(shares.every(Number.isInteger)).toBe(true);
        expect(Math.max(...shares) - Math.min(...shares)).toBeLessThanOrEqual(1);
      }),
    );
  });

  it('refuses a share count that is not a whole number of at least one', () => {
    expect(() => apportionPlaces(10, 0)).toThrow(RangeError);
    expect(() => apportionPlaces(10, 1.5)).toThrow(RangeError);
  });
});
