/** CDK app entry (cdk.json: `npx tsx infra/aws/app.ts`). Settings come from `voicegate:*` context. */
import { App } from 'aws-cdk-lib';
import { addVoiceGate } from './voicegate-app';

addVoiceGate(new App());
