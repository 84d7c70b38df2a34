import { Duration } from 'aws-cdk-lib';
import { Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { Architecture, Runtime } from 'aws-cdk-lib/aws-lambda';
import { NodejsFunction, OutputFormat } from 'aws-cdk-lib/aws-lambda-nodejs';
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
 * One Lambda entry point, bundled by the locally installed esbuild (never Docker) into a
 * minified arm64 bundle with a source map. It gets its own role and log group and nothing
 * else: what it may call is granted by the caller, statement by statement.
 */
export class VoiceGateFunction extends Construct {
  readonly role: Role;
  readonly function: NodejsFunction;

  constructor(scope: Construct, id: string, { handlerFile, description, timeout, environment }: VoiceGateFunctionProps) {
    super(scope, id);
    // An explicit role, so CDK adds no AWS managed policy; the function only writes to its own log group.
    this.role = new Role(this, 'Role', { assumedBy: new ServicePrincipal('lambda.amazonaws.com'), description: `VoiceGate ${id} function` });
    const logGroup = new LogGroup(this, 'Log', { retention: RetentionDays.THREE_MONTHS });
    logGroup.grantWrite(this.role);

    this.function = new NodejsFunction(this, 'Function', {
      entry: projectPath('functions', 'handlers', `${handlerFile}.ts`),
      projectRoot: projectPath(),
      depsLockFilePath: projectPath('package-lock.json'),
      handler: 'handler',
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
        // Stack traces point into the TypeScript sources through the bundle's source map.
        NODE_OPTIONS: '--enable-source-maps',
      },
      bundling: {
        forceDockerBundling: false,
        format: OutputFormat.CJS,
        target: 'node24',
        minify: true,
        sourceMap: true,
        sourcesContent: false,
        // Prefer the packages' ES module builds: esbuild tree-shakes them (the SDK clients shrink by about half).
        mainFields: ['module', 'main'],
        // Bundle the AWS SDK versions the adapters were tested with instead of the runtime's copy.
        externalModules: [],
      },
    });
  }
}
