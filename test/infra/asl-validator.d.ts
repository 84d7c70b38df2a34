/** asl-validator 4 ships no types; this is the part the infra tests call. */
declare module 'asl-validator' {
  interface AslValidationResult {
    isValid: boolean;
    errorsText(separator?: string): string;
  }
  function aslValidator(definition: object, options?: { checkPaths?: boolean; checkArn?: boolean }): AslValidationResult;
  export = aslValidator;
}
