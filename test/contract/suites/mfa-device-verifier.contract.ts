import type { MfaDeviceLink } from '../../../functions/domain/factor-enrollment';
import type { MfaDeviceVerifier } from '../../../functions/ports/mfa-device-verifier';
import { freshPerTest, type MakeFixture } from './fixture';

/** A device of the user's, the code it shows now, and one it showed long ago (no longer valid). */
export interface ShownCodes {
  device: MfaDeviceLink;
  current: string;
  stale: string;
}

export interface MfaDeviceFixture {
  verifier: MfaDeviceVerifier;
  /** Sets up a new MFA device for `owner`. */
  newDevice(owner: string): Promise<ShownCodes>;
  /** A device link that names no device the verifier knows. */
  unknownDevice: MfaDeviceLink;
}

const MALFORMED_CODES = ['12345', '1234567', 'abcdef', '12 345', ''];

/**
 * What every verifier does whatever its backend says: the shown code is accepted, and a
 * malformed code is refused without being put to the device (so it cannot use up the real one).
 */
export function mfaDeviceVerifierRequestContract(name: string, makeFixture: MakeFixture<MfaDeviceFixture>): void {
  describe(`MfaDeviceVerifier contract (request): ${name}`, () => {
    const fixture = freshPerTest(makeFixture);

    it('accepts the code the device shows now', async () => {
      const { device, current } = await fixture().newDevice('alice');

      expect(await fixture().verifier.verify(device, current)).toBe('accepted');
    });

    it('rejects malformed codes, and the code the device shows still works afterwards', async () => {
      const { device, current } = await fixture().newDevice('alice');

      for (const code of MALFORMED_CODES) expect(await fixture().verifier.verify(device, code)).toBe('rejected');
      expect(await fixture().verifier.verify(device, current)).toBe('accepted');
    });
  });
}

/** The whole contract: the request part, and the backend's own checks of the code (S3, S4, S15). */
export function mfaDeviceVerifierContract(name: string, makeFixture: MakeFixture<MfaDeviceFixture>): void {
  mfaDeviceVerifierRequestContract(name, makeFixture);

  describe(`MfaDeviceVerifier contract (checks): ${name}`, () => {
    const fixture = freshPerTest(makeFixture);

    it('accepts a code once: the same code again is rejected, as AWS refuses a reused code', async () => {
      const { device, current } = await fixture().newDevice('alice');

      expect(await fixture().verifier.verify(device, current)).toBe('accepted');
      expect(await fixture().verifier.verify(device, current)).toBe('rejected');
    });

    it('rejects a code the device showed long ago', async () => {
      const { device, stale } = await fixture().newDevice('alice');

      expect(await fixture().verifier.verify(device, stale)).toBe('rejected');
    });

    it('rejects any code for a device it does not know', async () => {
      const { current } = await fixture().newDevice('alice');

      expect(await fixture().verifier.verify(fixture().unknownDevice, current)).toBe('rejected');
    });

    it("does not take one device's code for another's", async () => {
      const alices = await fixture().newDevice('alice');
      const bobs = await fixture().newDevice('bob');

      expect(await fixture().verifier.verify(bobs.device, alices.current)).toBe('rejected');
      expect(await fixture().verifier.verify(alices.device, alices.current)).toBe('accepted');
    });
  });
}
