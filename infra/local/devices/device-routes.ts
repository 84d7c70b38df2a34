import express, { type Router } from 'express';
import type { LocalDevices } from './local-devices';

/** GET /api/devices and device registration from a CSR (docs/local-api.md, with the devices issue). */
export function deviceRoutes(devices: LocalDevices): Router {
  const router = express.Router();

  router.get('/api/devices', async (_req, res) => res.json({ devices: await devices.list() }));

  /**
   * Body `{ "csr": "-----BEGIN CERTIFICATE REQUEST-----...", "owner", "name", "type" }` (the last
   * three for a new thing). Answers 201 with the signed certificate, the CA that signed the
   * broker's certificate, and where to connect; never a private key (there is none here).
   */
  router.post('/api/devices/:thingName/certificate', express.json({ limit: '16kb' }), async (req, res) => {
    const body = (typeof req.body === 'object' && req.body !== null ? req.body : {}) as Record<string, unknown>;
    const outcome = await devices.registrar.register({ ...body, thingName: req.params.thingName, csr: body.csr });
    if (outcome.kind === 'refused') return void res.status(outcome.status).json({ error: outcome.error });
    const { thingName, created, certificateId, certificatePem, caCertificatePem } = outcome;
    const mqttUrl = await devices.start().then(() => devices.mqttUrl ?? null, () => null);
    res.status(201).json({ thingName, created, certificateId, certificatePem, caCertificatePem, mqttUrl });
  });

  return router;
}
