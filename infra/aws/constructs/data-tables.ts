import { AttributeType, BillingMode, Table, TableEncryption, type ITable } from 'aws-cdk-lib/aws-dynamodb';
import type { IGrantable } from 'aws-cdk-lib/aws-iam';
import { Construct } from 'constructs';
import { TABLES, type TableKey, type TableSpec } from '../../../functions/adapters/aws/dynamodb/tables';

/** The item operations the DynamoDB adapters issue on each table, and nothing more. */
export const TABLE_OPERATIONS: Record<TableKey, readonly string[]> = {
  users: ['dynamodb:GetItem'],
  challenges: ['dynamodb:GetItem', 'dynamodb:PutItem', 'dynamodb:DeleteItem'],
  // A rolling send log per user, appended with conditional puts. Lifting a limit (deleting the
  // item) is an operator's step on AWS (docs/deploy.md), so no function may delete.
  sendCounters: ['dynamodb:GetItem', 'dynamodb:PutItem'],
  actionLedger: ['dynamodb:GetItem', 'dynamodb:PutItem', 'dynamodb:UpdateItem', 'dynamodb:DeleteItem'],
  factors: ['dynamodb:GetItem', 'dynamodb:PutItem', 'dynamodb:UpdateItem'],
  // Registration is an operator's step (docs/deploy.md); the functions only look devices up.
  devices: ['dynamodb:Query'],
};

export interface DataTablesProps {
  /** Physical names are this prefix plus the TABLES names, as the functions compute them. */
  prefix: string;
}

/**
 * One table per entry of TABLES (the description the local runtime creates its tables from):
 * on-demand, point-in-time recovery, TTL where the spec has one, KMS encryption. Tables keep
 * their data when the stack is deleted (the CDK default, RETAIN).
 */
export class DataTables extends Construct {
  readonly prefix: string;
  private readonly tables: Record<TableKey, ITable>;

  constructor(scope: Construct, id: string, { prefix }: DataTablesProps) {
    super(scope, id);
    this.prefix = prefix;
    const table = (key: TableKey, spec: TableSpec) =>
      new Table(this, key, {
        tableName: `${prefix}${spec.name}`,
        partitionKey: { name: spec.partitionKey, type: AttributeType.STRING },
        ...(spec.sortKey && { sortKey: { name: spec.sortKey, type: AttributeType.STRING } }),
        billingMode: BillingMode.PAY_PER_REQUEST,
        pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
        encryption: TableEncryption.AWS_MANAGED,
        ...(spec.ttlAttribute && { timeToLiveAttribute: spec.ttlAttribute }),
      });
    this.tables = {
      users: table('users', TABLES.users),
      challenges: table('challenges', TABLES.challenges),
      sendCounters: table('sendCounters', TABLES.sendCounters),
      actionLedger: table('actionLedger', TABLES.actionLedger),
      factors: table('factors', TABLES.factors),
      devices: table('devices', TABLES.devices),
    };
  }

  table(key: TableKey): ITable {
    return this.tables[key];
  }

  /** Reading single items of this table and nothing else: for a function that checks, never writes. */
  grantItemRead(grantee: IGrantable, key: TableKey): void {
    this.tables[key].grant(grantee, 'dynamodb:GetItem');
  }

  /**
   * The operations the adapter for this table uses, on this table only; `only` narrows them
   * for a function that calls part of the adapter.
   */
  grantAdapterAccess(grantee: IGrantable, key: TableKey, only: readonly string[] = TABLE_OPERATIONS[key]): void {
    const unused = only.filter((operation) => !TABLE_OPERATIONS[key].includes(operation));
    if (unused.length > 0) throw new Error(`the ${key} adapter never calls ${unused.join(', ')}`);
    this.tables[key].grant(grantee, ...only);
  }
}
