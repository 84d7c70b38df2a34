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

/** Creates one resource from its resolved template properties. */
export type ResourceCreator = (properties: Record<string, any>, context: DeployContext) => Promise<CreatedResource>;

export function arn(account: EmulatorAccount, service: string, resource: string): string {
  return `arn:aws:${service}:${account.region}:${account.accountId}:${resource}`;
}
