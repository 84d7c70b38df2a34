import { GetCommand, PutCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { isConditionFailure } from '../../../functions/adapters/aws/dynamodb/tables';
import type { InstanceAction } from '../../../functions/domain/command';
import { aliasesOf, type Instance, type InstanceAlias } from '../../../functions/domain/instance';
import type { Clock } from '../../../functions/ports/clock';
import { InstanceStateError, type InstanceGateway } from '../../../functions/ports/instance-gateway';
import { scanAll } from '../store/scan-all';

/** A stored instance; a transition settles lazily on read, so no timer is lost on restart. */
interface FleetItem extends Instance {
  settlesTo?: string;
  settlesAt?: number;
}

/** What each action does to a settled state: [state right after the call, state it settles to]. */
const TRANSITIONS: Record<InstanceAction, Record<string, [string, string]>> = {
  start: { stopped: ['pending', 'running'], pending: ['pending', 'running'], running: ['running', 'running'] },
  stop: { running: ['stopping', 'stopped'], stopping: ['stopping', 'stopped'], stopped: ['stopped', 'stopped'] },
  reboot: { running: ['running', 'running'] },
};

/** Mirrors EC2's error for an instance id it does not know. */
export class UnknownInstanceError extends Error {
  override name = 'InvalidInstanceID.NotFound';
}

/** A simulated EC2 fleet with EC2's state names and transition timing. */
export class SimulatedFleet implements InstanceGateway {
  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: string,
    private readonly clock: Clock,
    private readonly transitionMs = 1500,
  ) {}

  async list(): Promise<Instance[]> {
    const items = await scanAll<FleetItem>(this.client, this.tableName);
    return items.map((item) => this.settled(item)).sort((a, b) => a.instanceId.localeCompare(b.instanceId));
  }

  async listAliases(): Promise<InstanceAlias[]> {
    return aliasesOf(await this.list());
  }

  async perform(action: InstanceAction, instanceId: string): Promise<string> {
    const { Item } = await this.client.send(new GetCommand({ TableName: this.tableName, Key: { instanceId } }));
    if (!Item) throw new UnknownInstanceError(`no such instance: ${instanceId}`);
    const current = this.settled(Item as FleetItem);
    const transition = TRANSITIONS[action][current.state];
    if (!transition) throw new InstanceStateError(`cannot ${action} an instance that is ${current.state}`);
    const [now, later] = transition;
    await this.save({ ...current, state: now, settlesTo: later, settlesAt: this.clock.now() + this.transitionMs });
    return now;
  }

  /** Seeds an instance unless one with that id exists. */
  async seed(instance: Instance): Promise<void> {
    await this.client
      .send(new PutCommand({ TableName: this.tableName, Item: instance, ConditionExpression: 'attribute_not_exists(instanceId)' }))
      .catch((error: unknown) => {
        if (!isConditionFailure(error)) throw error;
      });
  }

  private settled(item: FleetItem): Instance {
    const { settlesTo, settlesAt } = item;
    const settledState = settlesTo !== undefined && settlesAt !== undefined && this.clock.now() >= settlesAt ? settlesTo : undefined;
    return { instanceId: item.instanceId, alias: item.alias, state: settledState ?? item.state };
  }

  private async save(item: FleetItem): Promise<void> {
    await this.client.send(new PutCommand({ TableName: this.tableName, Item: item }));
  }
}
