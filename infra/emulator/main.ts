/**
 * `npm run emulator`: the synthesized VoiceGate stack on an emulated AWS account on this
 * machine, until Ctrl-C. Prints the outputs as `cdk deploy` does.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { STACK_NAME } from '../aws/voicegate-app';
import { parseCliOptions, USAGE, type EmulatorCliOptions } from './cli-options';
import { startEmulator, type RunningEmulator } from './emulator';
import { seedLikeAnOperator, type Seeded } from './seed';
import { synthesize } from './synth';

async function main(options: EmulatorCliOptions): Promise<void> {
  const progress = (line: string) => process.stderr.write(`${line}\n`);
  const workDir = mkdtempSync(join(tmpdir(), 'voicegate-emulator-'));
  const cdkOut = options.cdkOut ?? join(workDir, 'cdk.out');
  if (!options.cdkOut) await synthesize(cdkOut, options.context, progress);
  const emulator = await startEmulator({ cdkOut, stackName: STACK_NAME, workDir, port: options.port, progress });
  // The work dir (local CA, function logs, the synth) lives as long as the emulator.
  const stopOnSignal = () =>
    void emulator.stop().finally(() => {
      rmSync(workDir, { recursive: true, force: true });
      process.exit(0);
    });
  process.once('SIGINT', stopOnSignal);
  process.once('SIGTERM', stopOnSignal);
  try {
    const seeded = options.seed ? await seed(emulator, progress) : undefined;
    printOutputs(emulator);
    if (options.outputsFile) writeFileSync(options.outputsFile, `${JSON.stringify(outputsFile(emulator, seeded), null, 2)}\n`);
    progress(
      `Lambda overrides: ${Object.keys(emulator.overrides).join(', ')} (docs/deploy.md, "On an emulator"); function logs in ${join(workDir, 'lambda-logs')}`,
    );
    progress('VoiceGate is deployed on the emulator. Ctrl-C stops it.');
  } catch (error) {
    await emulator.stop();
    throw error;
  }
}

function seed(emulator: RunningEmulator, progress: (line: string) => void): Promise<Seeded> {
  const sesFromAddress = emulator.functions[0]?.environment.VOICEGATE_SES_FROM_ADDRESS;
  if (!sesFromAddress) throw new Error('the template sets no VOICEGATE_SES_FROM_ADDRESS to verify');
  return seedLikeAnOperator(emulator.clients('operator'), { outputs: emulator.outputs, sesFromAddress }, progress);
}

function printOutputs({ outputs, account }: RunningEmulator): void {
  const lines = [
    '',
    'Outputs:',
    ...Object.entries(outputs).map(([key, value]) => `${STACK_NAME}.${key} = ${value}`),
    '',
    `AWS_ENDPOINT_URL=${account.endpoint}`,
  ];
  process.stdout.write(`${lines.join('\n')}\n`);
}

/** `cdk deploy --outputs-file`'s shape, plus where the emulator is and who can sign in. */
function outputsFile({ outputs, account }: RunningEmulator, seeded: Seeded | undefined) {
  const users = seeded && Object.fromEntries(Object.entries(seeded.users).map(([name, { username, password }]) => [name, { username, password }]));
  return {
    [STACK_NAME]: outputs,
    emulator: { endpointUrl: account.endpoint, region: account.region, accountId: account.accountId, ...(users && { users }) },
  };
}

let options: EmulatorCliOptions;
try {
  options = parseCliOptions(process.argv.slice(2));
} catch (error) {
  process.stderr.write(`${(error as Error).message}\n`);
  process.exit(2);
}
if (options.help) {
  process.stdout.write(`${USAGE}\n`);
} else {
  main(options).catch((error: unknown) => {
    process.stderr.write(`npm run emulator: ${(error as Error).message}\n`);
    process.exit(1);
  });
}
