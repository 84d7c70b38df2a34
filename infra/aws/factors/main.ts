import { parseArgs } from 'node:util';
import { activateAppOnAws, enrollAppOnAws, stepUpOnAws } from './app-enrollment';

const USAGE = `usage: npm run factors -- step-up <user id> [--by sms|email] [--stack-name <name>]
       npm run factors -- enroll-app <user id> --step-up <factor>:<code> [--stack-name <name>]
       npm run factors -- activate-app <user id> <code> [--stack-name <name>]
Enrolls a user's authenticator app on the deployed stack (docs/factors.md, "On AWS"). A factor change
needs a step-up from a factor the user has: step-up texts (or e-mails) them a code to read out, or use
the code their app or MFA device shows (--step-up totp:123456). enroll-app prints the QR code to scan;
activate-app takes the first code the app shows. <user id> is the user's Cognito sub. AWS credentials
(allowed kms:Encrypt with the stack's factor key, lambda:ListFunctions to read the stack's settings),
region and any AWS_ENDPOINT_URL come from the environment, as for the AWS CLI.`;

async function main(): Promise<number> {
  const { positionals, values } = parseArgs({ allowPositionals: true, options: { 'stack-name': { type: 'string' }, 'step-up': { type: 'string' }, by: { type: 'string' }, help: { type: 'boolean', short: 'h' } } });
  const [command, userId, code] = positionals;
  if (values.help) return usage(0);
  const common = { ...(values['stack-name'] && { stackName: values['stack-name'] }), log: (line: string) => console.log(line) };
  if (command === 'step-up' && userId && positionals.length === 2) return stepUpOnAws({ userId, channel: values.by ?? 'sms', ...common });
  if (command === 'enroll-app' && userId && positionals.length === 2) return enrollAppOnAws({ userId, stepUp: values['step-up'], ...common });
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
