import { Logger } from '@aws-lambda-powertools/logger';

/** One structured logger per function; it never receives codes, tokens or contacts (S12). */
export const logger = new Logger({ serviceName: 'voicegate' });
