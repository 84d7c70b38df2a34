/** A whole Deps graph of in-memory fakes, seeded like the local stack, for use-case tests. */
import { CodeHasher } from '../../../functions/domain/one-time-code';
import { codeHashingWith } from '../../../functions/ports/code-hashing';
import type { InstanceCommand } from '../../../functions/domain/command';
import type { User } from '../../../functions/domain/user';
import type { CodeGenerator } from '../../../functions/ports/code-generator';
import { countedSeparately } from '../../../functions/ports/send-rate-limiter';
import type { Deps } from '../../../functions/use-cases/deps';
import { hostSettings } from '../../../functions/config/host-settings';
import type { Settings } from '../../../functions/use-cases/settings';
import { AesGcmSecretSealer, TASK_TOKEN_KEY_PURPOSE } from '../../../functions/adapters/crypto/aes-gcm-secret-sealer';
import { LocalSecretSealer } from '../../../infra/local/identity/local-secret-sealer';
import { FakeClock } from '../fake-clock';
import { InMemoryActionLedger, InMemoryChallengeStore, InMemoryFactorStore, InMemorySendRateLimiter, InMemoryUserDirectory } from './in-memory-stores';
import { BOBS_GARAGE, FRONT_DOOR, InMemoryDevices, PRINTER } from './in-memory-devices';
import { InMemoryAuditBus, InMemoryFleet, InMemoryMfaDevices, InMemoryOutbox, InMemoryWorkflow } from './in-memory-world';

export const ALICE: User = { userId: 'alice', phone: '+15555550101', email: 'alice@example.com', targets: ['*'], preferredChannel: 'sms' };
export const BOB: User = { userId: 'bob', phone: '+15555550102', email: 'bob@example.com', targets: ['web'], preferredChannel: 'sms' };
export const SPLUNK = { instanceId: 'i-0123456789abcdef0', alias: 'splunk', state: 'stopped' };
export const WEB = { instanceId: 'i-0123456789abcdef1', alias: 'web', state: 'running' };

/** "start splunk" by alice, as the workflow carries it. */
export function aliceStartsSplunk(overrides: Partial<InstanceCommand> = {}): InstanceCommand {
  return {
    commandId: 'cmd-1',
    userId: ALICE.userId,
    action: 'start',
    target: SPLUNK.alias,
    policyTarget: SPLUNK.alias,
    instanceId: SPLUNK.instanceId,
    requestedAt: '2026-01-01T00:00:00.000Z',
    ...overrides,
  };
}

/** 2026-01-01T00:00:00Z: a day boundary, so send windows start here. */
export const T0 = Date.UTC(2026, 0, 1);

/** Hands out the given codes in order, then a fixed one. */
export class ScriptedCodes implements CodeGenerator {
  constructor(private readonly codes: string[] = []) {}

  generate(digits: number): string {
    return this.codes.shift() ?? '9'.repeat(digits);
  }

  push(...codes: string[]): void {
    this.codes.push(...codes);
  }
}

export interface FakeWorld {
  deps: Deps;
  clock: FakeClock;
  codes: ScriptedCodes;
  users: InMemoryUserDirectory;
  challenges: InMemoryChallengeStore;
  ledger: InMemoryActionLedger;
  outbox: InMemoryOutbox;
  audit: InMemoryAuditBus;
  fleet: InMemoryFleet;
  devices: InMemoryDevices;
  workflow: InMemoryWorkflow;
  factors: InMemoryFactorStore;
  mfaDevices: InMemoryMfaDevices;
  hasher: CodeHasher;
  settings: Settings;
}

export function fakeWorld(settings: Partial<Settings> = {}): FakeWorld {
  const clock = new FakeClock(T0);
  const codes = new ScriptedCodes();
  // The local host's settings, with short answer waits so tests that expect "under way" are quick.
  const full: Settings = { ...hostSettings('local'), authorizeWaitMs: 30, deliveryWaitMs: 30, ...settings };
  const world = {
    clock,
    codes,
    users: new InMemoryUserDirectory([ALICE, BOB]),
    challenges: new InMemoryChallengeStore(),
    ledger: new InMemoryActionLedger(),
    outbox: new InMemoryOutbox(),
    audit: new InMemoryAuditBus(),
    fleet: new InMemoryFleet([SPLUNK, WEB]),
    devices: new InMemoryDevices(clock, [FRONT_DOOR, PRINTER, BOBS_GARAGE]),
    workflow: new InMemoryWorkflow(),
    factors: new InMemoryFactorStore(),
    mfaDevices: new InMemoryMfaDevices(),
    hasher: new CodeHasher(Buffer.alloc(32, 7)),
    settings: full,
  };
  const sendLimiter = new InMemorySendRateLimiter(full.sendLimits, clock);
  const deps: Deps = {
    users: world.users,
    challenges: world.challenges,
    sendLimiter,
    attemptLimiter: countedSeparately('attempts', sendLimiter),
    activationLimiter: countedSeparately('activations', sendLimiter),
    factors: world.factors,
    sealer: new LocalSecretSealer(Buffer.alloc(32, 9)),
    taskTokens: AesGcmSecretSealer.derivedFrom(Buffer.alloc(32, 7), TASK_TOKEN_KEY_PURPOSE),
    mfaDevices: world.mfaDevices,
    ledger: world.ledger,
    messages: world.outbox,
    instances: world.fleet,
    devices: world.devices,
    deviceDirectory: world.devices,
    workflow: world.workflow,
    audit: world.audit,
    tokens: { verify: async () => undefined },
    clock,
    codes,
    hasher: codeHashingWith(world.hasher),
    settings: full,
  };
  return { ...world, deps };
}
