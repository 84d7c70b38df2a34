/** What a user has enrolled beyond their phone and e-mail, and how enrollment moves on. */
import { AuditDetailTypes, userAuditEvent, type AuditEvent } from './audit-event';
import type { Factor } from './factor';
import type { StepUpCode, StepUpMethod } from './step-up';
import type { User } from './user';

/** A TOTP secret, sealed by the SecretSealer; never stored or shown in the clear. */
export interface SealedTotp {
  sealedSecret: string;
  since: number;
}

/** An enrollment waiting for its first code, and the step-up that allowed it (for the audit trail). */
export interface PendingTotp extends SealedTotp {
  /** Absent on enrollments started before step-ups existed. */
  approvedBy?: StepUpMethod;
}

export interface MfaDeviceLink {
  /** A hardware serial ("GAHT12345678") or a virtual device's ARN ("arn:aws:iam::123456789012:mfa/alice"). */
  serialNumber: string;
  /**
   * On AWS: the Secrets Manager secret holding an access key of the IAM user the device
   * belongs to (GetSessionToken must be called with that user's long-term credentials).
   */
  credentialsSecretId?: string;
}

export interface FactorRecord {
  /** A user id (locally also a simulated MFA device's serial number). */
  ownerId: string;
  /** Incremented on every change; writes are conditional on it. */
  version: number;
  /** The factor the user chose; the user's delivery channel when absent. */
  preferred?: Factor;
  /** The activated authenticator app. */
  totp?: SealedTotp;
  /** An enrollment waiting for its first code; it never confirms a command. */
  pendingTotp?: PendingTotp;
  mfaDevice?: MfaDeviceLink;
  /** The code delivered to prove a factor change, while it is usable. */
  stepUp?: StepUpCode;
  /** The last TOTP time step accepted: a step is accepted at most once (no replay). */
  lastTotpStep?: number;
}

export type FactorStatus = 'active' | 'pending';

export function emptyFactorRecord(ownerId: string): FactorRecord {
  return { ownerId, version: 0 };
}

/** A new enrollment replaces an earlier pending one; an active app keeps working until this one is activated. */
export function withPendingTotp(record: FactorRecord, sealedSecret: string, at: number, approvedBy: StepUpMethod): FactorRecord {
  return { ...record, pendingTotp: { sealedSecret, since: at, approvedBy }, version: record.version + 1 };
}

/** The first valid code proved the app has the secret: it becomes the user's factor and preference. */
export function activatePendingTotp(record: FactorRecord, at: number): FactorRecord {
  const { pendingTotp, ...rest } = record;
  if (!pendingTotp) throw new Error('no pending authenticator enrollment');
  return { ...withActiveTotp(rest, pendingTotp.sealedSecret, at), preferred: 'totp' };
}

/** A secret that is active from the start (a simulated MFA device, already enabled as AWS's are). */
export function withActiveTotp(record: FactorRecord, sealedSecret: string, at: number): FactorRecord {
  return { ...record, totp: { sealedSecret, since: at }, version: record.version + 1 };
}

export function withMfaDevice(record: FactorRecord, device: MfaDeviceLink): FactorRecord {
  return { ...record, mfaDevice: device, version: record.version + 1 };
}

/** The delivered step-up code replaced, kept (fewer tries left) or, when undefined, gone. */
export function withStepUpCode(record: FactorRecord, stepUp: StepUpCode | undefined): FactorRecord {
  const { stepUp: _previous, ...rest } = record;
  return { ...rest, ...(stepUp && { stepUp }), version: record.version + 1 };
}

export function withPreference(record: FactorRecord, preferred: Factor): FactorRecord {
  return { ...record, preferred, version: record.version + 1 };
}

/** Every factor the user can confirm with right now, policy aside. */
export function usableFactors(user: Pick<User, 'phone' | 'email'>, record: FactorRecord | undefined): Factor[] {
  return factorStatuses(user, record)
    .filter((entry) => entry.status === 'active')
    .map((entry) => entry.factor);
}

export function factorStatuses(user: Pick<User, 'phone' | 'email'>, record: FactorRecord | undefined): { factor: Factor; status: FactorStatus }[] {
  const statuses: { factor: Factor; status: FactorStatus }[] = [];
  if (user.phone) statuses.push({ factor: 'sms', status: 'active' });
  if (user.email) statuses.push({ factor: 'email', status: 'active' });
  if (record?.totp) statuses.push({ factor: 'totp', status: 'active' });
  else if (record?.pendingTotp) statuses.push({ factor: 'totp', status: 'pending' });
  if (record?.mfaDevice) statuses.push({ factor: 'aws-mfa', status: 'active' });
  return statuses;
}

export function preferredFactor(user: Pick<User, 'preferredChannel'>, record: FactorRecord | undefined): Factor {
  return record?.preferred ?? user.preferredChannel;
}

export type FactorChange = 'enrolled' | 'replaced';

/**
 * "Factor Changed": which factor, how, and what step-up allowed it — never the secret, a
 * code, the URI, a phone number or an e-mail address (S12).
 */
export function factorChangedEvent(userId: string, factor: Factor, change: FactorChange, approvedBy: StepUpMethod | undefined, at: number): AuditEvent {
  return userAuditEvent(AuditDetailTypes.factorChanged, userId, new Date(at), { factor, change, stepUp: approvedBy ?? 'unrecorded' });
}
