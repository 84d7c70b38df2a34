import { X509Certificate } from 'node:crypto';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { rootCertificates } from 'node:tls';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { Express } from 'express';
import { JwtAccessTokenVerifier } from '../../functions/adapters/aws/auth/jwt-access-token-verifier';
import { createDocumentClient } from '../../functions/adapters/aws/dynamodb/document-client';
import { AesGcmSecretSealer, TASK_TOKEN_KEY_PURPOSE } from '../../functions/adapters/crypto/aes-gcm-secret-sealer';
import { DynamoDbActionLedger } from '../../functions/adapters/aws/dynamodb/dynamodb-action-ledger';
import { DynamoDbChallengeStore } from '../../functions/adapters/aws/dynamodb/dynamodb-challenge-store';
import { DynamoDbFactorStore } from '../../functions/adapters/aws/dynamodb/dynamodb-factor-store';
import { DynamoDbSendRateLimiter } from '../../functions/adapters/aws/dynamodb/dynamodb-send-rate-limiter';
import { DynamoDbUserDirectory } from '../../functions/adapters/aws/dynamodb/dynamodb-user-directory';
import { CodeHasher } from '../../functions/domain/one-time-code';
import { codeHashingWith } from '../../functions/ports/code-hashing';
import { systemClock, type Clock } from '../../functions/ports/clock';
import { secureCodeGenerator, type CodeGenerator } from '../../functions/ports/code-generator';
import type { InstanceGateway } from '../../functions/ports/instance-gateway';
import type { Logger } from '../../functions/ports/logger';
import type { MessageSender } from '../../functions/ports/message-sender';
import { countedSeparately } from '../../functions/ports/send-rate-limiter';
import type { Settings } from '../../functions/use-cases/settings';
import { buildSkill } from '../../skill/build-skill';
import { AlexaSignatureVerifier, type CertChainSource } from '../../skill/signature/alexa-signature-verifier';
import { httpsCertChainSource } from '../../skill/signature/https-cert-chain-source';
import { LocalAuditLog } from './adapters/local-audit-log';
import { OutboxMessageSender } from './adapters/outbox-message-sender';
import { SimulatedMfaDevices } from './adapters/simulated-mfa-devices';
import { SimulatedFleet } from './adapters/simulated-fleet';
import type { LocalConfig } from './config';
import { loadConsoleAssets, type ConsoleAssets } from './console/console-assets';
import { prepareDataDir } from './data-dir';
import { createLocalDevices, type DeviceOverrides } from './devices/local-devices';
import { createHttpApp } from './http/server';
import { localLogger } from './logging/local-logger';
import { loadCodeHashSecret } from './identity/code-hash-secret';
import { loadOrCreateOperatorToken } from './identity/operator-token';
import { DevTokenIssuer, LOCAL_AUDIENCE, LOCAL_ISSUER } from './identity/dev-token-issuer';
import { LocalSecretSealer } from './identity/local-secret-sealer';
import type { LocalStackParts } from './local-stack-parts';
import { StackLock } from './stack-lock';
import { seed } from './seed';
import { ensureTables } from './store/create-tables';
import { startDynalite, type RunningStore } from './store/dynalite-server';
import { LOCAL_TABLE_NAMES as T, allLocalTables } from './store/local-tables';
import { recoverAbandonedExecutions, type RecoveryReport } from './workflow/abandoned-executions';
import { CONFIRM_COMMAND_ASL, loadDefinition } from './workflow/asl-definition';
import { ExecutionStore } from './workflow/execution-store';
import { LOCAL_FUNCTION_NAMES, localFunctions } from './workflow/local-functions';
import { LocalWorkflowEngine, type EngineOptions } from './workflow/local-workflow-engine';
import type { IntegrationTargets } from './workflow/service-integrations';
import { TaskTokenRegistry } from './workflow/task-token-registry';

/** Test seams: faults, clocks and code generators are injected here, never switched on in the product. */
export interface LocalStackOverrides {
  settings?: Partial<Settings>;
  engine?: EngineOptions;
  clock?: Clock;
  codes?: CodeGenerator;
  wrapMessages?: (real: MessageSender) => MessageSender;
  wrapInstances?: (real: InstanceGateway) => InstanceGateway;
  /** Signature checking against a test CA instead of Alexa's real chain and the system roots. */
  signatures?: { source: CertChainSource; trustedRoots: X509Certificate[] };
  devices?: DeviceOverrides;
  /** Where request lines and errors go; Powertools JSON on stdout when absent. */
  logger?: Logger;
}

export interface LocalStack extends LocalStackParts {
  url: string;
  /** The secret every /api/* request and the console need (docs/local-api.md "Operator access"). */
  operatorToken: string;
  /** Opening it logs the browser in as the operator (sets the cookie) and shows the console. */
  consoleUrl: string;
  /** Executions found RUNNING from an earlier run: resumed, or ended visibly. */
  recovered: RecoveryReport;
  /** This stack's hold on its data dir (one stack per data dir). */
  lock: StackLock;
  /** Stops as a restart would: waiting executions stay RUNNING on disk for the next start. */
  close(): Promise<void>;
}

/** Wires and starts everything `npm start` runs: store, workflow runner, skill, HTTP server. */
export async function startLocalStack(config: LocalConfig, overrides: LocalStackOverrides = {}): Promise<LocalStack> {
  // First, so a console that does not bundle stops the start before anything on disk is touched.
  const consoleAssets = await loadConsoleAssets();
  prepareDataDir(config.dataDir);
  const lock = StackLock.acquire(config.dataDir);
  try {
    const store = await startDynalite(join(config.dataDir, 'store'));
    const client = createDocumentClient(store.clientConfig);
    try {
      return await startOnStore(config, overrides, client, store, lock, consoleAssets);
    } catch (error) {
      await store.close();
      throw error;
    }
  } catch (error) {
    lock.release();
    throw error;
  }
}

async function startOnStore(
  config: LocalConfig,
  overrides: LocalStackOverrides,
  client: DynamoDBDocumentClient,
  store: RunningStore,
  lock: StackLock,
  consoleAssets: ConsoleAssets,
): Promise<LocalStack> {
  await ensureTables(client, allLocalTables());
  const parts = await wire(config, overrides, client);
  await seed(parts.deps.users, parts.fleet);
  // The broker and the stand-in devices start with `devices.start()` (npm start does it at once;
  // their keys take a moment on first start), so stacks that never meet a device skip it.
  await parts.devices.seed();
  const recovered = await recoverAbandonedExecutions(parts);
  const skill = buildSkill(parts.deps, { skillId: config.skillId, logger: parts.logger });
  const signatures = config.verifySignature ? signatureVerifier(overrides) : undefined;
  const operatorToken = loadOrCreateOperatorToken(config.dataDir);
  const server = await listen(createHttpApp(parts, skill, { skillId: config.skillId, operatorToken, consoleAssets, signatures }), config.port);
  const { port } = server.address() as AddressInfo;
  const url = `http://127.0.0.1:${port}`;
  lock.listening({ port });
  return {
    ...parts,
    url,
    operatorToken,
    consoleUrl: `${url}/?token=${operatorToken}`,
    recovered,
    lock,
    async close() {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await parts.devices.close();
      await parts.engine.stop();
      await store.close();
      lock.release();
    },
  };
}

async function wire(config: LocalConfig, overrides: LocalStackOverrides, client: DynamoDBDocumentClient): Promise<LocalStackParts> {
  const clock = overrides.clock ?? systemClock;
  const settings: Settings = { ...config.settings, ...overrides.settings };
  const issuer = await DevTokenIssuer.open(config.dataDir);
  const outbox = new OutboxMessageSender(client, T.outbox);
  const auditLog = new LocalAuditLog(client, T.audit);
  const fleet = new SimulatedFleet(client, T.fleet, clock);
  const executions = new ExecutionStore(client, T.executions);
  const targets: IntegrationTargets = { audit: auditLog, functions: {} };
  const definition = loadDefinition(CONFIRM_COMMAND_ASL, {
    ...LOCAL_FUNCTION_NAMES,
    AuditBusName: 'voicegate-audit',
    CodeTtlSeconds: settings.codeTtlSeconds,
  });
  const engine = new LocalWorkflowEngine(definition, targets, new TaskTokenRegistry(client, T.taskTokens), executions, overrides.engine);
  const sendLimiter = new DynamoDbSendRateLimiter(client, T.sendCounters, settings.sendLimits, clock);
  const sealer = LocalSecretSealer.forDataDir(config.dataDir);
  const mfaDevices = new SimulatedMfaDevices({ factors: new DynamoDbFactorStore(client, T.mfaDevices), sealer, clock });
  const logger = overrides.logger ?? localLogger();
  const devices = createLocalDevices(client, clock, config, auditLog, logger, overrides.devices);
  const codeHashSecret = loadCodeHashSecret(config.dataDir);
  const deps = {
    users: new DynamoDbUserDirectory(client, T.users),
    challenges: new DynamoDbChallengeStore(client, T.challenges),
    sendLimiter,
    attemptLimiter: countedSeparately('attempts', sendLimiter),
    activationLimiter: countedSeparately('activations', sendLimiter),
    factors: new DynamoDbFactorStore(client, T.factors),
    sealer,
    taskTokens: AesGcmSecretSealer.derivedFrom(codeHashSecret, TASK_TOKEN_KEY_PURPOSE),
    mfaDevices,
    ledger: new DynamoDbActionLedger(client, T.actionLedger),
    messages: overrides.wrapMessages?.(outbox) ?? outbox,
    instances: overrides.wrapInstances?.(fleet) ?? fleet,
    devices: devices.gateway,
    deviceDirectory: devices.registry,
    workflow: engine,
    audit: auditLog,
    tokens: new JwtAccessTokenVerifier({ issuer: LOCAL_ISSUER, audience: LOCAL_AUDIENCE, jwksUri: `${LOCAL_ISSUER}/jwks.json`, jwks: issuer.jwks }),
    clock,
    codes: overrides.codes ?? secureCodeGenerator,
    hasher: codeHashingWith(new CodeHasher(codeHashSecret)),
    settings,
  };
  Object.assign(targets.functions, localFunctions(deps));
  return { deps, logger, issuer, outbox, auditLog, fleet, devices, mfaDevices, executions, engine, storeClient: client, workflowFunctions: targets.functions };
}

function signatureVerifier(overrides: LocalStackOverrides): AlexaSignatureVerifier {
  const { source, trustedRoots } = overrides.signatures ?? {
    source: httpsCertChainSource,
    trustedRoots: rootCertificates.map((pem) => new X509Certificate(pem)),
  };
  return new AlexaSignatureVerifier(source, trustedRoots);
}

function listen(app: Express, port: number): Promise<Server> {
  return new Promise((resolve, reject) => {
    const server = app.listen(port, '127.0.0.1', (error?: Error) => (error ? reject(error) : resolve(server)));
    server.once('error', reject);
  });
}
