import { EMULATOR_CODE_TTL_SECONDS } from './support/emulator-settings';
import { CONVERSATION_TIMEOUT_MS, describeOnEmulator } from './support/describe-on-emulator';

/** The template's "Send Code And Wait" timeout, run by moto's Step Functions interpreter. */
describeOnEmulator('a code nobody speaks on the emulated AWS account', (account) => {
  it(
    `expires after the code life (${EMULATOR_CODE_TTL_SECONDS} s): ChallengeExpired, audited, and the code no longer works`,
    async () => {
      const gina = await account().newPerson(['*']);
      const { alias } = await account().newInstance('stopped');
      await account().say(gina, 'StartInstanceIntent', { instance: alias });
      const code = await account().codeTexted(gina);
      const [execution] = await account().executionsOf(gina.userId);

      const ended = await account().executionEnds(execution!.executionArn!, (EMULATOR_CODE_TTL_SECONDS + 60) * 1000);

      expect(ended).toEqual({ status: 'FAILED', error: 'ChallengeExpired' });
      expect((await account().auditTrail(execution!.input.command.commandId)).at(-1)).toBe('Challenge Expired');
      expect(await account().say(gina, 'AuthorizeIntent', { code })).toBe('That code has expired. Please ask again.');
      expect(await account().instanceState(alias)).toBe('stopped');
    },
    CONVERSATION_TIMEOUT_MS + EMULATOR_CODE_TTL_SECONDS * 1000,
  );
});
