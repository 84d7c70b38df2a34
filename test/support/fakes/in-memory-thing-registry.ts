/** AWS IoT's thing registry as registerDevice sees it, with CreateThing's and revocation's rules. */
import type { IssuedCertificate, ThingRecord, ThingRegistry } from '../../../functions/ports/thing-registry';
import { tick } from './in-memory-stores';

interface Thing {
  attributes: Record<string, string>;
  certificateArns: string[];
}

export class InMemoryThingRegistry implements ThingRegistry {
  private readonly things = new Map<string, Thing>();
  /** Every certificate revoked so far: a revoked key can no longer connect. */
  readonly revoked: string[] = [];
  private issued = 0;

  async find(thingName: string): Promise<ThingRecord | undefined> {
    await tick();
    const thing = this.things.get(thingName);
    return thing && { thingName, owner: thing.attributes.owner };
  }

  /** Like CreateThing: idempotent for the same attributes, ResourceAlreadyExistsException for others. */
  async create(thingName: string, attributes: Record<string, string>): Promise<void> {
    await tick();
    const existing = this.things.get(thingName);
    if (existing && JSON.stringify(existing.attributes) !== JSON.stringify(attributes)) {
      throw Object.assign(new Error(`thing ${thingName} already exists with other attributes`), { name: 'ResourceAlreadyExistsException' });
    }
    this.things.set(thingName, existing ?? { attributes: { ...attributes }, certificateArns: [] });
  }

  async certify(thingName: string, csrPem: string): Promise<IssuedCertificate> {
    await tick();
    const thing = this.thing(thingName);
    if (!csrPem.includes('-----BEGIN CERTIFICATE REQUEST-----')) throw Object.assign(new Error('bad CSR'), { name: 'InvalidRequestException' });
    const certificateId = `certificate-${++this.issued}`;
    const certificateArn = `arn:aws:iot:eu-west-1:000000000000:cert/${certificateId}`;
    thing.certificateArns.push(certificateArn);
    return { certificateId, certificateArn, certificatePem: `-----BEGIN CERTIFICATE-----\n${certificateId}\n-----END CERTIFICATE-----\n` };
  }

  async certificatesOf(thingName: string): Promise<string[]> {
    await tick();
    return [...(this.things.get(thingName)?.certificateArns ?? [])];
  }

  async retire(thingName: string, certificateArn: string): Promise<void> {
    await tick();
    const thing = this.thing(thingName);
    this.revoked.push(certificateArn);
    thing.certificateArns = thing.certificateArns.filter((arn) => arn !== certificateArn);
  }

  /** The thing's registry attributes, or undefined when there is no such thing. */
  attributesOf(thingName: string): Record<string, string> | undefined {
    const thing = this.things.get(thingName);
    return thing && { ...thing.attributes };
  }

  private thing(thingName: string): Thing {
    const thing = this.things.get(thingName);
    if (!thing) throw Object.assign(new Error(`no thing ${thingName}`), { name: 'ResourceNotFoundException' });
    return thing;
  }
}
