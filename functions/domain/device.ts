/**
 * Devices by voice: each device is an IoT thing owned by one user. What each kind of device
 * can do is data (DEVICE_CATALOGUE); an action is a desired value of one shadow property.
 */
export const DEVICE_ACTIONS = ['lock', 'unlock', 'start', 'stop', 'open', 'close'] as const;
export type DeviceAction = (typeof DEVICE_ACTIONS)[number];

export interface DeviceTypeSpec {
  /** The shadow property the device reports and VoiceGate sets (`state.desired.<property>`). */
  property: string;
  /** What each action sets the property to. */
  actions: Partial<Record<DeviceAction, string>>;
  /** The state a new device of this type starts in. */
  initial: string;
}

export const DEVICE_CATALOGUE = {
  lock: { property: 'lock', actions: { lock: 'locked', unlock: 'unlocked' }, initial: 'locked' },
  printer: { property: 'status', actions: { start: 'printing', stop: 'idle' }, initial: 'idle' },
  'garage door': { property: 'door', actions: { open: 'open', close: 'closed' }, initial: 'closed' },
} as const satisfies Record<string, DeviceTypeSpec>;

export type DeviceType = keyof typeof DEVICE_CATALOGUE;

/** A thing as VoiceGate knows it: the registry's owner attribute and the name its owner speaks. */
export interface Device {
  thingName: string;
  /** As its owner speaks it: "front door", "3D printer". */
  name: string;
  /** The linked user's id (the thing's `owner` attribute). */
  owner: string;
  type: DeviceType;
}

/** One desired shadow property: `{ lock: 'unlocked' }`. */
export interface DesiredState {
  property: string;
  value: string;
}

/** AWS IoT thing names allow [a-zA-Z0-9:_-]; VoiceGate leaves out ':' so a name is also a safe folder name. */
const THING_NAME = /^[A-Za-z0-9_-]{1,128}$/;

export function isThingName(value: unknown): value is string {
  return typeof value === 'string' && THING_NAME.test(value);
}

export function isDeviceType(value: unknown): value is DeviceType {
  return typeof value === 'string' && Object.hasOwn(DEVICE_CATALOGUE, value);
}

export function isDeviceAction(value: unknown): value is DeviceAction {
  return (DEVICE_ACTIONS as readonly unknown[]).includes(value);
}

/** The shadow update an action means for this type of device; undefined when the type has no such action. */
export function desiredStateFor(type: DeviceType, action: DeviceAction): DesiredState | undefined {
  const spec: DeviceTypeSpec = DEVICE_CATALOGUE[type];
  const value = spec.actions[action];
  return value === undefined ? undefined : { property: spec.property, value };
}

export function actionsOf(type: DeviceType): DeviceAction[] {
  return Object.keys(DEVICE_CATALOGUE[type].actions) as DeviceAction[];
}

/** The reported value of the type's property, when the device reported one. */
export function reportedStateOf(type: DeviceType, reported: Record<string, unknown>): string | undefined {
  const value = reported[DEVICE_CATALOGUE[type].property];
  return typeof value === 'string' ? value : undefined;
}

/** How commands and speech name a device: "the front door". */
export function spokenDevice(name: string): string {
  return `the ${name}`;
}

/** For matching spoken names: "the Front Door", "my front  door" → "front door". */
export function normalizeDeviceName(spoken: string): string {
  return spoken
    .trim()
    .toLowerCase()
    .replace(/^(the|my)\s+/, '')
    .replace(/\s+/g, ' ');
}

/**
 * The user's own device with this spoken name. Only the user's devices are searched, so
 * another user's device is never found, not even to say it exists.
 */
export function findOwnDevice(ownDevices: Device[], spoken: string): Device | undefined {
  const wanted = normalizeDeviceName(spoken);
  return ownDevices.find((device) => normalizeDeviceName(device.name) === wanted);
}
