/** SDK clients pointed at the emulator, built on first use, with the emulator's test credentials. */
import { CloudWatchClient } from '@aws-sdk/client-cloudwatch';
import { CloudWatchLogsClient } from '@aws-sdk/client-cloudwatch-logs';
import { CognitoIdentityProviderClient } from '@aws-sdk/client-cognito-identity-provider';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { EC2Client } from '@aws-sdk/client-ec2';
import { EventBridgeClient } from '@aws-sdk/client-eventbridge';
import { IAMClient } from '@aws-sdk/client-iam';
import { IoTClient } from '@aws-sdk/client-iot';
import { IoTDataPlaneClient } from '@aws-sdk/client-iot-data-plane';
import { KMSClient } from '@aws-sdk/client-kms';
import { LambdaClient } from '@aws-sdk/client-lambda';
import { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { SESv2Client } from '@aws-sdk/client-sesv2';
import { SFNClient } from '@aws-sdk/client-sfn';
import { SNSClient } from '@aws-sdk/client-sns';

export interface EmulatorAccount {
  endpoint: string;
  region: string;
  /** moto's default account, which any access key maps to. */
  accountId: string;
}

export const EMULATOR_REGION = 'us-east-1';
export const EMULATOR_ACCOUNT_ID = '123456789012';

/** moto accepts any key; the access key id names the caller, so the proxy can count calls by caller. */
export function emulatorCredentials(caller: string) {
  return { accessKeyId: caller, secretAccessKey: 'emulator' };
}

const CLIENTS = {
  cloudWatch: CloudWatchClient,
  logs: CloudWatchLogsClient,
  cognito: CognitoIdentityProviderClient,
  dynamodb: DynamoDBClient,
  ec2: EC2Client,
  events: EventBridgeClient,
  iam: IAMClient,
  iot: IoTClient,
  iotData: IoTDataPlaneClient,
  kms: KMSClient,
  lambda: LambdaClient,
  secrets: SecretsManagerClient,
  ses: SESv2Client,
  sfn: SFNClient,
  sns: SNSClient,
};

export type AwsClients = { [K in keyof typeof CLIENTS]: InstanceType<(typeof CLIENTS)[K]> };

export function awsClients(account: EmulatorAccount, caller: string): AwsClients {
  const config = { endpoint: account.endpoint, region: account.region, credentials: emulatorCredentials(caller) };
  const built = new Map<string, unknown>();
  return new Proxy({} as AwsClients, {
    get(_, name: string) {
      const Client = CLIENTS[name as keyof typeof CLIENTS];
      if (!Client) throw new Error(`no emulator client named ${name}`);
      if (!built.has(name)) built.set(name, new Client(config));
      return built.get(name);
    },
  });
}
