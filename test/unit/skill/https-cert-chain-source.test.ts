/** Downloading the signing chain: the body on success, an error naming the status otherwise, and no waiting forever. */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { httpsCertChainSource } from '../../../skill/signature/https-cert-chain-source';

const PEM = '-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n';

describe('httpsCertChainSource', () => {
  let server: Server;
  let base: string;
  beforeAll(async () => {
    server = createServer((request, response) => {
      if (request.url === '/echo.api/chain.pem') response.end(PEM);
      else if (request.url === '/echo.api/silent.pem') request.on('close', () => response.destroy());
      else response.writeHead(404).end('not here');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });

  it('returns the PEM bundle served at the URL', async () => {
    expect(await httpsCertChainSource.fetch(`${base}/echo.api/chain.pem`)).toBe(PEM);
  });

  it('fails with the status when the download is refused, rather than handing on the error page', async () => {
    await expect(httpsCertChainSource.fetch(`${base}/echo.api/missing.pem`)).rejects.toThrow('certificate download failed: 404');
  });

  it('gives up on a server that never answers', async () => {
    await expect(httpsCertChainSource.fetch(`${base}/echo.api/silent.pem`)).rejects.toThrow(/timeout|aborted/i);
  }, 20_000);
});
