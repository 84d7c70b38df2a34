import { createHash, randomBytes } from 'node:crypto';
import { GetCommand, PutCommand, UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { isConditionFailure } from '../../../functions/adapters/aws/dynamodb/tables';
import { TaskTokenError } from '../../../functions/domain/errors';

interface Waiter {
  resolve(output: unknown): void;
  reject(error: Error): void;
}

/** Opaque like Step Functions' tokens; anything else is refused as InvalidToken. */
const TOKEN_FORMAT = /^[A-Za-z0-9_-]{64}$/;

/**
 * Step Functions' task-token semantics for the local runner: a token completes once;
 * completing a finished token fails with TaskTimedOut, an unknown one with
 * TaskDoesNotExist, a malformed one with InvalidToken. Only token hashes are stored.
 */
export class TaskTokenRegistry {
  private readonly waiters = new Map<string, Waiter>();

  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  static newToken(): string {
    return randomBytes(48).toString('base64url');
  }

  /** Registers the task waiting on `token`; the promise settles when the token is completed. */
  async wait(token: string, executionId: string): Promise<unknown> {
    const tokenHash = hashToken(token);
    // Registered before the first await, so a caller that starts waiting is listening at once.
    const settled = new Promise((resolve, reject) => this.waiters.set(tokenHash, { resolve, reject }));
    await this.client.send(new PutCommand({ TableName: this.tableName, Item: { tokenHash, executionId, status: 'waiting' } }));
    return settled;
  }

  async succeed(token: string, output: unknown): Promise<void> {
    (await this.complete(token)).resolve(output);
  }

  async fail(token: string, error: string, cause: string): Promise<void> {
    const failure = new Error(cause);
    failure.name = error;
    (await this.complete(token)).reject(failure);
  }

  /** Marks a token finished without completing it (its task timed out or its execution ended). */
  async expire(token: string): Promise<void> {
    const tokenHash = hashToken(token);
    this.waiters.delete(tokenHash);
    await this.markDone(tokenHash);
  }

  /**
   * Lets go of every waiting task without completing its token, as a stopped process
   * would: the tokens stay "waiting" on disk and answer TaskTimedOut after a restart.
   */
  abandonAll(): void {
    const stopped = Object.assign(new Error('the local runner stopped'), { name: 'States.Runtime' });
    for (const waiter of this.waiters.values()) waiter.reject(stopped);
    this.waiters.clear();
  }

  private async complete(token: string): Promise<Waiter> {
    if (!TOKEN_FORMAT.test(token)) throw new TaskTokenError('InvalidToken', 'Invalid token');
    const tokenHash = hashToken(token);
    // Stryker disable next-line BooleanLiteral: equivalent — the local store (dynalite) reads consistently either way
    const { Item } = await this.client.send(new GetCommand({ TableName: this.tableName, Key: { tokenHash }, ConsistentRead: true }));
    if (!Item) throw new TaskTokenError('TaskDoesNotExist', 'Task does not exist anymore');
    const waiter = this.waiters.get(tokenHash);
    if (!waiter || !(await this.markDone(tokenHash))) throw new TaskTokenError('TaskTimedOut', 'Task Timed Out');
    // Stryker disable next-line CallExpression: equivalent in behaviour — a completed waiter left in the map is never used again (its token is done, so complete() refuses it; abandonAll() cannot re-settle a settled promise); only memory is lost
    this.waiters.delete(tokenHash);
    return waiter;
  }

  /** Conditional: only one caller can move a token from waiting to done. */
  private async markDone(tokenHash: string): Promise<boolean> {
    try {
      await this.client.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: { tokenHash },
          UpdateExpression: 'SET #status = :done',
          ConditionExpression: '#status = :waiting',
          ExpressionAttributeNames: { '#status': 'status' },
          ExpressionAttributeValues: { ':done': 'done', ':waiting': 'waiting' },
        }),
      );
      return true;
    } catch (error) {
      if (isConditionFailure(error)) return false;
      throw error;
    }
  }
}

function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('base64url');
}
