/**
 * VoiceGate's synthesized stack on an emulated AWS account: moto_server behind an endpoint
 * that also serves the Lambda Invoke API from the template's bundles, the template deployed
 * resource by resource. Shared by `npm run emulator`, test/emulator and the bench.
 */
import { once } from 'node:events';
import { createServer as createHttpServer, type Server } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import { join, resolve } from 'node:path';
import { freePort } from '../../test/support/local-process';
import { LocalCertificateAuthority } from '../local/devices/pki/local-ca';
import { ApiCallLog } from './api-call-log';
import { awsClients, EMULATOR_ACCOUNT_ID, EMULATOR_REGION, type AwsClients, type EmulatorAccount } from './aws-clients';
import { lambdaInvokeProxy } from './lambda-invoke-proxy';
import type { LambdaFunctionSpec } from './lambda-runtime/function-spec';
import { LambdaRuntime } from './lambda-runtime/lambda-runtime';
import { startMoto } from './moto-process';
import { deployTemplate, type DeployedStack } from './template-deployer/deploy-template';
import { readTemplate } from './template-deployer/template';

export interface EmulatorOptions {
  /** A synthesized cloud assembly (`cdk synth --output`). */
  cdkOut: string;
  stackName: string;
  /** Where the local CA and the functions' logs go. */
  workDir: string;
  port?: number;
  progress(line: string): void;
}

export interface RunningEmulator extends DeployedStack {
  account: EmulatorAccount;
  calls: ApiCallLog;
  /** Clients for tools and tests; `caller` names them in the call log. */
  clients(caller: string): AwsClients;
  /** The deployed functions as the Lambda runtime hosts them. */
  functions: LambdaFunctionSpec[];
  /** The Lambda variables the template's Environment does not have or has otherwise (see lambdaOverrides). */
  overrides: Record<string, string>;
  stop(): Promise<void>;
}

export async function startEmulator(options: EmulatorOptions): Promise<RunningEmulator> {
  const cdkOut = resolve(options.cdkOut);
  const [port, motoPort, tlsPort] = [options.port ?? (await freePort()), await freePort(), await freePort()];
  const account = { endpoint: `http://127.0.0.1:${port}`, region: EMULATOR_REGION, accountId: EMULATOR_ACCOUNT_ID };
  const ca = await LocalCertificateAuthority.open(join(options.workDir, 'ca'));
  const overridesOf = (spec: LambdaFunctionSpec) => lambdaOverrides(spec, account, tlsPort, join(options.workDir, 'ca', 'ca.cert.pem'));
  const runtime = new LambdaRuntime({ account, logDir: join(options.workDir, 'lambda-logs'), overrides: overridesOf });
  const calls = new ApiCallLog();
  const listener = lambdaInvokeProxy(runtime, motoPort, calls);
  const http = createHttpServer(listener);
  const https = createHttpsServer(await ca.serverCredentials(), listener);
  const servers: Server[] = [http, https];
  await Promise.all([listen(http, port), listen(https, tlsPort)]);
  const moto = await startMoto(motoPort, port).catch(async (error: unknown) => {
    await closeAll(servers);
    throw error;
  });
  const stop = async () => {
    runtime.stop();
    await moto.stop();
    await closeAll(servers);
  };
  try {
    options.progress(`emulator: moto_server on internal port ${motoPort}, endpoint ${account.endpoint} (Lambda Invoke API + moto), https ${tlsPort}`);
    const hosted: LambdaFunctionSpec[] = [];
    const deployed = await deployTemplate({
      template: readTemplate(cdkOut, options.stackName),
      stackName: options.stackName,
      cdkOut,
      aws: awsClients(account, 'deployer'),
      account,
      hostFunction: (spec) => {
        runtime.host(spec);
        hosted.push(spec);
      },
      progress: options.progress,
    });
    const overrides = hosted[0] ? overridesOf(hosted[0]) : {};
    return { ...deployed, account, calls, functions: hosted, overrides, clients: (caller) => awsClients(account, caller), stop };
  } catch (error) {
    await stop();
    throw error;
  }
}

/**
 * The only variables set on top of the template's Environment:
 * - AWS_ENDPOINT_URL: every SDK client in the bundles calls the emulator instead of AWS;
 * - VOICEGATE_TOKEN_JWKS_URI: the pool's keys at the emulator's https port, because
 *   aws-jwt-verify refuses http and moto serves http only (same path, same keys);
 * - NODE_EXTRA_CA_CERTS: trusts the local CA that signed that https port's certificate.
 * The issuer, audience and everything else stay the template's.
 */
function lambdaOverrides(spec: LambdaFunctionSpec, account: EmulatorAccount, tlsPort: number, caFile: string): Record<string, string> {
  const jwksUri = spec.environment.VOICEGATE_TOKEN_JWKS_URI;
  return {
    AWS_ENDPOINT_URL: account.endpoint,
    ...(jwksUri && { VOICEGATE_TOKEN_JWKS_URI: jwksUri.replace(/^https:\/\/[^/]+/, `https://localhost:${tlsPort}`) }),
    NODE_EXTRA_CA_CERTS: caFile,
  };
}

async function listen(server: Server, port: number): Promise<void> {
  server.listen(port, '127.0.0.1');
  await once(server, 'listening');
}

async function closeAll(servers: Server[]): Promise<void> {
  await Promise.all(
    servers.map((server) => {
      server.closeAllConnections();
      return new Promise((resolve) => server.close(resolve));
    }),
  );
}
