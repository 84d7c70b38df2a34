import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { build } from 'esbuild';
import express, { type Router } from 'express';

/** The operator console as served: the page and its script, bundled from src/ by esbuild. */
export interface ConsoleAssets {
  page: string;
  script: string;
}

export const CONSOLE_SCRIPT_PATH = '/console.js';
const CONSOLE_DIR = __dirname;

let built: Promise<ConsoleAssets> | undefined;

/**
 * The console of this folder, bundled once per process: every stack a test suite starts
 * serves the same code. A failed build is not kept, so the next start tries again.
 */
export function loadConsoleAssets(): Promise<ConsoleAssets> {
  built ??= buildConsoleAssets(CONSOLE_DIR).catch((error: unknown) => {
    built = undefined;
    throw error;
  });
  return built;
}

/**
 * Reads `<dir>/index.html` and bundles `<dir>/src/main.ts` in memory (tens of milliseconds).
 * A bundle that fails stops the start-up with esbuild's messages rather than serving a page
 * that does nothing.
 */
export async function buildConsoleAssets(dir: string): Promise<ConsoleAssets> {
  const [page, script] = await Promise.all([readFile(join(dir, 'index.html'), 'utf8'), bundleScript(dir)]);
  return { page, script };
}

async function bundleScript(dir: string): Promise<string> {
  try {
    const result = await build({
      entryPoints: [join(dir, 'src', 'main.ts')],
      tsconfig: join(CONSOLE_DIR, 'tsconfig.json'),
      bundle: true,
      write: false,
      format: 'iife',
      platform: 'browser',
      target: 'es2022',
      charset: 'utf8',
      legalComments: 'none',
      logLevel: 'silent',
    });
    const [output] = result.outputFiles;
    if (!output) throw new Error('esbuild wrote no output');
    return output.text;
  } catch (error) {
    throw new Error(`the operator console could not be bundled: ${error instanceof Error ? error.message : String(error)}`);
  }
}

/** GET / (the page) and its script; the operator-access checks run before this router. */
export function consoleRoutes(assets: ConsoleAssets): Router {
  const router = express.Router();
  router.get('/', (_req, res) => void res.type('html').set('Cache-Control', 'no-store').send(assets.page));
  router.get(CONSOLE_SCRIPT_PATH, (_req, res) => void res.type('application/javascript').set('Cache-Control', 'no-store').send(assets.script));
  return router;
}
