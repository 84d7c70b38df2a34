import { DynamoDbActionLedger } from '../../../functions/adapters/aws/dynamodb/dynamodb-action-ledger';
import { DynamoDbChallengeStore } from '../../../functions/adapters/aws/dynamodb/dynamodb-challenge-store';
import { DynamoDbFactorStore } from '../../../functions/adapters/aws/dynamodb/dynamodb-factor-store';
import { DynamoDbSendRateLimiter } from '../../../functions/adapters/aws/dynamodb/dynamodb-send-rate-limiter';
import { DynamoDbUserDirectory } from '../../../functions/adapters/aws/dynamodb/dynamodb-user-directory';
import { TABLES } from '../../../functions/adapters/aws/dynamodb/tables';
import type { TableMaker } from '../../support/dynamodb-tables';
import { actionLedgerContract } from './action-ledger.contract';
import { challengeStoreContract } from './challenge-store.contract';
import { factorStoreContract } from './factor-store.contract';
import { sendRateLimiterContract } from './send-rate-limiter.contract';
import { userDirectoryContract } from './user-directory.contract';

/** Runs every storage contract against the DynamoDB adapters on one DynamoDB-compatible backend. */
export function dynamoDbAdapterContracts(backend: string, makeTable: TableMaker): void {
  challengeStoreContract(`DynamoDbChallengeStore on ${backend}`, async () => {
    const { client, tableName, cleanup } = await makeTable(TABLES.challenges);
    return { subject: new DynamoDbChallengeStore(client, tableName), cleanup };
  });
  userDirectoryContract(`DynamoDbUserDirectory on ${backend}`, async () => {
    const { client, tableName, cleanup } = await makeTable(TABLES.users);
    return { subject: new DynamoDbUserDirectory(client, tableName), cleanup };
  });
  sendRateLimiterContract(`DynamoDbSendRateLimiter on ${backend}`, async () => {
    const { client, tableName, cleanup } = await makeTable(TABLES.sendCounters);
    return { subject: (limits, clock) => new DynamoDbSendRateLimiter(client, tableName, limits, clock), cleanup };
  });
  actionLedgerContract(`DynamoDbActionLedger on ${backend}`, async () => {
    const { client, tableName, cleanup } = await makeTable(TABLES.actionLedger);
    return { subject: new DynamoDbActionLedger(client, tableName), cleanup };
  });
  factorStoreContract(`DynamoDbFactorStore on ${backend}`, async () => {
    const { client, tableName, cleanup } = await makeTable(TABLES.factors);
    return { subject: new DynamoDbFactorStore(client, tableName), cleanup };
  });
}
