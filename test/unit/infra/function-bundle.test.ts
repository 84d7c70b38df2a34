import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { packageOf } from '../../../bench/bundle-report';
import { bundleFunction } from '../../../infra/aws/function-bundle';
import { projectPath } from '../../../infra/aws/project-paths';
import { inlineComputedKeys } from '../../../infra/aws/sdk-schema-keys-plugin';

describe('inlineComputedKeys', () => {
  it('writes the string constant into computed keys so the shape has no possible side effect', () => {
    const source = ['const _xN = "xmlName";', 'const _dR = "dryRun";', 'export var A$ = [3, n0, "A", 0, [_dR], [[2, { [_xN]: _dR }]]];'].join('\n');

    expect(inlineComputedKeys(source)).toContain('{ ["xmlName"]: _dR }');
  });

  it('leaves keys alone that are not top-level string constants', () => {
    expect(inlineComputedKeys('const x = { [_other]: 1 };')).toBe('const x = { [_other]: 1 };');
  });
});

describe('each function bundle (as the CDK stack builds it)', () => {
  let outDir: string;
  beforeAll(() => {
    outDir = mkdtempSync(join(tmpdir(), 'voicegate-bundle-test-'));
  });
  afterAll(() => rmSync(outDir, { recursive: true, force: true }));

  const packagesIn = async (handler: string) => {
    const { metafile } = await bundleFunction(projectPath('functions', 'handlers', `${handler}.ts`), join(outDir, `${handler}.js`), { logLevel: 'silent' });
    const output = Object.values(metafile.outputs).find((o) => o.entryPoint)!;
    const bytes = new Map<string, number>();
    for (const [path, { bytesInOutput }] of Object.entries(output.inputs)) bytes.set(packageOf(path), (bytes.get(packageOf(path)) ?? 0) + bytesInOutput);
    return { total: output.bytes, bytes };
  };

  it('perform-action carries EC2 without its unused shapes, and no Secrets Manager, SNS, SES or Step Functions client', async () => {
    const { bytes } = await packagesIn('perform-action');

    expect(bytes.get('@aws-sdk/client-ec2')).toBeLessThan(80 * 1024); // 550 KB with every shape kept
    for (const unused of ['@aws-sdk/client-secrets-manager', '@aws-sdk/client-sns', '@aws-sdk/client-sesv2', '@aws-sdk/client-sfn', 'aws-jwt-verify']) {
      expect(bytes.has(unused)).toBe(false);
    }
  }, 60_000);

  it('issue-challenge carries EC2 (to check the alias tag) without its unused shapes, no IoT, KMS or STS client, and no credential provider Lambda never reaches', async () => {
    const { bytes } = await packagesIn('issue-challenge');

    expect(bytes.get('@aws-sdk/client-ec2')).toBeLessThan(80 * 1024);
    for (const unused of [
      '@aws-sdk/client-iot-data-plane',
      '@aws-sdk/client-kms',
      '@aws-sdk/client-sts',
      '@aws-sdk/credential-provider-sso',
      '@aws-sdk/nested-clients',
    ]) {
      expect(bytes.has(unused)).toBe(false);
    }
  }, 60_000);
});
