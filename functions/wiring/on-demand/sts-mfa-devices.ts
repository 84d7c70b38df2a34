import { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { iamUserStsClients } from '../../adapters/aws/sts/iam-user-sts-clients';
import { StsMfaDeviceVerifier } from '../../adapters/aws/sts/sts-mfa-device-verifier';
import type { MfaDeviceVerifier } from '../../ports/mfa-device-verifier';

export const stsMfaDevices = (): MfaDeviceVerifier => new StsMfaDeviceVerifier(iamUserStsClients(new SecretsManagerClient({})));
