import { DeviceSpeech } from '../../../functions/domain/device-speech';
import { Speech } from '../../../functions/domain/speech';

/** The conversation table (docs/product.md): these replies, word for word. */
describe('what VoiceGate says, word for word', () => {
  it.each([
    [Speech.help(), 'You can say "list instances", or a command like "start splunk". I will send you a code; then say "authorize" and the code.'],
    [Speech.help('stop web'), 'You can say "list instances", or a command like "stop web". I will send you a code; then say "authorize" and the code.'],
    [Speech.help(''), 'You can say "list instances".'],
    [Speech.goodbye(), 'Goodbye.'],
    [Speech.fallback(), 'Sorry, I did not get that. You can say "list instances", or "start splunk".'],
    [Speech.fallback(''), 'Sorry, I did not get that. You can say "list instances".'],
    [Speech.unknownTarget('splunk'), "I can't find an instance called splunk."],
    [Speech.missingTarget(), 'Which instance? For example, say "start splunk".'],
    [Speech.notAllowed('web'), 'Sorry, you are not allowed to control web.'],
    [Speech.alreadyInState('splunk', 'pending'), 'Splunk is already starting, so there is nothing to do.'],
    [Speech.impossibleInState('start', 'splunk', 'shutting-down'), "Splunk is shutting down, so it can't be started."],
    [Speech.codeUnderWay('start', 'splunk'), 'To confirm starting splunk I am sending you a code. Say authorize and the code when it arrives.'],
    [Speech.earlierOutcome('start', 'splunk', true), 'Your earlier command is done: I have started splunk.'],
    [Speech.earlierOutcome('start', 'splunk', false), 'Your earlier command failed: starting splunk did not complete.'],
    [Speech.codeReused(), 'That code was already used; wait for the next one.'],
    [Speech.codeExpired(), 'That code has expired. Please ask again.'],
    [Speech.missingCode(), 'Please say authorize and the code, for example "authorize 4 8 2 9 1 3".'],
    [Speech.nothingPending(), 'There is no command waiting for a code.'],
    [Speech.pendingCommandKeptChanging(), 'Your command changed while I was checking that code, so nothing was done. Please say authorize and the code again.'],
    [Speech.dropped('stop', 'web'), 'I dropped stopping web.'],
    [Speech.unknownDevice(), "I can't find that device."],
    [Speech.tryAgain(), 'Sorry, something went wrong. Please try again.'],
    [
      Speech.codeAcceptedActionFailed('start', 'splunk', 'ConfirmationTooOld'),
      'Code accepted, but starting splunk failed: the confirmation came too late to act on. Please ask again.',
    ],
    [
      Speech.codeAcceptedActionFailed('start', 'splunk', 'ActionThrottled'),
      'Code accepted, but starting splunk failed: AWS is too busy right now. Please try again in a minute.',
    ],
    [
      Speech.codeAcceptedActionFailed('start', 'splunk', 'ActionInProgress'),
      'Code accepted, but starting splunk failed: the same command is already being carried out. Give it a moment, then check.',
    ],
    [DeviceSpeech.unsupported('front door', ['lock', 'unlock']), 'The front door can only lock or unlock.'],
    [DeviceSpeech.missingDevice(), 'Which device? For example, say "unlock the front door".'],
    [DeviceSpeech.missingAction(), 'What should I do? For example, say "unlock the front door" or "start the 3D printer".'],
    [DeviceSpeech.status('front door', 'locked', 4000), 'The front door is locked. It reported 4 seconds ago.'],
  ])('%s', (said, expected) => {
    expect(said).toBe(expected);
  });
});
