import { GetSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { ChannelRouter } from '../adapters/aws/messaging/channel-router';
import { AesGcmSecretSealer, TASK_TOKEN_KEY_PURPOSE } from '../adapters/crypto/aes-gcm-secret-sealer';
import { CodeHasher } from '../domain/one-time-code';
import { secureCodeGenerator } from '../ports/code-generator';
import type { Deps } from '../use-cases/deps';
import type { AwsHost } from './aws-ports';
import { onFirstUse } from './on-first-use';

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
 * SMS and e-mail, the workflow and the audit bus.
 */
export async function confirmationPorts(host: AwsHost): Promise<Pick<Deps, 'codes' | 'hasher' | 'taskTokens' | 'messages' | 'workflow' | 'audit'>> {
  return {
    codes: secureCodeGenerator,
    ...(await codeHashPorts(host)),
    messages: messageSender(host),
    workflow: workflowGateway(host),
    audit: auditPublisher(host),
  };
}

/**
 * S2: the code-hash key lives in Secrets Manager and is read once per cold start. The same
 * key (through HKDF) seals workflow task tokens at rest, so only the functions holding it can
 * complete a task from what the challenges table stores.
 */
async function codeHashPorts({ config }: AwsHost): Promise<Pick<Deps, 'hasher' | 'taskTokens'>> {
  const key = await readCodeHashKey(config.codeHashSecretArn);
  return { hasher: new CodeHasher(key), taskTokens: AesGcmSecretSealer.derivedFrom(key, TASK_TOKEN_KEY_PURPOSE) };
}

async function readCodeHashKey(secretArn: string): Promise<Buffer> {
  const secrets = new SecretsManagerClient({});
  const { SecretString, SecretBinary } = await secrets.send(new GetSecretValueCommand({ SecretId: secretArn }));
  if (SecretBinary) return Buffer.from(SecretBinary);
  if (SecretString) return Buffer.from(SecretString, 'utf8');
  throw new Error('the code-hash secret is empty');
}
