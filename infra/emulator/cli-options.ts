/** The command line of `npm run emulator`. */
export interface EmulatorCliOptions {
  port?: number;
  seed: boolean;
  outputsFile?: string;
  /** Deploy this already synthesized cloud assembly instead of running `cdk synth`. */
  cdkOut?: string;
  /** `-c key=value` entries passed to `cdk synth`. */
  context: string[];
  help: boolean;
}

export const USAGE = `Usage: npm run emulator -- [options]

Synthesizes the VoiceGate stack (cdk synth), deploys it onto moto_server on this machine and
keeps it running until Ctrl-C. Lambda functions run from their synthesized bundles on Node 24.

Options:
  --seed                 do what docs/deploy.md tells an operator to do: users alice and bob
                         (Cognito + users table), instances splunk, web, build tagged for VoiceGate
  --outputs-file FILE    write the stack outputs as \`cdk deploy --outputs-file\` does, plus "emulator"
  --port N               the endpoint's port (default: a free one)
  -c, --context K=V      CDK context for the synth, e.g. -c voicegate:codeTtlSeconds=60
  --cdk-out DIR          deploy an existing cloud assembly instead of synthesizing
  --help                 this text`;

export function parseCliOptions(args: string[]): EmulatorCliOptions {
  const options: EmulatorCliOptions = { seed: false, context: [], help: false };
  const rest = args[Symbol.iterator]();
  for (const arg of rest) {
    const value = () => {
      const next = rest.next().value;
      if (next === undefined || next.startsWith('--')) throw new Error(`${arg} needs a value`);
      return next;
    };
    if (arg === '--seed') options.seed = true;
    else if (arg === '--help' || arg === '-h') options.help = true;
    else if (arg === '--outputs-file') options.outputsFile = value();
    else if (arg === '--cdk-out') options.cdkOut = value();
    else if (arg === '--port') options.port = port(value());
    else if (arg === '-c' || arg === '--context') options.context.push(contextEntry(value()));
    else throw new Error(`unknown option ${arg}\n\n${USAGE}`);
  }
  return options;
}

function port(text: string): number {
  const number = Number(text);
  if (!Number.isInteger(number) || number < 1 || number > 65535) throw new Error(`--port must be a port number, got ${text}`);
  return number;
}

function contextEntry(text: string): string {
  if (!/^[^=]+=/.test(text)) throw new Error(`--context takes key=value, got ${text}`);
  return text;
}
