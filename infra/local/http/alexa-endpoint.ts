import express, { type Router } from 'express';
import type { Skill } from 'ask-sdk-core';
import type { RequestEnvelope } from 'ask-sdk-model';
import { checkRequest } from '../../../skill/request-guard';
import type { AlexaSignatureVerifier } from '../../../skill/signature/alexa-signature-verifier';

/** Alexa's own cap on a request body. */
export const MAX_ALEXA_BODY = '256kb';

/**
 * POST /alexa as Alexa's HTTPS endpoint would serve it: 413 above 256 KiB, 400 for a
 * body that is not a well-formed envelope, 403 for a wrong skill id or a stale
 * timestamp — each refused before the skill runs, so nothing changes.
 */
export function alexaEndpoint(skill: Skill, skillId: string, signatures?: AlexaSignatureVerifier): Router {
  const router = express.Router();
  const parseJson = express.json({ limit: MAX_ALEXA_BODY, type: () => true, strict: true, verify: keepRawBody });
  router.post('/alexa', parseJson, async (req, res) => {
    if (signatures) {
      const signed = await signatures.verify(rawBodyOf(req), {
        certChainUrl: req.header('SignatureCertChainUrl'),
        signature256: req.header('Signature-256'),
      });
      if (!signed.ok) return void res.status(400).json({ error: `signature check failed: ${signed.reason}` });
    }
    const verdict = checkRequest(req.body, skillId, Date.now());
    if (!verdict.ok) {
      res.status(verdict.status).json({ error: verdict.reason });
      return;
    }
    res.json(await skill.invoke(req.body as RequestEnvelope));
  });
  return router;
}

const RAW_BODY = Symbol('rawBody');

/** The signature covers the exact bytes Alexa sent, so keep them beside the parsed body. */
function keepRawBody(req: object, _res: unknown, buffer: Buffer): void {
  (req as { [RAW_BODY]?: Buffer })[RAW_BODY] = buffer;
}

function rawBodyOf(req: object): Buffer {
  return (req as { [RAW_BODY]?: Buffer })[RAW_BODY] ?? Buffer.alloc(0);
}
