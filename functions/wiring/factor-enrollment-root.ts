import { KMSClient } from '@aws-sdk/client-kms';
import { createDocumentClient } from '../adapters/aws/dynamodb/document-client';
import { DynamoDbFactorStore } from '../adapters/aws/dynamodb/dynamodb-factor-store';
import { DynamoDbSendRateLimiter } from '../adapters/aws/dynamodb/dynamodb-send-rate-limiter';
import { DynamoDbUserDirectory } from '../adapters/aws/dynamodb/dynamodb-user-directory';
import { tableNames } from '../adapters/aws/dynamodb/tables';
import { factorKeyAlias, KmsSecretSealer } from '../adapters/aws/kms/kms-secret-sealer';
import { systemClock } from '../ports/clock';
import { countedSeparately } from '../ports/send-rate-limiter';
import type { ActivateDeps } from '../use-cases/enroll-totp';
import { DEFAULT_SETTINGS } from '../use-cases/settings';

/**
 * An operator's authenticator-app enrollment against a deployed stack, found by its name
 * (tables `<stack>-users`, `<stack>-factors`, `<stack>-send-counters`, key
 * `alias/<stack>-factor-secrets`). The operator's own credentials seal the secret: no function
 * may kms:Encrypt. Region, credentials and any AWS_ENDPOINT_URL come from the environment.
 */
export function factorEnrollmentDeps(stackName: string): ActivateDeps {
  const documents = createDocumentClient();
  const tables = tableNames(`${stackName}-`);
  const counters = new DynamoDbSendRateLimiter(documents, tables.sendCounters, DEFAULT_SETTINGS.sendLimits, systemClock);
  return {
    users: new DynamoDbUserDirectory(documents, tables.users),
    factors: new DynamoDbFactorStore(documents, tables.factors),
    sealer: new KmsSecretSealer(new KMSClient({}), factorKeyAlias(stackName)),
    clock: systemClock,
    activationLimiter: countedSeparately('activations', counters),
  };
}
