/**
 * In-memory implementations of the storage ports with the adapters' real behaviour:
 * conditional writes on version/status, copies in and out (no shared references), and
 * a tick before every operation so concurrent callers interleave as they would over a
 * network. test/unit/fakes runs the same contract suites against them as against DynamoDB.
 */
import type { Challenge } from '../../../functions/domain/challenge';
import type { FactorRecord } from '../../../functions/domain/factor-enrollment';
import { judgeSend, withSend, type LimitVerdict, type SendLimit } from '../../../functions/domain/send-limits';
import type { User } from '../../../functions/domain/user';
import type { ActionLedger, ActionRecordStatus } from '../../../functions/ports/action-ledger';
import type { ChallengeStore } from '../../../functions/ports/challenge-store';
import type { Clock } from '../../../functions/ports/clock';
import type { FactorStore } from '../../../functions/ports/factor-store';
import type { SendRateLimiter } from '../../../functions/ports/send-rate-limiter';
import type { UserDirectory } from '../../../functions/ports/user-directory';

/** Lets other pending operations run first, as a round trip to a store would. */
export const tick = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

export class InMemoryChallengeStore implements ChallengeStore {
  private readonly items = new Map<string, Challenge>();

  async get(userId: string): Promise<Challenge | undefined> {
    await tick();
    const item = this.items.get(userId);
    return item && structuredClone(item);
  }

  async replace(challenge: Challenge): Promise<Challenge | undefined> {
    await tick();
    const previous = this.items.get(challenge.userId);
    this.items.set(challenge.userId, structuredClone(challenge));
    return previous;
  }

  async save(next: Challenge, expectedVersion: number): Promise<boolean> {
    await tick();
    const current = this.items.get(next.userId);
    if (!current || current.commandId !== next.commandId || current.version !== expectedVersion) return false;
    this.items.set(next.userId, structuredClone(next));
    return true;
  }

  async remove(userId: string, commandId: string): Promise<void> {
    await tick();
    if (this.items.get(userId)?.commandId === commandId) this.items.delete(userId);
  }
}

export class InMemoryActionLedger implements ActionLedger {
  private readonly records = new Map<string, { status: ActionRecordStatus; claimedAt: number }>();

  async claim(commandId: string, at: number): Promise<boolean> {
    await tick();
    const current = this.records.get(commandId);
    if (current && current.status !== 'failed') return false;
    this.records.set(commandId, { status: 'acting', claimedAt: at });
    return true;
  }

  async settle(commandId: string, outcome: ActionRecordStatus | 'released'): Promise<void> {
    await tick();
    const current = this.records.get(commandId);
    // The adapter's writes are conditional on "acting" and throw when it does not hold.
    if (current?.status !== 'acting') throw Object.assign(new Error('The conditional request failed'), { name: 'ConditionalCheckFailedException' });
    if (outcome === 'released') this.records.delete(commandId);
    else this.records.set(commandId, { ...current, status: outcome });
  }

  async status(commandId: string): Promise<ActionRecordStatus | undefined> {
    await tick();
    return this.records.get(commandId)?.status;
  }
}

export class InMemorySendRateLimiter implements SendRateLimiter {
  constructor(
    private readonly limits: SendLimit[],
    private readonly clock: Clock,
    /** Send logs by user; share one map between limiters to share the store. */
    private readonly logs = new Map<string, number[]>(),
  ) {}

  async check(userId: string): Promise<LimitVerdict> {
    await tick();
    return judgeSend(this.logs.get(userId) ?? [], this.clock.now(), this.limits);
  }

  async tryConsume(userId: string): Promise<LimitVerdict> {
    await tick();
    const log = this.logs.get(userId) ?? [];
    const verdict = judgeSend(log, this.clock.now(), this.limits);
    if (verdict.allowed) this.logs.set(userId, withSend(log, this.clock.now(), this.limits));
    return verdict;
  }

  async reset(userId: string): Promise<void> {
    await tick();
    this.logs.delete(userId);
  }
}

export class InMemoryUserDirectory implements UserDirectory {
  private readonly users = new Map<string, User>();

  constructor(users: User[] = []) {
    for (const user of users) this.users.set(user.userId, structuredClone(user));
  }

  async get(userId: string): Promise<User | undefined> {
    await tick();
    const user = this.users.get(userId);
    return user && structuredClone(user);
  }

  async create(user: User): Promise<boolean> {
    await tick();
    if (this.users.has(user.userId)) return false;
    this.users.set(user.userId, structuredClone(user));
    return true;
  }
}

export class InMemoryFactorStore implements FactorStore {
  private readonly records = new Map<string, FactorRecord>();

  async get(ownerId: string): Promise<FactorRecord | undefined> {
    await tick();
    const record = this.records.get(ownerId);
    return record && structuredClone(record);
  }

  async save(next: FactorRecord, expectedVersion: number): Promise<boolean> {
    await tick();
    if ((this.records.get(next.ownerId)?.version ?? 0) !== expectedVersion) return false;
    this.records.set(next.ownerId, structuredClone(next));
    return true;
  }

  async claimTotpStep(ownerId: string, step: number): Promise<boolean> {
    await tick();
    const current = this.records.get(ownerId) ?? { ownerId, version: 0 };
    if (current.lastTotpStep !== undefined && current.lastTotpStep >= step) return false;
    this.records.set(ownerId, { ...current, lastTotpStep: step, version: current.version + 1 });
    return true;
  }
}
