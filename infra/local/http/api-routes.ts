import express, { type Router } from 'express';
import type { User } from '../../../functions/domain/user';
import { replayCommand } from '../../../functions/use-cases/replay-command';
import type { LocalStackParts } from '../local-stack-parts';
import type { ExecutionStore } from '../workflow/execution-store';
import { factorRoutes } from './factor-routes';
import { limitRoutes } from './limit-routes';
import { parseNewUser } from './new-user';

/** The JSON API of docs/local-api.md: dev identities, the simulated world, executions and replay, factors. */
export function apiRoutes(parts: LocalStackParts): Router {
  const { deps, issuer, outbox, auditLog, executions } = parts;
  const router = express.Router();
  router.use('/api', express.json({ limit: '64kb' }));
  router.use(factorRoutes(parts));
  router.use(limitRoutes(parts));

  router.post('/api/dev/tokens', async (req, res) => {
    const userId: unknown = req.body?.userId;
    if (typeof userId !== 'string' || userId === '') return void res.status(400).json({ error: 'userId (a string) is required' });
    if (!(await deps.users.get(userId))) {
      return void res.status(404).json({ error: `no such user "${userId}"; create one with POST /api/dev/users` });
    }
    res.status(201).json({ accessToken: await issuer.issue(userId) });
  });

  router.post('/api/dev/users', async (req, res) => {
    const parsed = parseNewUser(req.body);
    if ('error' in parsed) return void res.status(400).json(parsed);
    const user: User = { ...parsed, preferredChannel: 'sms' };
    if (!(await deps.users.create(user))) return void res.status(409).json({ error: `user "${user.userId}" already exists` });
    res.status(201).json({ userId: user.userId, targets: user.targets });
  });

  // `?userId=bob`: only what bob's own phone and inbox received (the chat shows nobody else's).
  router.get('/api/outbox', async (req, res) => {
    const { userId } = req.query;
    const user = typeof userId === 'string' ? await deps.users.get(userId) : undefined;
    if (userId !== undefined && !user) return void res.status(404).json({ error: `no such user "${String(userId)}"` });
    const messages = (await outbox.list())
      .filter(({ to }) => !user || to === user.phone || to === user.email)
      .map(({ id, channel, to, body, sentAt }) => ({ id, channel, to, body, sentAt }));
    res.json({ messages });
  });
  router.get('/api/instances', async (_req, res) => res.json({ instances: await deps.instances.list() }));
  router.get('/api/audit', async (_req, res) => res.json({ events: await auditLog.list() }));
  router.get('/api/executions', async (_req, res) => res.json({ executions: await executions.list() }));

  router.get('/api/executions/:executionId', async (req, res) => {
    const record = await executions.get(req.params.executionId);
    if (!record) return void res.status(404).json({ error: 'no such execution' });
    const { command: _command, ...visible } = record;
    res.json({ ...visible, stoppedAt: visible.stoppedAt ?? null });
  });

  router.post('/api/executions/:executionId/replay', async (req, res) => {
    const record = await executions.get(req.params.executionId);
    if (!record) return void res.status(404).json({ error: 'no such execution' });
    const outcome = await replayCommand(deps, record.command, record.executionId);
    if (outcome.kind === 'started') return void res.status(201).json(await replayState(executions, outcome.executionId));
    res.status(409).json({ error: `cannot replay: ${outcome.reason}` });
  });

  router.get('/.well-known/jwks.json', (_req, res) => res.json(issuer.jwks));
  return router;
}

/**
 * The new run as it stands once its code is out or it has ended: `status`, and for a run
 * that already failed its error and root cause (e.g. "code send limit reached").
 */
async function replayState(executions: ExecutionStore, executionId: string): Promise<Record<string, string>> {
  const run = await executions.get(executionId);
  if (!run || run.status === 'RUNNING') return { executionId, status: run?.status ?? 'RUNNING' };
  const root = run.history.find((event) => event.error !== undefined);
  return { executionId, status: run.status, error: run.error ?? '', cause: root?.cause ?? run.cause ?? '' };
}
