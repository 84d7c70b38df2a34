import type { DeviceShadow } from '../../../ports/device-gateway';

type Json = Record<string, unknown>;

/**
 * An AWS IoT shadow document (`{ state: { desired, reported }, metadata, version }`), as
 * GetThingShadow and the shadow topics carry it, read into what VoiceGate uses. The last
 * report is the newest `metadata.reported` timestamp (epoch seconds in the document).
 */
export function shadowView(document: unknown): DeviceShadow {
  const root = record(document);
  const state = record(root.state);
  const newest = Math.max(0, ...timestamps(record(root.metadata).reported));
  return {
    desired: record(state.desired),
    reported: record(state.reported),
    version: typeof root.version === 'number' ? root.version : 0,
    ...(newest > 0 && { lastReportAt: newest * 1000 }),
  };
}

/** Metadata mirrors the state's shape; each leaf is `{ timestamp }`. */
function timestamps(metadata: unknown): number[] {
  if (typeof metadata !== 'object' || metadata === null) return [];
  const { timestamp } = metadata as Json;
  if (typeof timestamp === 'number') return [timestamp];
  return Object.values(metadata).flatMap(timestamps);
}

function record(value: unknown): Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Json) : {};
}
