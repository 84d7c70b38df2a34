import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { packageOf, staticClosure } from '../../../bench/bundle-report';
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

  /** Bytes per package: in the whole asset, and in what loading the handler reads (before any request). */
  const packagesIn = async (handler: string) => {
    const entry = projectPath('functions', 'handlers', `${handler}.ts`);
    const { metafile } = await bundleFunction(entry, join(outDir, handler), { logLevel: 'silent' });
    const handlerFile = Object.keys(metafile.outputs).find((path) => metafile.outputs[path]?.entryPoint?.endsWith(`handlers/${handler}.ts`));
    const bytesIn = (outputs: string[]) => {
      const bytes = new Map<string, number>();
      for (const output of outputs) {
        for (const [path, { bytesInOutput }] of Object.entries(metafile.outputs[output]?.inputs ?? {})) {
          bytes.set(packageOf(path), (bytes.get(packageOf(path)) ?? 0) + bytesInOutput);
        }
      }
      return bytes;
    };
    return { asset: bytesIn(Object.keys(metafile.outputs)), atLoad: bytesIn([...staticClosure(metafile, handlerFile ? [handlerFile] : [])]) };
  };

  it('perform-action loads DynamoDB with the handler and EC2 (without its unused shapes) or IoT on first use; it has no Secrets Manager, SNS, SES or Step Functions client', async () => {
    const { asset, atLoad } = await packagesIn('perform-action');

    expect(atLoad.get('@aws-sdk/client-dynamodb')).toBeGreaterThan(0);
    expect(asset.get('@aws-sdk/client-ec2')).toBeLessThan(80 * 1024); // 550 KB with every shape kept
    for (const onFirstUse of ['@aws-sdk/client-ec2', '@aws-sdk/client-iot-data-plane']) expect(atLoad.has(onFirstUse)).toBe(false);
    for (const unused of ['@aws-sdk/client-secrets-manager', '@aws-sdk/client-sns', '@aws-sdk/client-sesv2', '@aws-sdk/client-sfn', 'aws-jwt-verify']) {
      expect(asset.has(unused)).toBe(false);
    }
  }, 60_000);

  it('issue-challenge loads Secrets Manager, its message channel, Step Functions, EventBridge and EC2 on first use, and has no KMS or STS client and no credential provider Lambda never reaches', async () => {
    const { asset, atLoad } = await packagesIn('issue-challenge');

    const onFirstUseClients = [
      '@aws-sdk/client-secrets-manager',
      '@aws-sdk/client-sns',
      '@aws-sdk/client-sesv2',
      '@aws-sdk/client-sfn',
      '@aws-sdk/client-eventbridge',
      '@aws-sdk/client-ec2',
    ];
    for (const onFirstUse of onFirstUseClients) {
      expect(asset.has(onFirstUse)).toBe(true);
      expect(atLoad.has(onFirstUse)).toBe(false);
    }
    for (const unused of ['@aws-sdk/client-kms', '@aws-sdk/client-sts', '@aws-sdk/credential-provider-sso', '@aws-sdk/nested-clients']) {
      expect(asset.has(unused)).toBe(false);
    }
  }, 60_000);

  it("the skill's launch loads neither the code-hash key's Secrets Manager client nor the authenticator-app code (otplib and its crypto): both are there for first use", async () => {
    const { asset, atLoad } = await packagesIn('skill');

    for (const onFirstUse of ['@aws-sdk/client-secrets-manager', 'otplib', '@otplib/core', '@noble/hashes', '@scure/base']) {
      expect(asset.has(onFirstUse)).toBe(true);
      expect(atLoad.has(onFirstUse)).toBe(false);
    }
  }, 60_000);
});
