import type { AwsClients, EmulatorAccount } from '../aws-clients';
import type { LambdaFunctionSpec } from '../lambda-runtime/function-spec';

/** What CloudFormation would return for a created resource: its Ref and its GetAtt attributes. */
export interface CreatedResource {
  ref: string;
  attributes?: Record<string, string>;
}

export interface DeployContext {
  aws: AwsClients;
  account: EmulatorAccount;
  stackName: string;
  logicalId: string;
  /** The synthesized assets (Lambda bundles). */
  cdkOut: string;
  /** A name as CloudFormation generates one for a resource the template leaves unnamed. */
  generatedName(maxLength: number): string;
  /** Hands a function's bundle and configuration to the Lambda runtime behind the Invoke API. */
  hostFunction(spec: LambdaFunctionSpec): void;
}

/** A resource's resolved template properties, read by each creator as its resource type documents them. */
// biome-ignore lint/suspicious/noExplicitAny: CloudFormation properties are untyped JSON; the emulator's API answers check what the creators send
export type ResourceProperties = Record<string, any>;

/** Creates one resource from its resolved template properties. */
export type ResourceCreator = (properties: ResourceProperties, context: DeployContext) => Promise<CreatedResource>;

/** Creates a resource that has a physical name (the template's, or one CloudFormation would generate). */
export type NamedResourceCreator = (name: string, properties: ResourceProperties, context: DeployContext) => Promise<CreatedResource>;

/** A field the API always returns on success: missing, the create failed in a way worth saying. */
export function answered<T>(value: T | undefined, field: string): T {
  if (value === undefined) throw new Error(`the emulator's answer has no ${field}`);
  return value;
}

/**
 * A resource named by its template property `property`, or, where the template leaves it out,
 * by a name CloudFormation's way of at most `maxLength` characters (the type's own limit).
 */
export function named(property: string, maxLength: number, create: NamedResourceCreator): ResourceCreator {
  return (properties, context) => create(properties[property] ?? context.generatedName(maxLength), properties, context);
}

export function arn(account: EmulatorAccount, service: string, resource: string): string {
  return `arn:aws:${service}:${account.region}:${account.accountId}:${resource}`;
}
