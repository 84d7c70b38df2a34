import { ALICE_PHONE, LocalStackHarness } from '../support/local-stack-harness';
it('explore', async () => {
  const vg = await LocalStackHarness.start();
  try {
    await vg.say('alice', 'StartInstanceIntent', { instance: 'splunk' });
    const code = await vg.lastCodeSentTo(ALICE_PHONE);
    console.log(await vg.say('alice', 'AuthorizeIntent', { code }));
    const ex = await vg.latestExecution();
    console.log(JSON.stringify(await vg.execution(ex.executionId), null, 1));
  } finally { await vg.close(); }
});
