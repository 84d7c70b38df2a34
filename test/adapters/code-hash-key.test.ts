/**
 * The code-hash key on AWS (S2): read from Secrets Manager (moto) when a code is first hashed
 * or a task token first sealed, not when a function's ports are built; once per container; a
 * failed read is retried on the next use.
 */
import { randomBytes } from 'node:crypto';
import { CreateSecretCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { readAwsConfig } from '../../functions/config/aws-config';
import { awsHost } from '../../functions/wiring/aws-ports';
import { confirmationPorts } from '../../functions/wiring/confirmation-ports';
import { lambdaEnvironment } from '../../bench/lambda-env';
import { awsTestConfig } from '../support/aws-test-config';
import { describeWithMoto } from '../support/moto';

describeWithMoto('the code-hash key, read from Secrets Manager on first use (moto)', (moto) => {
  let secrets: SecretsManagerClient;
  const saved = { ...process.env };
  beforeAll(() => {
    // The ports build their own clients, as on Lambda: from the environment.
    const { endpoint, region, credentials } = awsTestConfig(moto().endpoint);
    Object.assign(process.env, { AWS_ENDPOINT_URL: endpoint, AWS_REGION: region, AWS_ACCESS_KEY_ID: credentials.accessKeyId });
    process.env.AWS_SECRET_ACCESS_KEY = credentials.secretAccessKey;
    secrets = new SecretsManagerClient(awsTestConfig(moto().endpoint));
  });
  afterAll(() => {
    secrets.destroy();
    process.env = saved;
  });

  let seq = 0;
  const portsFor = (secretArn: string, options?: { readKeyNow: boolean }) =>
    confirmationPorts(awsHost(readAwsConfig(lambdaEnvironment({ VOICEGATE_CODE_HASH_SECRET_ARN: secretArn }))), options);
  const createSecret = (name: string) => secrets.send(new CreateSecretCommand({ Name: name, SecretString: randomBytes(32).toString('base64url') }));

  it('is not read when the ports are built: a secret created afterwards hashes and seals', async () => {
    const name = `code-hash-${++seq}`;
    const ports = portsFor(name);
    await createSecret(name);

    const hash = await ports.hasher.hash('482913', 'alice', 'cmd-1');
    const sealed = await ports.taskTokens.seal('task-token', 'task-token|alice|cmd-1');

    expect(await ports.hasher.matches('482913', 'alice', 'cmd-1', hash)).toBe(true);
    expect(await ports.hasher.matches('482914', 'alice', 'cmd-1', hash)).toBe(false);
    expect(await ports.taskTokens.open(sealed, 'task-token|alice|cmd-1')).toBe('task-token');
  });

  it('gives two containers with different secrets different hashes of the same code', async () => {
    const [first, second] = [`code-hash-${++seq}`, `code-hash-${++seq}`];
    await Promise.all([createSecret(first), createSecret(second)]);

    const hashes = await Promise.all([first, second].map((name) => portsFor(name).hasher.hash('482913', 'alice', 'cmd-1')));

    expect(hashes[0]).not.toBe(hashes[1]);
  });

  it('read at once (readKeyNow) for a secret that is not there yet, fails that use and is read again on the next', async () => {
    const name = `code-hash-${++seq}`;
    const ports = portsFor(name, { readKeyNow: true });

    await expect(ports.hasher.hash('482913', 'alice', 'cmd-1')).rejects.toThrow();
    await createSecret(name);

    expect(await ports.hasher.hash('482913', 'alice', 'cmd-1')).toMatch(/^[\w-]{43}$/);
  });
});
