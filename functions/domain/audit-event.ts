/** Audit events as they go on the EventBridge bus; the detail-type names are part of the contract. */

export const AUDIT_SOURCE = 'voicegate';

export const AuditDetailTypes = {
  commandRequested: 'Command Requested',
  codeSent: 'Code Sent',
  codeRejected: 'Code Rejected',
  codeVerified: 'Code Verified',
  actionSucceeded: 'Action Succeeded',
  actionFailed: 'Action Failed',
  challengeExpired: 'Challenge Expired',
  commandCancelled: 'Command Cancelled',
  commandSuperseded: 'Command Superseded',
  deliveryFailed: 'Delivery Failed',
  commandDenied: 'Command Denied',
  deviceRegistered: 'Device Registered',
  limitReset: 'Limit Reset',
  factorChanged: 'Factor Changed',
} as const;
export type AuditDetailType = (typeof AuditDetailTypes)[keyof typeof AuditDetailTypes];

/** The events that end an execution, one per execution: the workflow's "Record …" states before its end states. */
export const TERMINAL_DETAIL_TYPES: ReadonlySet<string> = new Set<AuditDetailType>([
  AuditDetailTypes.actionSucceeded,
  AuditDetailTypes.actionFailed,
  AuditDetailTypes.challengeExpired,
  AuditDetailTypes.commandCancelled,
  AuditDetailTypes.commandSuperseded,
  AuditDetailTypes.deliveryFailed,
]);

/** Always present; never a code, a token or an unmasked contact (S12). */
export interface AuditDetail {
  commandId: string;
  executionId: string;
  userId: string;
  action: string;
  target: string;
  time: string;
  [extra: string]: string | number | undefined;
}

export interface AuditEvent {
  source: typeof AUDIT_SOURCE;
  detailType: AuditDetailType;
  time: string;
  detail: AuditDetail;
}

export type AuditExtras = Record<string, string | number>;

export function auditEvent(
  detailType: AuditDetailType,
  command: Pick<AuditDetail, 'commandId' | 'userId' | 'action' | 'target'>,
  executionId: string,
  at: Date,
  extras: AuditExtras = {},
): AuditEvent {
  const time = at.toISOString();
  const { commandId, userId, action, target } = command;
  return {
    source: AUDIT_SOURCE,
    detailType,
    time,
    detail: { ...extras, commandId, executionId, userId, action, target, time },
  };
}

/** An operator's act on a user rather than on a command: command fields read "none". */
export function userAuditEvent(detailType: AuditDetailType, userId: string, at: Date, extras: AuditExtras = {}): AuditEvent {
  return auditEvent(detailType, { commandId: 'none', userId, action: 'none', target: 'none' }, 'none', at, extras);
}
