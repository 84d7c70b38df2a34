import { EC2Client } from '@aws-sdk/client-ec2';
import { EventBridgeClient } from '@aws-sdk/client-eventbridge';
import { IoTDataPlaneClient } from '@aws-sdk/client-iot-data-plane';
import { KMSClient } from '@aws-sdk/client-kms';
import { GetSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { SESv2Client } from '@aws-sdk/client-sesv2';
import { SFNClient } from '@aws-sdk/client-sfn';
import { SNSClient } from '@aws-sdk/client-sns';
import { JwtAccessTokenVerifier } from '../adapters/aws/auth/jwt-access-token-verifier';
import { AesGcmSecretSealer, TASK_TOKEN_KEY_PURPOSE } from '../adapters/crypto/aes-gcm-secret-sealer';
import { createDocumentClient } from '../adapters/aws/dynamodb/document-client';
import { DynamoDbActionLedger } from '../adapters/aws/dynamodb/dynamodb-action-ledger';
import { DynamoDbChallengeStore } from '../adapters/aws/dynamodb/dynamodb-challenge-store';
import { DynamoDbDeviceDirectory } from '../adapters/aws/dynamodb/dynamodb-device-directory';
import { DynamoDbFactorStore } from '../adapters/aws/dynamodb/dynamodb-factor-store';
import { DynamoDbSendRateLimiter } from '../adapters/aws/dynamodb/dynamodb-send-rate-limiter';
import { DynamoDbUserDirectory } from '../adapters/aws/dynamodb/dynamodb-user-directory';
import { tableNames } from '../adapters/aws/dynamodb/tables';
import { Ec2InstanceGateway } from '../adapters/aws/ec2/ec2-instance-gateway';
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
import { systemClock } from '../ports/clock';
import { secureCodeGenerator } from '../ports/code-generator';
import { countedSeparately } from '../ports/send-rate-limiter';
import type { Deps } from '../use-cases/deps';
import { DEFAULT_SETTINGS } from '../use-cases/settings';
import { FACTORS_OFF } from './factors-off';

/** The use cases' dependencies on AWS: SDK clients built once per cold start and injected. */
export async function buildAwsDeps(config: AwsConfig): Promise<Deps> {
  const clock = systemClock;
  const tables = tableNames(config.tablePrefix);
  const settings = {
    ...DEFAULT_SETTINGS,
    codeTtlSeconds: config.codeTtlSeconds,
    codeDigits: config.codeDigits,
    ...(config.factorPolicy && { factorPolicy: config.factorPolicy }),
  };
  const documents = createDocumentClient();
  const secrets = new SecretsManagerClient({});
  const codeHashSecret = await readSecret(secrets, config.codeHashSecretArn);
  const sendLimiter = new DynamoDbSendRateLimiter(documents, tables.sendCounters, settings.sendLimits, clock);
  const factorPorts = config.factorKeyArn
    ? {
        factors: new DynamoDbFactorStore(documents, tables.factors),
        sealer: new KmsSecretSealer(new KMSClient({}), config.factorKeyArn),
        mfaDevices: new StsMfaDeviceVerifier(iamUserStsClients(secrets)),
      }
    : FACTORS_OFF;
  return {
    users: new DynamoDbUserDirectory(documents, tables.users),
    challenges: new DynamoDbChallengeStore(documents, tables.challenges),
    sendLimiter,
    attemptLimiter: countedSeparately('attempts', sendLimiter),
    activationLimiter: countedSeparately('activations', sendLimiter),
    ...factorPorts,
    taskTokens: AesGcmSecretSealer.derivedFrom(codeHashSecret, TASK_TOKEN_KEY_PURPOSE),
    ledger: new DynamoDbActionLedger(documents, tables.actionLedger),
    messages: new ChannelRouter({
      sms: new SnsSmsSender(new SNSClient({}), config.smsSenderId ? { senderId: config.smsSenderId } : {}),
      email: new SesEmailSender(new SESv2Client({}), { fromAddress: config.sesFromAddress }),
    }),
    instances: new Ec2InstanceGateway(new EC2Client({})),
    devices: new IotShadowGateway(new IoTDataPlaneClient(config.iotDataEndpoint ? { endpoint: `https://${config.iotDataEndpoint}` } : {})),
    deviceDirectory: new DynamoDbDeviceDirectory(documents, tables.devices),
    workflow: new StepFunctionsWorkflowGateway(new SFNClient({}), config.stateMachineArn),
    audit: new EventBridgeAuditPublisher(new EventBridgeClient({}), config.auditBusName),
    tokens: new JwtAccessTokenVerifier({ issuer: config.tokenIssuer, audience: config.tokenAudience, jwksUri: config.tokenJwksUri }),
    clock,
    codes: secureCodeGenerator,
    hasher: new CodeHasher(codeHashSecret),
    settings,
  };
}

/** S2: the code-hash key lives in Secrets Manager and is read once per cold start. */
async function readSecret(secrets: SecretsManagerClient, secretArn: string): Promise<Buffer> {
  const { SecretString, SecretBinary } = await secrets.send(new GetSecretValueCommand({ SecretId: secretArn }));
  if (SecretBinary) return Buffer.from(SecretBinary);
  if (SecretString) return Buffer.from(SecretString, 'utf8');
  throw new Error('the code-hash secret is empty');
}

let cached: Promise<Deps> | undefined;

/** One set of dependencies per Lambda container; a failed start is retried on the next call. */
export function awsDeps(config: () => AwsConfig): Promise<Deps> {
  cached ??= Promise.resolve()
    .then(() => buildAwsDeps(config()))
    .catch((error: unknown) => {
      cached = undefined;
      throw error;
    });
  return cached;
}
