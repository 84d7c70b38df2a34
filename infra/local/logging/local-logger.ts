import { Logger as PowertoolsLogger } from '@aws-lambda-powertools/logger';
import type { Logger } from '../../../functions/ports/logger';

/** `npm start` logs as the Lambdas do: Powertools' JSON lines on stdout. */
export function localLogger(logLevel: 'INFO' | 'WARN' = 'INFO'): Logger {
  return new PowertoolsLogger({ serviceName: 'voicegate-local', logLevel });
}
