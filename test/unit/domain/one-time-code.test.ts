import { randomBytes, randomInt } from 'node:crypto';
import { CodeHasher, generateCode, normalizeSpokenCode } from '../../../functions/domain/one-time-code';

/** Pearson's chi-square statistic of the first digit of `codes` against a uniform 0-9. */
function firstDigitChiSquare(codes: string[]): number {
  const counts = new Array<number>(10).fill(0);
  for (const code of codes) counts[Number(code[0])]! += 1;
  const expected = codes.length / 10;
  return counts.reduce((sum, observed) => sum + (observed - expected) ** 2 / expected, 0);
}

/** chi-square, 9 degrees of freedom, p = 1e-6: a uniform generator exceeds it once in a million runs. */
const CHI_SQUARE_BOUND = 44.81;
const SAMPLES = 20_000;
const sample = (make: () => string) => Array.from({ length: SAMPLES }, make);

describe('generateCode (S1)', () => {
  it.each([6, 7, 8])('makes %i-digit codes of digits only', (digits) => {
    for (let i = 0; i < 200; i++) {
      const code = generateCode(digits);
      expect(code).toHaveLength(digits);
      expect(code).toMatch(/^\d+$/);
    }
  });

  it.each([5, 9, 0, -6, 6.5, Number.NaN])('refuses a length of %p', (digits) => {
    expect(() => generateCode(digits)).toThrow(RangeError);
  });

  it('keeps leading zeros (the code space is all 10^6 values)', () => {
    const codes = sample(() => generateCode(6));
    expect(codes.some((c) => c.startsWith('0'))).toBe(true);
  });

  it('spreads the first digit uniformly over 0-9', () => {
    expect(firstDigitChiSquare(sample(() => generateCode(6)))).toBeLessThan(CHI_SQUARE_BOUND);
    expect(firstDigitChiSquare(sample(() => generateCode(8)))).toBeLessThan(CHI_SQUARE_BOUND);
  });

  it('does not repeat itself (20,000 codes from 10^6 have few collisions)', () => {
    // Birthday bound: about n^2 / 2N = 200 expected collisions; a weak generator has far more.
    const distinct = new Set(sample(() => generateCode(6))).size;
    expect(SAMPLES - distinct).toBeLessThan(320);
  });

  describe('the uniformity check itself', () => {
    it('fails a generator that never starts with 0', () => {
      const noLeadingZero = () => String(100_000 + randomInt(900_000));
      expect(firstDigitChiSquare(sample(noLeadingZero))).toBeGreaterThan(CHI_SQUARE_BOUND);
    });

    it('fails a generator that truncates a random integer (leading digits follow Benford, not uniform)', () => {
      const truncated = () => String(randomBytes(4).readUInt32BE(0)).padStart(10, '0').slice(0, 6);
      expect(firstDigitChiSquare(sample(truncated))).toBeGreaterThan(CHI_SQUARE_BOUND);
    });
  });
});

describe('CodeHasher (S2, S6, S7)', () => {
  const hasher = new CodeHasher(Buffer.alloc(32, 1));

  it('hashes the same code, user and command to the same value', () => {
    expect(hasher.hash('482913', 'alice', 'cmd-1')).toBe(hasher.hash('482913', 'alice', 'cmd-1'));
  });

  it.each([
    ['code', ['482914', 'alice', 'cmd-1']],
    ['user', ['482913', 'bob', 'cmd-1']],
    ['command', ['482913', 'alice', 'cmd-2']],
  ] as const)('gives a different hash for a different %s', (_, [code, user, command]) => {
    expect(hasher.hash(code, user, command)).not.toBe(hasher.hash('482913', 'alice', 'cmd-1'));
  });

  it('does not let the fields run into each other', () => {
    expect(hasher.hash('482913', 'alice', 'cmd-1')).not.toBe(hasher.hash('482913', 'alic', 'ecmd-1'));
  });

  it('depends on the secret (a keyed hash, not a plain digest)', () => {
    const other = new CodeHasher(Buffer.alloc(32, 2));
    expect(other.hash('482913', 'alice', 'cmd-1')).not.toBe(hasher.hash('482913', 'alice', 'cmd-1'));
  });

  it('stores nothing that shows the code', () => {
    const stored = hasher.hash('482913', 'alice', 'cmd-1');
    expect(stored).not.toContain('482913');
    expect(Buffer.from(stored, 'base64url')).toHaveLength(32); // HMAC-SHA-256
  });

  it('matches() is true only for the code, user and command it was issued for', () => {
    const stored = hasher.hash('482913', 'alice', 'cmd-1');

    expect(hasher.matches('482913', 'alice', 'cmd-1', stored)).toBe(true);
    expect(hasher.matches('482914', 'alice', 'cmd-1', stored)).toBe(false);
    expect(hasher.matches('482913', 'bob', 'cmd-1', stored)).toBe(false);
    expect(hasher.matches('482913', 'alice', 'cmd-2', stored)).toBe(false);
  });

  it('matches() is false, not an error, for a damaged stored hash', () => {
    expect(hasher.matches('482913', 'alice', 'cmd-1', '')).toBe(false);
    expect(hasher.matches('482913', 'alice', 'cmd-1', 'short')).toBe(false);
  });

  it('refuses a secret shorter than 32 bytes', () => {
    expect(() => new CodeHasher(Buffer.alloc(31))).toThrow(RangeError);
    expect(() => new CodeHasher(Buffer.alloc(0))).toThrow(RangeError);
    expect(() => new CodeHasher(Buffer.alloc(32))).not.toThrow();
  });
});

describe('normalizeSpokenCode', () => {
  it.each([
    ['482913', 6, '482913'],
    ['4217', 6, '004217'], // AMAZON.NUMBER dropped "0 0"
    ['0', 6, '000000'],
    ['48 29 13', 6, '482913'],
    ['482-913', 6, '482913'],
    [' 4 8 2 9 1 3 ', 6, '482913'],
    ['1234567', 7, '1234567'],
    ['123', 8, '00000123'],
  ])('%p with %i digits is %p', (spoken, digits, expected) => {
    expect(normalizeSpokenCode(spoken, digits)).toBe(expected);
  });

  it.each([
    ['1234567', 6],
    ['123456789', 8],
    ['12a456', 6],
    ['four two', 6],
    ['12.345', 6],
    ['-', 6],
    ['', 6],
    ['   ', 6],
    [undefined, 6],
  ])('%p with %i digits cannot be a code', (spoken, digits) => {
    expect(normalizeSpokenCode(spoken, digits)).toBeUndefined();
  });
});
