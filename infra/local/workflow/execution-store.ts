import { GetCommand, PutCommand, UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { Command } from '../../../functions/domain/command';
import type { ExecutionStatus } from '../../../functions/ports/workflow-gateway';
import { scanAll } from '../store/scan-all';

/** One state-by-state event, in Step Functions' vocabulary. */
export interface HistoryEvent {
  id: number;
  timestamp: string;
  type: string;
  stateName?: string;
  input?: unknown;
  output?: unknown;
  error?: string;
  cause?: string;
}

export interface ExecutionSummaryRecord {
  executionId: string;
  status: ExecutionStatus;
  commandId: string;
  userId: string;
  action: string;
  target: string;
  startedAt: string;
  stoppedAt: string | null;
  error?: string;
  cause?: string;
}

export interface ExecutionRecord extends ExecutionSummaryRecord {
  command: Command;
  history: HistoryEvent[];
}

const SUMMARY_FIELDS = ['executionId', 'status', 'commandId', 'userId', 'action', 'target', 'startedAt', 'stoppedAt', 'error', 'cause'];

/** Executions and their history, kept in the local store so they survive a restart. */
export class ExecutionStore {
  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async create(record: ExecutionRecord): Promise<void> {
    await this.client.send(new PutCommand({ TableName: this.tableName, Item: record }));
  }

  async saveHistory(executionId: string, history: HistoryEvent[]): Promise<void> {
    await this.update(executionId, { history });
  }

  async finish(executionId: string, fields: Partial<ExecutionRecord>): Promise<void> {
    await this.update(executionId, fields);
  }

  async get(executionId: string): Promise<ExecutionRecord | undefined> {
    // Stryker disable next-line BooleanLiteral: equivalent — the local store (dynalite) reads consistently either way
    const { Item } = await this.client.send(new GetCommand({ TableName: this.tableName, Key: { executionId }, ConsistentRead: true }));
    return Item as ExecutionRecord | undefined;
  }

  /** Newest first, without histories. */
  async list(): Promise<ExecutionSummaryRecord[]> {
    const records = await scanAll<ExecutionSummaryRecord>(this.client, this.tableName, SUMMARY_FIELDS);
    return records.map((r) => ({ ...r, stoppedAt: r.stoppedAt ?? null })).sort((a, b) => b.startedAt.localeCompare(a.startedAt));
  }

  private async update(executionId: string, fields: Record<string, unknown>): Promise<void> {
    const entries = Object.entries(fields).filter(([, value]) => value !== undefined);
    await this.client.send(
      new UpdateCommand({
        TableName: this.tableName,
        Key: { executionId },
        UpdateExpression: `SET ${entries.map((_, i) => `#f${i} = :v${i}`).join(', ')}`,
        ExpressionAttributeNames: Object.fromEntries(entries.map(([name], i) => [`#f${i}`, name])),
        ExpressionAttributeValues: Object.fromEntries(entries.map(([, value], i) => [`:v${i}`, value])),
      }),
    );
  }
}
