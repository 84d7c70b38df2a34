import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Script } from 'node:vm';
import { buildConsoleAssets, loadConsoleAssets } from '../../../infra/local/console/console-assets';

describe('the console bundle built at start-up', () => {
  let dir: string;

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'voicegate-console-src-'));
    mkdirSync(join(dir, 'src'));
    writeFileSync(join(dir, 'index.html'), '<!doctype html><title>t</title>');
  });

  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('bundles the real console into one script that compiles, with the page beside it', async () => {
    const { page, script } = await loadConsoleAssets();

    expect(page).toContain('<script src="/console.js" defer></script>');
    expect(() => new Script(script, { filename: 'console.js' })).not.toThrow();
    expect(script).not.toMatch(/^\s*(import|export) /m);
  });

  it('fails the start with the file, line and message when the script does not compile', async () => {
    writeFileSync(join(dir, 'src', 'main.ts'), 'const ready: number = ;\n');

    await expect(buildConsoleAssets(dir)).rejects.toThrow(/the operator console could not be bundled: [\s\S]*main\.ts:1:/);
  });

  it('fails when a module the script imports is missing', async () => {
    writeFileSync(join(dir, 'src', 'main.ts'), "import { poll } from './poller';\npoll();\n");

    await expect(buildConsoleAssets(dir)).rejects.toThrow(/could not be bundled: [\s\S]*Could not resolve "\.\/poller"/);
  });
});
