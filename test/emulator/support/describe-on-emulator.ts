import { motoInstalled } from '../../../infra/emulator/moto-process';
import { EmulatedAccount } from './emulated-account';

/** Each conversation step waits on Lambda cold starts and moto's interpreter; generous on a busy machine. */
export const CONVERSATION_TIMEOUT_MS = 180_000;

/** A describe block against the emulator global-setup.ts deployed; skipped with a notice where moto_server is missing. */
export function describeOnEmulator(name: string, declare: (account: () => EmulatedAccount) => void): void {
  if (!motoInstalled()) {
    process.stderr.write(`moto_server not found: emulator tests skipped (${name})\n`);
    describe.skip(`${name} [moto_server not found]`, () => declare(() => EmulatedAccount.open()));
    return;
  }
  describe(name, () => {
    let account: EmulatedAccount | undefined;
    beforeAll(() => {
      account = EmulatedAccount.open();
    });
    declare(() => account ?? EmulatedAccount.open());
  });
}
