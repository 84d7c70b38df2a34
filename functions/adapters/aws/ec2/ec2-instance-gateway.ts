import {
  paginateDescribeInstances,
  paginateDescribeTags,
  RebootInstancesCommand,
  StartInstancesCommand,
  StopInstancesCommand,
  type EC2Client,
  type Instance as Ec2Instance,
  type InstanceStateChange,
} from '@aws-sdk/client-ec2';
import type { InstanceAction } from '../../../domain/command';
import { ALIAS_TAG, type Instance, type InstanceAlias } from '../../../domain/instance';
import { InstanceStateError, InstanceThrottledError, type InstanceGateway } from '../../../ports/instance-gateway';

/** The names EC2 uses for "slow down"; the workflow retries these with backoff. */
const THROTTLING_ERRORS = new Set(['RequestLimitExceeded', 'Throttling', 'ThrottlingException']);

/** Only instances carrying the alias tag exist for VoiceGate (S11). */
export class Ec2InstanceGateway implements InstanceGateway {
  constructor(
    private readonly client: EC2Client,
    /** EC2 accepts 5-1000 results per page when filtering. */
    private readonly pageSize = 100,
  ) {}

  async list(): Promise<Instance[]> {
    const filter = { Filters: [{ Name: 'tag-key', Values: [ALIAS_TAG] }], MaxResults: this.pageSize };
    const instances: Instance[] = [];
    for await (const page of paginateDescribeInstances({ client: this.client }, filter)) {
      const found = (page.Reservations ?? []).flatMap((reservation) => reservation.Instances ?? []);
      instances.push(...found.map(toInstance));
    }
    return inIdOrder(instances);
  }

  async listAliases(): Promise<InstanceAlias[]> {
    const filter = {
      Filters: [
        { Name: 'resource-type', Values: ['instance'] },
        { Name: 'key', Values: [ALIAS_TAG] },
      ],
      MaxResults: this.pageSize,
    };
    const aliases: InstanceAlias[] = [];
    for await (const page of paginateDescribeTags({ client: this.client }, filter)) {
      aliases.push(...(page.Tags ?? []).map((tag) => ({ instanceId: tag.ResourceId ?? '', alias: tag.Value ?? '' })));
    }
    return inIdOrder(aliases);
  }

  async perform(action: InstanceAction, instanceId: string): Promise<string> {
    try {
      return await this.act(action, instanceId);
    } catch (error) {
      if (error instanceof Error && THROTTLING_ERRORS.has(error.name)) {
        throw new InstanceThrottledError(`EC2 throttled ${action} (${error.name})`);
      }
      if (error instanceof Error && error.name === 'IncorrectInstanceState') throw new InstanceStateError(error.message);
      throw error;
    }
  }

  private async act(action: InstanceAction, instanceId: string): Promise<string> {
    const InstanceIds = [instanceId];
    switch (action) {
      case 'start':
        return currentState((await this.client.send(new StartInstancesCommand({ InstanceIds }))).StartingInstances);
      case 'stop':
        return currentState((await this.client.send(new StopInstancesCommand({ InstanceIds }))).StoppingInstances);
      case 'reboot':
        // RebootInstances answers nothing; a reboot keeps the instance running.
        await this.client.send(new RebootInstancesCommand({ InstanceIds }));
        return 'running';
    }
  }
}

function toInstance(instance: Ec2Instance): Instance {
  const alias = instance.Tags?.find((tag) => tag.Key === ALIAS_TAG)?.Value ?? '';
  return { instanceId: instance.InstanceId ?? '', alias, state: instance.State?.Name ?? 'unknown' };
}

/** EC2 pages in no promised order; "the first instance named so" must mean the same every time. */
function inIdOrder<T extends InstanceAlias>(instances: T[]): T[] {
  return instances.sort((a, b) => a.instanceId.localeCompare(b.instanceId));
}

function currentState(changes: InstanceStateChange[] | undefined): string {
  return changes?.[0]?.CurrentState?.Name ?? 'unknown';
}
