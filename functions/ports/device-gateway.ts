/** A thing's shadow as VoiceGate reads it. */
export interface DeviceShadow {
  desired: Record<string, unknown>;
  reported: Record<string, unknown>;
  /** When the device last reported a value (epoch ms), from the shadow's metadata. */
  lastReportAt?: number;
  version: number;
}

/** Thrown by adapters when the provider asks us to slow down; the workflow retries it. */
export class DeviceThrottledError extends Error {
  override name = 'DeviceThrottledError';
}

/**
 * The devices' shadows (AWS IoT Device Shadow on AWS, the local broker's shadow service at
 * home). VoiceGate only writes desired state; devices apply the delta and report.
 */
export interface DeviceGateway {
  /** Sets `state.desired.<property>`; `null` withdraws a request nobody acted on. */
  setDesired(thingName: string, property: string, value: string | null): Promise<void>;
  /** The thing's shadow, or undefined when it has none yet. */
  read(thingName: string): Promise<DeviceShadow | undefined>;
}
