import type { ActionLedger } from '../../../functions/ports/action-ledger';
import { freshPerTest, type MakeFixture } from './fixture';

const COMMAND = 'cmd-1';
const AT = 1_767_225_600_000;

export function actionLedgerContract(name: string, makeLedger: MakeFixture<ActionLedger>): void {
  describe(`ActionLedger contract: ${name}`, () => {
    const ledger = freshPerTest(makeLedger);

    it('has no record of a command that was never claimed', async () => {
      expect(await ledger().status(COMMAND)).toBeUndefined();
    });

    it('grants the first claim and refuses a second (S14)', async () => {
      expect(await ledger().claim(COMMAND, AT)).toBe(true);
      expect(await ledger().claim(COMMAND, AT + 1)).toBe(false);
      expect(await ledger().status(COMMAND)).toBe('acting');
    });

    it('lets a failed action be claimed again', async () => {
      await ledger().claim(COMMAND, AT);
      await ledger().settle(COMMAND, 'failed');
      expect(await ledger().status(COMMAND)).toBe('failed');

      expect(await ledger().claim(COMMAND, AT + 1)).toBe(true);
    });

    it('never lets a performed action be claimed again', async () => {
      await ledger().claim(COMMAND, AT);
      await ledger().settle(COMMAND, 'performed');

      expect(await ledger().claim(COMMAND, AT + 1)).toBe(false);
      expect(await ledger().status(COMMAND)).toBe('performed');
    });

    it('forgets a released claim, so a retry may claim it', async () => {
      await ledger().claim(COMMAND, AT);
      await ledger().settle(COMMAND, 'released');
      expect(await ledger().status(COMMAND)).toBeUndefined();

      expect(await ledger().claim(COMMAND, AT + 1)).toBe(true);
    });

    it('keeps commands apart', async () => {
      await ledger().claim(COMMAND, AT);

      expect(await ledger().claim('cmd-2', AT)).toBe(true);
    });

    it('grants exactly one of 20 concurrent claims', async () => {
      const claims = await Promise.all(Array.from({ length: 20 }, (_, i) => ledger().claim(COMMAND, AT + i)));

      expect(claims.filter(Boolean)).toHaveLength(1);
    });
  });
}
