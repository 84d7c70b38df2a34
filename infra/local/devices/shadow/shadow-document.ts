/**
 * AWS IoT Device Shadow semantics (classic, unnamed shadow), pure: how an update request
 * changes a shadow document, what the accepted / delta / documents messages say, and
 * when a request is rejected. Timestamps are epoch seconds, as in AWS's documents.
 */
type Json = Record<string, unknown>;
type Section = 'desired' | 'reported';
const SECTIONS: readonly Section[] = ['desired', 'reported'];

export interface ShadowDocument {
  state: { desired?: Json; reported?: Json };
  /** Mirrors `state`; each leaf is `{ timestamp }`: when that value was last set. */
  metadata: { desired?: Json; reported?: Json };
  /** Incremented by every accepted update; requests may name the version they expect. */
  version: number;
  timestamp: number;
}

/** AWS IoT's size limit for one shadow update request. */
export const MAX_UPDATE_BYTES = 8 * 1024;

export interface ShadowRejection {
  code: 400 | 409 | 413;
  message: string;
}

export interface UpdateAccepted {
  kind: 'accepted';
  document: ShadowDocument;
  /** Published on `update/accepted`: the request's state with metadata for what it set. */
  accepted: Json;
  /** Published on `update/delta` when the request changed desired state that differs from reported. */
  delta?: Json;
  /** Published on `update/documents`: the shadow before and after. */
  documents: Json;
}

export type UpdateOutcome = UpdateAccepted | ({ kind: 'rejected' } & ShadowRejection);

/** Applies one update request (the raw MQTT payload or HTTP body) to the current shadow. */
export function applyUpdate(current: ShadowDocument | undefined, payload: Buffer | string, nowSeconds: number): UpdateOutcome {
  const parsed = parseRequest(payload);
  if ('code' in parsed) return { kind: 'rejected', ...parsed };
  const { state, version, clientToken } = parsed;
  const currentVersion = current?.version ?? 0;
  if (version !== undefined && version !== currentVersion) return { kind: 'rejected', code: 409, message: 'Version conflict' };

  const document: ShadowDocument = {
    state: {},
    metadata: {},
    version: currentVersion + 1,
    timestamp: nowSeconds,
  };
  for (const section of SECTIONS) {
    const change = state[section];
    const merged = change === undefined ? current?.state[section] : change === null ? undefined : merge(current?.state[section], change);
    const stamped =
      change === undefined ? current?.metadata[section] : change === null ? undefined : mergeMetadata(current?.metadata[section], change, nowSeconds);
    if (merged && Object.keys(merged).length > 0) {
      document.state[section] = merged;
      document.metadata[section] = stamped ?? {};
    }
  }

  const token = clientToken === undefined ? {} : { clientToken };
  const accepted = { state, metadata: requestMetadata(state, nowSeconds), version: document.version, timestamp: nowSeconds, ...token };
  const delta = state.desired !== undefined ? deltaOf(document) : undefined;
  return {
    kind: 'accepted',
    document,
    accepted,
    ...(delta && {
      delta: { state: delta, metadata: pick(document.metadata.desired ?? {}, Object.keys(delta)), version: document.version, timestamp: nowSeconds, ...token },
    }),
    documents: { previous: current ? snapshot(current) : null, current: snapshot(document), timestamp: nowSeconds, ...token },
  };
}

/** What `get/accepted` carries: the document with its delta. */
export function documentWithDelta(document: ShadowDocument): Json {
  const delta = deltaOf(document);
  return { ...snapshot(document), state: { ...document.state, ...(delta && { delta }) }, timestamp: document.timestamp };
}

/** Desired values that differ from reported ones (nested objects compared key by key). */
export function deltaOf(document: Pick<ShadowDocument, 'state'>): Json | undefined {
  const delta = difference(document.state.desired ?? {}, document.state.reported ?? {});
  return Object.keys(delta).length > 0 ? delta : undefined;
}

function difference(desired: Json, reported: Json): Json {
  const delta: Json = {};
  for (const [key, value] of Object.entries(desired)) {
    const other = reported[key];
    if (isObject(value) && isObject(other)) {
      const nested = difference(value, other);
      if (Object.keys(nested).length > 0) delta[key] = nested;
    } else if (JSON.stringify(value) !== JSON.stringify(other)) {
      delta[key] = value;
    }
  }
  return delta;
}

interface UpdateRequest {
  state: { desired?: Json | null; reported?: Json | null };
  version?: number;
  clientToken?: string;
}

function parseRequest(payload: Buffer | string): UpdateRequest | ShadowRejection {
  if (Buffer.byteLength(payload) > MAX_UPDATE_BYTES) return { code: 413, message: 'The payload exceeds the maximum size allowed' };
  let body: unknown;
  try {
    body = JSON.parse(payload.toString());
  } catch {
    return { code: 400, message: 'Invalid JSON' };
  }
  if (!isObject(body)) return { code: 400, message: 'Invalid JSON' };
  const { state, version, clientToken } = body;
  if (!isObject(state)) return { code: 400, message: 'Missing required node: state' };
  const invalid = Object.keys(state).find((key) => !(SECTIONS as readonly string[]).includes(key));
  if (invalid !== undefined) return { code: 400, message: `State contains an invalid node: '${invalid}'` };
  for (const section of SECTIONS) {
    if (state[section] !== undefined && state[section] !== null && !isObject(state[section])) {
      return { code: 400, message: `${section} node must be an object` };
    }
  }
  if (version !== undefined && !(Number.isInteger(version) && (version as number) >= 0)) return { code: 400, message: 'Invalid version' };
  if (clientToken !== undefined && (typeof clientToken !== 'string' || clientToken.length > 64)) return { code: 400, message: 'Invalid clientToken' };
  return {
    state: state as UpdateRequest['state'],
    ...(version !== undefined && { version: version as number }),
    ...(clientToken !== undefined && { clientToken }),
  };
}

/** A null value deletes its key; objects merge key by key; anything else replaces. */
function merge(base: Json | undefined, change: Json): Json {
  const result: Json = { ...base };
  for (const [key, value] of Object.entries(change)) {
    if (value === null) delete result[key];
    else if (isObject(value)) result[key] = merge(isObject(result[key]) ? result[key] : undefined, value);
    else result[key] = value;
  }
  return result;
}

function mergeMetadata(base: Json | undefined, change: Json, now: number): Json {
  const result: Json = { ...base };
  for (const [key, value] of Object.entries(change)) {
    if (value === null) delete result[key];
    else if (isObject(value)) result[key] = mergeMetadata(isObject(result[key]) && !('timestamp' in result[key]) ? result[key] : undefined, value, now);
    else result[key] = { timestamp: now };
  }
  return result;
}

function requestMetadata(state: UpdateRequest['state'], now: number): Json {
  const metadata: Json = {};
  for (const section of SECTIONS) {
    const change = state[section];
    if (change) metadata[section] = stampLeaves(change, now);
  }
  return metadata;
}

function stampLeaves(value: Json, now: number): Json {
  return Object.fromEntries(Object.entries(value).map(([key, leaf]) => [key, isObject(leaf) ? stampLeaves(leaf, now) : { timestamp: now }]));
}

function snapshot(document: ShadowDocument): Json {
  return { state: document.state, metadata: document.metadata, version: document.version };
}

function pick(source: Json, keys: string[]): Json {
  return Object.fromEntries(keys.filter((key) => key in source).map((key) => [key, source[key]]));
}

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
