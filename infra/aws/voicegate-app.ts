import { Validations, type App } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import { readDeploymentSettings } from './deployment-settings';
import { VoiceGateStack } from './voicegate-stack';

import { STACK_NAME } from './stack-name';

export { STACK_NAME };

/**
 * The whole app: one stack configured from CDK context, checked by cdk-nag's AwsSolutions
 * pack (an unacknowledged finding fails synth). Shared by app.ts and the tests.
 */
export function addVoiceGate(app: App): VoiceGateStack {
  const settings = readDeploymentSettings((key) => app.node.tryGetContext(key));
  const stack = new VoiceGateStack(app, STACK_NAME, {
    settings,
    description: 'VoiceGate: sensitive cloud actions by voice, confirmed with a one-time code',
  });
  Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
  return stack;
}
