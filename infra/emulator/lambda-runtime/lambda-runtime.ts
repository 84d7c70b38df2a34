/**
 * The emulator's Lambda service: each deployed function runs from its synthesized bundle with
 * the template's Handler, Timeout and Environment, in as many execution environments as there
 * are concurrent invocations (an environment serves one invocation at a time and is reused).
 */
import { createWriteStream, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Writable } from 'node:stream';
import { emulatorCredentials, type EmulatorAccount } from '../aws-clients';
import { ExecutionEnvironment, lambdaNodeBinary, type InvocationOutcome } from './execution-environment';
import type { LambdaFunctionSpec } from './function-spec';

export interface LambdaRuntimeOptions {
  account: EmulatorAccount;
  /** Where each function's output goes (`<function name>.log`). */
  logDir: string;
  /**
   * Variables set on top of the template's, each for a stated reason (see lambdaOverrides in
   * emulator.ts): the template's own values are never changed silently.
   */
  overrides(spec: LambdaFunctionSpec): Record<string, string>;
}

interface HostedFunction {
  spec: LambdaFunctionSpec;
  idle: ExecutionEnvironment[];
  all: Set<ExecutionEnvironment>;
  log: Writable;
}

export class LambdaRuntime {
  private readonly functions = new Map<string, HostedFunction>();
  private readonly node = lambdaNodeBinary();

  constructor(private readonly options: LambdaRuntimeOptions) {
    mkdirSync(options.logDir, { recursive: true });
  }

  host(spec: LambdaFunctionSpec): void {
    const log = createWriteStream(join(this.options.logDir, `${spec.functionName}.log`), { flags: 'a' });
    this.functions.set(spec.functionName, { spec, idle: [], all: new Set(), log });
  }

  /** The hosted function a FunctionName parameter names: its name, ARN or partial ARN. */
  find(functionName: string): LambdaFunctionSpec | undefined {
    // A qualifier (`name:alias` or `name:version`) names the same hosted function.
    const name = decodeURIComponent(functionName)
      .replace(/^arn:aws:lambda:[^:]+:\d+:function:/, '')
      .replace(/:.*$/s, '');
    return this.functions.get(name)?.spec;
  }

  async invoke(functionName: string, event: unknown): Promise<InvocationOutcome> {
    const hosted = this.functions.get(functionName);
    if (!hosted) throw new Error(`no hosted function ${functionName}`);
    let environment = hosted.idle.pop();
    try {
      environment ??= await this.startEnvironment(hosted);
    } catch (error) {
      return { error: { errorType: 'Runtime.InitError', errorMessage: (error as Error).message } };
    }
    try {
      return await environment.invoke(event);
    } finally {
      if (environment.alive) hosted.idle.push(environment);
      else hosted.all.delete(environment);
    }
  }

  stop(): void {
    for (const hosted of this.functions.values()) {
      for (const environment of hosted.all) environment.stop();
      hosted.log.end();
    }
  }

  private async startEnvironment(hosted: HostedFunction): Promise<ExecutionEnvironment> {
    const environment = await ExecutionEnvironment.start(this.node, hosted.spec, this.environmentOf(hosted.spec), hosted.log);
    hosted.all.add(environment);
    return environment;
  }

  /** What Lambda sets, then the template's variables, then the stated overrides. */
  private environmentOf(spec: LambdaFunctionSpec): Record<string, string> {
    const { region } = this.options.account;
    const credentials = emulatorCredentials(spec.functionName);
    return {
      PATH: process.env.PATH ?? '/usr/bin:/bin',
      TZ: ':UTC',
      LANG: 'en_US.UTF-8',
      AWS_REGION: region,
      AWS_DEFAULT_REGION: region,
      AWS_EXECUTION_ENV: 'AWS_Lambda_nodejs24.x',
      AWS_LAMBDA_FUNCTION_NAME: spec.functionName,
      AWS_LAMBDA_FUNCTION_VERSION: '$LATEST',
      AWS_LAMBDA_FUNCTION_MEMORY_SIZE: String(spec.memorySizeMb),
      AWS_LAMBDA_LOG_GROUP_NAME: spec.logGroupName,
      LAMBDA_TASK_ROOT: spec.bundleDir,
      _HANDLER: spec.handler,
      AWS_ACCESS_KEY_ID: credentials.accessKeyId,
      AWS_SECRET_ACCESS_KEY: credentials.secretAccessKey,
      ...spec.environment,
      ...this.options.overrides(spec),
    };
  }
}
