/**
 * The DynamoDB tables the AWS adapters use. The CDK stack and the local runtime both
 * create them from this one description, so their keys cannot drift apart.
 */
export interface TableSpec {
  /** Logical name, also the suffix of the physical table name. */
  name: string;
  partitionKey: string;
  /** A string sort key, for tables read by partition with Query. */
  sortKey?: string;
  /** Attribute holding an epoch-seconds expiry, when the table has TTL. */
  ttlAttribute?: string;
}

export const TABLES = {
  users: { name: 'users', partitionKey: 'userId' },
  challenges: { name: 'challenges', partitionKey: 'userId', ttlAttribute: 'expiresAtSeconds' },
  sendCounters: { name: 'send-counters', partitionKey: 'counterKey', ttlAttribute: 'expiresAtSeconds' },
  actionLedger: { name: 'action-ledger', partitionKey: 'commandId' },
  factors: { name: 'factors', partitionKey: 'ownerId' },
  devices: { name: 'devices', partitionKey: 'owner', sortKey: 'thingName' },
} as const satisfies Record<string, TableSpec>;

export type TableKey = keyof typeof TABLES;
export type TableNames = Record<TableKey, string>;

export function tableNames(prefix: string): TableNames {
  const entries = Object.entries(TABLES).map(([key, spec]) => [key, `${prefix}${spec.name}`]);
  return Object.fromEntries(entries) as TableNames;
}

export function isConditionFailure(error: unknown): boolean {
  return error instanceof Error && error.name === 'ConditionalCheckFailedException';
}
