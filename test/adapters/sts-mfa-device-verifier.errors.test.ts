import { GetSecretValueCommand, ResourceNotFoundException, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { GetSessionTokenCommand, STSClient, STSServiceException } from '@aws-sdk/client-sts';
import { mockClient } from 'aws-sdk-client-mock';
import { iamUserStsClients } from '../../functions/adapters/aws/sts/iam-user-sts-clients';
import { MfaCheckError, StsMfaDeviceVerifier } from '../../functions/adapters/aws/sts/sts-mfa-device-verifier';
import { visibleText } from '../support/visible-text';

const DEVICE = { serialNumber: 'arn:aws:iam::123456789012:mfa/alice', credentialsSecretId: 'voicegate/mfa/alice' };
const CODE = '482913';

function stsError(name: string, message: string): STSServiceException {
  return new STSServiceException({ name, message, $fault: 'client', $metadata: { httpStatusCode: 403 } });
}

describe('StsMfaDeviceVerifier when STS says no', () => {
  const sts = mockClient(STSClient);
  const verifier = new StsMfaDeviceVerifier(async () => sts as unknown as STSClient);
  afterEach(() => sts.reset());

  it.each([
    ['AccessDenied', 'MultiFactorAuthentication failed with invalid MFA one time pass code.'],
    ['ValidationError', `1 validation error detected: Value '${CODE}' at 'tokenCode' failed to satisfy constraint`],
    ['InvalidParameterValue', 'the serial number is not valid'],
  ])('%s means the code is rejected', async (name, message) => {
    sts.on(GetSessionTokenCommand).rejects(stsError(name, message));

    expect(await verifier.verify(DEVICE, CODE)).toBe('rejected');
  });

  it('throws on anything else (the check could not be made), without the code or STS message', async () => {
    sts.on(GetSessionTokenCommand).rejects(stsError('Throttling', `Rate exceeded while checking ${CODE}`));

    const error = await verifier.verify(DEVICE, CODE).catch((e: unknown) => e);

    expect(error).toEqual(new MfaCheckError('Throttling'));
    expect(visibleText(error)).not.toContain(CODE);
  });

  it('treats a network failure the same way', async () => {
    sts.on(GetSessionTokenCommand).rejects(Object.assign(new Error(`socket hang up (${CODE})`), { name: 'TimeoutError' }));

    await expect(verifier.verify(DEVICE, CODE)).rejects.toEqual(new MfaCheckError('TimeoutError'));
  });
});

describe("iamUserStsClients: signing as the device's IAM user", () => {
  const secrets = mockClient(SecretsManagerClient);
  afterEach(() => secrets.reset());
  const keys = { accessKeyId: 'AKIAEXAMPLEALICE', secretAccessKey: 'secret-of-alice' };

  it("reads the user's access key once and signs with it", async () => {
    secrets.on(GetSecretValueCommand, { SecretId: DEVICE.credentialsSecretId }).resolves({ SecretString: JSON.stringify(keys) });
    const clientFor = iamUserStsClients(secrets as unknown as SecretsManagerClient, { region: 'us-east-1' });

    const client = await clientFor(DEVICE);

    expect(await clientFor(DEVICE)).toBe(client);
    expect(secrets.commandCalls(GetSecretValueCommand)).toHaveLength(1);
    expect(await client.config.credentials()).toMatchObject(keys);
  });

  it('tries the secret again after a failed read', async () => {
    secrets
      .on(GetSecretValueCommand)
      .rejectsOnce(new ResourceNotFoundException({ message: 'no such secret', $metadata: {} }))
      .resolves({ SecretString: JSON.stringify(keys) });
    const clientFor = iamUserStsClients(secrets as unknown as SecretsManagerClient, { region: 'us-east-1' });

    await expect(clientFor(DEVICE)).rejects.toMatchObject({ name: 'ResourceNotFoundException' });
    await expect(clientFor(DEVICE)).resolves.toBeInstanceOf(STSClient);
  });

  it('refuses a secret without both keys, and a device link that names no secret', async () => {
    secrets.on(GetSecretValueCommand).resolves({ SecretString: JSON.stringify({ accessKeyId: 'AKIA' }) });
    const clientFor = iamUserStsClients(secrets as unknown as SecretsManagerClient);

    await expect(clientFor(DEVICE)).rejects.toThrow(/must hold \{"accessKeyId", "secretAccessKey"\}/);
    await expect(clientFor({ serialNumber: DEVICE.serialNumber })).rejects.toThrow(/names no IAM user credentials/);
  });
});
