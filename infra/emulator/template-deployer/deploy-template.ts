/**
 * Deploys a synthesized template onto the emulator the way CloudFormation would: resources in
 * dependency order, each created from its own resolved properties, Refs and GetAtts answered
 * with the physical ids the emulator returned. moto's own CloudFormation cannot take this
 * template (see docs/deploy.md, "On an emulator").
 */
import { createHash } from 'node:crypto';
import type { AwsClients, EmulatorAccount } from '../aws-clients';
import type { LambdaFunctionSpec } from '../lambda-runtime/function-spec';
import { resolve, type Resolver } from './intrinsics';
import type { CreatedResource, ResourceProperties } from './resource-type';
import { RESOURCE_CREATORS, SKIPPED_TYPES } from './resource-types';
import { deploymentOrder, type Template } from './template';

export interface DeployOptions {
  template: Template;
  stackName: string;
  cdkOut: string;
  aws: AwsClients;
  account: EmulatorAccount;
  hostFunction(spec: LambdaFunctionSpec): void;
  progress(line: string): void;
}

export interface DeployedStack {
  outputs: Record<string, string>;
  /** Physical ids by logical id. */
  physicalIds: Record<string, string>;
  skipped: { logicalId: string; type: string; why: string }[];
}

export async function deployTemplate(options: DeployOptions): Promise<DeployedStack> {
  const { template, stackName, account, progress } = options;
  const created = new Map<string, CreatedResource>();
  const skipped: DeployedStack['skipped'] = [];
  const resolver = resolverFor(created, stackName, account);
  const order = deploymentOrder(template);
  for (const [index, logicalId] of order.entries()) {
    const resource = template.Resources[logicalId];
    if (!resource) throw new Error(`${logicalId} is referenced but not in the template`);
    const { Type: type, Properties = {} } = resource;
    const why = SKIPPED_TYPES[type];
    if (why) {
      skipped.push({ logicalId, type, why });
      progress(`skipped: ${type} ${why} (${logicalId})`);
      continue;
    }
    const create = RESOURCE_CREATORS[type];
    if (!create) throw new Error(`${logicalId}: the emulator's deployer has no creator for ${type}`);
    const properties = resolve(Properties, resolver) as ResourceProperties;
    const made = await create(properties, { ...options, logicalId, generatedName: (max) => generatedName(stackName, logicalId, max) }).catch((error: Error) => {
      throw new Error(`${logicalId} (${type}) could not be created on the emulator: ${error.message}`, { cause: error });
    });
    created.set(logicalId, made);
    progress(`[${index + 1}/${order.length}] ${type} ${logicalId} = ${made.ref}`);
  }
  const outputs = Object.fromEntries(Object.entries(template.Outputs ?? {}).map(([key, { Value }]) => [key, String(resolve(Value, resolver))]));
  return { outputs, physicalIds: Object.fromEntries([...created].map(([id, { ref }]) => [id, ref])), skipped };
}

function resolverFor(created: Map<string, CreatedResource>, stackName: string, account: EmulatorAccount): Resolver {
  const find = (logicalId: string) => {
    const resource = created.get(logicalId);
    if (!resource) throw new Error(`${logicalId} is referred to but was not created (skipped or missing)`);
    return resource;
  };
  return {
    pseudo: {
      'AWS::Region': account.region,
      'AWS::AccountId': account.accountId,
      'AWS::Partition': 'aws',
      'AWS::URLSuffix': 'amazonaws.com',
      'AWS::StackName': stackName,
      'AWS::StackId': `arn:aws:cloudformation:${account.region}:${account.accountId}:stack/${stackName}/emulated`,
    },
    ref: (logicalId) => find(logicalId).ref,
    getAtt: (logicalId, attribute) => {
      const value = find(logicalId).attributes?.[attribute];
      if (value === undefined) throw new Error(`the emulator's deployer has no ${attribute} attribute for ${logicalId}`);
      return value;
    },
  };
}

/** CloudFormation's form, `<stack>-<logical id>-<suffix>`, with a suffix stable for a given stack and id. */
function generatedName(stackName: string, logicalId: string, maxLength: number): string {
  const suffix = createHash('sha256').update(`${stackName}/${logicalId}`).digest('hex').slice(0, 12).toUpperCase();
  const room = Math.max(1, maxLength - suffix.length - stackName.length - 2);
  return `${stackName}-${logicalId.slice(0, room)}-${suffix}`.slice(0, maxLength);
}
