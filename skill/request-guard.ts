/**
 * S10, S15: what every request must pass before the skill sees it — a well-formed
 * envelope, our skill id, a timestamp within 150 s. Pure, shared by the HTTP endpoint
 * and the Lambda entry point.
 */
export const MAX_TIMESTAMP_SKEW_MS = 150_000;

export type GuardVerdict = { ok: true } | { ok: false; status: 400 | 403; reason: string };

type Json = Record<string, unknown>;

export function checkRequest(body: unknown, skillId: string, now: number): GuardVerdict {
  const malformed = shapeProblem(body);
  if (malformed) return refuse(400, malformed);
  const envelope = body as { session?: Json; context: { System: { application: { applicationId: string } } }; request: Json };
  const sessionApp = (envelope.session?.application as Json | undefined)?.applicationId;
  if (envelope.context.System.application.applicationId !== skillId || (sessionApp !== undefined && sessionApp !== skillId)) {
    return refuse(403, 'wrong skill id');
  }
  const timestamp = Date.parse(envelope.request.timestamp as string);
  if (Number.isNaN(timestamp)) return refuse(400, 'malformed timestamp');
  if (Math.abs(now - timestamp) > MAX_TIMESTAMP_SKEW_MS) return refuse(403, 'timestamp too far from now');
  return { ok: true };
}

/** The parts of Alexa's envelope the skill relies on, with the types Alexa sends. */
function shapeProblem(body: unknown): string | undefined {
  if (!isObject(body)) return 'the body is not a JSON object';
  if (typeof body.version !== 'string') return 'missing version';
  const system = isObject(body.context) ? body.context.System : undefined;
  if (!isObject(system) || !isObject(system.application) || typeof system.application.applicationId !== 'string') {
    return 'missing context.System.application.applicationId';
  }
  if (system.user !== undefined && !isObject(system.user)) return 'malformed context.System.user';
  if (body.session !== undefined && !isSession(body.session)) return 'malformed session';
  const request = body.request;
  if (!isObject(request) || typeof request.type !== 'string' || typeof request.requestId !== 'string') {
    return 'missing request type or id';
  }
  if (typeof request.timestamp !== 'string') return 'missing timestamp';
  if (request.type === 'IntentRequest' && !isIntent(request.intent)) return 'malformed intent';
  return undefined;
}

function isSession(session: unknown): boolean {
  return (
    isObject(session) &&
    (session.application === undefined || isObject(session.application)) &&
    (session.user === undefined || isObject(session.user)) &&
    (session.attributes === undefined || isObject(session.attributes))
  );
}

function isIntent(intent: unknown): boolean {
  if (!isObject(intent) || typeof intent.name !== 'string') return false;
  if (intent.slots === undefined) return true;
  return isObject(intent.slots) && Object.values(intent.slots).every((slot) => isObject(slot) && (slot.value === undefined || typeof slot.value === 'string'));
}

function refuse(status: 400 | 403, reason: string): GuardVerdict {
  return { ok: false, status, reason };
}

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
