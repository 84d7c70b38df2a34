/** Use-case test helpers for users who confirm with an authenticator app or an MFA device. */
import type { Command } from '../../../functions/domain/command';
import { totpCode } from '../../../functions/domain/totp';
import type { StepUpProof } from '../../../functions/domain/step-up';
import { activateTotp, startTotpEnrollment } from '../../../functions/use-cases/enroll-totp';
import { issueChallenge } from '../../../functions/use-cases/issue-challenge';
import { sendStepUpCode } from '../../../functions/use-cases/step-up';
import { secretOf } from '../otpauth';
import { ALICE, SPLUNK, type FakeWorld } from './fake-deps';

/** A step-up by text message: the code the user reads off their phone. */
export async function smsStepUp(world: FakeWorld, userId = ALICE.userId): Promise<StepUpProof> {
  const sent = await sendStepUpCode(world.deps, userId, 'sms');
  if (sent.kind !== 'sent') throw new Error(`no step-up code for ${userId}: ${sent.kind}`);
  const user = await world.users.get(userId);
  return { factor: 'sms', code: world.outbox.lastCodeTo(user!.phone) };
}

/** Enrolls and activates an authenticator app for the user; returns its secret. The clock moves on a step, past the activation code. */
export async function enrolledAuthenticator(world: FakeWorld, userId = ALICE.userId): Promise<string> {
  const enrollment = await startTotpEnrollment(world.deps, userId, await smsStepUp(world, userId));
  if (enrollment.kind !== 'pending') throw new Error(`no enrollment for ${userId}`);
  const secret = secretOf(enrollment.otpauthUri);
  const activated = await activateTotp(world.deps, userId, totpCode(secret, world.clock.now()));
  if (activated !== 'activated') throw new Error(`activation: ${activated}`);
  world.clock.advance(30_000);
  return secret;
}

let sequence = 0;

/** Starts a (fake) workflow and runs the real issue-challenge step for "start splunk" (or `instance`). */
export async function requestedCommand(world: FakeWorld, userId = ALICE.userId, instance = SPLUNK) {
  const command: Command = {
    commandId: `cmd-device-${++sequence}`,
    userId,
    action: 'start',
    target: instance.alias,
    policyTarget: instance.alias,
    instanceId: instance.instanceId,
    requestedAt: new Date(world.clock.now()).toISOString(),
  };
  const { executionId } = await world.workflow.start({ command });
  await issueChallenge(world.deps, { command, executionId, taskToken: world.workflow.tokenOf(executionId) });
  return { command, executionId };
}
