import express, { type Response, type Router } from 'express';
import QRCode from 'qrcode';
import { isFactor } from '../../../functions/domain/factor';
import { activateTotp, pendingTotpUri, startTotpEnrollment, type ActivateOutcome } from '../../../functions/use-cases/enroll-totp';
import { linkMfaDevice, listFactors, setPreferredFactor } from '../../../functions/use-cases/manage-factors';
import { sendStepUpCode, type StepUpFailure } from '../../../functions/use-cases/step-up';
import type { LocalStackParts } from '../local-stack-parts';

const ACTIVATION_ERRORS: Record<Exclude<ActivateOutcome, 'activated' | 'unknown-user'>, string> = {
  'nothing-pending': 'no authenticator enrollment is waiting for its first code; start one with POST /api/users/{userId}/factors/totp',
  'wrong-code': 'that is not the code the authenticator app shows now (6 digits, check the phone clock)',
  'code-used': 'that code was already used; wait for the next one',
  'attempt-limit': 'too many codes tried; please try again later',
};

const STEP_UP_ERRORS: Record<Extract<StepUpFailure, { kind: 'step-up-refused' }>['reason'], string> = {
  missing:
    'changing a factor needs a step-up: send "stepUp": {"factor", "code"} with a code from one of the user\'s factors (for sms or email, ask for one with POST /api/users/{userId}/factors/step-up)',
  'not-a-factor': 'the step-up must use one of the user\'s active factors',
  'no-code-sent': 'no step-up code is waiting on that channel; ask for one with POST /api/users/{userId}/factors/step-up',
  'wrong-code': 'the step-up code is wrong',
  'code-used': 'that step-up code was already used; wait for the next one',
  expired: 'the step-up code expired; ask for a new one',
};

/**
 * Factor enrollment for the console (docs/local-api.md): authenticator apps, the simulated AWS
 * MFA device, the preferred factor. Enrolling or replacing a factor needs a step-up from a factor
 * the user already has. Answers carry factor names and statuses, never a secret, except the
 * otpauth URI (and its QR code) the user's app must scan.
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

  router.post(`${base}/step-up`, async (req, res) => {
    const outcome = await sendStepUpCode(deps, req.params.userId, req.body?.factor);
    if (outcome.kind === 'unknown-user') return void noSuchUser(res, req.params.userId);
    if (outcome.kind === 'not-a-factor') return void res.status(400).json({ error: 'factor must be sms or email, and the user must have it' });
    if (outcome.kind === 'send-limit') return void tooManyTries(res, outcome.retryAt, 'too many codes sent');
    if (outcome.kind === 'delivery-failed') return void res.status(502).json({ error: 'the provider did not accept the code; try again' });
    const { channel, maskedDestination, expiresAt } = outcome;
    res.status(201).json({ factor: channel, sentTo: maskedDestination, expiresAt: new Date(expiresAt).toISOString() });
  });

  router.post(`${base}/totp`, async (req, res) => {
    const outcome = await startTotpEnrollment(deps, req.params.userId, req.body?.stepUp);
    if (outcome.kind === 'unknown-user') return void noSuchUser(res, req.params.userId);
    if (outcome.kind !== 'pending') return void refuseStepUp(res, outcome);
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
    const outcome = await linkMfaDevice(deps, userId, req.body?.stepUp, () => mfaDevices.create(userId));
    if (outcome.kind === 'unknown-user') return void noSuchUser(res, userId);
    if (outcome.kind !== 'linked') return void refuseStepUp(res, outcome);
    const { device, otpauthUri } = outcome.provisioned;
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

/** 403 for a missing or wrong step-up (naming the factors that can give one), 429 at the attempt limit. */
function refuseStepUp(res: Response, failure: StepUpFailure): void {
  if (failure.kind === 'attempt-limit') return tooManyTries(res, failure.retryAt, 'too many codes tried');
  res.status(403).json({ error: STEP_UP_ERRORS[failure.reason], stepUpFactors: failure.factors });
}

function tooManyTries(res: Response, retryAt: number, what: string): void {
  res.status(429).json({ error: `${what}; try again after retryAt`, retryAt: new Date(retryAt).toISOString() });
}

function noSuchUser(res: Response, userId: string): void {
  res.status(404).json({ error: `no such user "${userId}"; create one with POST /api/dev/users` });
}
