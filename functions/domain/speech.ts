/** Everything VoiceGate says, in one place so the conversation table can be read off it. */
import { describeInProgress, describeOutcome, pastParticiple, type CommandAction } from './command';
import type { DeviceFactor, Factor } from './factor';
import { spokenState, type Instance } from './instance';
import type { Channel } from './user';

const NUMBER_WORDS = ['no', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine', 'ten'];

function countWord(n: number): string {
  return NUMBER_WORDS[n] ?? String(n);
}

/** "9 minutes", "1 minute"; past an hour, whole hours rounded up: "3 hours". */
function waitPhrase(minutes: number): string {
  if (minutes < 60) return minutes === 1 ? '1 minute' : `${minutes} minutes`;
  const hours = Math.ceil(minutes / 60);
  return hours === 1 ? '1 hour' : `${hours} hours`;
}

/** "ending in 0 1": digits spoken one by one. */
function channelPhrase(channel: Channel, maskedDestination: string): string {
  if (channel === 'email') return 'your e-mail';
  const lastDigits = maskedDestination.replace(/\D/g, '').split('').join(' ');
  return `your phone ending in ${lastDigits}`;
}

export const Speech = {
  /** `example` is a command this user may give ("stop web"); none when they may control nothing. */
  welcome: (example = 'start splunk') => `Welcome to cloud control. You can say "list instances"${orSay(example)}.`,
  help: (example = 'start splunk') =>
    `You can say "list instances"${example ? `, or a command like "${example}". I will send you a code; then say "authorize" and the code` : ''}.`,
  goodbye: () => 'Goodbye.',
  fallback: (example = 'start splunk') => `Sorry, I did not get that. You can say "list instances"${orSay(example)}.`,
  linkAccount: () => 'Please link your account in the Alexa app.',
  instances(instances: Instance[]): string {
    if (instances.length === 0) return 'You have no instances you can control.';
    const noun = instances.length === 1 ? 'instance' : 'instances';
    const parts = instances.map((i) => `${i.alias} is ${i.state}`);
    return `You have ${countWord(instances.length)} ${noun}: ${parts.join(', ')}.`;
  },
  unknownTarget: (target: string) => `I can't find an instance called ${target}.`,
  missingTarget: () => 'Which instance? For example, say "start splunk".',
  notAllowed: (target: string) => `Sorry, you are not allowed to control ${target}.`,
  alreadyInState: (target: string, state: string) => `${capitalize(target)} is already ${spokenState(state)}, so there is nothing to do.`,
  impossibleInState: (action: CommandAction, target: string, state: string) =>
    `${capitalize(target)} is ${spokenState(state)}, so it can't be ${pastParticiple(action)}.`,
  codeSent: (action: CommandAction, target: string, digits: number, channel: Channel, masked: string) =>
    `To confirm ${describeInProgress(action, target)} I sent ${digits === 8 ? 'an' : 'a'} ${digits}-digit code to ${channelPhrase(channel, masked)}. Say authorize and the code.`,
  codeUnderWay: (action: CommandAction, target: string) =>
    `To confirm ${describeInProgress(action, target)} I am sending you a code. Say authorize and the code when it arrives.`,
  newCodeSent: (channel: Channel, masked: string) => `I sent a new code to ${channelPhrase(channel, masked)}.`,
  sendLimitReached: (minutes: number) => `You have asked for too many codes. You can ask for a new code in ${waitPhrase(minutes)}.`,
  deviceCodeAsked: (action: CommandAction, target: string, factor: DeviceFactor) =>
    `To confirm ${describeInProgress(action, target)}, say the code from ${FACTOR_PHRASES[factor]}.`,
  deviceCodeReminder: (factor: DeviceFactor) => `There is nothing to send: say authorize and the code from ${FACTOR_PHRASES[factor]}.`,
  factorRequired: (accepted: Factor[]) => `Sorry, this action needs ${accepted.map((factor) => FACTOR_PHRASES[factor]).join(' or ')}.`,
  attemptLimitReached: (minutes: number) => `You have tried too many codes. You can try again in ${waitPhrase(minutes)}.`,
  duplicateAlias: (target: string, count: number) => `${capitalize(countWord(count))} instances are called ${target}; ask your operator to fix their tags.`,
  deliveryFailed: (action: CommandAction, target: string) =>
    `I couldn't send your code, so I am not ${describeInProgress(action, target)}. Please try again later.`,
  codeAccepted: (action: CommandAction, target: string) => `Code accepted. ${capitalize(describeOutcome(action, target))}.`,
  /** `reason` is the action's failure reason code (ActionFailureReasons). */
  codeAcceptedActionFailed: (action: CommandAction, target: string, reason: string) =>
    `Code accepted, but ${describeInProgress(action, target)} failed: ${(ACTION_FAILURES[reason] ?? providerRefused)(action, target)}`,
  codeAcceptedUnderWay: (action: CommandAction, target: string) => `Code accepted. ${capitalize(describeInProgress(action, target))} is under way.`,
  earlierOutcome: (action: CommandAction, target: string, succeeded: boolean) =>
    succeeded
      ? `Your earlier command is done: ${describeOutcome(action, target)}.`
      : `Your earlier command failed: ${describeInProgress(action, target)} did not complete.`,
  codeReused: () => 'That code was already used; wait for the next one.',
  codeRejected: (attemptsLeft: number) => `That code didn't match. You have ${attemptsLeft} ${attemptsLeft === 1 ? 'try' : 'tries'} left.`,
  lockedOut: (action: CommandAction, target: string) => `Too many wrong codes. I cancelled ${describeInProgress(action, target)}.`,
  codeExpired: () => 'That code has expired. Please ask again.',
  missingCode: () => 'Please say authorize and the code, for example "authorize 4 8 2 9 1 3".',
  nothingPending: () => 'There is no command waiting for a code.',
  dropped: (action: CommandAction, target: string) => `I dropped ${describeInProgress(action, target)}.`,
  cancelled: (action: CommandAction, target: string) => `Cancelled ${describeInProgress(action, target)}.`,
  unknownDevice: () => "I can't find that device.",
  tryAgain: () => 'Sorry, something went wrong. Please try again.',
  pendingCommandKeptChanging: () => 'Your command changed while I was checking that code, so nothing was done. Please say authorize and the code again.',
};

type FailureWords = (action: CommandAction, target: string) => string;

/** The words for ActionFailed, and for any reason code without words of its own. */
const providerRefused: FailureWords = (_action, target) => `the provider refused to change ${target}. Please ask your administrator to look into it.`;

/** Why an action failed, in words a person can act on, by reason code. */
const ACTION_FAILURES: Record<string, FailureWords> = {
  IncorrectInstanceState: (action, target) =>
    `${target} changed state since you asked, so it can't be ${pastParticiple(action)} now. Say "list instances" to see where it stands.`,
  DeviceDidNotRespond: (_action, target) => `${target} did not respond. Check that it is powered and online, then ask again.`,
  ConfirmationTooOld: () => 'the confirmation came too late to act on. Please ask again.',
  ActionThrottled: () => 'AWS is too busy right now. Please try again in a minute.',
  ActionInProgress: () => 'the same command is already being carried out. Give it a moment, then check.',
  ActionFailed: providerRefused,
};

/** How a factor is named when telling the user what to use. */
const FACTOR_PHRASES: Record<Factor, string> = {
  totp: 'your authenticator app',
  'aws-mfa': 'your MFA device',
  sms: 'a code by text',
  email: 'a code by e-mail',
};

function orSay(example: string): string {
  return example ? `, or "${example}"` : '';
}

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
