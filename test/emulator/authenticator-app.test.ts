import { totpCode, TOTP_PERIOD_SECONDS } from '../../functions/domain/totp';
import { secretOf } from '../support/otpauth';
import { CONVERSATION_TIMEOUT_MS, describeOnEmulator } from './support/describe-on-emulator';
import type { Person } from './support/emulated-account';

/**
 * An authenticator app on the emulated account: enrolled by the operator command docs/factors.md
 * gives for AWS (the secret sealed with the stack's KMS key into the factors table), then
 * confirming a command with the app's code through the skill's bundle.
 */
describeOnEmulator('an authenticator-app confirmation on the emulated AWS account', (account) => {
  jest.setTimeout(CONVERSATION_TIMEOUT_MS);

  /**
   * `npm run factors -- step-up`, the code the user reads off their phone, then `enroll-app` with it:
   * the secret from the printed otpauth URI, as the user's app scans it.
   */
  async function enrollApp(person: Person): Promise<string> {
    const refused = await account().operatorCommand('factors', ['enroll-app', person.userId]);
    expect(refused).toEqual({ exitCode: 1, stdout: expect.stringContaining('not enrolled: changing a factor needs --step-up') });
    expect((await account().operatorCommand('factors', ['step-up', person.userId])).exitCode).toBe(0);
    const stepUpCode = /code (\d{6})/.exec((await account().textsTo(person.phone)).at(-1) ?? '')?.[1];
    const { stdout, exitCode } = await account().operatorCommand('factors', ['enroll-app', person.userId, '--step-up', `sms:${stepUpCode}`]);
    expect(exitCode).toBe(0);
    const uri = /^otpauth:\/\/\S+$/m.exec(stdout)?.[0];
    if (!uri) throw new Error(`enroll-app printed no otpauth URI:\n${stdout}`);
    return secretOf(uri);
  }

  it('enrolled by the operator command, the app confirms "start": no SMS, the instance runs, the execution succeeds', async () => {
    const jill = await account().newPerson(['*']);
    const secret = await enrollApp(jill);
    const activated = await account().operatorCommand('factors', ['activate-app', jill.userId, totpCode(secret, Date.now())]);
    expect(activated).toEqual({ exitCode: 0, stdout: expect.stringContaining(`activated: ${jill.userId} now confirms commands with the authenticator app`) });
    const { alias } = await account().newInstance('stopped');

    expect(await account().say(jill, 'StartInstanceIntent', { instance: alias })).toBe(`To confirm starting ${alias}, say the code from your authenticator app.`);
    // The next time step: the activation used up this one (each step confirms once).
    const answer = await account().say(jill, 'AuthorizeIntent', { code: totpCode(secret, Date.now() + TOTP_PERIOD_SECONDS * 1000) });

    expect(answer).toMatch(new RegExp(`^Code accepted\\. (I have started ${alias}|Starting ${alias} is under way)\\.$`));
    const [execution] = await account().executionsOf(jill.userId);
    expect(await account().executionEnds(execution!.executionArn!)).toEqual({ status: 'SUCCEEDED' });
    expect(['pending', 'running']).toContain(await account().instanceState(alias));
    expect(await account().textsTo(jill.phone)).toHaveLength(1); // the step-up code only
  });

  it('a wrong first code leaves the app unactivated: refused, and commands still go by text', async () => {
    const kim = await account().newPerson(['*']);
    const secret = await enrollApp(kim);
    const accepted = [-1, 0, 1].map((steps) => totpCode(secret, Date.now() + steps * TOTP_PERIOD_SECONDS * 1000));
    const wrong = ['000000', '111111', '222222', '333333'].find((code) => !accepted.includes(code))!;

    const refused = await account().operatorCommand('factors', ['activate-app', kim.userId, wrong]);

    expect(refused).toEqual({ exitCode: 1, stdout: expect.stringContaining('not activated: that is not the code the authenticator app shows now') });
    const { alias } = await account().newInstance('stopped');
    expect(await account().say(kim, 'StartInstanceIntent', { instance: alias })).toMatch(new RegExp(`^To confirm starting ${alias} I (sent a 6-digit code to your phone|am sending you a code)`));
  });
});
