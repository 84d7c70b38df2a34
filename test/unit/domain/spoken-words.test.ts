import { DeviceSpeech } from '../../../functions/domain/device-speech';
import { Speech } from '../../../functions/domain/speech';

/**
 * Every answer VoiceGate gives, word for word. docs/product.md's conversation table gives
 * only some sentences (pinned in speech.test.ts); where README.md quotes one, the row says so.
 *
 * Each row holds a function that is called inside its test, never a sentence computed while
 * the file loads: a value built at load time is the same for every test, so a mutation run
 * that switches a mutant on per test (Stryker's perTest coverage) would never see it change.
 */
type Row = { situation: string; say: () => string; hears: string };

describe('what VoiceGate says, word for word', () => {
  it.each<Row>([
    {
      situation: 'asking for help',
      say: () => Speech.help(),
      hears: 'You can say "list instances", or a command like "start splunk". I will send you a code; then say "authorize" and the code.',
    },
    {
      situation: 'asking for help as a user who may stop web',
      say: () => Speech.help('stop web'),
      hears: 'You can say "list instances", or a command like "stop web". I will send you a code; then say "authorize" and the code.',
    },
    { situation: 'asking for help as a user who may control nothing', say: () => Speech.help(''), hears: 'You can say "list instances".' },
    {
      situation: 'opening the skill as a user who may control nothing',
      say: () => Speech.welcome(''),
      hears: 'Welcome to cloud control. You can say "list instances".',
    },
    { situation: 'saying stop', say: () => Speech.goodbye(), hears: 'Goodbye.' },
    {
      situation: 'saying something the skill did not understand',
      say: () => Speech.fallback(),
      hears: 'Sorry, I did not get that. You can say "list instances", or "start splunk".',
    },
    {
      situation: 'saying something not understood, as a user who may control nothing',
      say: () => Speech.fallback(''),
      hears: 'Sorry, I did not get that. You can say "list instances".',
    },
    { situation: 'naming an instance nobody has', say: () => Speech.unknownTarget('splunk'), hears: "I can't find an instance called splunk." },
    { situation: 'giving a command without an instance', say: () => Speech.missingTarget(), hears: 'Which instance? For example, say "start splunk".' },
    { situation: 'naming an instance the policy does not allow', say: () => Speech.notAllowed('web'), hears: 'Sorry, you are not allowed to control web.' },
    {
      situation: 'starting an instance that is already starting',
      say: () => Speech.alreadyInState('splunk', 'pending'),
      hears: 'Splunk is already starting, so there is nothing to do.',
    },
    {
      situation: 'rebooting a stopped instance (README.md, "Try it")',
      say: () => Speech.impossibleInState('reboot', 'splunk', 'stopped'),
      hears: "Splunk is stopped, so it can't be rebooted.",
    },
    {
      situation: 'starting an instance that is shutting down',
      say: () => Speech.impossibleInState('start', 'splunk', 'shutting-down'),
      hears: "Splunk is shutting down, so it can't be started.",
    },
    {
      situation: 'a command whose code is not out yet',
      say: () => Speech.codeUnderWay('start', 'splunk'),
      hears: 'To confirm starting splunk I am sending you a code. Say authorize and the code when it arrives.',
    },
    {
      situation: 'the next request after a confirmed command finished',
      say: () => Speech.earlierOutcome('start', 'splunk', true),
      hears: 'Your earlier command is done: I have started splunk.',
    },
    {
      situation: 'the next request after a confirmed command failed',
      say: () => Speech.earlierOutcome('start', 'splunk', false),
      hears: 'Your earlier command failed: starting splunk did not complete.',
    },
    { situation: 'a code already used', say: () => Speech.codeReused(), hears: 'That code was already used; wait for the next one.' },
    { situation: 'a code that has expired', say: () => Speech.codeExpired(), hears: 'That code has expired. Please ask again.' },
    {
      situation: '"authorize" with no code heard',
      say: () => Speech.missingCode(),
      hears: 'Please say authorize and the code, for example "authorize 4 8 2 9 1 3".',
    },
    { situation: 'a code when no command waits', say: () => Speech.nothingPending(), hears: 'There is no command waiting for a code.' },
    {
      situation: 'a code whose command kept changing under it',
      say: () => Speech.pendingCommandKeptChanging(),
      hears: 'Your command changed while I was checking that code, so nothing was done. Please say authorize and the code again.',
    },
    { situation: 'a new command while one was pending', say: () => Speech.dropped('stop', 'web'), hears: 'I dropped stopping web.' },
    {
      situation: 'naming a device the user does not own (README.md, "Devices")',
      say: () => Speech.unknownDevice(),
      hears: "I can't find that device.",
    },
    { situation: 'a request that failed inside', say: () => Speech.tryAgain(), hears: 'Sorry, something went wrong. Please try again.' },
    {
      situation: 'a confirmation that came too late',
      say: () => Speech.codeAcceptedActionFailed('start', 'splunk', 'ConfirmationTooOld'),
      hears: 'Code accepted, but starting splunk failed: the confirmation came too late to act on. Please ask again.',
    },
    {
      situation: 'an action AWS throttled',
      say: () => Speech.codeAcceptedActionFailed('start', 'splunk', 'ActionThrottled'),
      hears: 'Code accepted, but starting splunk failed: AWS is too busy right now. Please try again in a minute.',
    },
    {
      situation: 'an action already being carried out',
      say: () => Speech.codeAcceptedActionFailed('start', 'splunk', 'ActionInProgress'),
      hears: 'Code accepted, but starting splunk failed: the same command is already being carried out. Give it a moment, then check.',
    },
    {
      situation: 'an action the device does not support',
      say: () => DeviceSpeech.unsupported('front door', ['lock', 'unlock']),
      hears: 'The front door can only lock or unlock.',
    },
    {
      situation: 'a device command without a device',
      say: () => DeviceSpeech.missingDevice(),
      hears: 'Which device? For example, say "unlock the front door".',
    },
    {
      situation: 'a device command without an action',
      say: () => DeviceSpeech.missingAction(),
      hears: 'What should I do? For example, say "unlock the front door" or "start the 3D printer".',
    },
    {
      situation: 'the status of a device (README.md, "Devices")',
      say: () => DeviceSpeech.status('front door', 'locked', 4000),
      hears: 'The front door is locked. It reported 4 seconds ago.',
    },
    {
      situation: 'the status of a device that never reported',
      say: () => DeviceSpeech.notReported('front door'),
      hears: 'The front door has not reported its state yet.',
    },
  ])('$situation: the user hears "$hears"', ({ say, hears }) => {
    expect(say()).toBe(hears);
  });
});
