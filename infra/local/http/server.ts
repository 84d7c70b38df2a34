import express, { type ErrorRequestHandler, type Express } from 'express';
import type { Skill } from 'ask-sdk-core';
import type { AlexaSignatureVerifier } from '../../../skill/signature/alexa-signature-verifier';
import type { Logger } from '../../../functions/ports/logger';
import { consoleRoutes, type ConsoleAssets } from '../console/console-assets';
import type { LocalStackParts } from '../local-stack-parts';
import { alexaEndpoint } from './alexa-endpoint';
import { deviceRegistrationRoute, deviceRoutes } from '../devices/device-routes';
import { apiRoutes } from './api-routes';
import { consoleLogin, operatorOnly, ownHostOnly, ownOriginOnly } from './operator-access';

export interface HttpAppOptions {
  skillId: string;
  /** The operator token every /api/* route and the console page require (docs/local-api.md "Operator access"). */
  operatorToken: string;
  consoleAssets: ConsoleAssets;
  signatures?: AlexaSignatureVerifier;
}

/** The local stack's one HTTP server: the skill endpoint, the JSON API and the console page. */
export function createHttpApp(parts: LocalStackParts, skill: Skill, options: HttpAppOptions): Express {
  const app = express();
  app.disable('x-powered-by');
  app.use(ownHostOnly, ownOriginOnly);
  // Alexa's own checks guard /alexa (skill id, timestamp, signature); the operator token is not Alexa's to send.
  app.use(alexaEndpoint(skill, options.skillId, options.signatures));
  app.use(consoleLogin(options.operatorToken));
  app.use(deviceRegistrationRoute(parts.devices, options.operatorToken));
  app.use(operatorOnly(options.operatorToken));
  app.use(apiRoutes(parts));
  app.use(deviceRoutes(parts.devices));
  app.use(consoleRoutes(options.consoleAssets));
  app.use((_req, res) => res.status(404).json({ error: 'not found' }));
  app.use(jsonErrors(parts.logger));
  return app;
}

const BODY_ERRORS: Record<number, string> = {
  400: 'malformed JSON body',
  413: 'request body too large',
  415: 'unsupported charset or content encoding',
};

/**
 * Body-parser errors keep their status (400 malformed, 413 too large, 415 bad charset);
 * anything else is a 500 without details for the caller and its cause in the log.
 */
function jsonErrors(logger: Logger): ErrorRequestHandler {
  return (error: { status?: number; name?: string; message?: string }, req, res, _next) => {
    const status = typeof error.status === 'number' && error.status >= 400 && error.status < 500 ? error.status : 500;
    const message = status === 500 ? 'internal error' : (BODY_ERRORS[status] ?? 'bad request body');
    if (status === 500) logger.error('internal error', { method: req.method, path: req.path, cause: `${error.name ?? 'Error'}: ${error.message ?? ''}` });
    res.status(status).json({ error: message });
  };
}
