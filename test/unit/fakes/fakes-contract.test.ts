import { randomUUID } from 'node:crypto';
import { actionLedgerContract } from '../../contract/suites/action-ledger.contract';
import { challengeStoreContract } from '../../contract/suites/challenge-store.contract';
import { factorStoreContract } from '../../contract/suites/factor-store.contract';
import { sendRateLimiterContract } from '../../contract/suites/send-rate-limiter.contract';
import { userDirectoryContract } from '../../contract/suites/user-directory.contract';
import { workflowGatewayContract } from '../../contract/suites/workflow-gateway.contract';
import {
  InMemoryActionLedger,
  InMemoryChallengeStore,
  InMemoryFactorStore,
  InMemorySendRateLimiter,
  InMemoryUserDirectory,
} from '../../support/fakes/in-memory-stores';
import { InMemoryAuditBus, InMemoryFleet, InMemoryOutbox, InMemoryWorkflow } from '../../support/fakes/in-memory-world';
import { messageSenderContract } from '../../contract/suites/message-sender.contract';
import { auditPublisherContract } from '../../contract/suites/audit-publisher.contract';
import { instanceGatewayContract, SEEDED_FLEET } from '../../contract/suites/instance-gateway.contract';

/** The use-case tests' fakes must behave like the DynamoDB adapters: the same contracts hold. */
const fresh =
  <T>(subject: T) =>
  async () => ({ subject, cleanup: async () => undefined });

challengeStoreContract('InMemoryChallengeStore', () => fresh(new InMemoryChallengeStore())());
actionLedgerContract('InMemoryActionLedger', () => fresh(new InMemoryActionLedger())());
userDirectoryContract('InMemoryUserDirectory', () => fresh(new InMemoryUserDirectory())());
factorStoreContract('InMemoryFactorStore', () => fresh(new InMemoryFactorStore())());
sendRateLimiterContract('InMemorySendRateLimiter', async () => {
  const logs = new Map<string, number[]>();
  return { subject: (limits, clock) => new InMemorySendRateLimiter(limits, clock, logs), cleanup: async () => undefined };
});
workflowGatewayContract('InMemoryWorkflow', async () => {
  const workflow = new InMemoryWorkflow();
  const subject = { workflow, tokenOf: async (executionId: string) => workflow.tokenOf(executionId), missingExecutionId: () => randomUUID() };
  return { subject, cleanup: async () => undefined };
});

/** Ids out of alias order, so listing in id order is something the fleet must do. */
const FLEET_IDS = { splunk: 'i-0c00000000000000c', web: 'i-0a00000000000000a', db: 'i-0b00000000000000b' };
instanceGatewayContract('InMemoryFleet', async () => {
  const gateway = new InMemoryFleet(SEEDED_FLEET.map(({ alias, state }) => ({ instanceId: FLEET_IDS[alias], alias, state })));
  return { subject: { gateway, idOf: (alias) => FLEET_IDS[alias] }, cleanup: async () => undefined };
});

auditPublisherContract('InMemoryAuditBus', async () => {
  const bus = new InMemoryAuditBus();
  return { subject: { publisher: bus, delivered: async () => bus.events }, cleanup: async () => undefined };
});

messageSenderContract('InMemoryOutbox', async () => {
  const outbox = new InMemoryOutbox();
  const delivered = async () => outbox.messages.map(({ to, body }) => ({ to, body }));
  return { subject: { sender: outbox, channels: ['sms', 'email'], delivered }, cleanup: async () => undefined };
});
