import express, { type Router } from 'express';
import { resetLimits } from '../../../functions/use-cases/reset-limits';
import type { LocalStackParts } from '../local-stack-parts';

/** The operator lifts a user's code limits (S8): `DELETE /api/users/{userId}/limits`, audited as "Limit Reset". */
export function limitRoutes(parts: Pick<LocalStackParts, 'deps'>): Router {
  const router = express.Router();
  router.delete('/api/users/:userId/limits', async (req, res) => {
    const { userId } = req.params;
    if ((await resetLimits(parts.deps, userId)) === 'unknown-user') return void res.status(404).json({ error: `no such user "${userId}"` });
    res.json({ userId, reset: ['sends', 'attempts', 'activations'] });
  });
  return router;
}
