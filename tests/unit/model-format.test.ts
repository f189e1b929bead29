// The model CLI's readable output says when needs and settings are the input's own codes (witan.send's
// anonymised letters), and says nothing when they are SEN2 needs and this product's settings.
import { describe, expect, it } from 'vitest';
import { codesNote } from '../../bin/model-format';
import type { ProjectionOutput } from '../../model/output';

const outputWith = (needs: string[], settings: string[]) =>
  ({
    byNeed: needs.map((need) => ({ need, year: 2020 })),
    bySetting: settings.map((setting) => ({ setting, year: 2020 })),
  }) as unknown as ProjectionOutput;

describe('codesNote', () => {
  it("names witan's letter codes as the input's own, pointing to the demo's source notes", () => {
    expect(codesNote(outputWith(['U', 'T', 'U'], ['B', 'A']))).toBe(
      "Codes: needs T, U and settings A, B are the input's own codes, not SEN2 needs or this product's settings (the witan.send demo set anonymises them as letters; see data/witan-send-demo/SOURCE.md).\n",
    );
    expect(codesNote(outputWith(['ASD'], ['Q']))).toMatch(/^Codes: settings Q are/);
  });

  it('says nothing for SEN2 needs and our settings, in or out of borough', () => {
    expect(
      codesNote(
        outputWith(['ASD', 'SEMH'], ['independent-special@OB', 'maintained-special@IB', 'mainstream']),
      ),
    ).toBeUndefined();
  });
});
