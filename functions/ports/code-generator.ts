import { generateCode } from '../domain/one-time-code';

/** Makes one-time codes; tests swap in a predictable one. */
export interface CodeGenerator {
  generate(digits: number): string;
}

export const secureCodeGenerator: CodeGenerator = { generate: generateCode };
