import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import puppeteer, { type Browser, type Page } from 'puppeteer-core';
import type { LocalStackHarness } from './local-stack-harness';

/** Debian's chromium (`.ci/run` installs it with apt); puppeteer-core never downloads a browser. */
export const CHROMIUM = process.env.VOICEGATE_CHROMIUM ?? '/usr/bin/chromium';

/** Where the console tests leave their screenshots for review (git-ignored). */
export const SCREENSHOT_DIR = join(__dirname, '..', '..', 'test-output', 'console');

/** Quiet, offline, throw-away: no sync, no updates, no QUIC, a fresh profile each launch. */
const CHROMIUM_FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export const chromiumAvailable = (): boolean => existsSync(CHROMIUM);

/**
 * describe, or describe.skip with a visible notice when chromium is missing on a laptop;
 * under CI the suite runs and fails instead, since CI installs chromium.
 */
export function describeWithChromium(name: string, body: () => void): void {
  if (chromiumAvailable() || process.env.CI === 'true') {
    describe(name, body);
    return;
  }
  console.warn(`${name}: skipped, ${CHROMIUM} not found (apt-get install chromium, or set VOICEGATE_CHROMIUM)`);
  describe.skip(name, body);
}

export class ConsoleBrowser {
  private constructor(
    readonly browser: Browser,
    private readonly profile: string,
  ) {}

  static async launch(): Promise<ConsoleBrowser> {
    const profile = mkdtempSync(join(tmpdir(), 'voicegate-chromium-'));
    const browser = await puppeteer.launch({
      executablePath: CHROMIUM,
      headless: true,
      args: [...CHROMIUM_FLAGS, `--user-data-dir=${profile}`],
      userDataDir: profile,
    });
    return new ConsoleBrowser(browser, profile);
  }

  /** Opens the console as an operator does: the start-up URL with the token, which sets the cookie. */
  async open(harness: LocalStackHarness, width = 1400): Promise<Page> {
    const page = await this.browser.newPage();
    await page.setViewport({ width, height: 1000 });
    const failures: string[] = [];
    page.on('pageerror', (error) => failures.push(String(error)));
    await page.goto(harness.stack.consoleUrl, { waitUntil: 'domcontentloaded' });
    await page.waitForSelector('#connection[data-state="live"]');
    if (failures.length > 0) throw new Error(`the console threw: ${failures.join('; ')}`);
    return page;
  }

  async close(): Promise<void> {
    await this.browser.close();
    rmSync(this.profile, { recursive: true, force: true });
  }
}

/** Screenshots of each panel at each width, as test-output/console/<panel>-<width>.png. */
export async function screenshotPanels(page: Page, panels: readonly string[], widths: readonly number[]): Promise<void> {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  // The page honours reduced motion: rows that just arrived are not caught mid-highlight.
  await page.emulateMediaFeatures([{ name: 'prefers-reduced-motion', value: 'reduce' }]);
  for (const width of widths) {
    await page.setViewport({ width, height: 1000 });
    await page.screenshot({ path: join(SCREENSHOT_DIR, `page-${width}.png`), fullPage: true });
    for (const panel of panels) {
      const element = await page.$(`#${panel}`);
      if (element && (await element.isVisible())) await element.screenshot({ path: join(SCREENSHOT_DIR, `${panel}-${width}.png`) });
    }
  }
}

/** The text (or one attribute) of every element matching selector, in order. */
export function textsOf(page: Page, selector: string, attribute?: string): Promise<string[]> {
  return page.$$eval(selector, (nodes, name) => nodes.map((node) => ((name ? node.getAttribute(name) : node.textContent) ?? '').trim()), attribute);
}

/** Waits until textsOf(selector, attribute) equals expected; the page re-renders about once a second. */
export async function waitForTexts(page: Page, selector: string, expected: string[], attribute?: string, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let seen: string[] = [];
  while (Date.now() < deadline) {
    seen = await textsOf(page, selector, attribute);
    if (JSON.stringify(seen) === JSON.stringify(expected)) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`${selector}: expected ${JSON.stringify(expected)}, still ${JSON.stringify(seen)}`);
}

/** A DOM property of the first element matching selector (e.g. an image's naturalWidth). */
export async function propertyOf(page: Page, selector: string, property: string): Promise<unknown> {
  const element = await page.waitForSelector(selector);
  return (await element!.getProperty(property)).jsonValue();
}
