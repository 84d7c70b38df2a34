/** `cdk synth` into a folder of its own, as a deployer runs it (the app and context of cdk.json, plus `-c` values). */
import { spawn } from 'node:child_process';
import { projectPath } from '../aws/project-paths';

export async function synthesize(outdir: string, context: string[], progress: (line: string) => void): Promise<void> {
  const args = ['synth', '--quiet', '--output', outdir, ...context.flatMap((entry) => ['-c', entry])];
  progress(`cdk ${args.join(' ')}`);
  const cdk = spawn(projectPath('node_modules', '.bin', 'cdk'), args, { cwd: projectPath(), stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  cdk.stderr.on('data', (chunk: Buffer) => (stderr = (stderr + chunk.toString()).slice(-8000)));
  const code = await new Promise<number | null>((resolve) => cdk.on('close', resolve));
  if (code !== 0) throw new Error(`cdk synth failed (exit code ${code}):\n${stderr}`);
}
