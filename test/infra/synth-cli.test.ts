/**
 * `npm run synth` as a new user runs it: the project's own CDK CLI, cdk.json, no AWS
 * credentials, no network, no Docker. This is the one test that bundles the functions.
 */
import { execFile } from 'node:child_process';
import { chmodSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { promisify } from 'node:util';
import { projectPath } from '../../infra/aws/project-paths';
import { STACK_NAME } from '../../infra/aws/voicegate-app';
import { synthesizeVoiceGate } from './voicegate-template';

const BUNDLE_BUDGET_BYTES = 1.5 * 1024 * 1024;

let outdir: string;
let fakeBin: string;
beforeAll(async () => {
  outdir = mkdtempSync(join(tmpdir(), 'voicegate-synth-'));
  fakeBin = mkdtempSync(join(tmpdir(), 'voicegate-bin-'));
  // A docker that fails loudly: bundling must never reach for it.
  writeFileSync(join(fakeBin, 'docker'), `#!/bin/sh\necho docker was called >&2\nexit 97\n`);
  chmodSync(join(fakeBin, 'docker'), 0o755);

  const environment = Object.fromEntries(Object.entries(process.env).filter(([name]) => !name.startsWith('AWS_') && !name.startsWith('CDK_')));
  await promisify(execFile)(projectPath('node_modules', '.bin', 'cdk'), ['synth', '--quiet', '--output', outdir], {
    cwd: projectPath(),
    env: {
      ...environment,
      // The project's Node 24 first, then the failing docker.
      PATH: [projectPath('node_modules', '.bin'), fakeBin, environment.PATH].join(delimiter),
      AWS_CONFIG_FILE: join(fakeBin, 'no-config'),
      AWS_SHARED_CREDENTIALS_FILE: join(fakeBin, 'no-credentials'),
      AWS_EC2_METADATA_DISABLED: 'true',
      // Anything that tries the network through a proxy-aware client fails at once.
      HTTPS_PROXY: 'http://127.0.0.1:9',
      HTTP_PROXY: 'http://127.0.0.1:9',
    },
    timeout: 300_000,
  });
}, 330_000);

afterAll(() => {
  for (const dir of [outdir, fakeBin]) rmSync(dir, { recursive: true, force: true });
});

const assetDirs = () =>
  readdirSync(outdir)
    .filter((name) => name.startsWith('asset.'))
    .map((name) => join(outdir, name));

describe('npm run synth (offline, no credentials, no Docker)', () => {
  it('writes the VoiceGate template with the resources the tests assert on', () => {
    const template = JSON.parse(readFileSync(join(outdir, `${STACK_NAME}.template.json`), 'utf8'));
    const inProcess = synthesizeVoiceGate({}).template.toJSON();

    // The CLI adds its version-reporting resource; everything else is the same app.
    const resourceIds = (resources: object) =>
      Object.keys(resources)
        .filter((id) => id !== 'CDKMetadata')
        .sort();

    expect(resourceIds(template.Resources)).toEqual(resourceIds(inProcess.Resources));
  });

  it('bundles each entry point once, minified, with a source map into functions/handlers/', () => {
    const handlers = ['issue-challenge.ts', 'perform-action.ts', 'skill.ts'];
    const entries = assetDirs().flatMap((dir) => {
      const code = readFileSync(join(dir, 'index.mjs'), 'utf8');
      const map = JSON.parse(readFileSync(join(dir, 'index.mjs.map'), 'utf8')) as { sources: string[] };
      // Minified: a handful of very long lines (only strings with newlines break them).
      expect(code.length / code.split('\n').length).toBeGreaterThan(5_000);
      return map.sources.map((source) => source.replace(/^.*functions\/handlers\//, '')).filter((source) => handlers.includes(source));
    });

    expect(entries.sort()).toEqual(handlers);
  });

  it(`keeps each bundle, the handler file and all its chunks, under ${BUNDLE_BUDGET_BYTES / 1024 / 1024} MB`, () => {
    const codeBytes = (dir: string) =>
      readdirSync(dir, { recursive: true, encoding: 'utf8' })
        .filter((file) => file.endsWith('.mjs'))
        .reduce((sum, file) => sum + statSync(join(dir, file)).size, 0);
    const oversized = assetDirs().filter((dir) => codeBytes(dir) >= BUNDLE_BUDGET_BYTES);

    expect(oversized).toEqual([]);
  });
});
