import { build, type BuildOptions, type BuildResult } from 'esbuild';
import { sdkSchemaKeysPlugin } from './sdk-schema-keys-plugin';

/**
 * Credential providers of the SDK's default chain that a Lambda function never reaches: the
 * runtime puts the function's credentials in the environment, the chain's first link. Left
 * out of the bundle (about 80 KB with the nested STS, SSO and sign-in clients they load); if
 * one were ever needed, the runtime's own copy of the SDK would provide it.
 */
export const RUNTIME_PROVIDED_MODULES = [
  '@aws-sdk/credential-provider-ini',
  '@aws-sdk/credential-provider-sso',
  '@aws-sdk/credential-provider-process',
  '@aws-sdk/credential-provider-web-identity',
  '@aws-sdk/credential-provider-http',
  '@smithy/credential-provider-imds',
];

/**
 * How every Lambda entry point is bundled, by the CDK stack (infra/aws/bundle-function-cli.ts)
 * and by the bench alike: one minified CommonJS file, the packages' ES module builds preferred
 * so esbuild tree-shakes the SDK, the SDK bundled in (the versions the adapters were tested
 * with), and the source map in its own file so loading the code never parses it.
 */
export const FUNCTION_BUNDLE_OPTIONS = {
  bundle: true,
  minify: true,
  platform: 'node',
  target: 'node24',
  format: 'cjs',
  mainFields: ['module', 'main'],
  sourcemap: 'external',
  sourcesContent: false,
  external: RUNTIME_PROVIDED_MODULES,
  plugins: [sdkSchemaKeysPlugin],
  logLevel: 'warning',
} satisfies BuildOptions;

/** Bundles one entry point into `outfile` (and `outfile`.map); the metafile says what is in it. */
export function bundleFunction(entry: string, outfile: string, overrides: BuildOptions = {}): Promise<BuildResult<{ metafile: true }>> {
  return build({ ...FUNCTION_BUNDLE_OPTIONS, ...overrides, entryPoints: [entry], outfile, metafile: true });
}
