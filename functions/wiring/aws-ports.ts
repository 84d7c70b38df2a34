import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { createDocumentClient } from '../adapters/aws/dynamodb/document-client';
import { DynamoDbActionLedger } from '../adapters/aws/dynamodb/dynamodb-action-ledger';
import { DynamoDbChallengeStore } from '../adapters/aws/dynamodb/dynamodb-challenge-store';
import { DynamoDbDeviceDirectory } from '../adapters/aws/dynamodb/dynamodb-device-directory';
import { DynamoDbFactorStore } from '../adapters/aws/dynamodb/dynamodb-factor-store';
import { DynamoDbSendRateLimiter } from '../adapters/aws/dynamodb/dynamodb-send-rate-limiter';
import { DynamoDbUserDirectory } from '../adapters/aws/dynamodb/dynamodb-user-directory';
import { tableNames, type TableNames } from '../adapters/aws/dynamodb/tables';
import type { AwsConfig } from '../config/aws-config';
import { systemClock, type Clock } from '../ports/clock';
import { countedSeparately } from '../ports/send-rate-limiter';
import type { Deps } from '../use-cases/deps';
import type { Settings } from '../use-cases/settings';
import { FACTORS_OFF } from './factors-off';
import { onFirstUse } from './on-first-use';

/**
 * One builder per port on AWS; confirmation-ports.ts and factor-ports.ts hold those only some
 * functions use. Each function's root (./*-root.ts) calls only the builders of the ports it
 * uses, so its bundle carries only those SDK clients (they are side-effect free ES modules
 * esbuild drops when unused). DynamoDB serves every request, so it loads with the function;
 * every other client is imported on its port's first call (onFirstUse, ./on-demand/), so a cold
 * start loads only what its request uses: EC2 or IoT, one message channel of two, Step
 * Functions only to complete or fail a task, Secrets Manager only to hash or check a code. Adapters on packages esbuild cannot drop, such as
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

/** EC2 and IoT clients are imported on first use: an action needs one of them, never both. */
export const instanceGateway = (): Deps['instances'] => onFirstUse(async () => (await import('./on-demand/ec2-instances')).ec2Instances());

export const deviceGateway = ({ config }: AwsHost): Deps['devices'] =>
  onFirstUse(async () => (await import('./on-demand/iot-shadows')).iotShadows(config.iotDataEndpoint));
