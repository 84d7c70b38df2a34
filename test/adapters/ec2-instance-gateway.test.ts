import { EC2Client, RunInstancesCommand, type Tag } from '@aws-sdk/client-ec2';
import { Ec2InstanceGateway } from '../../functions/adapters/aws/ec2/ec2-instance-gateway';
import { ALIAS_TAG } from '../../functions/domain/instance';
import { awsTestConfig } from '../support/aws-test-config';
import { describeWithMoto } from '../support/moto';
import { instanceGatewayContract, SEEDED_FLEET } from '../contract/suites/instance-gateway.contract';

/** Six tagged instances, more than the smallest page EC2 allows (5). */
const ALIASES = ['splunk', 'web', 'build', 'db', 'cache', 'ci'];
const PAGE_SIZE = 5;

describeWithMoto('Ec2InstanceGateway over the wire (moto EC2)', (moto) => {
  let ec2: EC2Client;
  let gateway: Ec2InstanceGateway;
  const idOf = new Map<string, string>();
  let untaggedId: string;

  async function runInstance(tags: Tag[]): Promise<string> {
    const { Instances } = await ec2.send(
      new RunInstancesCommand({
        ImageId: 'ami-12c6146b',
        MinCount: 1,
        MaxCount: 1,
        TagSpecifications: [{ ResourceType: 'instance', Tags: tags }],
      }),
    );
    return Instances![0]!.InstanceId!;
  }

  async function stateOf(instanceId: string): Promise<string | undefined> {
    return (await gateway.list()).find((instance) => instance.instanceId === instanceId)?.state;
  }

  beforeAll(async () => {
    ec2 = new EC2Client(awsTestConfig(moto().endpoint));
    gateway = new Ec2InstanceGateway(ec2, PAGE_SIZE);
    for (const alias of ALIASES) idOf.set(alias, await runInstance([{ Key: ALIAS_TAG, Value: alias }]));
    untaggedId = await runInstance([{ Key: 'Name', Value: 'not for voicegate' }]);
  });
  afterAll(() => ec2.destroy());

  it('lists every instance with the alias tag, page by page, and no other', async () => {
    const listed = await gateway.list();

    expect(listed.map((instance) => instance.alias).sort()).toEqual([...ALIASES].sort());
    expect(listed).toContainEqual({ instanceId: idOf.get('splunk'), alias: 'splunk', state: 'running' });
    expect(listed.map((instance) => instance.instanceId)).not.toContain(untaggedId);
  });

  it("lists every tagged instance's alias from the tags alone, page by page, in instance-id order, and no other", async () => {
    const aliases = await gateway.listAliases();

    expect(aliases).toEqual(ALIASES.map((alias) => ({ instanceId: idOf.get(alias), alias })).sort((a, b) => a.instanceId!.localeCompare(b.instanceId!)));
    expect(aliases.map((instance) => instance.instanceId)).not.toContain(untaggedId);
  });

  it('stop answers "stopping" and the instance ends up stopped', async () => {
    const web = idOf.get('web')!;

    expect(await gateway.perform('stop', web)).toBe('stopping');
    expect(await stateOf(web)).toBe('stopped');
  });

  it('start answers "pending" and the instance ends up running', async () => {
    const build = idOf.get('build')!;
    await gateway.perform('stop', build);

    expect(await gateway.perform('start', build)).toBe('pending');
    expect(await stateOf(build)).toBe('running');
  });

  // Last: its instances would otherwise show up in the listing test above.
  instanceGatewayContract('Ec2InstanceGateway on moto', async () => {
    const ids = new Map<string, string>();
    for (const { alias, state } of SEEDED_FLEET) {
      const instanceId = await runInstance([{ Key: ALIAS_TAG, Value: alias }]);
      if (state === 'stopped') await gateway.perform('stop', instanceId);
      ids.set(alias, instanceId);
    }
    return { subject: { gateway, idOf: (alias) => ids.get(alias)! }, cleanup: async () => undefined };
  });
});
