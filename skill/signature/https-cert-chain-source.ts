import type { CertChainSource } from './alexa-signature-verifier';

/** Downloads Alexa's signing chain over HTTPS (only URLs that passed the URL rules get here). */
export const httpsCertChainSource: CertChainSource = {
  async fetch(url) {
    const response = await fetch(url, { signal: AbortSignal.timeout(3000) });
    if (!response.ok) throw new Error(`certificate download failed: ${response.status}`);
    return response.text();
  },
};
