/** One deployed function as the template declares it: what the Lambda runtime needs to run it. */
export interface LambdaFunctionSpec {
  functionName: string;
  functionArn: string;
  /** The synthesized bundle (`cdk.out/asset.<hash>`), the function's code as uploaded. */
  bundleDir: string;
  /** `<file>.<export>`, e.g. `index.handler`. */
  handler: string;
  timeoutSeconds: number;
  memorySizeMb: number;
  /** The template's Environment.Variables, resolved. */
  environment: Record<string, string>;
  logGroupName: string;
}
