import type { Page } from 'puppeteer-core';
import { ConsoleBrowser, describeWithChromium, propertyOf, screenshotPanels, textsOf, waitForTexts } from '../support/console-browser';
import { ALICE_PHONE, LocalStackHarness, speechOf } from '../support/local-stack-harness';

jest.setTimeout(60_000);

const PANELS = ['executions-panel', 'detail-panel', 'audit-panel', 'fleet-panel', 'devices-panel', 'phones-panel', 'limits-panel', 'factors-panel'];

/** The operator console in headless Chromium against the real local stack. */
describeWithChromium('the operator console in a browser', () => {
  let vg: LocalStackHarness;
  let browser: ConsoleBrowser;
  let page: Page;

  beforeAll(async () => {
    [vg, browser] = await Promise.all([LocalStackHarness.start(), ConsoleBrowser.launch()]);
    page = await browser.open(vg);
  });

  afterAll(async () => {
    await browser?.close();
    await vg?.close();
  });

  const outcomes = () => textsOf(page, '#executions-body [data-outcome]', 'data-outcome');
  const waitForOutcomes = (expected: string[]) => waitForTexts(page, '#executions-body [data-outcome]', expected, 'data-outcome');

  it('shows a new execution as it starts, waiting for its code', async () => {
    await vg.intent('alice', 'StartInstanceIntent', { instance: 'splunk' });

    await waitForOutcomes(['Waiting for code']);
    expect(await textsOf(page, '#executions-body td:nth-child(4)')).toEqual(['start splunk']);
    expect(await textsOf(page, '#pending-count')).toEqual(['1']);
  });

  it('opens the history of an execution', async () => {
    await page.click('#executions-body tr td:nth-child(4)');

    await page.waitForSelector('#detail-panel:not([hidden]) .timeline li');
    const steps = await textsOf(page, '#detail-body .timeline li');
    expect(steps.some((step) => step.includes('Send Code And Wait'))).toBe(true);
    expect(steps.at(-1)).toContain('waiting');
    expect(page.url()).toMatch(/#execution=/);
  });

  it('names why a run ended, with the cause on hover: a newer command supersedes the waiting one', async () => {
    await vg.intent('alice', 'StartInstanceIntent', { instance: 'build' });

    await waitForOutcomes(['Waiting for code', 'Superseded']);
    const cause = await page.$eval('#executions-body tr:nth-child(2) [data-outcome]', (badge) => badge.getAttribute('title'));
    expect(cause).toMatch(/newer command/);
  });

  it('replays an execution as a new run that waits for a fresh code', async () => {
    const before = (await vg.outbox()).length;
    await page.click('#executions-body tr:nth-child(2) .actions button');

    await page.waitForSelector('#replay-notice ::-p-text(Waiting for code)');
    await waitForOutcomes(['Waiting for code', 'Superseded', 'Superseded']);
    expect((await vg.outbox()).length).toBe(before + 1);
    expect((await vg.latestExecution()).status).toBe('RUNNING');
  });

  it('filters executions by status and by user', async () => {
    await page.select('#filter-status', 'Superseded');
    await waitForOutcomes(['Superseded', 'Superseded']);
    await page.select('#filter-status', '');
    await page.select('#filter-user', 'alice');
    expect(await outcomes()).toHaveLength(3);
    await page.select('#filter-user', '');
  });

  it('refuses to enroll an authenticator without a step-up, and says why', async () => {
    await page.waitForSelector('#step-up:not([hidden]) #step-up-factor option[value="sms"]');
    await page.click('#enroll-totp');

    await page.waitForSelector('#factor-notice.error ::-p-text(needs a step-up)');
    expect(await propertyOf(page, '#enrollment', 'hidden')).toBe(true);
  });

  it('shows a QR code when an authenticator app is enrolled after a step-up by text', async () => {
    await page.select('#step-up-factor', 'sms');
    await page.click('#step-up-send');
    await page.waitForSelector('#factor-notice ::-p-text(Step-up code sent to ***01)');
    await page.type('#step-up-code', await vg.lastCodeSentTo(ALICE_PHONE));
    await page.click('#enroll-totp');

    await page.waitForSelector('#enrollment:not([hidden]) #enrollment-qr[src^="data:image/svg+xml;base64,"]');
    expect(await propertyOf(page, '#enrollment-qr', 'naturalWidth')).toBeGreaterThan(0);
    expect(await propertyOf(page, '#enrollment-uri', 'value')).toMatch(/^otpauth:\/\/totp\//);
  });

  it('tells a replay at the send limit failed and why, then lifts the limit so a code is sent again', async () => {
    let answer = '';
    for (let tries = 0; tries < 10 && !/too many/i.test(answer); tries += 1) answer = speechOf(await vg.intent('alice', 'StartInstanceIntent', { instance: 'splunk' }));
    expect(answer).toMatch(/too many codes/i);

    await page.waitForSelector('#limits-list .refusal');
    expect(await textsOf(page, '#limits-list .who')).toEqual(['alice']);
    await page.click('#executions-body tr:first-child .actions button');
    await page.waitForSelector('#replay-notice.error ::-p-text(limit)');

    await page.click('#limits-list .refusal button');
    await page.waitForSelector('#limits-notice ::-p-text(lifted)');
    await page.waitForSelector('#limits-empty:not([hidden])');
    await page.waitForSelector('#audit-body ::-p-text(Limit Reset)');
    expect(await vg.say('alice', 'StartInstanceIntent', { instance: 'build' })).toMatch(/To confirm starting build I sent/);
  });

  it('leaves a screenshot of each panel at 1400 and 800 pixels wide', async () => {
    await screenshotPanels(page, PANELS, [1400, 800]);
  });
});
