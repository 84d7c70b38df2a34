import { X509Certificate, verify as verifySignature } from 'node:crypto';
import { isAlexaCertChainUrl, normalizedCertChainUrl } from './cert-chain-url';
import { mayIssueCertificates, maySignRequests } from './key-usage';

/** Where the signing certificate chain comes from (HTTPS in production, fixtures in tests). */
export interface CertChainSource {
  /** The PEM bundle at `url`: the signing certificate first, then intermediates. */
  fetch(url: string): Promise<string>;
}

export interface SignatureHeaders {
  certChainUrl?: string;
  signature256?: string;
}

export type SignatureVerdict = { ok: true } | { ok: false; reason: string };

/** The name Alexa's signing certificate must carry. */
export const ALEXA_SIGNING_NAME = 'echo-api.amazon.com';

/** Alexa uses a handful of chain URLs; a cap keeps forged headers from growing the cache without bound. */
const CHAIN_CACHE_SIZE = 16;

/** The signing certificate first, then each issuer up the chain. */
type CertChain = [X509Certificate, ...X509Certificate[]];

/**
 * S10 for an HTTPS endpoint: the chain URL follows Alexa's rules, the chain is valid now
 * and leads to a trusted root, the signing certificate is for echo-api.amazon.com and is an
 * end-entity certificate meant for signing, and its key signed the exact request body
 * (SHA-256). Chains are cached per URL.
 */
export class AlexaSignatureVerifier {
  private readonly chains = new Map<string, CertChain>();

  constructor(
    private readonly source: CertChainSource,
    private readonly trustedRoots: X509Certificate[],
    private readonly now: () => number = Date.now,
  ) {}

  async verify(body: Buffer, headers: SignatureHeaders): Promise<SignatureVerdict> {
    if (!isAlexaCertChainUrl(headers.certChainUrl)) return refuse('bad SignatureCertChainUrl');
    if (!headers.signature256) return refuse('missing Signature-256');
    const chain = await this.chainFor(headers.certChainUrl).catch(() => undefined);
    if (!chain) return refuse('certificate chain unavailable');
    const problem = this.chainProblem(chain);
    if (problem) return refuse(problem);
    const signature = Buffer.from(headers.signature256, 'base64');
    return verifySignature('sha256', body, chain[0].publicKey, signature) ? { ok: true } : refuse('signature mismatch');
  }

  /** Least recently used first out: a Map iterates in insertion order, and a hit is re-inserted. */
  private async chainFor(url: string): Promise<CertChain> {
    const key = normalizedCertChainUrl(url);
    const cached = this.chains.get(key);
    if (cached) {
      this.chains.delete(key);
      this.chains.set(key, cached);
      return cached;
    }
    const [signer, ...issuers] = splitPem(await this.source.fetch(key)).map((pem) => new X509Certificate(pem));
    // Stryker disable next-line StringLiteral: equivalent — verify() refuses every failure to get the chain alike ('certificate chain unavailable'); the message is never read
    if (!signer) throw new Error('empty chain');
    const chain: CertChain = [signer, ...issuers];
    this.chains.set(key, chain);
    const leastRecent = this.chains.keys().next();
    if (this.chains.size > CHAIN_CACHE_SIZE && !leastRecent.done) this.chains.delete(leastRecent.value);
    return chain;
  }

  private chainProblem(chain: CertChain): string | undefined {
    const now = this.now();
    if (chain.some((cert) => now < Date.parse(cert.validFrom) || now > Date.parse(cert.validTo))) return 'certificate not valid now';
    const [signer, ...issuers] = chain;
    if (!signer.checkHost(ALEXA_SIGNING_NAME, { subject: 'never' })) return `signing certificate is not for ${ALEXA_SIGNING_NAME}`;
    if (!maySignRequests(signer)) return 'signing certificate may not sign requests';
    let top = signer;
    for (const issuer of issuers) {
      if (!issued(issuer, top)) return 'broken certificate chain';
      top = issuer;
    }
    return this.trustedRoots.some((root) => issued(root, top) || root.fingerprint256 === top.fingerprint256)
      ? undefined
      : 'chain does not lead to a trusted root';
  }
}

/** A signature alone is not enough: the signer must be a CA allowed to sign certificates (what `openssl verify` checks). */
function issued(issuer: X509Certificate, subject: X509Certificate): boolean {
  return subject.checkIssued(issuer) && subject.verify(issuer.publicKey) && mayIssueCertificates(issuer);
}

function splitPem(bundle: string): string[] {
  return [...bundle.matchAll(/-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g)].map(([pem]) => pem);
}

function refuse(reason: string): SignatureVerdict {
  return { ok: false, reason };
}
