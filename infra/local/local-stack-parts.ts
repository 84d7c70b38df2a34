import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { Logger } from '../../functions/ports/logger';
import type { Deps } from '../../functions/use-cases/deps';
import type { LocalAuditLog } from './adapters/local-audit-log';
import type { OutboxMessageSender } from './adapters/outbox-message-sender';
import type { SimulatedMfaDevices } from './adapters/simulated-mfa-devices';
import type { SimulatedFleet } from './adapters/simulated-fleet';
import type { LocalDevices } from './devices/local-devices';
import type { DevTokenIssuer } from './identity/dev-token-issuer';
import type { ExecutionStore } from './workflow/execution-store';
import type { LocalWorkflowEngine } from './workflow/local-workflow-engine';
import type { LocalFunction } from './workflow/service-integrations';

/** The wired local stack: the use cases' dependencies plus what only the local host has. */
export interface LocalStackParts {
  deps: Deps;
  logger: Logger;
  issuer: DevTokenIssuer;
  outbox: OutboxMessageSender;
  auditLog: LocalAuditLog;
  fleet: SimulatedFleet;
  /** IoT things, their shadows and the MQTTS broker devices connect to. */
  devices: LocalDevices;
  /** The stand-in for AWS's MFA devices (deps.mfaDevices checks codes against it). */
  mfaDevices: SimulatedMfaDevices;
  executions: ExecutionStore;
  engine: LocalWorkflowEngine;
  /** The one document client every store adapter shares (benchmarks count and time its calls). */
  storeClient: DynamoDBDocumentClient;
  /** The workflow's functions by name, as the runner invokes them. */
  workflowFunctions: Record<string, LocalFunction>;
}
