import { CfnDeletionPolicy, CfnResource, type IAspect } from 'aws-cdk-lib';
import { CfnUserPool } from 'aws-cdk-lib/aws-cognito';
import type { IConstruct } from 'constructs';

/**
 * Retained resources (tables, log groups with fixed names, keys) stay when the stack is
 * deleted, but not when the deployment that created them rolls back: a failed first deploy
 * would otherwise leave named tables and log groups behind and every retry would fail on
 * "already exists". The user pool keeps plain Retain: its deletion protection would make a
 * rollback that deletes it fail, and its name need not be unique, so a retry is not blocked.
 */
export class RetainExceptOnCreate implements IAspect {
  visit(node: IConstruct): void {
    if (!(node instanceof CfnResource) || node.cfnOptions.deletionPolicy !== CfnDeletionPolicy.RETAIN) return;
    if (node.cfnResourceType === CfnUserPool.CFN_RESOURCE_TYPE_NAME) return;
    node.cfnOptions.deletionPolicy = CfnDeletionPolicy.RETAIN_EXCEPT_ON_CREATE;
  }
}
