import { readFileSync } from 'node:fs';
import { join } from 'node:path';

interface AssetManifest {
  files: Record<string, { source: { path: string }; destinations: Record<string, { objectKey: string }> }>;
}

/** The synthesized bundle directory a function's `Code` (an S3 asset key) was published from. */
export function bundleDirectory(cdkOut: string, code: { S3Key?: string }): string {
  const manifests = readdirAssets(cdkOut);
  for (const manifest of manifests) {
    for (const { source, destinations } of Object.values(manifest.files)) {
      if (Object.values(destinations).some(({ objectKey }) => objectKey === code.S3Key)) return join(cdkOut, source.path);
    }
  }
  throw new Error(`no synthesized asset in ${cdkOut} is published as ${code.S3Key}`);
}

function readdirAssets(cdkOut: string): AssetManifest[] {
  const { artifacts } = JSON.parse(readFileSync(join(cdkOut, 'manifest.json'), 'utf8')) as {
    artifacts: Record<string, { type: string; properties?: { file?: string } }>;
  };
  return Object.values(artifacts).flatMap(({ type, properties }) =>
    type === 'cdk:asset-manifest' && properties?.file ? [JSON.parse(readFileSync(join(cdkOut, properties.file), 'utf8')) as AssetManifest] : [],
  );
}
