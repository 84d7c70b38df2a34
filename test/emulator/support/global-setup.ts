/**
 * Once per `npm test` run: `npm run emulator -- --seed` as an operator would run it, with a
 * short code life for the expiry test. The test files talk to it through the outputs file
 * and the AWS APIs at its endpoint only.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { projectPath } from '../../../infra/aws/project-paths';
import { motoInstalled } from '../../../infra/emulator/moto-process';
import { EMULATOR_CODE_TTL_SECONDS, OUTPUTS_FILE_VARIABLE } from './emulator-settings';

// cdk synth (three esbuild bundles and cdk-nag) then the deploy; minutes on a busy 2-core machine.
const DEPLOY_TIMEOUT_MS = 8 * 60_000;

declare global {
  var voiceGateEmulator: ChildProcess | undefined;
}

export default async function startEmulatorOnce(): Promise<void> {
  // A developer's own `npm run emulator -- --seed --outputs-file F -c voicegate:codeTtlSeconds=60`, reused between runs.
  if (process.env[OUTPUTS_FILE_VARIABLE]) return;
  if (!motoInstalled()) {
    if (process.env.CI === 'true') throw new Error("moto_server is missing in CI: test/emulator cannot run (pip install 'moto[server]>=5.2')");
    process.stderr.write("\nmoto_server not found: test/emulator skipped (pip install 'moto[server]>=5.2')\n");
    return;
  }
  const dir = mkdtempSync(join(tmpdir(), 'voicegate-emulator-test-'));
  const outputsFile = join(dir, 'outputs.json');
  const child = spawn(
    'npm',
    ['run', '-s', 'emulator', '--', '--seed', '--outputs-file', outputsFile, '-c', `voicegate:codeTtlSeconds=${EMULATOR_CODE_TTL_SECONDS}`],
    {
      cwd: projectPath(),
      // Its own process group, so teardown stops npm, tsx and the emulator together.
      detached: true,
      stdio: ['ignore', 'ignore', 'pipe'],
    },
  );
  let log = '';
  child.stderr!.on('data', (chunk: Buffer) => (log = (log + chunk.toString()).slice(-6000)));
  globalThis.voiceGateEmulator = child;
  const deadline = Date.now() + DEPLOY_TIMEOUT_MS;
  while (!existsSync(outputsFile) || !readFileSync(outputsFile, 'utf8').endsWith('\n')) {
    if (child.exitCode !== null) throw new Error(`npm run emulator exited with code ${child.exitCode}:\n${log}`);
    if (Date.now() > deadline) throw new Error(`npm run emulator did not deploy within ${DEPLOY_TIMEOUT_MS / 1000} s:\n${log}`);
    await sleep(500);
  }
  process.env[OUTPUTS_FILE_VARIABLE] = outputsFile;
}
