import type { CertChainSource } from '../../skill/signature/alexa-signature-verifier';
import { intentRequest } from '../fixtures/alexa/envelopes';
import { makeTestPki, type TestPki } from '../support/test-certificates';
import { LocalStackHarness } from '../support/local-stack-harness';

/** The chain URL rules and the signature check themselves are unit tests: test/unit/skill/alexa-signature.test.ts. */
const CHAIN_URL = 'https://s3.amazonaws.com/echo.api/echo-api-cert-12.pem';

describe('S10: with signature checking on, POST /alexa accepts only signed requests', () => {
  let vg: LocalStackHarness;
  let pki: TestPki;

  beforeAll(async () => {
    pki = makeTestPki();
    const source: CertChainSource = { fetch: async () => pki.chainPem };
    vg = await LocalStackHarness.start({ verifySignature: true }, { signatures: { source, trustedRoots: [pki.root] } });
  });
  afterAll(async () => {
    await vg.close();
  });

  const post = async (body: string, headers: Record<string, string>) => {
    const response = await fetch(`${vg.stack.url}/alexa`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body });
    return response.status;
  };

  it('answers a correctly signed request and refuses unsigned or mis-signed ones with 400, changing nothing', async () => {
    const token = await vg.tokenFor('alice');
    const body = JSON.stringify(intentRequest('StartInstanceIntent', { instance: 'splunk' }, { accessToken: token }));

    expect(await post(body, {})).toBe(400);
    expect(await post(body, { SignatureCertChainUrl: CHAIN_URL, 'Signature-256': pki.signBody(`${body} `) })).toBe(400);
    expect(await vg.executions()).toHaveLength(0);

    expect(await post(body, { SignatureCertChainUrl: CHAIN_URL, 'Signature-256': pki.signBody(body) })).toBe(200);
    expect(await vg.executions()).toHaveLength(1);
  });
});
