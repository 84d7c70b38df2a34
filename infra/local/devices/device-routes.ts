import express, { type Router } from 'express';
import { isThingName } from '../../../functions/domain/device';
import { isOperator } from '../http/operator-access';
import type { LocalDevices } from './local-devices';

/** GET /api/devices and one-time enrollment tokens: operator routes (docs/local-api.md, with the devices issue). */
export function deviceRoutes(devices: LocalDevices): Router {
  const router = express.Router();

  router.get('/api/devices', async (_req, res) => res.json({ devices: await devices.list() }));

  router.post('/api/devices/:thingName/enrollment-token', (req, res) => {
    const { thingName } = req.params;
    if (!isThingName(thingName)) return void res.status(400).json({ error: 'thingName must be 1-128 letters, digits, "_" or "-"' });
    res
      .status(201)
      .set('Cache-Control', 'no-store')
      .json({ thingName, ...devices.enrollmentTokens.issue(thingName) });
  });

  return router;
}

/**
 * Device registration from a CSR: the operator, or a device holding a one-time enrollment
 * token for exactly this thing. Mounted ahead of the operator guard for that second case.
 * Body `{ "csr": "-----BEGIN CERTIFICATE REQUEST-----...", "owner", "name", "type", "enrollmentToken" }`
 * (owner, name and type for a new thing). Answers 201 with the signed certificate, the CA
 * that signed the broker's certificate, and where to connect; never a private key.
 */
export function deviceRegistrationRoute(devices: LocalDevices, operatorToken: string): Router {
  const router = express.Router();
  router.post('/api/devices/:thingName/certificate', express.json({ limit: '16kb' }), async (req, res) => {
    const { thingName } = req.params;
    const body = (typeof req.body === 'object' && req.body !== null ? req.body : {}) as Record<string, unknown>;
    if (!isOperator(req, operatorToken) && !devices.enrollmentTokens.redeem(thingName, body.enrollmentToken)) {
      return void res.status(401).json({
        error: `registering a device needs the operator token, or a one-time enrollment token for "${thingName}" from POST /api/devices/${thingName}/enrollment-token`,
      });
    }
    const { enrollmentToken: _used, ...registration } = body;
    const outcome = await devices.register({ ...registration, thingName, csr: registration.csr });
    if (outcome.kind === 'refused') return void res.status(outcome.status).json({ error: outcome.error });
    const { created, certificateId, certificatePem, caCertificatePem } = outcome;
    const mqttUrl = await devices.start().then(
      () => devices.mqttUrl ?? null,
      () => null,
    );
    res.status(201).json({ thingName, created, certificateId, certificatePem, caCertificatePem, mqttUrl });
  });
  return router;
}
