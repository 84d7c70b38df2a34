/**
 * `tsx infra/aws/bundle-function-cli.ts ENTRY OUTDIR`: what the CDK stack runs to bundle one
 * function into OUTDIR (index.mjs and its chunks, see function-bundle.ts). A separate process because CDK's
 * local bundling is synchronous and esbuild runs plugins only in its asynchronous API.
 */
import { bundleFunction } from './function-bundle';

const [entry, outDir] = process.argv.slice(2);
if (!entry || !outDir) {
  process.stderr.write('usage: tsx infra/aws/bundle-function-cli.ts ENTRY OUTDIR\n');
  process.exit(2);
}
bundleFunction(entry, outDir).catch((error: Error) => {
  process.stderr.write(`bundling ${entry} failed: ${error.message}\n`);
  process.exit(1);
});
