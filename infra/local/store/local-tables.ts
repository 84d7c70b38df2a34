import { TABLES, tableNames, type TableNames } from '../../../functions/adapters/aws/dynamodb/tables';
import type { LocalTable } from './create-tables';

/** Tables only the local runtime has: what AWS keeps in SNS/SES, EventBridge, EC2, Step Functions and IAM (MFA devices). */
export const LOCAL_ONLY_TABLES = {
  outbox: 'id',
  audit: 'id',
  executions: 'executionId',
  taskTokens: 'tokenHash',
  fleet: 'instanceId',
  mfaDevices: 'ownerId',
  /** The IoT thing registry and the Device Shadow service. */
  things: 'thingName',
  shadows: 'thingName',
} as const;

export type LocalTableNames = TableNames & Record<keyof typeof LOCAL_ONLY_TABLES, string>;

const PREFIX = 'voicegate-';

export const LOCAL_TABLE_NAMES: LocalTableNames = {
  ...tableNames(PREFIX),
  outbox: `${PREFIX}local-outbox`,
  audit: `${PREFIX}local-audit`,
  executions: `${PREFIX}local-executions`,
  taskTokens: `${PREFIX}local-task-tokens`,
  fleet: `${PREFIX}local-fleet`,
  mfaDevices: `${PREFIX}local-mfa-devices`,
  things: `${PREFIX}local-things`,
  shadows: `${PREFIX}local-shadows`,
};

export function allLocalTables(): LocalTable[] {
  const shared = Object.entries(TABLES).map(([key, spec]) => ({
    tableName: LOCAL_TABLE_NAMES[key as keyof TableNames],
    partitionKey: spec.partitionKey,
    ...('sortKey' in spec && { sortKey: spec.sortKey }),
  }));
  const localOnly = Object.entries(LOCAL_ONLY_TABLES).map(([key, partitionKey]) => ({
    tableName: LOCAL_TABLE_NAMES[key as keyof typeof LOCAL_ONLY_TABLES],
    partitionKey,
  }));
  return [...shared, ...localOnly];
}
