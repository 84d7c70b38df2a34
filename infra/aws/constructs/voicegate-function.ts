import { spawnSync } from 'node:child_process';
import { AssetHashType, DockerImage, type Duration, type ILocalBundling } from 'aws-cdk-lib';
import { Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { Architecture, Code, Function as LambdaFunction, Runtime } from 'aws-cdk-lib/aws-lambda';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import { projectPath } from '../project-paths';

export interface VoiceGateFunctionProps {
  /** File name under functions/handlers/, without `.ts`. */
  handlerFile: string;
  description: string;
  timeout: Duration;
  environment: Record<string, string>;
}

/**
 * One Lambda entry point, bundled by the locally installed esbuild (never Docker) as
 * infra/aws/function-bundle.ts says, for arm64. It gets its own role and log group and nothing
 * else: what it may call is granted by the caller, statement by statement.
 */
export class VoiceGateFunction extends Construct {
  readonly role: Role;
  readonly function: LambdaFunction;

  constructor(scope: Construct, id: string, { handlerFile, description, timeout, environment }: VoiceGateFunctionProps) {
    super(scope, id);
    // An explicit role, so CDK adds no AWS managed policy; the function only writes to its own log group.
    this.role = new Role(this, 'Role', { assumedBy: new ServicePrincipal('lambda.amazonaws.com'), description: `VoiceGate ${id} function` });
    const logGroup = new LogGroup(this, 'Log', { retention: RetentionDays.THREE_MONTHS });
    logGroup.grantWrite(this.role);

    this.function = new LambdaFunction(this, 'Function', {
      code: Code.fromAsset(projectPath(), {
        // The hash of the bundle, not of the project folder it is built from.
        assetHashType: AssetHashType.OUTPUT,
        bundling: {
          image: DockerImage.fromRegistry('voicegate-bundles-locally'),
          local: new LocalEsbuild(projectPath('functions', 'handlers', `${handlerFile}.ts`)),
        },
      }),
      handler: 'index.handler',
      description,
      runtime: Runtime.NODEJS_24_X,
      architecture: Architecture.ARM_64,
      memorySize: 512,
      timeout,
      role: this.role,
      logGroup,
      environment: {
        ...environment,
        POWERTOOLS_SERVICE_NAME: 'voicegate',
        POWERTOOLS_LOG_LEVEL: 'INFO',
        // Events carry access tokens and spoken codes: never log them (S12).
        POWERTOOLS_LOGGER_LOG_EVENT: 'false',
      },
    });
  }
}

/**
 * Runs infra/aws/bundle-function-cli.ts; a failure stops the synth (Docker is never tried).
 * `entry` is a field on purpose: CDK reuses a bundle for equal bundling options, and the
 * options are compared by their fields.
 */
class LocalEsbuild implements ILocalBundling {
  constructor(readonly entry: string) {}

  tryBundle(outputDir: string): boolean {
    const tsx = projectPath('node_modules', '.bin', 'tsx');
    const run = spawnSync(tsx, [projectPath('infra', 'aws', 'bundle-function-cli.ts'), this.entry, outputDir], { cwd: projectPath(), stdio: 'inherit' });
    if (run.status !== 0) throw new Error(`bundling ${this.entry} failed (${run.error?.message ?? `exit ${run.status}`})`);
    return true;
  }
}
