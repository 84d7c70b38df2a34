/**
 * `npm run factors -- enroll-app|activate-app <user id> ... `: an operator enrolls a user's
 * authenticator app on the deployed stack with the same use cases the local console uses. The
 * secret is sealed with the stack's factor key under the operator's own credentials (no
 * function may kms:Encrypt); the user scans the printed QR code, then reads back one code.
 */
import QRCode from 'qrcode';
import { activateTotp, startTotpEnrollment, type ActivateOutcome } from '../../../functions/use-cases/enroll-totp';
import { factorEnrollmentDeps } from '../../../functions/wiring/factor-enrollment-root';
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

/** Returns the process exit code: 0 pending (the URI and QR code printed), 1 refused. */
export async function enrollAppOnAws({ userId, stackName = STACK_NAME, log }: AppEnrollmentOptions): Promise<number> {
  const outcome = await startTotpEnrollment(factorEnrollmentDeps(stackName), userId);
  if (outcome.kind === 'unknown-user') {
    log(`not enrolled: ${ACTIVATION_REFUSALS['unknown-user']} (${userId}) in stack ${stackName}`);
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
  const outcome = await activateTotp(factorEnrollmentDeps(stackName), userId, code);
  if (outcome !== 'activated') {
    log(`not activated: ${ACTIVATION_REFUSALS[outcome]}`);
    return 1;
  }
  log(`activated: ${userId} now confirms commands with the authenticator app (stack ${stackName})`);
  return 0;
}
