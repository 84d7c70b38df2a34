import { CONTEXT_PREFIX, readDeploymentSettings } from '../../infra/aws/deployment-settings';
import { cdkJsonContext, TEST_SETTINGS } from './voicegate-template';

const reader = (context: Record<string, unknown>) => (key: string) => context[key];
const withSetting = (name: string, value: unknown) => reader({ ...cdkJsonContext(), [`${CONTEXT_PREFIX}${name}`]: value });

describe('deployment settings (CDK context voicegate:*)', () => {
  it('cdk.json holds placeholders that synthesize without any -c flag', () => {
    const settings = readDeploymentSettings(reader(cdkJsonContext()));

    expect(settings).toEqual({
      skillId: 'amzn1.ask.skill.00000000-0000-0000-0000-000000000000',
      sesFromAddress: 'voicegate@example.com',
      alexaRedirectUrls: expect.arrayContaining([expect.stringMatching(/^https:\/\/pitangui\.amazon\.com\/api\/skill\/link\//)]),
      authDomainPrefix: 'voicegate-change-me',
      codeTtlSeconds: 300,
      codeDigits: 6,
    });
  });

  it('reads -c values, which arrive as strings (lists comma-separated, numbers as text)', () => {
    const settings = readDeploymentSettings(reader({ ...cdkJsonContext(), ...TEST_SETTINGS }));

    expect(settings.alexaRedirectUrls).toEqual(['https://pitangui.amazon.com/api/skill/link/M2ABCDEF', 'https://layla.amazon.com/api/skill/link/M2ABCDEF']);
    expect(settings.codeTtlSeconds).toBe(240);
    expect(settings.smsSenderId).toBe('VoiceGate');
    expect(settings.alarmEmail).toBe('ops@example.org');
  });

  it('reads a factor policy as JSON text (-c) or an object (cdk.json)', () => {
    const policy = { default: ['totp', 'sms'], actions: { unlock: ['totp'] }, emailEnabled: false };
    const expected = { default: ['totp', 'sms'], actions: { unlock: ['totp'] }, targets: {}, emailEnabled: false };

    expect(readDeploymentSettings(withSetting('factorPolicy', JSON.stringify(policy))).factorPolicy).toEqual(expected);
    expect(readDeploymentSettings(withSetting('factorPolicy', policy)).factorPolicy).toEqual(expected);
  });

  it.each([
    ['skillId', 'my-skill', /voicegate:skillId must be amzn1\.ask\.skill/],
    ['sesFromAddress', 'not-an-address', /voicegate:sesFromAddress/],
    ['smsSenderId', 'TOO-LONG-SENDER-ID', /voicegate:smsSenderId/],
    ['alexaRedirectUrls', 'http://pitangui.amazon.com/api/skill/link/X', /voicegate:alexaRedirectUrls must be https/],
    ['alexaRedirectUrls', [], /at least one/],
    ['authDomainPrefix', 'my-cognito-domain', /voicegate:authDomainPrefix/],
    ['authDomainPrefix', 'Upper', /voicegate:authDomainPrefix/],
    ['codeTtlSeconds', '30', /from 60 to 3600/],
    ['codeTtlSeconds', 'five', /from 60 to 3600/],
    ['codeDigits', 9, /from 6 to 8/],
    ['factorPolicy', '{"default": ["sms"', /voicegate:factorPolicy is not a valid factor policy/],
    ['factorPolicy', '{"default": ["carrier-pigeon"]}', /voicegate:factorPolicy is not a valid factor policy: default must be/],
    ['factorPolicy', { actions: { unlock: [] } }, /voicegate:factorPolicy is not a valid factor policy: actions\.unlock/],
  ])('refuses %s = %j before anything is deployed', (name, value, message) => {
    expect(() => readDeploymentSettings(withSetting(name, value))).toThrow(message);
  });
});
