/**
 * The local Device Shadow service: keeps each thing's shadow, answers devices on the
 * documented MQTT topics (`$aws/things/<thing>/shadow/update` and `/get`, replying on
 * `.../accepted`, `.../rejected`, `.../delta`, `.../documents`), and serves VoiceGate's
 * own reads and writes as UpdateThingShadow / GetThingShadow do on AWS.
 */
import type { Clock } from '../../../../functions/ports/clock';
import { shadowTopicPrefix } from '../../../../functions/domain/thing-policy';
import { applyUpdate, documentWithDelta, type ShadowDocument, type UpdateOutcome } from './shadow-document';
import type { ShadowStore } from './shadow-store';

/** Where shadow messages go: the broker, once it runs. */
export interface ShadowTransport {
  publish(topic: string, message: unknown): Promise<void>;
}

const REQUEST_TOPIC = /^\$aws\/things\/([^/]+)\/shadow\/(update|get)$/;

export class ShadowService {
  private transport: ShadowTransport | undefined;
  /** One update at a time per thing: versions must not interleave. */
  private readonly queues = new Map<string, Promise<unknown>>();

  constructor(
    private readonly store: ShadowStore,
    private readonly clock: Clock,
  ) {}

  /** Until the broker runs no device can be connected, so messages before that go nowhere. */
  connect(transport: ShadowTransport): void {
    this.transport = transport;
  }

  /** Applies an update request and publishes its accepted (with delta and documents) or rejected messages. */
  update(thingName: string, payload: Buffer | string): Promise<UpdateOutcome> {
    return this.serialized(thingName, async () => {
      const current = await this.store.get(thingName);
      const outcome = applyUpdate(current, payload, Math.floor(this.clock.now() / 1000));
      const topic = `${shadowTopicPrefix(thingName)}update`;
      if (outcome.kind === 'rejected') {
        const { code, message } = outcome;
        await this.publish(`${topic}/rejected`, { code, message, timestamp: Math.floor(this.clock.now() / 1000), ...clientTokenOf(payload) });
        return outcome;
      }
      await this.store.put(thingName, outcome.document);
      await this.publish(`${topic}/accepted`, outcome.accepted);
      if (outcome.delta) await this.publish(`${topic}/delta`, outcome.delta);
      await this.publish(`${topic}/documents`, outcome.documents);
      return outcome;
    });
  }

  get(thingName: string): Promise<ShadowDocument | undefined> {
    return this.store.get(thingName);
  }

  /** A device's request, as the broker delivers it (only after the policy allowed it). */
  async handle(topic: string, payload: Buffer): Promise<void> {
    const [, thingName, operation] = REQUEST_TOPIC.exec(topic) ?? [];
    if (!thingName) return;
    if (operation === 'update') {
      await this.update(thingName, reportOnly(payload));
      return;
    }
    const document = await this.get(thingName);
    const reply = `${shadowTopicPrefix(thingName)}get`;
    const token = clientTokenOf(payload);
    if (document) await this.publish(`${reply}/accepted`, { ...documentWithDelta(document), ...token });
    else await this.publish(`${reply}/rejected`, { code: 404, message: `No shadow exists with name: '${thingName}'`, ...token });
  }

  private async publish(topic: string, message: unknown): Promise<void> {
    await this.transport?.publish(topic, message);
  }

  private serialized<T>(thingName: string, work: () => Promise<T>): Promise<T> {
    const previous = this.queues.get(thingName) ?? Promise.resolve();
    const next = previous.then(work, work);
    const settled = next.catch(() => undefined);
    this.queues.set(thingName, settled);
    void settled.then(() => this.queues.get(thingName) === settled && this.queues.delete(thingName));
    return next;
  }
}

/**
 * A device reports its state; only VoiceGate's own gateway (after a confirmed command) may
 * say what it should be. So `desired` in a device's update is dropped: otherwise any
 * device certificate could command its own device without a code.
 */
function reportOnly(payload: Buffer): Buffer {
  let request: unknown;
  try {
    request = JSON.parse(payload.toString());
  } catch {
    return payload; // the shadow document rejects it with its own error
  }
  const state = (request as { state?: unknown } | null)?.state;
  if (typeof state !== 'object' || state === null || !Object.hasOwn(state, 'desired')) return payload;
  const { desired: _ignored, ...reported } = state as Record<string, unknown>;
  return Buffer.from(JSON.stringify({ ...(request as object), state: reported }));
}

/** Devices match replies to requests by `clientToken`. */
function clientTokenOf(payload: Buffer | string): { clientToken?: string } {
  try {
    const { clientToken } = JSON.parse(payload.toString()) as { clientToken?: unknown };
    return typeof clientToken === 'string' && clientToken.length <= 64 ? { clientToken } : {};
  } catch {
    return {};
  }
}
