/**
 * The emulator's public endpoint: the Lambda Invoke API served by the Lambda runtime (moto has
 * no Docker to run functions), everything else forwarded to moto_server on its internal port.
 * moto's Step Functions interpreter calls Lambda on MOTO_PORT, which is this endpoint, so a
 * `lambda:invoke` task reaches the same runtime as any SDK client.
 */
import { request, type IncomingMessage, type RequestListener, type ServerResponse } from 'node:http';
import { type ApiCallLog, operationOf, signerOf, withoutQuery } from './api-call-log';
import type { InvocationOutcome } from './lambda-runtime/execution-environment';
import type { LambdaRuntime } from './lambda-runtime/lambda-runtime';

const INVOCATIONS = /^\/2015-03-31\/functions\/([^/]+)\/invocations$/;

export function lambdaInvokeProxy(runtime: LambdaRuntime, motoPort: number, calls: ApiCallLog): RequestListener {
  return async (req, res) => {
    const startedAt = Date.now();
    const body = await readBody(req);
    const path = req.url ?? '/';
    const { caller, service } = signerOf(req.headers);
    const [, invokedName] = INVOCATIONS.exec(withoutQuery(path)) ?? [];
    const spec = req.method === 'POST' && invokedName ? runtime.find(invokedName) : undefined;
    try {
      if (spec) await serveInvoke(runtime, spec.functionName, req, body, res);
      else await forward(motoPort, req, body, res);
    } catch (error) {
      if (!res.headersSent) res.writeHead(502, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ message: `emulator endpoint: ${(error as Error).message}` }));
    }
    calls.record({ caller, service, operation: operationOf(req.method ?? 'GET', path, req.headers, body), startedAt, endedAt: Date.now() });
  };
}

/** Lambda's Invoke API: RequestResponse answers the payload (a function error in X-Amz-Function-Error), Event answers 202 at once. */
async function serveInvoke(runtime: LambdaRuntime, functionName: string, req: IncomingMessage, body: Buffer, res: ServerResponse): Promise<void> {
  const invocationType = req.headers['x-amz-invocation-type'] ?? 'RequestResponse';
  const event = body.length > 0 ? JSON.parse(body.toString('utf8')) : {};
  if (invocationType === 'DryRun') return void res.writeHead(204).end();
  const outcome = runtime.invoke(functionName, event);
  if (invocationType === 'Event') {
    outcome.catch(() => undefined);
    return void res.writeHead(202).end();
  }
  const answered: InvocationOutcome = await outcome;
  const headers = { 'content-type': 'application/json', 'x-amz-executed-version': '$LATEST' };
  if ('error' in answered) res.writeHead(200, { ...headers, 'x-amz-function-error': 'Unhandled' }).end(JSON.stringify(answered.error));
  else res.writeHead(200, headers).end(JSON.stringify(answered.result));
}

function forward(motoPort: number, req: IncomingMessage, body: Buffer, res: ServerResponse): Promise<void> {
  return new Promise((resolve, reject) => {
    const upstream = request({ host: '127.0.0.1', port: motoPort, method: req.method, path: req.url, headers: req.headers }, (answer) => {
      res.writeHead(answer.statusCode ?? 502, answer.headers);
      answer.pipe(res);
      answer.on('end', resolve);
      answer.on('error', reject);
    });
    upstream.on('error', reject);
    upstream.end(body);
  });
}

function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}
