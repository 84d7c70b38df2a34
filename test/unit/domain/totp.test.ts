import { matchingTotpStep, newTotpSecret, otpauthUri, totpCode } from '../../../functions/domain/totp';
import { secretOf } from '../../support/otpauth';

/** RFC 6238 appendix B: the SHA-1 seed is the 20-byte ASCII string "12345678901234567890". */
const RFC_SECRET = Buffer.from('12345678901234567890', 'ascii');
/** The same bytes in Base32, the form authenticator apps (and this module) take secrets in. */
const RFC_SECRET_BASE32 = 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ';

const RFC_VECTORS: [seconds: number, code: string][] = [
  [59, '94287082'],
  [1111111109, '07081804'],
  [1111111111, '14050471'],
  [1234567890, '89005924'],
  [2000000000, '69279037'],
  [20000000000, '65353130'],
];

describe('TOTP (RFC 6238)', () => {
  it('uses the RFC seed, in Base32', () => {
    expect(base32Decode(RFC_SECRET_BASE32)).toEqual(RFC_SECRET);
  });

  it.each(RFC_VECTORS)('at T = %d s the SHA-1 code is %s (8 digits)', (seconds, code) => {
    expect(totpCode(RFC_SECRET_BASE32, seconds * 1000, { digits: 8 })).toBe(code);
    expect(matchingTotpStep(RFC_SECRET_BASE32, code, seconds * 1000, { digits: 8 })).toBe(Math.floor(seconds / 30));
  });

  describe('drift window', () => {
    const secret = newTotpSecret();
    const now = 1_767_225_615_000; // the middle of a 30-second step
    const step = Math.floor(now / 30_000);
    const codeAt = (steps: number) => totpCode(secret, now + steps * 30_000);

    it('accepts the current step and one step either side, naming the step it matched', () => {
      expect(matchingTotpStep(secret, codeAt(0), now)).toBe(step);
      expect(matchingTotpStep(secret, codeAt(-1), now)).toBe(step - 1);
      expect(matchingTotpStep(secret, codeAt(1), now)).toBe(step + 1);
    });

    it('refuses two steps either side', () => {
      // Two steps away a code could equal a nearer one by chance (1 in a million); these seconds' codes differ.
      for (const steps of [-2, 2]) {
        const code = codeAt(steps);
        if ([-1, 0, 1].some((near) => codeAt(near) === code)) continue;
        expect(matchingTotpStep(secret, code, now)).toBeUndefined();
      }
    });

    it('refuses anything that is not exactly six digits, without throwing', () => {
      const code = codeAt(0);
      for (const bad of [code.slice(1), `${code}0`, 'abcdef', '', ` ${code}`]) {
        expect(matchingTotpStep(secret, bad, now)).toBeUndefined();
      }
    });

    it("refuses another secret's code", () => {
      expect(matchingTotpStep(newTotpSecret(), codeAt(0), now)).toBeUndefined();
    });
  });

  it('makes 20-byte random secrets, never the same twice', () => {
    const secrets = new Set(Array.from({ length: 50 }, () => newTotpSecret()));

    expect(secrets.size).toBe(50);
    for (const secret of secrets) expect(base32Decode(secret)).toHaveLength(20);
  });

  it('writes the otpauth URI authenticator apps scan: issuer VoiceGate and the label, leaving out the defaults apps assume (SHA-1, 6 digits, 30 s)', () => {
    const secret = newTotpSecret();
    const uri = new URL(otpauthUri('alice', secret));

    expect(uri.protocol).toBe('otpauth:');
    expect(uri.host).toBe('totp');
    expect(decodeURIComponent(uri.pathname)).toBe('/VoiceGate:alice');
    expect(Object.fromEntries(uri.searchParams)).toEqual({ secret, issuer: 'VoiceGate' });
    expect(secretOf(uri.href)).toBe(secret);
  });
});

function base32Decode(text: string): Buffer {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
  let bits = '';
  for (const char of text.replace(/=+$/, '')) bits += alphabet.indexOf(char).toString(2).padStart(5, '0');
  const bytes = bits.match(/.{8}/g) ?? [];
  return Buffer.from(bytes.map((byte) => parseInt(byte, 2)));
}
