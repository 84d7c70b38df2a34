import { ChannelRouter } from '../adapters/aws/messaging/channel-router';
import { AesGcmSecretSealer, TASK_TOKEN_KEY_PURPOSE } from '../adapters/crypto/aes-gcm-secret-sealer';
import { CodeHasher } from '../domain/one-time-code';
import { secureCodeGenerator } from '../ports/code-generator';
import { codeHashingWith } from '../ports/code-hashing';
import type { Deps } from '../use-cases/deps';
import type { AwsHost } from './aws-ports';
import { onFirstUse } from './on-first-use';
import { oncePerContainer } from './once-per-container';

/** A message loads only its own channel's client. */
function messageSender({ config }: AwsHost): Deps['messages'] {
  return new ChannelRouter({
    sms: onFirstUse(async () => (await import('./on-demand/sns-sms')).snsSms(config.smsSenderId)),
    email: onFirstUse(async () => (await import('./on-demand/ses-email')).sesEmail(config.sesFromAddress)),
  });
}

const workflowGateway = ({ config }: AwsHost): Deps['workflow'] =>
  onFirstUse(async () => (await import('./on-demand/sfn-workflow')).sfnWorkflow(config.stateMachineArn));

const auditPublisher = ({ config }: AwsHost): Deps['audit'] =>
  onFirstUse(async () => (await import('./on-demand/eventbridge-audit')).eventBridgeAudit(config.auditBusName));

/**
 * What starting a confirmation needs (the skill and issue-challenge): a code and its hash,
 * SMS and e-mail, the workflow and the audit bus. `readKeyNow`: the host's first request needs
 * the code-hash key (issue-challenge's does), so its read starts now, alongside the request's
 * other reads, instead of when a code is first hashed.
 */
export function confirmationPorts(
  host: AwsHost,
  { readKeyNow = false } = {},
): Pick<Deps, 'codes' | 'hasher' | 'taskTokens' | 'messages' | 'workflow' | 'audit'> {
  return {
    codes: secureCodeGenerator,
    ...codeHashPorts(host, readKeyNow),
    messages: messageSender(host),
    workflow: workflowGateway(host),
    audit: auditPublisher(host),
  };
}

/**
 * S2: the code-hash key lives in Secrets Manager and is read once per container, when first
 * needed (a failed read is retried on the next use). The same key (through HKDF) seals
 * workflow task tokens at rest, so only the functions holding it can complete a task from
 * what the challenges table stores.
 */
function codeHashPorts({ config }: AwsHost, readKeyNow: boolean): Pick<Deps, 'hasher' | 'taskTokens'> {
  const key = oncePerContainer(async () => (await import('./on-demand/code-hash-key')).readCodeHashKey(config.codeHashSecretArn));
  if (readKeyNow) key().catch(() => undefined); // a failed read surfaces, and is retried, at first use
  return {
    hasher: onFirstUse(async () => codeHashingWith(new CodeHasher(await key()))),
    taskTokens: onFirstUse(async () => AesGcmSecretSealer.derivedFrom(await key(), TASK_TOKEN_KEY_PURPOSE)),
  };
}
