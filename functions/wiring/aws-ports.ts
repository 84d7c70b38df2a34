import { EC2Client } from '@aws-sdk/client-ec2';
import { EventBridgeClient } from '@aws-sdk/client-eventbridge';
import { IoTDataPlaneClient } from '@aws-sdk/client-iot-data-plane';
import { KMSClient } from '@aws-sdk/client-kms';
import { GetSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { SESv2Client } from '@aws-sdk/client-sesv2';
import { SFNClient } from '@aws-sdk/client-sfn';
import { SNSClient } from '@aws-sdk/client-sns';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { createDocumentClient } from '../adapters/aws/dynamodb/document-client';
import { DynamoDbActionLedger } from '../adapters/aws/dynamodb/dynamodb-action-ledger';
import { DynamoDbChallengeStore } from '../adapters/aws/dynamodb/dynamodb-challenge-store';
import { DynamoDbDeviceDirectory } from '../adapters/aws/dynamodb/dynamodb-device-directory';
import { DynamoDbFactorStore } from '../adapters/aws/dynamodb/dynamodb-factor-store';
import { DynamoDbSendRateLimiter } from '../adapters/aws/dynamodb/dynamodb-send-rate-limiter';
import { DynamoDbUserDirectory } from '../adapters/aws/dynamodb/dynamodb-user-directory';
import { tableNames, type TableNames } from '../adapters/aws/dynamodb/tables';
import { Ec2InstanceGateway } from '../adapters/aws/ec2/ec2-instance-gateway';
import { AesGcmSecretSealer, TASK_TOKEN_KEY_PURPOSE } from '../adapters/crypto/aes-gcm-secret-sealer';
import { EventBridgeAuditPublisher } from '../adapters/aws/eventbridge/eventbridge-audit-publisher';
import { IotShadowGateway } from '../adapters/aws/iot/iot-shadow-gateway';
import { KmsSecretSealer } from '../adapters/aws/kms/kms-secret-sealer';
import { ChannelRouter } from '../adapters/aws/messaging/channel-router';
import { SesEmailSender } from '../adapters/aws/ses/ses-email-sender';
import { StepFunctionsWorkflowGateway } from '../adapters/aws/sfn/step-functions-workflow-gateway';
import { SnsSmsSender } from '../adapters/aws/sns/sns-sms-sender';
import { iamUserStsClients } from '../adapters/aws/sts/iam-user-sts-clients';
import { StsMfaDeviceVerifier } from '../adapters/aws/sts/sts-mfa-device-verifier';
import type { AwsConfig } from '../config/aws-config';
import { CodeHasher } from '../domain/one-time-code';
import { systemClock, type Clock } from '../ports/clock';
import { secureCodeGenerator } from '../ports/code-generator';
import { countedSeparately } from '../ports/send-rate-limiter';
import type { Deps } from '../use-cases/deps';
import type { Settings } from '../use-cases/settings';
import { FACTORS_OFF } from './factors-off';

/**
 * One builder per port on AWS. Each function's root (./*-root.ts) calls only the builders of
 * the ports it uses, so its bundle carries only those SDK clients (they are side-effect free
 * ES modules esbuild drops when unused). Adapters on packages esbuild cannot drop, such as
 * aws-jwt-verify, are built in the one root that uses them.
 */
export interface AwsHost {
  config: AwsConfig;
  settings: Settings;
  clock: Clock;
  documents: DynamoDBDocumentClient;
  tables: TableNames;
}

export function awsHost(config: AwsConfig): AwsHost {
  return { config, settings: config.settings, clock: systemClock, documents: createDocumentClient(), tables: tableNames(config.tablePrefix) };
}

/** What every function reads: users, challenges and devices (DynamoDB only), the clock and the settings. */
export function commonPorts({ documents, tables, clock, settings }: AwsHost): Pick<Deps, 'users' | 'challenges' | 'deviceDirectory' | 'clock' | 'settings'> {
  return {
    users: new DynamoDbUserDirectory(documents, tables.users),
    challenges: new DynamoDbChallengeStore(documents, tables.challenges),
    deviceDirectory: new DynamoDbDeviceDirectory(documents, tables.devices),
    clock,
    settings,
  };
}

export const actionLedger = ({ documents, tables }: AwsHost) => new DynamoDbActionLedger(documents, tables.actionLedger);

/** S8: codes sent, and (counted separately) codes VoiceGate does not send and authenticator activations. */
export function rateLimiters({ documents, tables, settings, clock }: AwsHost): Pick<Deps, 'sendLimiter' | 'attemptLimiter' | 'activationLimiter'> {
  const sendLimiter = new DynamoDbSendRateLimiter(documents, tables.sendCounters, settings.sendLimits, clock);
  return {
    sendLimiter,
    attemptLimiter: countedSeparately('attempts', sendLimiter),
    activationLimiter: countedSeparately('activations', sendLimiter),
  };
}

/** Reading which factors a user has needs only the table; without the factor key nobody has one. */
export function factorStore({ config, documents, tables }: AwsHost): Deps['factors'] {
  return config.factorKeyArn ? new DynamoDbFactorStore(documents, tables.factors) : FACTORS_OFF.factors;
}

/** Everything checking or enrolling an authenticator app or MFA device needs. */
export function factorPorts(host: AwsHost): Pick<Deps, 'factors' | 'sealer' | 'mfaDevices'> {
  const { factorKeyArn } = host.config;
  if (!factorKeyArn) return FACTORS_OFF;
  return {
    factors: factorStore(host),
    sealer: new KmsSecretSealer(new KMSClient({}), factorKeyArn),
    mfaDevices: new StsMfaDeviceVerifier(iamUserStsClients(new SecretsManagerClient({}))),
  };
}

function messageSender({ config }: AwsHost): Deps['messages'] {
  return new ChannelRouter({
    sms: new SnsSmsSender(new SNSClient({}), config.smsSenderId ? { senderId: config.smsSenderId } : {}),
    email: new SesEmailSender(new SESv2Client({}), { fromAddress: config.sesFromAddress }),
  });
}

export const instanceGateway = () => new Ec2InstanceGateway(new EC2Client({}));

export function deviceGateway({ config }: AwsHost): Deps['devices'] {
  return new IotShadowGateway(new IoTDataPlaneClient(config.iotDataEndpoint ? { endpoint: `https://${config.iotDataEndpoint}` } : {}));
}

const workflowGateway = ({ config }: AwsHost) => new StepFunctionsWorkflowGateway(new SFNClient({}), config.stateMachineArn);
const auditPublisher = ({ config }: AwsHost) => new EventBridgeAuditPublisher(new EventBridgeClient({}), config.auditBusName);

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
