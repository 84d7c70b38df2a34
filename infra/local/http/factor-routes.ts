import express, { type Response, type Router } from 'express';
import QRCode from 'qrcode';
import { isFactor } from '../../../functions/domain/factor';
import { activateTotp, pendingTotpUri, startTotpEnrollment, type ActivateOutcome } from '../../../functions/use-cases/enroll-totp';
import { linkMfaDevice, listFactors, setPreferredFactor } from '../../../functions/use-cases/manage-factors';
import type { LocalStackParts } from '../local-stack-parts';

const ACTIVATION_ERRORS: Record<Exclude<ActivateOutcome, 'activated' | 'unknown-user'>, string> = {
  'nothing-pending': 'no authenticator enrollment is waiting for its first code; start one with POST /api/users/{userId}/factors/totp',
  'wrong-code': 'that is not the code the authenticator app shows now (6 digits, check the phone clock)',
  'code-used': 'that code was already used; wait for the next one',
  'attempt-limit': 'too many codes tried; please try again later',
};

/**
 * Factor enrollment for the console (docs/local-api.md): authenticator apps, the simulated AWS
 * MFA device, the preferred factor. Answers carry factor names and statuses, never a secret,
 * except the otpauth URI (and its QR code) the user's app must scan.
 */
export function factorRoutes(parts: Pick<LocalStackParts, 'deps' | 'mfaDevices'>): Router {
  const { deps, mfaDevices } = parts;
  const router = express.Router();
  const base = '/api/users/:userId/factors';

  router.get(base, async (req, res) => {
    const list = await listFactors(deps, req.params.userId);
    if (!list) return void noSuchUser(res, req.params.userId);
    res.json(list);
  });

  router.post(`${base}/totp`, async (req, res) => {
    const outcome = await startTotpEnrollment(deps, req.params.userId);
    if (outcome.kind === 'unknown-user') return void noSuchUser(res, req.params.userId);
    res.status(201).set('Cache-Control', 'no-store').json({ otpauthUri: outcome.otpauthUri });
  });

  router.get(`${base}/totp/qr.svg`, async (req, res) => {
    await sendQr(res, await pendingTotpUri(deps, req.params.userId), 'no authenticator enrollment is pending for this user');
  });

  router.post(`${base}/totp/activate`, async (req, res) => {
    const outcome = await activateTotp(deps, req.params.userId, req.body?.code);
    if (outcome === 'unknown-user') return void noSuchUser(res, req.params.userId);
    if (outcome === 'activated') return void res.json({ factor: 'totp', status: 'active' });
    res.status(400).json({ error: ACTIVATION_ERRORS[outcome] });
  });

  router.post(`${base}/preference`, async (req, res) => {
    const factor: unknown = req.body?.factor;
    if (!isFactor(factor)) return void res.status(400).json({ error: 'factor must be one of sms, email, totp, aws-mfa' });
    const outcome = await setPreferredFactor(deps, req.params.userId, factor);
    if (outcome === 'unknown-user') return void noSuchUser(res, req.params.userId);
    if (outcome === 'not-usable') return void res.status(400).json({ error: `this user has no active ${factor} factor` });
    res.json({ preferred: factor });
  });

  // The simulated AWS MFA device: a TOTP secret standing in for a virtual device AWS would check.
  router.post(`${base}/aws-mfa`, async (req, res) => {
    const { userId } = req.params;
    if (!(await deps.users.get(userId))) return void noSuchUser(res, userId);
    const { device, otpauthUri } = await mfaDevices.create(userId);
    await linkMfaDevice(deps, userId, device);
    res.status(201).set('Cache-Control', 'no-store').json({ serialNumber: device.serialNumber, otpauthUri });
  });

  router.get(`${base}/aws-mfa/qr.svg`, async (req, res) => {
    const device = (await deps.factors.get(req.params.userId))?.mfaDevice;
    await sendQr(res, device && (await mfaDevices.uri(device.serialNumber)), 'this user has no simulated MFA device');
  });

  return router;
}

async function sendQr(res: Response, uri: string | undefined, missing: string): Promise<void> {
  if (!uri) return void res.status(404).json({ error: missing });
  const svg = await QRCode.toString(uri, { type: 'svg', margin: 2, errorCorrectionLevel: 'M' });
  res.status(200).type('image/svg+xml').set('Cache-Control', 'no-store').send(svg);
}

function noSuchUser(res: Response, userId: string): void {
  res.status(404).json({ error: `no such user "${userId}"; create one with POST /api/dev/users` });
}
