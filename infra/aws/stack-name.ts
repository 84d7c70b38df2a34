/** The CloudFormation stack name: table, bus, policy and state machine names start with it. */
export const STACK_NAME = 'VoiceGate';
