import { STSClient } from '@aws-sdk/client-sts';
import { StsMfaDeviceVerifier } from '../../functions/adapters/aws/sts/sts-mfa-device-verifier';
import { awsTestConfig } from '../support/aws-test-config';
import { describeWithMoto } from '../support/moto';
import { mfaDeviceVerifierRequestContract } from '../contract/suites/mfa-device-verifier.contract';

const DEVICE = { serialNumber: 'arn:aws:iam::123456789012:mfa/alice', credentialsSecretId: 'voicegate/mfa/alice' };

/**
 * moto 5.2.1 answers GetSessionToken with a session whatever the serial number and code (it
 * checks neither), so over the wire this shows the request VoiceGate makes, that a granted
 * session counts as accepted and that malformed codes never reach STS: the request half of the
 * MfaDeviceVerifier contract. The checks half (a reused, stale, unknown-device or other
 * device's code is refused) is STS's own and moto cannot show it; the verifier's part in it —
 * reading STS's refusals as 'rejected' — is in sts-mfa-device-verifier.errors.test.ts.
 */
describeWithMoto('StsMfaDeviceVerifier over the wire (moto STS)', (moto) => {
  let sts: STSClient;
  let sent: string[];

  beforeAll(() => {
    sts = new STSClient(awsTestConfig(moto().endpoint));
    // The query-protocol body exactly as it leaves the SDK.
    sts.middlewareStack.add(
      (next) => async (args) => {
        const body = (args.request as { body?: unknown }).body;
        if (typeof body === 'string') sent.push(body);
        return next(args);
      },
      { step: 'finalizeRequest', name: 'recordBody' },
    );
  });
  beforeEach(() => {
    sent = [];
  });
  afterAll(() => sts.destroy());

  it('asks STS for the shortest session with the device serial and the code, and takes the granted session as acceptance', async () => {
    const verifier = new StsMfaDeviceVerifier(async () => sts);

    expect(await verifier.verify(DEVICE, '123456')).toBe('accepted');

    expect(sent).toHaveLength(1);
    expect(Object.fromEntries(new URLSearchParams(sent[0]))).toMatchObject({
      Action: 'GetSessionToken',
      SerialNumber: DEVICE.serialNumber,
      TokenCode: '123456',
      DurationSeconds: '900',
    });
  });

  mfaDeviceVerifierRequestContract('StsMfaDeviceVerifier on moto STS', async () => {
    const verifier = new StsMfaDeviceVerifier(async () => sts);
    const newDevice = async (owner: string) => ({
      device: { ...DEVICE, serialNumber: `arn:aws:iam::123456789012:mfa/${owner}` },
      current: '123456',
      stale: '654321',
    });
    return { subject: { verifier, newDevice, unknownDevice: { serialNumber: 'arn:aws:iam::123456789012:mfa/nobody' } }, cleanup: async () => undefined };
  });

  it('never sends a malformed code to STS', async () => {
    const verifier = new StsMfaDeviceVerifier(async () => sts);

    for (const code of ['12345', '1234567', 'abcdef', '']) expect(await verifier.verify(DEVICE, code)).toBe('rejected');
    expect(sent).toEqual([]);
  });
});
