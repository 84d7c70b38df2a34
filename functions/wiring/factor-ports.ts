import type { Deps } from '../use-cases/deps';
import { factorStore, type AwsHost } from './aws-ports';
import { FACTORS_OFF } from './factors-off';
import { onFirstUse } from './on-first-use';

/** Everything checking or enrolling an authenticator app or MFA device needs; KMS and STS load on first use. */
export function factorPorts(host: AwsHost): Pick<Deps, 'factors' | 'sealer' | 'mfaDevices'> {
  const { factorKeyArn } = host.config;
  if (!factorKeyArn) return FACTORS_OFF;
  return {
    factors: factorStore(host),
    sealer: onFirstUse(async () => (await import('./on-demand/kms-sealer')).kmsSealer(factorKeyArn)),
    mfaDevices: onFirstUse(async () => (await import('./on-demand/sts-mfa-devices')).stsMfaDevices()),
  };
}
