/** S10 without a stack: the chain URL rules and the signature check against a trusted chain. */
import { X509Certificate } from 'node:crypto';
import { AlexaSignatureVerifier, type CertChainSource } from '../../../skill/signature/alexa-signature-verifier';
import { isAlexaCertChainUrl } from '../../../skill/signature/cert-chain-url';
import { makeTestPki, type LeafOptions, type TestPki } from '../../support/test-certificates';

const CHAIN_URL = 'https://s3.amazonaws.com/echo.api/echo-api-cert-12.pem';

describe('S10: the HTTPS endpoint checks the SignatureCertChainUrl rules', () => {
  it.each([
    'https://s3.amazonaws.com/echo.api/echo-api-cert.pem',
    'https://s3.amazonaws.com:443/echo.api/echo-api-cert.pem',
    'https://S3.AMAZONAWS.COM/echo.api/echo-api-cert.pem',
    // Alexa's documented example: ".." segments that normalize back into /echo.api/
    'https://s3.amazonaws.com/echo.api/../echo.api/echo-api-cert.pem',
  ])('accepts %s', (url) => {
    expect(isAlexaCertChainUrl(url)).toBe(true);
  });

  it.each([
    ['http', 'http://s3.amazonaws.com/echo.api/echo-api-cert.pem'],
    ['another host', 'https://notamazon.com/echo.api/echo-api-cert.pem'],
    ['another port', 'https://s3.amazonaws.com:563/echo.api/echo-api-cert.pem'],
    ['another path', 'https://s3.amazonaws.com/EcHo.aPi/echo-api-cert.pem'],
    ['a path that climbs out', 'https://s3.amazonaws.com/echo.api/../invalid.pem'],
    ['nothing', undefined],
    ['not a URL', 'echo.api'],
  ])('refuses %s', (_, url) => {
    expect(isAlexaCertChainUrl(url)).toBe(false);
  });
});

describe('S10: the request signature is checked against a trusted chain', () => {
  let pki: TestPki;
  const body = Buffer.from(JSON.stringify({ version: '1.0', request: { type: 'LaunchRequest' } }));
  const sourceOf = (pem: string): CertChainSource & { fetches: number } => {
    const source = {
      fetches: 0,
      fetch: async () => {
        source.fetches++;
        return pem;
      },
    };
    return source;
  };

  beforeAll(() => {
    pki = makeTestPki();
  });

  it('accepts a body signed by the echo-api certificate of a trusted chain, fetching the chain once', async () => {
    const source = sourceOf(pki.chainPem);
    const verifier = new AlexaSignatureVerifier(source, [pki.root]);
    const headers = { certChainUrl: CHAIN_URL, signature256: pki.signBody(body) };

    expect(await verifier.verify(body, headers)).toEqual({ ok: true });
    expect(await verifier.verify(body, headers)).toEqual({ ok: true });
    expect(source.fetches).toBe(1);
  });

  it('keys its chain cache by the normalized URL and keeps it bounded', async () => {
    const source = sourceOf(pki.chainPem);
    const verifier = new AlexaSignatureVerifier(source, [pki.root]);
    const signature256 = pki.signBody(body);
    const spellings = ['https://S3.amazonaws.com:443/echo.api/echo-api-cert-12.pem', 'https://s3.amazonaws.com/echo.api/../echo.api/echo-api-cert-12.pem'];

    for (const certChainUrl of [CHAIN_URL, ...spellings]) expect(await verifier.verify(body, { certChainUrl, signature256 })).toEqual({ ok: true });
    expect(source.fetches).toBe(1);

    for (let i = 0; i < 40; i++) await verifier.verify(body, { certChainUrl: `https://s3.amazonaws.com/echo.api/cert-${i}.pem`, signature256 });
    await verifier.verify(body, { certChainUrl: CHAIN_URL, signature256 });
    expect(source.fetches).toBe(42); // the first URL was evicted: at most a bounded number of chains stay cached
  });

  it('keeps the most recently used chains: a chain used again outlives those fetched before it', async () => {
    const source = sourceOf(pki.chainPem);
    const verifier = new AlexaSignatureVerifier(source, [pki.root]);
    const signature256 = pki.signBody(body);
    const verify = (i: number) => verifier.verify(body, { certChainUrl: `https://s3.amazonaws.com/echo.api/cert-${i}.pem`, signature256 });

    for (let i = 0; i < 16; i++) await verify(i);
    await verify(0);
    expect(source.fetches).toBe(16); // sixteen chains fit

    await verify(16); // evicts cert-1, the least recently used, not cert-0
    await verify(0);
    expect(source.fetches).toBe(17);
    await verify(1);
    expect(source.fetches).toBe(18);
  });

  it('refuses a chain URL that serves no certificate', async () => {
    const verifier = new AlexaSignatureVerifier(sourceOf('<html>not a chain</html>'), [pki.root]);

    expect(await verifier.verify(body, { certChainUrl: CHAIN_URL, signature256: pki.signBody(body) })).toEqual({
      ok: false,
      reason: 'certificate chain unavailable',
    });
  });

  it('accepts a chain whose top certificate is itself a trusted certificate', async () => {
    const intermediate = new X509Certificate(pki.chainPem.slice(pki.chainPem.indexOf('-----END CERTIFICATE-----') + 26));
    const verifier = new AlexaSignatureVerifier(sourceOf(pki.chainPem), [intermediate]);

    expect(await verifier.verify(body, { certChainUrl: CHAIN_URL, signature256: pki.signBody(body) })).toEqual({ ok: true });
  });

  it('refuses a signing certificate that names echo-api.amazon.com only in its subject, not as a DNS name', async () => {
    const subjectOnly = makeTestPki({ altNames: undefined });
    const verifier = new AlexaSignatureVerifier(sourceOf(subjectOnly.chainPem), [subjectOnly.root]);

    const verdict = await verifier.verify(body, { certChainUrl: CHAIN_URL, signature256: subjectOnly.signBody(body) });

    expect(verdict).toEqual({ ok: false, reason: 'signing certificate is not for echo-api.amazon.com' });
  });

  it('takes a certificate as valid from its first to its last second, inclusive', async () => {
    const notBefore = new Date(Math.floor(Date.now() / 1000) * 1000 - 600_000);
    const notAfter = new Date(notBefore.getTime() + 3600_000);
    const windowed = makeTestPki({ notBefore, notAfter });
    const at = (millis: number) => new AlexaSignatureVerifier(sourceOf(windowed.chainPem), [windowed.root], () => millis);
    const headers = { certChainUrl: CHAIN_URL, signature256: windowed.signBody(body) };
    const notValid = { ok: false, reason: 'certificate not valid now' };

    expect(await at(notBefore.getTime() - 1000).verify(body, headers)).toEqual(notValid);
    expect(await at(notBefore.getTime()).verify(body, headers)).toEqual({ ok: true });
    expect(await at(notAfter.getTime()).verify(body, headers)).toEqual({ ok: true });
    expect(await at(notAfter.getTime() + 1000).verify(body, headers)).toEqual(notValid);
  });

  it('refuses a body changed after signing', async () => {
    const verifier = new AlexaSignatureVerifier(sourceOf(pki.chainPem), [pki.root]);
    const signature256 = pki.signBody(body);
    const tampered = Buffer.from(body.toString().replace('LaunchRequest', 'IntentRequest'));

    expect(await verifier.verify(tampered, { certChainUrl: CHAIN_URL, signature256 })).toEqual({ ok: false, reason: 'signature mismatch' });
  });

  it('accepts a chain that leads to any one of several trusted roots', async () => {
    const stranger = makeTestPki();
    const verifier = new AlexaSignatureVerifier(sourceOf(pki.chainPem), [stranger.root, pki.root]);

    expect(await verifier.verify(body, { certChainUrl: CHAIN_URL, signature256: pki.signBody(body) })).toEqual({ ok: true });
  });

  it('refuses a chain that does not lead to a trusted root', async () => {
    const stranger = makeTestPki();
    const verifier = new AlexaSignatureVerifier(sourceOf(stranger.chainPem), [pki.root]);

    const verdict = await verifier.verify(body, { certChainUrl: CHAIN_URL, signature256: stranger.signBody(body) });

    expect(verdict).toEqual({ ok: false, reason: 'chain does not lead to a trusted root' });
  });

  it.each([
    ['is not a CA', { isCa: false }],
    ['is a CA without keyCertSign in its key usage', { isCa: true, keyCertSign: false }],
  ])('refuses a chain in which the certificate that signed the leaf %s', async (_label, intermediate) => {
    const forged = makeTestPki({}, intermediate);
    const verifier = new AlexaSignatureVerifier(sourceOf(forged.chainPem), [forged.root]);

    const verdict = await verifier.verify(body, { certChainUrl: CHAIN_URL, signature256: forged.signBody(body) });

    expect(verdict).toEqual({ ok: false, reason: 'broken certificate chain' });
  });

  it.each<[string, LeafOptions]>([
    ['is a CA', { isCa: true }],
    ['has a key usage without digitalSignature', { digitalSignature: false }],
    ['is only for code signing', { extKeyUsage: ['codeSigning'] }],
    ['is only for e-mail', { extKeyUsage: ['emailProtection'] }],
  ])('refuses a signing certificate that %s', async (_label, leaf) => {
    const misused = makeTestPki(leaf);
    const verifier = new AlexaSignatureVerifier(sourceOf(misused.chainPem), [misused.root]);

    const verdict = await verifier.verify(body, { certChainUrl: CHAIN_URL, signature256: misused.signBody(body) });

    expect(verdict).toEqual({ ok: false, reason: 'signing certificate may not sign requests' });
  });

  it.each<[string, LeafOptions]>([
    ['server authentication only', { extKeyUsage: ['serverAuth'] }],
    ['no extended key usage at all', { extKeyUsage: undefined }],
  ])('accepts a signing certificate with %s, as Amazon documents no further purpose', async (_label, leaf) => {
    const pki = makeTestPki(leaf);
    const verifier = new AlexaSignatureVerifier(sourceOf(pki.chainPem), [pki.root]);

    expect(await verifier.verify(body, { certChainUrl: CHAIN_URL, signature256: pki.signBody(body) })).toEqual({ ok: true });
  });

  it('refuses a signing certificate that is not for echo-api.amazon.com', async () => {
    const impostor = makeTestPki({ commonName: 'evil.example.com', altNames: ['evil.example.com'] });
    const verifier = new AlexaSignatureVerifier(sourceOf(impostor.chainPem), [impostor.root]);

    const verdict = await verifier.verify(body, { certChainUrl: CHAIN_URL, signature256: impostor.signBody(body) });

    expect(verdict).toEqual({ ok: false, reason: 'signing certificate is not for echo-api.amazon.com' });
  });

  it('refuses an expired signing certificate', async () => {
    const expired = makeTestPki({ notBefore: new Date(Date.now() - 7200_000), notAfter: new Date(Date.now() - 3600_000) });
    const verifier = new AlexaSignatureVerifier(sourceOf(expired.chainPem), [expired.root]);

    const verdict = await verifier.verify(body, { certChainUrl: CHAIN_URL, signature256: expired.signBody(body) });

    expect(verdict).toEqual({ ok: false, reason: 'certificate not valid now' });
  });

  it('refuses a missing signature, a bad URL and an unreachable chain', async () => {
    const unreachable: CertChainSource = { fetch: () => Promise.reject(new Error('offline')) };
    const verifier = new AlexaSignatureVerifier(unreachable, [pki.root]);

    expect(await verifier.verify(body, { certChainUrl: CHAIN_URL })).toEqual({ ok: false, reason: 'missing Signature-256' });
    expect(await verifier.verify(body, { certChainUrl: CHAIN_URL, signature256: '' })).toEqual({ ok: false, reason: 'missing Signature-256' });
    expect(await verifier.verify(body, { certChainUrl: 'http://evil/echo.api/x', signature256: 'x' })).toEqual({
      ok: false,
      reason: 'bad SignatureCertChainUrl',
    });
    expect(await verifier.verify(body, { certChainUrl: CHAIN_URL, signature256: 'x' })).toEqual({
      ok: false,
      reason: 'certificate chain unavailable',
    });
  });
});
