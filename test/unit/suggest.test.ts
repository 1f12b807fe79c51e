import { describe, expect, it } from 'vitest';
import { closest, didYouMean, editDistance } from '../../engine/domain/suggest.ts';

describe('did you mean', () => {
  it('counts inserts, deletes, substitutions and swapped neighbours as one edit each, ignoring case', () => {
    expect(editDistance('manualAcept', 'manualAccept')).toBe(1);
    expect(editDistance('pikcup', 'pickup')).toBe(1);
    expect(editDistance('LAMP', 'lamp')).toBe(0);
    expect(editDistance('', 'abc')).toBe(3);
    expect(editDistance('kitten', 'sitting')).toBe(3);
  });

  it('suggests the closest known name when it is close enough to be a typo, or contains the word', () => {
    expect(closest('manualAcept', ['name', 'manualAccept', 'locationId'])).toBe('manualAccept');
    expect(closest('defaultDepositPercent', ['defaultOrderType', 'defaultDepositPct', 'cancellationChargePct'])).toBe('defaultDepositPct');
    expect(closest('P-LAPM', ['P-LAMP', 'P-TENT'])).toBe('P-LAMP');
    expect(closest('p-lamp', ['P-LAMP', 'P-LAMPS'])).toBe('P-LAMP');
    expect(closest('cashier', ['cashier1', 'lead1'])).toBe('cashier1');
    expect(closest('banana', ['P-LAMP', 'P-TENT'])).toBeUndefined();
    expect(closest('x', [])).toBeUndefined();
  });

  it('says it as the tail of an "unknown ..." message, or says nothing', () => {
    expect(didYouMean('manualAcept', ['manualAccept'])).toBe(' (did you mean "manualAccept"?)');
    expect(didYouMean('zzz', ['manualAccept'])).toBe('');
  });
});

describe('did you mean, between equally close names', () => {
  it('prefers the one that starts like the word', () => {
    expect(closest('W2', ['S2', 'W1'])).toBe('W1');
    expect(closest('S9', ['W1', 'S1'])).toBe('S1');
  });
});
