import type { Request, RequestHandler, Response } from 'express';
import { sameToken } from '../identity/operator-token';

/**
 * docs/local-api.md "Operator access": the operator surface answers only the operator, and only
 * on the address it is bound to, so neither another OS user nor a web page in the
 * operator's browser (CSRF, DNS rebinding) can act through 127.0.0.1.
 */

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** The port this request arrived on: the stack may be bound to a port chosen at start (tests use 0). */
const boundPort = (req: Request) => req.socket.localPort;

const ownHosts = (req: Request) => [`127.0.0.1:${boundPort(req)}`, `localhost:${boundPort(req)}`];

/** Cookies are shared across ports of one host, so each stack's cookie carries its port. */
export const operatorCookieName = (port: number | undefined) => `voicegate_operator_${port}`;

/** DNS rebinding: a page whose name now resolves to 127.0.0.1 still sends its own name as Host. */
export const ownHostOnly: RequestHandler = (req, res, next) => {
  if (ownHosts(req).includes(req.headers.host ?? '')) return next();
  res.status(403).json({ error: 'this server answers only requests addressed to 127.0.0.1 or localhost on its own port' });
};

/** CSRF: a browser names the page that sent a cross-site request in Origin; only the console's own origin may change state. */
export const ownOriginOnly: RequestHandler = (req, res, next) => {
  const origin = req.headers.origin;
  if (SAFE_METHODS.has(req.method) || origin === undefined) return next();
  if (ownHosts(req).some((host) => origin === `http://${host}`)) return next();
  res.status(403).json({ error: 'a state-changing request from another origin is refused' });
};

/** Whether the request carries the operator token, as a bearer token or as the console's cookie. */
export function isOperator(req: Request, token: string): boolean {
  const bearer = /^Bearer (\S+)$/.exec(req.headers.authorization ?? '')?.[1];
  return sameToken(bearer ?? cookie(req, operatorCookieName(boundPort(req))), token);
}

/** `GET /?token=…` (the URL printed at start-up) trades the token for an HttpOnly cookie and a clean address bar. */
export function consoleLogin(token: string): RequestHandler {
  return (req, res, next) => {
    const presented = req.query.token;
    if (req.path !== '/' || presented === undefined) return next();
    if (typeof presented !== 'string' || !sameToken(presented, token)) return void refuse(res, 'text');
    res.cookie(operatorCookieName(boundPort(req)), token, { httpOnly: true, sameSite: 'strict', path: '/' });
    res.redirect(303, '/');
  };
}

/** Every `/api/*` route and the console page need the operator token; 401 before anything runs. */
export function operatorOnly(token: string): RequestHandler {
  return (req, res, next) => {
    const guarded = req.path.startsWith('/api/') || (req.path === '/' && (req.method === 'GET' || req.method === 'HEAD'));
    if (!guarded || isOperator(req, token)) return next();
    refuse(res, req.path === '/' ? 'text' : 'json');
  };
}

const REFUSAL =
  'operator token required: open the console with the URL VoiceGate printed at start-up, or send "Authorization: Bearer <the token in <data dir>/operator-token>"';

function refuse(res: Response, as: 'json' | 'text'): void {
  res.status(401).set('WWW-Authenticate', 'Bearer realm="voicegate"');
  if (as === 'json') res.json({ error: REFUSAL });
  else res.type('text/plain').send(REFUSAL);
}

function cookie(req: Request, name: string): string | undefined {
  for (const pair of (req.headers.cookie ?? '').split(';')) {
    const [key, ...value] = pair.trim().split('=');
    if (key === name) return decodeURIComponent(value.join('='));
  }
  return undefined;
}
