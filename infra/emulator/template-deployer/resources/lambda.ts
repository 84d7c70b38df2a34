import { AddPermissionCommand, CreateFunctionCommand } from '@aws-sdk/client-lambda';
import { bundleDirectory } from '../assets';
import { answered, type NamedResourceCreator, type ResourceCreator } from '../resource-type';

/** An empty zip archive: the emulator keeps the function's record; the bundle runs in the invoke proxy. */
const EMPTY_ZIP = Buffer.concat([Buffer.from('PK\x05\x06'), Buffer.alloc(18)]);

export const createFunction: NamedResourceCreator = async (FunctionName, p, { aws, cdkOut, hostFunction }) => {
  const environment = (p.Environment?.Variables ?? {}) as Record<string, string>;
  const { FunctionArn } = await aws.lambda.send(
    new CreateFunctionCommand({
      FunctionName,
      Runtime: p.Runtime,
      Role: p.Role,
      Handler: p.Handler,
      Description: p.Description,
      Timeout: p.Timeout,
      MemorySize: p.MemorySize,
      Architectures: p.Architectures,
      Environment: { Variables: environment },
      Code: { ZipFile: EMPTY_ZIP },
    }),
  );
  const functionArn = answered(FunctionArn, 'FunctionArn');
  hostFunction({
    functionName: FunctionName,
    functionArn,
    bundleDir: bundleDirectory(cdkOut, p.Code),
    handler: p.Handler,
    // Lambda's default when the template names none.
    timeoutSeconds: p.Timeout ?? 3,
    memorySizeMb: p.MemorySize ?? 128,
    environment,
    logGroupName: p.LoggingConfig?.LogGroup ?? `/aws/lambda/${FunctionName}`,
  });
  return { ref: FunctionName, attributes: { Arn: functionArn } };
};

export const createPermission: ResourceCreator = async (p, { aws, logicalId }) => {
  await aws.lambda.send(
    new AddPermissionCommand({
      FunctionName: p.FunctionName,
      StatementId: logicalId,
      Action: p.Action,
      Principal: p.Principal,
      EventSourceToken: p.EventSourceToken,
      SourceArn: p.SourceArn,
      SourceAccount: p.SourceAccount,
    }),
  );
  return { ref: logicalId };
};
