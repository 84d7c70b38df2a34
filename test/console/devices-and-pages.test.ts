import type { Page } from 'puppeteer-core';
import { ConsoleBrowser, describeWithChromium, textsOf, waitForTexts } from '../support/console-browser';
import { ALICE_PHONE, LocalStackHarness } from '../support/local-stack-harness';

jest.setTimeout(60_000);

/** A device action and a longer history, in headless Chromium against the real local stack. */
describeWithChromium('the operator console with devices and many executions', () => {
  let vg: LocalStackHarness;
  let browser: ConsoleBrowser;
  let page: Page;

  beforeAll(async () => {
    // SMS may confirm unlocking here, so the device action needs no authenticator app.
    [vg, browser] = await Promise.all([
      LocalStackHarness.start({ settings: { factorPolicy: { default: ['sms'], actions: {}, targets: {}, emailEnabled: true } } }),
      ConsoleBrowser.launch(),
    ]);
    await vg.stack.devices.start();
    page = await browser.open(vg);
  });

  afterAll(async () => {
    await browser?.close();
    await vg?.close();
  });

  it("shows a device action's result as the device's state, beside the fleet", async () => {
    await vg.intent('alice', 'DeviceCommandIntent', { action: 'unlock', device: 'front door' });
    await vg.intent('alice', 'AuthorizeIntent', { code: await vg.lastCodeSentTo(ALICE_PHONE) });

    await waitForTexts(page, '#executions-body [data-outcome]', ['Succeeded'], 'data-outcome');
    expect(await textsOf(page, '#executions-body [data-outcome]', 'title')).toEqual(['now unlocked']);
    await page.waitForSelector('#devices-list ::-p-text(lock: unlocked)');
    const succeeded = await textsOf(page, '#audit-body tr:first-child .chip');
    expect(succeeded).toEqual(['deviceunlocked']);
    const panels = await page.$$eval('.column:last-child > section', (sections) => sections.map((section) => section.id));
    expect(panels.indexOf('devices-panel')).toBe(panels.indexOf('fleet-panel') + 1);
  });

  it('pages through executions, newest first, and filters one user', async () => {
    for (const userId of ['carol', 'dave', 'erin']) {
      await vg.post('/api/dev/users', { userId, phone: `+1555555${userId.length}${userId.charCodeAt(0)}`, email: `${userId}@example.com`, targets: ['*'] });
      for (const instance of ['splunk', 'build', 'splunk', 'build', 'splunk']) await vg.intent(userId, 'StartInstanceIntent', { instance });
    }
    const total = (await vg.executions()).length;
    expect(total).toBe(16);

    await waitForTexts(page, '#executions-pager .position', [`1–15 of ${total}`]);
    expect(await textsOf(page, '#executions-body tr td:nth-child(3)')).toHaveLength(15);
    await page.click('#executions-pager ::-p-text(Older)');
    await waitForTexts(page, '#executions-pager .position', [`16–16 of ${total}`]);
    expect(await textsOf(page, '#executions-body tr td:nth-child(3)')).toEqual(['alice']);

    await page.select('#filter-user', 'dave');
    expect(await textsOf(page, '#executions-body tr td:nth-child(3)')).toEqual(Array(5).fill('dave'));
    expect(await page.$eval('#executions-pager', (pager) => pager.hasAttribute('hidden'))).toBe(true);
  });
});
