/**
 * S10, S15: what every request must pass before the skill sees it — a well-formed
 * envelope, our skill id, a timestamp within 150 s. Pure, shared by the HTTP endpoint
 * and the Lambda entry point.
 */
export const MAX_TIMESTAMP_SKEW_MS = 150_000;

export type GuardVerdict = { ok: true } | { ok: false; status: 400 | 403; reason: string };

interface EnvelopeShape {
  version?: unknown;
  session?: { application?: { applicationId?: unknown } };
  context?: { System?: { application?: { applicationId?: unknown } } };
  request?: { type?: unknown; requestId?: unknown; timestamp?: unknown };
}

export function checkRequest(body: unknown, skillId: string, now: number): GuardVerdict {
  if (!isObject(body)) return refuse(400, 'the body is not a JSON object');
  const envelope = body as EnvelopeShape;
  const request = envelope.request;
  if (typeof envelope.version !== 'string') return refuse(400, 'missing version');
  if (!isObject(request) || typeof request.type !== 'string' || typeof request.requestId !== 'string') {
    return refuse(400, 'missing request type or id');
  }
  const applicationIds = [envelope.context?.System?.application?.applicationId, envelope.session?.application?.applicationId];
  if (applicationIds[0] === undefined && applicationIds[1] === undefined) return refuse(400, 'missing application id');
  if (applicationIds.some((id) => id !== undefined && id !== skillId)) return refuse(403, 'wrong skill id');
  const timestamp = typeof request.timestamp === 'string' ? Date.parse(request.timestamp) : NaN;
  if (Number.isNaN(timestamp)) return refuse(400, 'missing or malformed timestamp');
  if (Math.abs(now - timestamp) > MAX_TIMESTAMP_SKEW_MS) return refuse(403, 'timestamp too far from now');
  return { ok: true };
}

function refuse(status: 400 | 403, reason: string): GuardVerdict {
  return { ok: false, status, reason };
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
