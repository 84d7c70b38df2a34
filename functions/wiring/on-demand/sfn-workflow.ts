import { SFNClient } from '@aws-sdk/client-sfn';
import { StepFunctionsWorkflowGateway } from '../../adapters/aws/sfn/step-functions-workflow-gateway';
import type { WorkflowGateway } from '../../ports/workflow-gateway';

export const sfnWorkflow = (stateMachineArn: string): WorkflowGateway => new StepFunctionsWorkflowGateway(new SFNClient({}), stateMachineArn);
