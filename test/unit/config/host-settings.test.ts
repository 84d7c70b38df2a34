import { readAwsConfig } from '../../../functions/config/aws-config';
import { CODE_TTL_SECONDS, hostSettings } from '../../../functions/config/host-settings';
import { wholeNumberSetting } from '../../../functions/config/whole-number-setting';
import { DEFAULT_FACTOR_POLICY } from '../../../functions/domain/factor-policy';
import { DEFAULT_SEND_LIMITS } from '../../../functions/domain/send-limits';
import { DEFAULT_SETTINGS } from '../../../functions/use-cases/settings';
import { LAMBDA_POLL_PACE, LOCAL_POLL_PACE } from '../../../functions/use-cases/wait-until';
import { readLocalConfig } from '../../../infra/local/config';
import { lambdaEnvironment } from '../../../bench/lambda-env';
import { fakeWorld } from '../../support/fakes/fake-deps';

const EMAIL_ONLY_POLICY = { default: ['email'], actions: {}, targets: {}, emailEnabled: true };

describe('hostSettings', () => {
  it('defaults to the product defaults (5-minute, 6-digit codes, 3 attempts, the built-in limits and factor policy) at the host pace', () => {
    expect(hostSettings('lambda')).toEqual({ ...DEFAULT_SETTINGS, pollPace: LAMBDA_POLL_PACE });
    expect(hostSettings('local')).toEqual({ ...DEFAULT_SETTINGS, pollPace: LOCAL_POLL_PACE });
    expect(DEFAULT_SETTINGS).toMatchObject({
      codeTtlSeconds: 300,
      codeDigits: 6,
      maxAttempts: 3,
      sendLimits: DEFAULT_SEND_LIMITS,
      factorPolicy: DEFAULT_FACTOR_POLICY,
    });
  });

  it('takes the code lifetime, code length and factor policy from the environment', () => {
    const settings = hostSettings('local', {
      VOICEGATE_CODE_TTL_SECONDS: '600',
      VOICEGATE_CODE_DIGITS: '8',
      VOICEGATE_FACTOR_POLICY: JSON.stringify(EMAIL_ONLY_POLICY),
    });

    expect(settings).toMatchObject({ codeTtlSeconds: 600, codeDigits: 8, factorPolicy: EMAIL_ONLY_POLICY });
  });

  it.each([
    ['VOICEGATE_CODE_TTL_SECONDS', '59', 'VOICEGATE_CODE_TTL_SECONDS must be a whole number from 60 to 3600 (got "59")'],
    ['VOICEGATE_CODE_TTL_SECONDS', '3601', 'VOICEGATE_CODE_TTL_SECONDS must be a whole number from 60 to 3600 (got "3601")'],
    ['VOICEGATE_CODE_TTL_SECONDS', '5 minutes', 'VOICEGATE_CODE_TTL_SECONDS must be a whole number from 60 to 3600 (got "5 minutes")'],
    ['VOICEGATE_CODE_DIGITS', '6.5', 'VOICEGATE_CODE_DIGITS must be a whole number from 6 to 8 (got "6.5")'],
    ['VOICEGATE_CODE_DIGITS', '4', 'VOICEGATE_CODE_DIGITS must be a whole number from 6 to 8 (got "4")'],
  ])('refuses %s=%s, naming the variable and the range', (name, value, message) => {
    expect(() => hostSettings('lambda', { [name]: value })).toThrow(message);
    expect(() => hostSettings('local', { [name]: value })).toThrow(message);
  });

  it('accepts both ends of the code lifetime range', () => {
    expect(hostSettings('lambda', { VOICEGATE_CODE_TTL_SECONDS: String(CODE_TTL_SECONDS.min) }).codeTtlSeconds).toBe(60);
    expect(hostSettings('lambda', { VOICEGATE_CODE_TTL_SECONDS: String(CODE_TTL_SECONDS.max) }).codeTtlSeconds).toBe(3600);
  });

  it('gives the Lambda functions, the local stack and the test fakes the same settings from the same environment, each at its own pace', () => {
    const env = {
      ...lambdaEnvironment(),
      VOICEGATE_CODE_TTL_SECONDS: '120',
      VOICEGATE_CODE_DIGITS: '7',
      VOICEGATE_FACTOR_POLICY: JSON.stringify(EMAIL_ONLY_POLICY),
    };

    const { pollPace: lambdaPace, ...onLambda } = readAwsConfig(env).settings;
    const { pollPace: localPace, ...onLocal } = readLocalConfig(env).settings;

    expect(onLocal).toEqual(onLambda);
    expect(onLambda).toMatchObject({ codeTtlSeconds: 120, codeDigits: 7, factorPolicy: EMAIL_ONLY_POLICY });
    expect(lambdaPace).toEqual(LAMBDA_POLL_PACE);
    expect(localPace).toEqual(LOCAL_POLL_PACE);
    // The fakes run the local host's settings, with short answer waits.
    expect(fakeWorld().settings).toEqual({ ...readLocalConfig({}).settings, authorizeWaitMs: 30, deliveryWaitMs: 30 });
  });
});

describe('wholeNumberSetting', () => {
  it('is undefined when the variable is unset or empty, so the default applies', () => {
    expect(wholeNumberSetting('PORT', undefined, { min: 0, max: 65535 })).toBeUndefined();
    expect(wholeNumberSetting('PORT', '', { min: 0, max: 65535 })).toBeUndefined();
  });

  it('reads the local ports with the same checks', () => {
    expect(readLocalConfig({ PORT: '3001', VOICEGATE_MQTT_PORT: '0' })).toMatchObject({ port: 3001, mqttPort: 0 });
    expect(() => readLocalConfig({ PORT: '70000' })).toThrow('PORT must be a whole number from 0 to 65535 (got "70000")');
  });
});
