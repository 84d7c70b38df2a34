/**
 * Every AWS API call that reaches the emulator's endpoint, by caller (the access key id: each
 * Lambda function has its own), service and operation, with start and end times, so the bench
 * can count calls per command and find the sequential ones on an answer's critical path.
 */
import type { IncomingHttpHeaders } from 'node:http';

export interface ApiCall {
  caller: string;
  service: string;
  operation: string;
  startedAt: number;
  endedAt: number;
}

export class ApiCallLog {
  readonly calls: ApiCall[] = [];

  record(call: ApiCall): void {
    this.calls.push(call);
  }

  /** The calls made from `since` on (a mark taken with `Date.now()`). */
  since(mark: number): ApiCall[] {
    return this.calls.filter((call) => call.startedAt >= mark);
  }
}

/** Caller and service from the SigV4 credential scope: `Credential=<key id>/<date>/<region>/<service>/aws4_request`. */
export function signerOf(headers: IncomingHttpHeaders): { caller: string; service: string } {
  const [, caller, service] = /Credential=([^/]+)\/\d+\/[^/]+\/([^/]+)\//.exec(headers.authorization ?? '') ?? [];
  return caller && service ? { caller, service } : { caller: 'anonymous', service: 'unsigned' };
}

/** JSON protocols name the operation in X-Amz-Target, query protocols in the Action field, REST ones by method and path. */
export function operationOf(method: string, path: string, headers: IncomingHttpHeaders, body: Buffer): string {
  const target = headers['x-amz-target'];
  if (typeof target === 'string') return target.slice(target.lastIndexOf('.') + 1);
  const contentType = headers['content-type'] ?? '';
  if (contentType.startsWith('application/x-www-form-urlencoded')) {
    const action = new URLSearchParams(body.toString('utf8')).get('Action');
    if (action) return action;
  }
  return restOperation(method, withoutQuery(path));
}

const REST_OPERATIONS: [method: string, path: RegExp, operation: string][] = [
  ['POST', /^\/2015-03-31\/functions\/[^/]+\/invocations$/, 'Invoke'],
  ['GET', /^\/things\/[^/]+\/shadow$/, 'GetThingShadow'],
  ['POST', /^\/things\/[^/]+\/shadow$/, 'UpdateThingShadow'],
  ['POST', /^\/v2\/email\/outbound-emails$/, 'SendEmail'],
  ['GET', /\/\.well-known\/jwks\.json$/, 'GetJwks'],
];

function restOperation(method: string, path: string): string {
  const known = REST_OPERATIONS.find(([m, pattern]) => m === method && pattern.test(path));
  return known ? known[2] : `${method} ${path.replace(/\/[^/]*\d[^/]*/g, '/{id}')}`;
}

export function withoutQuery(path: string): string {
  const query = path.indexOf('?');
  return query < 0 ? path : path.slice(0, query);
}
