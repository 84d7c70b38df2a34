import { readFileSync, readdirSync, readlinkSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { LOCAL_TABLE_NAMES } from '../../infra/local/store/local-tables';
import { ALICE_PHONE, LocalStackHarness } from '../support/local-stack-harness';
import { rawRequest } from '../support/raw-http';

/** Every path under `dir`, directories included. */
function walk(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    return entry.isDirectory() ? [path, ...walk(path)] : [path];
  });
}

/** TCP ports this process listens on (Linux: its socket inodes matched against /proc/net/tcp). */
function ownListeningPorts(): number[] {
  const inodes = new Set(
    readdirSync('/proc/self/fd')
      .map((fd) => {
        try {
          return /^socket:\[(\d+)\]$/.exec(readlinkSync(`/proc/self/fd/${fd}`))?.[1];
        } catch {
          return undefined;
        }
      })
      .filter((inode): inode is string => inode !== undefined),
  );
  return readFileSync('/proc/net/tcp', 'utf8')
    .split('\n')
    .slice(1)
    .map((line) => line.trim().split(/\s+/))
    .filter((fields) => fields[3] === '0A' && inodes.has(fields[9] ?? '')) // 0A: LISTEN
    .map((fields) => parseInt(fields[1]!.split(':')[1]!, 16));
}

/** Issue 11 holes 4 and 10: the store and the data dir belong to the stack's owner alone. */
describe('the local store and data dir', () => {
  let vg: LocalStackHarness;
  beforeAll(async () => {
    vg = await LocalStackHarness.start();
    await vg.say('alice', 'StartInstanceIntent', { instance: 'splunk' }); // outbox, audit, task token on disk
    // Finished rather than left waiting, so nothing is still writing when the suite closes the stack.
    await vg.say('alice', 'AuthorizeIntent', { code: await vg.lastCodeSentTo(ALICE_PHONE) });
    await vg.settled((await vg.latestExecution()).executionId, 10_000);
    await vg.stack.devices.start(); // device keys and certificates too
  });
  afterAll(() => vg.close());

  it('the data dir is 0700 and every file the stack wrote in it, LevelDB tables included, is 0600', () => {
    const paths = walk(vg.config.dataDir);
    const modes = paths.map((path) => ({ path, mode: (statSync(path).mode & 0o777).toString(8) }));

    expect((statSync(vg.config.dataDir).mode & 0o777).toString(8)).toBe('700');
    expect(paths.some((path) => path.includes(join('store', '')) && path.endsWith('.log'))).toBe(true);
    expect(modes.filter(({ path, mode }) => mode !== (statSync(path).isDirectory() ? '700' : '600'))).toEqual([]);
  });

  (process.platform === 'linux' ? it : it.skip)(
    'a page or another program cannot reach the store: no port the stack listens on takes an unsigned cross-origin UpdateItem',
    async () => {
      const ports = ownListeningPorts();
      const updateItem = JSON.stringify({
        TableName: LOCAL_TABLE_NAMES.users,
        Key: { userId: { S: 'bob' } },
        UpdateExpression: 'SET targets = :all',
        ExpressionAttributeValues: { ':all': { L: [{ S: '*' }] } },
      });
      const headers = {
        'content-type': 'application/x-amz-json-1.0',
        'x-amz-target': 'DynamoDB_20120810.UpdateItem',
        origin: 'http://evil.example',
        authorization: 'AWS4-HMAC-SHA256 Credential=local/20260101/local/dynamodb/aws4_request, SignedHeaders=host, Signature=00',
      };

      expect(ports).toContain(Number(new URL(vg.stack.url).port));
      for (const port of ports) {
        const answer = await rawRequest(`http://127.0.0.1:${port}/`, { method: 'POST', headers, body: updateItem }).catch(() => undefined);
        expect({ port, status: answer?.status }).not.toEqual({ port, status: 200 });
        expect(answer?.headers['access-control-allow-origin']).toBeUndefined();
      }
      expect((await vg.stack.deps.users.get('bob'))?.targets).toEqual(['web']);
    },
  );
});
