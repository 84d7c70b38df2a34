import { LOCAL_DEFAULTS } from './config';

/** Where a stack listens, as the tools need it to find the stack. */
export interface StackAddress {
  port: number;
  dataDir: string;
}

/**
 * The exact command that reaches this stack, e.g. `npm run chat -- --port 3001`: flags only
 * where the stack differs from the defaults the tools fall back to.
 */
export function toolCommand(script: 'chat' | 'device', stack: StackAddress, ...args: string[]): string {
  const flags = [
    ...args,
    ...(stack.dataDir !== LOCAL_DEFAULTS.dataDir ? ['--data-dir', quoted(stack.dataDir)] : []),
    ...(stack.port !== LOCAL_DEFAULTS.port ? ['--port', String(stack.port)] : []),
  ];
  return flags.length === 0 ? `npm run ${script}` : `npm run ${script} -- ${flags.join(' ')}`;
}

function quoted(path: string): string {
  return /^[\w./-]+$/.test(path) ? path : `'${path.replace(/'/g, `'\\''`)}'`;
}
