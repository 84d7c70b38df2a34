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

/** The file Lambda loads (handler `index.handler`); the chunks it imports sit beside it. */
export const HANDLER_FILE = 'index.mjs';

/**
 * How every Lambda entry point is bundled, by the CDK stack (infra/aws/bundle-function-cli.ts)
 * and by the bench alike: minified ES modules, the packages' ES module builds preferred so
 * esbuild tree-shakes the SDK, the SDK bundled in (the versions the adapters were tested
 * with), and the source maps in their own files so loading the code never parses them.
 * Split: every `import()` (the clients a port loads on first use, functions/wiring/on-first-use.ts)
 * becomes a chunk of its own, so a cold start reads only the code its request runs. The CommonJS
 * packages inside (ask-sdk, middy's dependencies) get a `require` for Node's built-ins.
 */
export const FUNCTION_BUNDLE_OPTIONS = {
  bundle: true,
  minify: true,
  platform: 'node',
  target: 'node24',
  format: 'esm',
  splitting: true,
  outExtension: { '.js': '.mjs' },
  entryNames: 'index',
  chunkNames: 'chunks/[name]-[hash]',
  banner: { js: "import{createRequire as __voicegateRequire}from'node:module';const require=__voicegateRequire(import.meta.url);" },
  mainFields: ['module', 'main'],
  sourcemap: 'external',
  sourcesContent: false,
  external: RUNTIME_PROVIDED_MODULES,
  plugins: [sdkSchemaKeysPlugin],
  logLevel: 'warning',
} satisfies BuildOptions;

/** Bundles one entry point into `outdir` (HANDLER_FILE, its chunks and their maps); the metafile says what is in each file. */
export function bundleFunction(entry: string, outdir: string, overrides: BuildOptions = {}): Promise<BuildResult<{ metafile: true }>> {
  return build({ ...FUNCTION_BUNDLE_OPTIONS, ...overrides, entryPoints: [entry], outdir, metafile: true });
}
