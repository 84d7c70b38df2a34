import { parseArgs } from 'node:util';
import { activateAppOnAws, enrollAppOnAws } from './app-enrollment';

const USAGE = `usage: npm run factors -- enroll-app <user id> [--stack-name <name>]
       npm run factors -- activate-app <user id> <code> [--stack-name <name>]
Enrolls a user's authenticator app on the deployed stack (docs/factors.md, "On AWS"): enroll-app prints
the QR code to scan; activate-app takes the first code the app shows. <user id> is the user's Cognito sub.
AWS credentials (allowed kms:Encrypt with the stack's factor key), region and any AWS_ENDPOINT_URL come
from the environment, as for the AWS CLI.`;

async function main(): Promise<number> {
  const { positionals, values } = parseArgs({ allowPositionals: true, options: { 'stack-name': { type: 'string' }, help: { type: 'boolean', short: 'h' } } });
  const [command, userId, code] = positionals;
  if (values.help) return usage(0);
  const common = { ...(values['stack-name'] && { stackName: values['stack-name'] }), log: (line: string) => console.log(line) };
  if (command === 'enroll-app' && userId && positionals.length === 2) return enrollAppOnAws({ userId, ...common });
  if (command === 'activate-app' && userId && code && positionals.length === 3) return activateAppOnAws({ userId, code, ...common });
  return usage(2);
}

function usage(exitCode: number): number {
  (exitCode === 0 ? console.log : console.error)(USAGE);
  return exitCode;
}

main().then(
  (exitCode) => (process.exitCode = exitCode),
  (error: Error) => {
    console.error(`error: ${error.message}`);
    process.exitCode = 1;
  },
);
