/**
 * The moto version the AWS adapter suites are written against: its IoT, Step Functions and
 * SNS/SES behaviour (and its known bugs) are what the tests expect. README "Tests" says so.
 */
import { execFileSync } from 'node:child_process';

export const EXPECTED_MOTO_VERSION = '5.2.1';

/** moto_server has no --version; its package answers from the Python that runs it. */
export function installedMotoVersion(): string | undefined {
  try {
    return execFileSync('python3', ['-c', 'import moto; print(moto.__version__)'], { encoding: 'utf8', timeout: 60_000 }).trim();
  } catch {
    return undefined;
  }
}

/** Same major and minor: patch releases keep the wire behaviour the suites rely on. */
export function motoVersionProblem(installed: string | undefined): string | undefined {
  const wanted = EXPECTED_MOTO_VERSION.split('.').slice(0, 2).join('.');
  if (installed?.split('.').slice(0, 2).join('.') === wanted) return undefined;
  return `the AWS adapter suites expect moto ${EXPECTED_MOTO_VERSION} (pip install "moto[server]==${EXPECTED_MOTO_VERSION}"), found ${installed ?? 'none'}`;
}
