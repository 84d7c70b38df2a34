import express, { type Router } from 'express';
import type { Skill } from 'ask-sdk-core';
import type { RequestEnvelope } from 'ask-sdk-model';
import { checkRequest } from '../../../skill/request-guard';

/** Alexa's own cap on a request body. */
export const MAX_ALEXA_BODY = '256kb';

/**
 * POST /alexa as Alexa's HTTPS endpoint would serve it: 413 above 256 KiB, 400 for a
 * body that is not a well-formed envelope, 403 for a wrong skill id or a stale
 * timestamp — each refused before the skill runs, so nothing changes.
 */
export function alexaEndpoint(skill: Skill, skillId: string): Router {
  const router = express.Router();
  router.post('/alexa', express.json({ limit: MAX_ALEXA_BODY, type: () => true, strict: true }), async (req, res) => {
    const verdict = checkRequest(req.body, skillId, Date.now());
    if (!verdict.ok) {
      res.status(verdict.status).json({ error: verdict.reason });
      return;
    }
    res.json(await skill.invoke(req.body as RequestEnvelope));
  });
  return router;
}
