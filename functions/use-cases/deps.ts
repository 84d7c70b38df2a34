import type { AccessTokenVerifier } from '../ports/access-token-verifier';
import type { ActionLedger } from '../ports/action-ledger';
import type { AuditPublisher } from '../ports/audit-publisher';
import type { ChallengeStore } from '../ports/challenge-store';
import type { Clock } from '../ports/clock';
import type { CodeGenerator } from '../ports/code-generator';
import type { CodeHashing } from '../ports/code-hashing';
import type { DeviceDirectory } from '../ports/device-directory';
import type { DeviceGateway } from '../ports/device-gateway';
import type { FactorStore } from '../ports/factor-store';
import type { InstanceGateway } from '../ports/instance-gateway';
import type { MessageSender } from '../ports/message-sender';
import type { MfaDeviceVerifier } from '../ports/mfa-device-verifier';
import type { SecretSealer } from '../ports/secret-sealer';
import type { SendRateLimiter } from '../ports/send-rate-limiter';
import type { UserDirectory } from '../ports/user-directory';
import type { WorkflowGateway } from '../ports/workflow-gateway';
import type { Settings } from './settings';

/** Everything a use case may need; each use case asks only for its slice. */
export interface Deps {
  users: UserDirectory;
  challenges: ChallengeStore;
  sendLimiter: SendRateLimiter;
  /** S8 for codes VoiceGate does not send: counts authenticator and MFA-device attempts in the same windows. */
  attemptLimiter: SendRateLimiter;
  /** The same windows for authenticator activation codes, so enrolling never uses up confirmation attempts. */
  activationLimiter: SendRateLimiter;
  factors: FactorStore;
  sealer: SecretSealer;
  /** Seals workflow task tokens at rest (AES-256-GCM under a key derived from the code-hash secret). */
  taskTokens: SecretSealer;
  mfaDevices: MfaDeviceVerifier;
  ledger: ActionLedger;
  messages: MessageSender;
  instances: InstanceGateway;
  /** The devices' shadows. */
  devices: DeviceGateway;
  /** Which devices each user owns. */
  deviceDirectory: DeviceDirectory;
  workflow: WorkflowGateway;
  audit: AuditPublisher;
  tokens: AccessTokenVerifier;
  clock: Clock;
  codes: CodeGenerator;
  hasher: CodeHashing;
  settings: Settings;
}
