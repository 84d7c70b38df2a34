/**
 * `npm run factors -- step-up|enroll-app|activate-app <user id> ...`: an operator enrolls a
 * user's authenticator app on the deployed stack with the same use cases the local console
 * uses, the same step-up included. The secret is sealed with the stack's factor key under the
 * operator's own credentials (no function may kms:Encrypt); the user reads back a step-up code,
 * scans the printed QR code, then reads back one code from the app.
 */
import QRCode from 'qrcode';
import { activateTotp, startTotpEnrollment, type ActivateOutcome } from '../../../functions/use-cases/enroll-totp';
import { sendStepUpCode, type StepUpFailure } from '../../../functions/use-cases/step-up';
import { factorChangeDeps } from '../../../functions/wiring/factor-enrollment-root';
import { STACK_NAME } from '../stack-name';

export interface AppEnrollmentOptions {
  userId: string;
  stackName?: string;
  log: (line: string) => void;
}

const ACTIVATION_REFUSALS: Record<Exclude<ActivateOutcome, 'activated'>, string> = {
  'unknown-user': 'there is no such VoiceGate user',
  'nothing-pending': 'no authenticator enrollment is waiting for its first code; start one with enroll-app',
  'wrong-code': 'that is not the code the authenticator app shows now (6 digits; check the phone clock)',
  'code-used': 'that code was already used; wait for the next one',
  'attempt-limit': 'too many codes tried; please try again later',
};

/** Returns the process exit code: 0 sent, 1 refused. */
export async function stepUpOnAws({ userId, channel, stackName = STACK_NAME, log }: AppEnrollmentOptions & { channel: string }): Promise<number> {
  const outcome = await sendStepUpCode(await factorChangeDeps(stackName), userId, channel);
  if (outcome.kind === 'sent') {
    log(`step-up code sent by ${outcome.channel} to ${outcome.maskedDestination}; ask the user to read it out, then:`);
    log(`npm run factors -- enroll-app ${userId} --step-up ${outcome.channel}:<code>`);
    return 0;
  }
  const why = { 'unknown-user': 'there is no such VoiceGate user', 'not-a-factor': `the user has no ${channel} to send to`, 'send-limit': 'too many codes sent; try again later', 'delivery-failed': 'the provider did not accept the code' };
  log(`not sent: ${why[outcome.kind]}`);
  return 1;
}

/** `stepUp` is `<factor>:<code>` as typed. Returns the process exit code: 0 pending (the URI and QR code printed), 1 refused. */
export async function enrollAppOnAws({ userId, stepUp, stackName = STACK_NAME, log }: AppEnrollmentOptions & { stepUp?: string }): Promise<number> {
  const outcome = await startTotpEnrollment(await factorChangeDeps(stackName), userId, stepUpProof(stepUp));
  if (outcome.kind === 'unknown-user') {
    log(`not enrolled: ${ACTIVATION_REFUSALS['unknown-user']} (${userId}) in stack ${stackName}`);
    return 1;
  }
  if (outcome.kind !== 'pending') {
    log(`not enrolled: ${stepUpRefusal(outcome)}`);
    return 1;
  }
  log('Let the user scan this with their authenticator app (it holds the secret: show it to them only):');
  log(await QRCode.toString(outcome.otpauthUri, { type: 'terminal', small: true }));
  log(outcome.otpauthUri);
  log(`Then: npm run factors -- activate-app ${userId} <the code the app shows>`);
  return 0;
}

/** Returns the process exit code: 0 activated, 1 refused. */
export async function activateAppOnAws({ userId, code, stackName = STACK_NAME, log }: AppEnrollmentOptions & { code: string }): Promise<number> {
  const outcome = await activateTotp(await factorChangeDeps(stackName), userId, code);
  if (outcome !== 'activated') {
    log(`not activated: ${ACTIVATION_REFUSALS[outcome]}`);
    return 1;
  }
  log(`activated: ${userId} now confirms commands with the authenticator app (stack ${stackName})`);
  return 0;
}

function stepUpProof(typed: string | undefined): { factor: string; code: string } | undefined {
  const at = typed?.indexOf(':') ?? -1;
  return typed && at > 0 ? { factor: typed.slice(0, at), code: typed.slice(at + 1) } : undefined;
}

function stepUpRefusal(failure: StepUpFailure): string {
  if (failure.kind === 'attempt-limit') return 'too many codes tried; try again later';
  const options = `(the user can step up with: ${failure.factors.join(', ')})`;
  if (failure.reason === 'missing' || failure.reason === 'not-a-factor') {
    return `changing a factor needs --step-up <factor>:<code> from one the user has ${options}; for sms or email, send one with: npm run factors -- step-up <user id> --by sms`;
  }
  return `the step-up failed (${failure.reason}); send a new code or use the next one the app shows`;
}
