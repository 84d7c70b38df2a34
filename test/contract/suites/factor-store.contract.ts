import type { FactorRecord } from '../../../functions/domain/factor-enrollment';
import type { FactorStore } from '../../../functions/ports/factor-store';
import { freshPerTest, type MakeFixture } from './fixture';

const OWNER = 'user-alice';

function aRecord(overrides: Partial<FactorRecord> = {}): FactorRecord {
  return {
    ownerId: OWNER,
    version: 1,
    pendingTotp: { sealedSecret: 'v1.sealed-1', since: 1_767_225_600_000 },
    ...overrides,
  };
}

export function factorStoreContract(name: string, makeStore: MakeFixture<FactorStore>): void {
  describe(`FactorStore contract: ${name}`, () => {
    const store = freshPerTest(makeStore);

    it('has no record for an owner who enrolled nothing', async () => {
      expect(await store().get(OWNER)).toBeUndefined();
    });

    it('saves a first record only where none exists (expected version 0)', async () => {
      const first = aRecord();

      expect(await store().save(first, 0)).toBe(true);
      expect(await store().get(OWNER)).toEqual(first);
      expect(await store().save(aRecord({ pendingTotp: { sealedSecret: 'v1.other', since: 1 } }), 0)).toBe(false);
      expect(await store().get(OWNER)).toEqual(first);
    });

    it('saves a change only on the version it was read at', async () => {
      await store().save(aRecord(), 0);
      const activated = aRecord({ version: 2, pendingTotp: undefined, totp: { sealedSecret: 'v1.sealed-1', since: 5 }, preferred: 'totp' });

      expect(await store().save(activated, 1)).toBe(true);
      expect(await store().save(aRecord({ version: 2, preferred: 'sms' }), 1)).toBe(false);
      expect(await store().get(OWNER)).toEqual({ ownerId: OWNER, version: 2, totp: { sealedSecret: 'v1.sealed-1', since: 5 }, preferred: 'totp' });
    });

    it('claims each TOTP time step once, and never one at or before the last claimed (replay)', async () => {
      await store().save(aRecord(), 0);

      expect(await store().claimTotpStep(OWNER, 100)).toBe(true);
      expect(await store().claimTotpStep(OWNER, 100)).toBe(false);
      expect(await store().claimTotpStep(OWNER, 99)).toBe(false);
      expect(await store().claimTotpStep(OWNER, 101)).toBe(true);
      expect((await store().get(OWNER))?.lastTotpStep).toBe(101);
    });

    it('lets exactly one of many simultaneous claims of a step win', async () => {
      await store().save(aRecord(), 0);

      const wins = await Promise.all(Array.from({ length: 8 }, () => store().claimTotpStep(OWNER, 200)));

      expect(wins.filter(Boolean)).toHaveLength(1);
    });

    it('bumps the version on a claim, so a save built on the older record fails and re-reads', async () => {
      await store().save(aRecord(), 0);
      await store().claimTotpStep(OWNER, 300);

      expect(await store().save(aRecord({ version: 2, preferred: 'email' }), 1)).toBe(false);
      const current = (await store().get(OWNER))!;
      expect(current.version).toBe(2);
      expect(await store().save({ ...current, preferred: 'email', version: 3 }, 2)).toBe(true);
      expect(await store().get(OWNER)).toMatchObject({ preferred: 'email', lastTotpStep: 300 });
    });

    it('keeps owners apart', async () => {
      await store().save(aRecord(), 0);
      await store().claimTotpStep(OWNER, 400);

      expect(await store().claimTotpStep('user-bob', 400)).toBe(true);
      expect((await store().get(OWNER))?.lastTotpStep).toBe(400);
    });
  });
}
