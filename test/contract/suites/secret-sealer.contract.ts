import type { SecretSealer } from '../../../functions/ports/secret-sealer';
import { freshPerTest, type MakeFixture } from './fixture';

const SECRET = 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP';

/** One changed character in the middle of the sealed text. */
function altered(sealed: string): string {
  const at = Math.floor(sealed.length / 2);
  const changed = sealed[at] === 'A' ? 'B' : 'A';
  return sealed.slice(0, at) + changed + sealed.slice(at + 1);
}

export function secretSealerContract(name: string, makeFixture: MakeFixture<SecretSealer>): void {
  describe(`SecretSealer contract: ${name}`, () => {
    const sealer = freshPerTest(makeFixture);

    it('opens what it sealed, for the same owner, and the sealed text does not show the secret', async () => {
      const sealed = await sealer().seal(SECRET, 'alice');

      expect(sealed).not.toContain(SECRET);
      expect(await sealer().open(sealed, 'alice')).toBe(SECRET);
    });

    it("will not open one owner's secret for another", async () => {
      const sealed = await sealer().seal(SECRET, 'alice');

      await expect(sealer().open(sealed, 'bob')).rejects.toThrow();
    });

    it('will not open a sealed text that was altered', async () => {
      const sealed = await sealer().seal(SECRET, 'alice');

      await expect(sealer().open(altered(sealed), 'alice')).rejects.toThrow();
    });

    it('will not open something that was never sealed', async () => {
      await expect(sealer().open(SECRET, 'alice')).rejects.toThrow();
    });
  });
}
